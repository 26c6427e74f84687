// `npm test`: every gate, in order, on one line each at the end. Runs them all even when one fails,
// so a single run shows everything that needs fixing; exits non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const started = Date.now();
const results = [];
const artifacts = 'test-artifacts';
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });

function step(name, command, args) {
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: (Date.now() - t0) / 1000 });
  return ok;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
step('typecheck', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('lint', npx, ['eslint', '--max-warnings', '0', '.']);
// One formatter for every file (settings in .prettierrc.json); `npm run format` rewrites them.
step('format', npx, ['prettier', '--check', '--log-level', 'warn', '.']);
const built = step('build', process.execPath, ['build/bundle.mjs']);
step('electron security scan', process.execPath, ['build/electronegativity.mjs']);
if (built) {
  step('vitest (unit, db, contract, e2e)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${artifacts}/vitest.json`]);
} else {
  results.push({ name: 'vitest (unit, db, contract, e2e)', ok: false, seconds: 0 });
}

let counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const report = JSON.parse(readFileSync(`${artifacts}/vitest.json`, 'utf8'));
  counts = { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
} catch {
  counts.failed += 1;
}
const failedGates = results.filter((r) => !r.ok);

console.log('\n=== Summary');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name} (${r.seconds.toFixed(1)} s)`);
console.log(`Screenshots and reports: ${artifacts}/   Total ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${counts.passed + results.length - failedGates.length} passed, ${counts.failed + failedGates.length} failed, ${counts.skipped} skipped`);
process.exit(failedGates.length === 0 && counts.failed === 0 ? 0 : 1);
