import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The app's own worker threads, named once here with their two forms: the bundle that
 * build/bundle.mjs writes beside the host's bundle (dist/electron/<bundle>), and the TypeScript
 * source that tests and tools running the sources start instead.
 */
export const THREAD_ENTRIES = {
  backend: { bundle: 'backend-thread.cjs', source: 'backendThread.ts' },
  /** One long job (electron/jobs): the plan, an import, the postcode directory, a PDF. */
  job: { bundle: 'job-thread.cjs', source: 'jobs/thread.ts' },
} as const;

export type ThreadName = keyof typeof THREAD_ENTRIES;

/**
 * This module's folder: electron/ when the sources run (vitest, tsx), dist/electron in the bundle
 * (build/bundle.mjs defines import.meta.dirname as the CommonJS bundle's __dirname).
 */
function ownFolder(): { dir: string; bundled: boolean } {
  return { dir: import.meta.dirname, bundled: typeof __filename === 'string' && __filename.endsWith('.cjs') };
}

/** The folder of the bundles (and highs.wasm beside them), or null when the sources run. */
export function bundleDir(): string | null {
  const { dir, bundled } = ownFolder();
  return bundled ? dir : null;
}

/**
 * Starts one of the app's threads. From the bundle it runs the bundled .cjs beside it; from the
 * sources (vitest, tsx) it runs the .ts entry through tsx's CommonJS loader (Node 20 does not
 * apply `--import tsx` to a worker's own entry, so the loader is required first in a small script).
 */
export function startThread(name: ThreadName, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const entry = THREAD_ENTRIES[name];
  const { dir, bundled } = ownFolder();
  if (bundled) {
    const bundle = join(dir, entry.bundle);
    if (!existsSync(bundle)) throw new Error(`The app is incomplete: ${bundle} is missing. Reinstall the app, or run npm run build.`);
    return new Worker(bundle, options);
  }
  const source = join(dir, entry.source);
  if (!existsSync(source)) throw new Error(`The ${name} thread's source ${source} is not there: run the sources from the repository's root folder.`);
  const tsxLoader = createRequire(source).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsxLoader)});\nrequire(${JSON.stringify(source)});`, { ...options, eval: true });
}
