// Preloaded into a CLI subprocess to simulate an unexpected failure (stdout unusable),
// so the exit code for "anything unexpected" is tested on the real error path.
process.stdout.write = () => {
  throw new Error("simulated stdout failure");
};
