/**
 * The entry point of a job's thread (bundled as dist/electron/job-thread.cjs): opens its own
 * connection to the store, runs one job body and reports back. Progress and the result go to the
 * call thread as messages; a cancel terminates this thread (see gate.ts for a cancel that meets a
 * commit), and an uncommitted transaction dies with its connection.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import type { StoreLocation } from '../../db/backup';
import { openStoreConnection } from '../../db/open';
import { ApiError } from '../../shared/contract';
import { loadSolver } from '../../shared/scoring';
import { runJobBody, type JobRequest } from './bodies';
import { CancelledJob, CommitGate } from './gate';
import type { FromJobThread } from './messages';

export interface JobThreadData {
  request: JobRequest;
  store: StoreLocation;
  gate: SharedArrayBuffer;
  /** Where highs.wasm is, beside the bundles; null under the TypeScript loader (the package finds its own). */
  solverDir: string | null;
}

function send(message: FromJobThread): void {
  parentPort!.postMessage(message);
}

async function main(): Promise<void> {
  const data = workerData as JobThreadData;
  const gate = new CommitGate(data.gate);
  if (data.request.kind === 'plan' && data.solverDir) {
    const dir = data.solverDir;
    await loadSolver({ locateFile: (file) => join(dir, file) });
  }
  // Buffers arrive as plain Uint8Arrays: the key's hex and the importers' decoding need Buffers again.
  const db = openStoreConnection({ ...data.store, key: Buffer.from(data.store.key) });
  const request: JobRequest =
    data.request.kind === 'import'
      ? {
          ...data.request,
          files: data.request.files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) })),
        }
      : data.request;
  try {
    const outcome = await runJobBody(db, request, {
      progress: (phase, done, total) => send({ type: 'progress', phase, done, total }),
      beforeCommit: () => gate.passBeforeCommit(),
    });
    send({ type: 'done', outcome });
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof CancelledJob) send({ type: 'cancelled' });
  else if (error instanceof ApiError) send({ type: 'refused', error: error.toBody() });
  else
    send({
      type: 'failed',
      problem: error instanceof Error ? (error.stack ?? error.message) : String(error),
      code: String((error as { code?: unknown })?.code ?? ''),
    });
});
