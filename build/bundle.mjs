// Builds the main-process bundles (Electron main, loopback server, preload, backend thread, job thread) with esbuild and the renderer with Vite, into dist/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_FILES, RUNTIME_PACKAGES } from './runtime-files.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const OUT = 'dist/electron';

/**
 * The bundles are CommonJS, but our sources import packages with `import`, and esbuild then picks a
 * dual package's ES-module build (its "import" condition). Such a build may rely on import.meta,
 * which a CommonJS bundle leaves empty: HiGHS's ES build calls createRequire(import.meta.url) and
 * could not load at all. So every package is resolved as `require()` would resolve it, and each
 * contributes the build its authors made for CommonJS. A package with no CommonJS build keeps its
 * ES build, and the import.meta check below fails the build if that build needs import.meta.
 */
const commonJsBuildsOfPackages = {
  name: 'commonjs-builds-of-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.kind !== 'import-statement' && args.kind !== 'dynamic-import') return undefined;
      const resolved = await build.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, importer: args.importer });
      if (resolved.errors.length > 0) return undefined;
      const { path, external, namespace, sideEffects, suffix } = resolved;
      return { path, external, namespace, sideEffects, suffix };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // An emptied import.meta means some code's way of finding its own files is gone: never ship that.
  logOverride: { 'empty-import-meta': 'error' },
  // Our own sources find their folder by import.meta.dirname (they also run as ES modules under tsx
  // and vitest); in a CommonJS bundle that is the bundle's __dirname. Any other import.meta use
  // still fails the build below.
  define: { __APP_VERSION__: JSON.stringify(pkg.version), 'import.meta.dirname': '__dirname' },
  plugins: [commonJsBuildsOfPackages],
  // Electron and the packages that must stay files on disk (see runtime-files.mjs) load at run time.
  external: ['electron', ...Object.keys(RUNTIME_PACKAGES)],
  outdir: OUT,
  outExtension: { '.js': '.cjs' },
};

const started = Date.now();
await Promise.all([
  esbuild({ ...common, entryPoints: { main: 'electron/main.ts' } }),
  esbuild({ ...common, entryPoints: { server: 'electron/server.ts' } }),
  // The backend (store, dispatcher, services) runs in its own worker thread under both hosts
  // (electron/threads.ts starts it from beside their bundles).
  esbuild({ ...common, entryPoints: { 'backend-thread': 'electron/backendThread.ts' } }),
  // A sandboxed preload may require only 'electron', so it is one self-contained file.
  esbuild({ ...common, entryPoints: { preload: 'electron/preload.ts' } }),
  // Each long job (region plan, imports, postcodes, PDF) runs in a thread started from this file
  // (electron/jobs/spawn.ts), beside the bundles so HiGHS finds highs.wasm from it too.
  esbuild({ ...common, entryPoints: { 'job-thread': 'electron/jobs/thread.ts' } }),
]);
mkdirSync(OUT, { recursive: true });
for (const file of RUNTIME_FILES) copyFileSync(file.from, join(OUT, file.name));
await viteBuild({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
console.log(
  `[rcc] Built main, preload, loopback server, backend thread, job thread and renderer into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
