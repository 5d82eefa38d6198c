// A stand-in audit worker for pool tests: answers each batch with placeholder reports, but dies
// (like a worker out of memory) on a batch holding a file whose name contains "binary".
import { parentPort } from "node:worker_threads";

parentPort.on("message", ({ batch, files }) => {
  if (files.some((f) => f.includes("binary"))) process.exit(7);
  const reports = files.map((path) => ({ path, encoding: "stub", errorCount: 0, warningCount: 0, infoCount: 0, diagnostics: [], ruleCounts: [], unreadable: null }));
  parentPort.postMessage({ batch, reports });
});
