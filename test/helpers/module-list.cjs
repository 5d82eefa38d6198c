// Preloaded with `node -r`: at exit, writes to stderr the built-in modules loaded after it, one per
// line (`NativeModule worker_threads` …), so a test can see what a command loads at start-up.
const before = new Set(process.moduleLoadList);
process.on("exit", () => {
  const loaded = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith("NativeModule "));
  require("node:fs").writeSync(2, loaded.join("\n") + "\n");
});
