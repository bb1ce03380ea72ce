import { createExtractor } from "../src/extractor/extractor.ts";
import { FILTER_TYPES } from "../src/filters/index.ts";
import { createTracing } from "../src/tracing/langsmith.ts";
import { startLangSmithReceiver } from "../stand-ins/langsmith-receiver.ts";
import { answerLikeTheExtractor, startOpenAIStandIn } from "../stand-ins/openai-server.ts";
const s = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
const r = await startLangSmithReceiver();
const t = createTracing({ apiUrl: r.url, apiKey: "lsv2_test_key_not_real_0123456789" });
const port = new URL(s.url).port;
const res = await createExtractor({ settings: { apiKey: "operator-key-0123456", baseUrl: process.argv[2].replace("PORT", port) }, build: { maxRetries: 0 } }).extract("10分以内", { callbacks: [t.tracer] });
await t.flush(5000);
const all = r.rawBodies.join("\n");
for (const m of all.matchAll(/.{0,1500}(pa55|k3y).{0,80}/g)) { console.log("LEAK:", m[0]); break; }
console.log(JSON.stringify(res.errors[0]));
await s.close(); await r.close();
