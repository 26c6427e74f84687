import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a job's thread. From the bundle (dist/electron/*.cjs) it runs job-thread.cjs beside it,
 * which build/bundle.mjs writes; from the sources (vitest, tsx) it runs thread.ts through tsx's
 * CommonJS loader, required first in a small script (Node does not apply `--import tsx` to a
 * worker's own entry). The same arrangement as the backend's own thread (wip/worker's
 * electron/threads.ts): once that lands, this becomes one more entry there.
 */
export const JOB_THREAD_BUNDLE = 'job-thread.cjs';

function runningFromBundle(): boolean {
  return __filename.endsWith('.cjs');
}

/** The directory highs.wasm is copied to beside the bundles, or null when running the sources. */
export function bundleDir(): string | null {
  return runningFromBundle() ? __dirname : null;
}

export function startJobThread(options: Omit<WorkerOptions, 'eval'>): Worker {
  if (runningFromBundle()) {
    const bundle = join(__dirname, JOB_THREAD_BUNDLE);
    if (!existsSync(bundle)) throw new Error(`The app is incomplete: ${bundle} is missing. Reinstall the app, or run npm run build.`);
    return new Worker(bundle, options);
  }
  const tsxLoader = createRequire(__filename).resolve('tsx/cjs');
  const source = join(__dirname, 'thread.ts');
  return new Worker(`require(${JSON.stringify(tsxLoader)});\nrequire(${JSON.stringify(source)});`, { ...options, eval: true });
}
