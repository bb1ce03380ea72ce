/** The CLI with the test-only `cuisine` type in its registry (runCli's `script`). */
import "./toy-filter-type.js";

await import("../../src/cli/main.js");
