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
} as const;

export type ThreadName = keyof typeof THREAD_ENTRIES;

/**
 * This module's folder: __dirname in the bundle and under vitest. tsx's ES-module loader defines
 * no __dirname (and import.meta cannot be used in the CommonJS bundle), so there, running the
 * sources from the repository root, it is the root's electron/ folder.
 */
function ownFolder(): { dir: string; bundled: boolean } {
  if (typeof __filename === 'string') return { dir: __dirname, bundled: __filename.endsWith('.cjs') };
  return { dir: join(process.cwd(), 'electron'), bundled: false };
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
