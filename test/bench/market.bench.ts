/**
 * Benchmark: every commissioner's view (issue 6, point 9) on the `large` region (ten times the demo
 * region), each called through the dispatcher as the screens call it: input validation, role and
 * scope checks, the service's SQL and arithmetic, and the zod parse of the answer. Saves the
 * figures with the machine and the region's row counts under bench-results/. The budget is 500 ms
 * per view; a slow shared machine is reported, never failed.
 *
 *   npm run bench -- market        (or: node --import tsx test/bench/market.bench.ts)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/open';
import { countRegion, DEMO_PASSWORD, seedDemoRegion } from '../../db/seed/demo';
import { createBackend, DEMO_SEED } from '../../electron/backend';
import { machineInfo, saveBenchReport, SQLITE_STORE } from './machine';

const TODAY = '2026-11-25';
const BUDGET_MS = 500;
const WARM_UP = 2;
const RUNS = 10;

interface ViewCall {
  view: string;
  method: string;
  input: Record<string, unknown>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
const r1 = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rcc-bench-market-'));
  const db = openStore({ file: join(dir, 'store.db'), key: randomBytes(32) });
  try {
    console.log('Generating the large region…');
    const g0 = performance.now();
    seedDemoRegion(db, { seed: DEMO_SEED, today: TODAY, size: 'large' });
    const seedMs = Math.round(performance.now() - g0);
    const counts = countRegion(db);
    const current = db
      .prepare(`SELECT count(*) FROM placements WHERE start_date <= ? AND (end_date IS NULL OR end_date > ?)`)
      .pluck()
      .get(TODAY, TODAY) as number;
    const openReferrals = db.prepare("SELECT count(*) FROM referrals WHERE status IN ('new', 'searching', 'shortlisted', 'offered')").pluck().get() as number;
    const openVacancies = db.prepare("SELECT count(*) FROM vacancies WHERE status = 'open'").pluck().get() as number;

    const backend = createBackend(
      db,
      { version: 'bench', mode: 'loopback', dataDir: dir, keyProtection: 'key-file' },
      () => new Date(`${TODAY}T10:00:00.000Z`),
    );
    const connection = backend.newConnection();
    const signedIn = await backend.dispatch('auth.signIn', { username: 'demo.commissioner', password: DEMO_PASSWORD }, connection);
    if (!signedIn.ok) throw new Error(`Could not sign in: ${signedIn.error.message}`);

    // The provider page of the provider with the most placements: the heaviest one.
    const busiest = db
      .prepare('SELECT h.provider_id FROM placements pl JOIN homes h ON h.id = pl.home_id GROUP BY h.provider_id ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get() as number;
    const council = db.prepare('SELECT id FROM councils ORDER BY id LIMIT 1').pluck().get() as number;

    const calls: ViewCall[] = [
      { view: 'Prices (as the page opens: children’s homes)', method: 'market.prices', input: { kind: 'residential' } },
      { view: 'Prices (all types, placements and vacancies)', method: 'market.prices', input: {} },
      { view: 'Prices (foster, tier 2, 10 to 15)', method: 'market.prices', input: { kind: 'foster', feeTier: 2, ageBand: '10 to 15' } },
      { view: 'Unit costs', method: 'market.unitCosts', input: {} },
      { view: 'Move calculator', method: 'market.moveScenario', input: { from: 'residential:external', to: 'foster:in_house', children: 10 } },
      { view: 'Spend (region)', method: 'market.spend', input: {} },
      { view: 'Spend (one council)', method: 'market.spend', input: { councilId: council } },
      { view: 'Most expensive placements', method: 'market.topPlacements', input: { limit: 25 } },
      { view: 'Sufficiency (region)', method: 'market.sufficiency', input: {} },
      { view: 'Sufficiency (one council)', method: 'market.sufficiency', input: { councilId: council } },
      { view: 'Providers', method: 'market.providers', input: {} },
      { view: 'One provider (the busiest)', method: 'market.provider', input: { providerId: busiest } },
      { view: 'Summary PDF', method: 'market.summaryPdf', input: {} },
    ];

    // One view after another, never overlapping, so each is timed alone.
    const results = [];
    for (const c of calls) {
      let bytes = 0;
      for (let i = 0; i < WARM_UP; i++) await backend.dispatch(c.method, c.input, connection);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const answer = await backend.dispatch(c.method, c.input, connection);
        times.push(performance.now() - t0);
        if (!answer.ok) throw new Error(`${c.method} failed: ${answer.error.message}`);
        if (i === 0) bytes = Buffer.byteLength(JSON.stringify(answer.value));
      }
      const sorted = [...times].sort((a, b) => a - b);
      const median = percentile(sorted, 0.5);
      results.push({
        view: c.view,
        method: c.method,
        input: c.input,
        runs: RUNS,
        medianMs: r1(median),
        p95Ms: r1(percentile(sorted, 0.95)),
        maxMs: r1(sorted.at(-1)!),
        minMs: r1(sorted[0]!),
        answerBytes: bytes,
        withinBudget: sorted.at(-1)! < BUDGET_MS,
      });
    }

    const report = {
      benchmark: 'market-views',
      at: new Date().toISOString(),
      region: { size: 'large', seed: DEMO_SEED, today: TODAY, seedMs, counts, currentPlacements: current, openReferrals, openVacancies },
      budget: { description: 'each view, through the dispatcher, on the large region', ms: BUDGET_MS, met: results.every((r) => r.withinBudget) },
      machine: { ...machineInfo(), sqlite: SQLITE_STORE },
      results,
    };

    console.log(`\nMachine: ${report.machine.cpuModel} × ${report.machine.cpuCount}, ${report.machine.totalMemoryGb} GB, Node ${report.machine.node}`);
    console.log(
      `Large region: ${counts.children} children, ${counts.placements} placements (${current} current), ${counts.homes} homes, ${openVacancies} open vacancies, ${openReferrals} open referrals; seeded in ${(seedMs / 1000).toFixed(1)} s.`,
    );
    console.table(
      results.map((r) => ({
        view: r.view,
        'median ms': r.medianMs,
        'p95 ms': r.p95Ms,
        'max ms': r.maxMs,
        'answer KB': Math.round(r.answerBytes / 1024),
        [`< ${BUDGET_MS} ms`]: r.withinBudget ? 'yes' : 'NO',
      })),
    );
    console.log(`Budget: every view under ${BUDGET_MS} ms: ${report.budget.met ? 'met' : 'NOT met'}.`);

    console.log(`Saved ${saveBenchReport(report.benchmark, report)}`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
