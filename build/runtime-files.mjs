// What the main-process bundles (dist/electron/{main,server,backend-thread}.cjs) need at run time besides their
// own code. build/bundle.mjs copies the files beside the bundles and keeps the packages external;
// test/e2e/bundle.test.ts checks both are there for `npm start` and for electron-builder's package.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Files copied into dist/electron/, where the hosts tell their loaders to look (electron/solver.ts). */
export const RUNTIME_FILES = [
  {
    name: 'highs.wasm',
    from: require.resolve('highs/runtime'),
    why: "HiGHS's WebAssembly: the region plan's solver",
  },
];

/**
 * Bundles the hosts start as threads rather than load (build/bundle.mjs builds them beside the
 * others): a missing one would fail only when the work it carries first runs.
 */
export const THREAD_BUNDLES = [
  { name: 'job-thread.cjs', why: 'each long job (region plan, imports, postcode directory, PDF) runs in a thread of its own (electron/jobs)' },
];

/**
 * Packages left out of the bundles and loaded from node_modules at run time, so they must be
 * production dependencies (electron-builder ships those and nothing else from node_modules).
 */
export const RUNTIME_PACKAGES = {
  'better-sqlite3-multiple-ciphers': 'a native module (Electron loads its own build, see main.ts)',
  pdfkit: 'reads its standard fonts (.afm files) from its own folder',
  exceljs: "loaded by the Excel worker thread from the main module's node_modules (db/importers/xlsx.ts)",
};
