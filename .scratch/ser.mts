import { createChatModel } from "../src/model/chat-model.ts";
import { z } from "zod";
const m = createChatModel({ model: "gpt-4o-mini", baseUrl: "http://h/v1?api-key=SECRET" });
console.log(JSON.stringify(m.toJSON()).slice(0, 600));
console.log(m.constructor.name, Object.keys(m.lc_kwargs));
const s = m.withStructuredOutput(z.object({a: z.string()}), { name: "x", includeRaw: true });
console.log(JSON.stringify((s as any).first.steps.raw.constructor.name));
