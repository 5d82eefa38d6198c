// Loads the bundled CLI (dist/cli.cjs) through V8's code cache, so a start-up does not compile the
// bundle again: the cache lives in the user's own cache folder ($XDG_CACHE_HOME or ~/.cache, never a
// shared temporary folder), keyed by Node's version and the bundle's contents, and is refreshed
// whenever V8 rejects it. PERFTABLE_NO_CACHE=1 turns it off; any failure falls back to a plain require.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const os = require("node:os");
const Module = require("node:module");

const file = path.join(__dirname, "..", "dist", "cli.cjs");

function load() {
  const source = fs.readFileSync(file, "utf8");
  // Keyed by Node's version and the bundle's size and modification time (hashing 0.5 MB of source
  // would cost more than the cache saves on a small run, and loading node:crypto alone costs ~2 ms);
  // V8 itself rejects a cache that does not fit.
  const info = fs.statSync(file);
  const key = `${process.version}-${process.arch}-${info.size}-${Math.round(info.mtimeMs)}`.replace(/[^\w-]/g, "_");
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  const dir = path.join(base, "perftable");
  const cacheFile = path.join(dir, `${key}.v8cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  const saveCache = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const tmp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
      // A new cache means a new bundle: drop the caches of earlier bundles for this Node (and
      // those of perftable 0.1's hashed names), so upgrades do not pile up files.
      const prefix = key.slice(0, key.lastIndexOf("-", key.lastIndexOf("-") - 1) + 1);
      for (const name of fs.readdirSync(dir)) {
        if (name !== `${key}.v8cache` && name.endsWith(".v8cache") && (name.startsWith(prefix) || /^[0-9a-f]{20}\.v8cache$/.test(name))) {
          fs.rmSync(path.join(dir, name), { force: true });
        }
      }
    } catch {
      // A read-only or full temporary folder only costs speed.
    }
  };
  return { main: mod.exports.main, saveCache };
}

try {
  if (process.env.PERFTABLE_NO_CACHE) throw new Error("code cache off");
  module.exports = load();
} catch {
  module.exports = { main: require(file).main, saveCache: () => undefined };
}
