// The worker thread (bundled to dist/worker.js). For audit: receives batches of file paths, checks
// each file and posts back the per-file reports of the batch — never documents or source text. For
// a check of one big table: checks one part of it (validate/parts.ts).
import { parentPort, workerData } from "node:worker_threads";
import { auditFile } from "./check-file.js";
import { checkPart, type PartRequest } from "../validate/parts.js";
import { convertPart } from "../convert/stream.js";
import { deserializeConfig, type AuditCheckSettings, type AuditFileReport } from "./types.js";

/** A batch sent to a worker. */
export interface WorkerRequest {
  batch: number;
  files: string[];
}

/** A worker's answer: the reports of one batch, in the order of its files. */
export interface WorkerResponse {
  batch: number;
  reports: AuditFileReport[];
}

if (parentPort && (workerData as { part?: boolean } | null)?.part === true) {
  // A part of one big table (validate/parts.ts): one request, one answer.
  const port = parentPort;
  port.once("message", async (request: PartRequest) => {
    if (request.task.kind === "convert") {
      port.postMessage(await convertPart(request));
      return;
    }
    const answer = await checkPart(request);
    port.postMessage(answer, answer.ok ? [answer.findings.records.buffer as ArrayBuffer] : []);
  });
} else if (parentPort) {
  const port = parentPort;
  const settings = workerData as AuditCheckSettings;
  const config = deserializeConfig(settings.config);
  port.on("message", async (request: WorkerRequest) => {
    const reports: AuditFileReport[] = [];
    for (const file of request.files) reports.push(await auditFile(file, settings, config));
    // The prerendered bytes move to the main thread without a copy.
    const transfer: ArrayBuffer[] = [];
    for (const r of reports) for (const pieces of Object.values(r.rendered ?? {})) for (const bytes of pieces) transfer.push(bytes.buffer as ArrayBuffer);
    port.postMessage({ batch: request.batch, reports } satisfies WorkerResponse, transfer);
  });
}
