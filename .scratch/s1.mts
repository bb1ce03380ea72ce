import { createExtractor } from "../src/extractor/extractor.ts";
import { FILTER_TYPES } from "../src/filters/index.ts";
import { answerLikeTheExtractor, startOpenAIStandIn } from "../stand-ins/openai-server.ts";
const s = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
const ex = createExtractor({ settings: { baseUrl: s.url } });
for await (const e of ex.stream("10分以内に500円未満で作れる副菜教えて")) console.log(JSON.stringify(e));
console.log(JSON.stringify(await ex.extract("10分以内に500円未満で作れる副菜教えて")));
await s.close();
