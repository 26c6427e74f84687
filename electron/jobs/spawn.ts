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

/**
 * This file's folder: dist/electron in the bundle (build/bundle.mjs defines import.meta.dirname as
 * the CommonJS bundle's __dirname), electron/jobs when the sources run as ES modules under tsx or
 * vitest, where __dirname does not exist.
 */
const HERE = import.meta.dirname;

function runningFromBundle(): boolean {
  return typeof __filename === 'string' && __filename.endsWith('.cjs');
}

/** The directory highs.wasm is copied to beside the bundles, or null when running the sources. */
export function bundleDir(): string | null {
  return runningFromBundle() ? HERE : null;
}

export function startJobThread(options: Omit<WorkerOptions, 'eval'>): Worker {
  if (runningFromBundle()) {
    const bundle = join(HERE, JOB_THREAD_BUNDLE);
    if (!existsSync(bundle)) throw new Error(`The app is incomplete: ${bundle} is missing. Reinstall the app, or run npm run build.`);
    return new Worker(bundle, options);
  }
  const tsxLoader = createRequire(join(HERE, 'spawn.ts')).resolve('tsx/cjs');
  const source = join(HERE, 'thread.ts');
  return new Worker(`require(${JSON.stringify(tsxLoader)});\nrequire(${JSON.stringify(source)});`, { ...options, eval: true });
}
