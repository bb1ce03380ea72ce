const root = process.argv[2];
const { createExtractor } = await import(`${root}/src/extractor/extractor.ts`);
const ex = createExtractor({ offlineFastPath: false });
const q = "10分以内に500円未満で作れる副菜教えて";
for (let i = 0; i < 300; i++) await ex.extract(q);
const t0 = performance.now();
const N = 500;
for (let i = 0; i < N; i++) await ex.extract(q);
console.log(`${Math.round(N / ((performance.now() - t0) / 1000))} queries/s offline`);
