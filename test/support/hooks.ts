/**
 * Hooks for a test file's own tests. `npm run test:unit` runs every file in one process
 * (--test-isolation=none), where a `beforeEach` at a file's top level belongs to the run, not
 * the file, and would run before every other file's tests too.
 */
import { beforeEach } from "node:test";
import { fileURLToPath } from "node:url";

/** `beforeEach(fn)` for the tests of the file at `fileUrl` (pass `import.meta.url`) only. */
export function beforeEachOfFile(fileUrl: string, fn: () => unknown): void {
  const file = fileURLToPath(fileUrl);
  beforeEach((t) => (t.filePath === file ? fn() : undefined));
}
