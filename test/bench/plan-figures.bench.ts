/**
 * What the region plan does for children, against first come, first served, on the demo region
 * and the ten-times `large` one (issue 17): children placed, urgent children placed by their
 * needed-by date, within 20 miles, sibling groups kept together, schools kept, mean stability and
 * weekly cost, with the time each took. Each region is generated into a fresh encrypted store for
 * a fixed day, so the figures are the same on every machine; only the times vary. Prints a table
 * and saves JSON under bench-results/.
 *
 *   npm run bench -- plan-figures
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/open';
import { seedDemoRegion } from '../../db/seed/demo';
import type { RegionSize } from '../../db/seed/model';
import { DEMO_SEED } from '../../electron/backend';
import { loadPlanInput } from '../../electron/services/plan';
import { comparePlans, DEFAULT_POLICY, greedyPlan, loadSolver, planRegion, urgencyInWords, type PlanComparison } from '../../shared/scoring';
import { machineInfo, saveBenchReport } from './machine';

const TODAY = '2026-11-25';

interface Figures {
  size: RegionSize;
  referrals: number;
  vacancies: number;
  homesListedMoreThanOnce: number;
  status: string;
  planMs: number;
  greedyMs: number;
  plan: PlanComparison;
  firstComeFirstServed: PlanComparison;
}

async function measure(size: RegionSize): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'rcc-bench-plan-'));
  const db = openStore({ file: join(dir, 'store.db'), key: randomBytes(32) });
  try {
    seedDemoRegion(db, { seed: DEMO_SEED, today: TODAY, size });
    const input = loadPlanInput(db, null, TODAY);
    const rows = new Map<string, number>();
    for (const v of input.vacancies) rows.set(v.homeId, (rows.get(v.homeId) ?? 0) + 1);
    const t0 = performance.now();
    const optimal = await planRegion(input.referrals, input.vacancies, input.policy, { today: TODAY });
    const t1 = performance.now();
    const greedy = greedyPlan(input.referrals, input.vacancies, input.policy, TODAY);
    const t2 = performance.now();
    const [plan, fcfs] = comparePlans([optimal, greedy]) as [PlanComparison, PlanComparison];
    return {
      size,
      referrals: input.referrals.length,
      vacancies: input.vacancies.length,
      homesListedMoreThanOnce: [...rows.values()].filter((n) => n > 1).length,
      status: optimal.optimality.status,
      planMs: Math.round(t1 - t0),
      greedyMs: Math.round(t2 - t1),
      plan,
      firstComeFirstServed: fcfs,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const MEASURES: { label: string; value: (c: PlanComparison) => string }[] = [
  { label: 'Children placed', value: (c) => String(c.childrenPlaced) },
  { label: 'Urgent children placed by their needed-by date', value: (c) => `${c.urgentChildrenPlaced} of ${c.urgentChildren}` },
  { label: 'Placed within 20 miles of home', value: (c) => String(c.childrenWithinTwentyMiles) },
  { label: 'Sibling groups kept together', value: (c) => `${c.siblingGroupsKeptTogether} of ${c.siblingGroupsKeptTogether + c.siblingGroupsUnplaced}` },
  { label: 'Schools kept', value: (c) => String(c.schoolsKept) },
  { label: 'Mean stability (0-100)', value: (c) => c.meanStability.toFixed(1) },
  { label: 'Mean match score', value: (c) => c.meanScore.toFixed(1) },
  { label: 'Weekly cost', value: (c) => `£${Math.round(c.weeklyCostPence / 100).toLocaleString('en-GB')}` },
];

async function main(): Promise<void> {
  const started = new Date();
  const before = machineInfo();
  console.log(
    `Region plan against first come, first served on ${before.cpuModel} (${before.cpuCount} cores), Node ${before.node}, load ${before.loadAverage.join(' ')}`,
  );
  await loadSolver();
  const results: Figures[] = [];
  for (const size of ['demo', 'large'] as const) {
    const f = await measure(size);
    results.push(f);
    console.log(
      `\n${size}: ${f.referrals} open referrals, ${f.vacancies} open vacancies (${f.homesListedMoreThanOnce} homes listed more than once); plan ${f.status} in ${f.planMs} ms, first come first served ${f.greedyMs} ms`,
    );
    console.table(MEASURES.map((m) => ({ measure: m.label, plan: m.value(f.plan), 'first come, first served': m.value(f.firstComeFirstServed) })));
  }
  console.log(`\nUrgency under the default policy: ${urgencyInWords(DEFAULT_POLICY)}`);
  const file = saveBenchReport(
    'plan-figures',
    {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { ...before, loadAverageAtEnd: machineInfo().loadAverage },
      day: TODAY,
      seed: DEMO_SEED,
      results,
    },
    { latest: true },
  );
  console.log(`\nSaved ${file} (and bench-results/plan-figures-latest.json).`);
}

await main();
