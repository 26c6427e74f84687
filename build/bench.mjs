// `npm run bench`: runs every benchmark in test/bench/ one after another (never in parallel, so
// figures are not disturbed by each other). Each benchmark prints its table and saves JSON with the
// machine and dataset sizes under bench-results/. A benchmark never fails because the machine was slow.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

// Words choose benchmarks by name; flags (e.g. --quick) are passed to each one.
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = readdirSync('test/bench')
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error('No benchmarks matched.');
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  // --expose-gc lets a benchmark collect the garbage its own data generator left before timing.
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `test/bench/${file}`, ...flags], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
console.log(`\n${files.length - failed} benchmarks ran, ${failed} could not run. Results: bench-results/`);
process.exit(failed === 0 ? 0 : 1);
