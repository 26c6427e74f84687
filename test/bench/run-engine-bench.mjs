// Runs the matching-engine benchmark (test/bench/engine.bench.ts). Node 20 cannot run TypeScript,
// so the bench is bundled with esbuild into node_modules/.cache (where it still resolves highs and
// linear-sum-assignment) and run in its own process. Exits 0 whatever the figures: benchmarks
// report, they do not gate. Usage: node test/bench/run-engine-bench.mjs [--quick]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const outdir = 'node_modules/.cache/rcc-bench';
mkdirSync(outdir, { recursive: true });
const outfile = `${outdir}/engine.bench.mjs`;
await build({
  entryPoints: ['test/bench/engine.bench.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile,
  logLevel: 'warning',
  external: ['highs', 'linear-sum-assignment'],
});
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
if (run.status !== 0) console.error(`The engine benchmark stopped early (${run.signal ?? `exit ${run.status}`}); no figures were judged.`);
process.exit(run.status === 0 ? 0 : 1);
