// Builds the three main-process bundles with esbuild and the renderer with Vite, into dist/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // Native and Electron modules load at run time, never bundled; so does PDFKit, which finds its
  // standard fonts through its own package.json "imports" at run time.
  external: ['electron', 'better-sqlite3-multiple-ciphers', 'pdfkit'],
};

const started = Date.now();
await Promise.all([
  esbuild({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
  esbuild({ ...common, entryPoints: { server: 'electron/server.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
  // A sandboxed preload may require only 'electron', so it is one self-contained file.
  esbuild({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
]);
await viteBuild({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
console.log(`[rcc] Built main, preload, loopback server and renderer into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
