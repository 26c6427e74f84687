/**
 * Matching-engine benchmarks (issue 4): rank one referral against 10,000 vacancies, and plan 500
 * referrals against 5,000 vacancies with the engine's solver, the plain solver formulation and
 * first-come-first-served greedy, side by side on the same seeded synthetic data. Prints a table
 * and saves JSON with the machine and the sizes under bench-results/. Targets are reported, never
 * enforced: a slow shared machine is not a failure.
 *
 * The plain formulation runs in a child process: at full size it can exhaust HiGHS's WebAssembly
 * heap, and an aborted WebAssembly instance cannot be used again in the same process.
 *
 * Run with `npm run bench -- engine` (tsx runs it directly); `--quick` uses smaller
 * repeat counts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { comparePlans, type PlanComparison } from '../../shared/scoring/compare';
import { greedyPlan } from '../../shared/scoring/greedy';
import { loadSolver, planRegion, type PlanOptions, type PlanTimings, type RegionPlan } from '../../shared/scoring/plan';
import { DEFAULT_POLICY, deriveBenchmarks, type MatchingPolicy } from '../../shared/scoring/policy';
import { rankVacanciesForReferral, type RankOptions } from '../../shared/scoring/rank';
import { syntheticRegion, type SyntheticRegion } from '../generators/synthetic-region';
import { vacancyTable } from '../../shared/scoring/vacancyTable';
import { machineInfo, saveBenchReport } from './machine';

const RANK_TARGET_MS = 10;
const PLAN_TARGET_MS = 1000;
const PLAIN_TIME_LIMIT_S = 60;

interface Dataset {
  key: string;
  referrals: number;
  vacancies: number;
  seed: number;
  singlesOnly: boolean;
  /** Share of vacancy rows that are a second vacancy of the home before them (synthetic.ts). */
  secondVacancyShare?: number;
}

const DATASETS: Record<string, Dataset> = {
  'mixed-500x5000': { key: 'mixed-500x5000', referrals: 500, vacancies: 5000, seed: 11, singlesOnly: false },
  'singles-500x5000': { key: 'singles-500x5000', referrals: 500, vacancies: 5000, seed: 11, singlesOnly: true },
  'mixed-100x1000': { key: 'mixed-100x1000', referrals: 100, vacancies: 1000, seed: 12, singlesOnly: false },
  // One row in ten a home's second vacancy: the plan must count places per home, not per row.
  'homes-twice-500x5000': { key: 'homes-twice-500x5000', referrals: 500, vacancies: 5000, seed: 11, singlesOnly: false, secondVacancyShare: 0.1 },
};

function load(d: Dataset): { region: SyntheticRegion; policy: MatchingPolicy } {
  const region = syntheticRegion(d.referrals, d.vacancies, { seed: d.seed, singlesOnly: d.singlesOnly, secondVacancyShare: d.secondVacancyShare ?? 0 });
  collectGarbage();
  return { region, policy: { ...DEFAULT_POLICY, benchmarks: deriveBenchmarks(region.vacancies) } };
}

/**
 * Collects what generating a dataset (and the previous dataset's runs) left behind, so the first
 * timed run does not pay for the generator's garbage. Needs --expose-gc, which npm run bench passes.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { samples: s.length, medianMs: round(quantile(s, 0.5)), p90Ms: round(quantile(s, 0.9)), minMs: round(s[0]!), meanMs: round(mean) };
}

function round(x: number, places = 2): number {
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

// ------------------------------------------------------------------ the plain formulation, in a child

async function plainChild(key: string): Promise<void> {
  const d = DATASETS[key]!;
  const { region, policy } = load(d);
  await loadSolver();
  const timings: PlanTimings = {};
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const plan = await planRegion(region.referrals, region.vacancies, policy, { method: 'plain', timeLimitSeconds: PLAIN_TIME_LIMIT_S, timings });
    process.stdout.write(`${JSON.stringify({ ok: true, wallMs: performance.now() - t0, cpuMs: cpuMs(c0), plan })}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : String(error).slice(0, 300);
    process.stdout.write(`${JSON.stringify({ ok: false, wallMs: performance.now() - t0, cpuMs: cpuMs(c0), error: message })}\n`);
  }
}

function runPlainInChild(key: string): { ok: boolean; wallMs: number; cpuMs: number; plan?: RegionPlan; error?: string } {
  const self = fileURLToPath(import.meta.url);
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', self, '--plain', key], {
    encoding: 'utf8',
    timeout: (PLAIN_TIME_LIMIT_S + 120) * 1000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const line = child.stdout
    ?.split('\n')
    .reverse()
    .find((l) => l.startsWith('{"ok"'));
  if (line) return JSON.parse(line) as { ok: boolean; wallMs: number; cpuMs: number; plan?: RegionPlan; error?: string };
  const why = child.error ? child.error.message : child.signal ? `killed by ${child.signal}` : `exited with ${child.status}`;
  return {
    ok: false,
    wallMs: performance.now() - started,
    cpuMs: NaN,
    error: `The plain formulation did not finish: ${why}; HiGHS (WebAssembly) ${child.stderr?.includes('Aborted') ? 'aborted, most likely out of memory' : 'gave no result'}.`,
  };
}

// ------------------------------------------------------------------ benchmarks

interface PlanRow {
  dataset: string;
  solver: string;
  runs: number;
  wallMs: number;
  cpuMs: number;
  status: string;
  objective: number | null;
  comparison: PlanComparison | null;
  statement: string;
  timings?: PlanTimings;
}

async function timePlan(dataset: string, solver: string, runs: number, run: () => Promise<{ plan: RegionPlan; timings?: PlanTimings }>): Promise<PlanRow> {
  const walls: number[] = [];
  const cpus: number[] = [];
  let last: { plan: RegionPlan; timings?: PlanTimings } | undefined;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = await run();
    walls.push(performance.now() - t0);
    cpus.push(cpuMs(c0));
  }
  const plan = last!.plan;
  return {
    dataset,
    solver,
    runs,
    wallMs: stats(walls).medianMs,
    cpuMs: stats(cpus).medianMs,
    status: plan.optimality.status,
    objective: plan.optimality.objectiveValue,
    comparison: comparePlans([plan])[0]!,
    statement: plan.optimality.statement,
    ...(last!.timings ? { timings: Object.fromEntries(Object.entries(last!.timings).map(([k, v]) => [k, round(v as number)])) as PlanTimings } : {}),
  };
}

async function benchPlans(d: Dataset, runs: number, solvers: readonly ('engine' | 'mip' | 'greedy' | 'plain')[]): Promise<PlanRow[]> {
  const { region, policy } = load(d);
  const rows: PlanRow[] = [];
  const engine = async (extra: PlanOptions) => {
    const timings: PlanTimings = {};
    const plan = await planRegion(region.referrals, region.vacancies, policy, { ...extra, timings });
    return { plan, timings };
  };
  for (const solver of solvers) {
    if (solver === 'engine') rows.push(await timePlan(d.key, 'engine (pruned + priced)', runs, () => engine({})));
    if (solver === 'mip') rows.push(await timePlan(d.key, 'engine, HiGHS forced', runs, () => engine({ forceMip: true })));
    if (solver === 'greedy')
      rows.push(
        await timePlan(d.key, 'greedy (first come, first served)', runs, async () => ({ plan: greedyPlan(region.referrals, region.vacancies, policy) })),
      );
    if (solver === 'plain') {
      const result = runPlainInChild(d.key);
      rows.push({
        dataset: d.key,
        solver: 'plain MIP (every allowed pair)',
        runs: 1,
        wallMs: round(result.wallMs),
        cpuMs: round(result.cpuMs),
        status: result.ok ? result.plan!.optimality.status : 'failed',
        objective: result.ok ? result.plan!.optimality.objectiveValue : null,
        comparison: result.ok ? comparePlans([result.plan!])[0]! : null,
        statement: result.ok ? result.plan!.optimality.statement : result.error!,
      });
    }
  }
  return rows;
}

function benchRank(referralCount: number, repeats: number) {
  const d = { referrals: referralCount, vacancies: 10_000, seed: 101 };
  const { referrals, vacancies } = syntheticRegion(d.referrals, d.vacancies, { seed: d.seed });
  collectGarbage();
  const policy = { ...DEFAULT_POLICY, benchmarks: deriveBenchmarks(vacancies) };
  // The region's vacancies are packed into a table once and every search reads it, as planning,
  // the policy preview and the sufficiency count do. Building the table is timed on its own, and
  // the last row times searches handed the plain list, which build a table each time.
  const builds: number[] = [];
  let table = vacancyTable(vacancies);
  for (let rep = 0; rep < Math.max(5, repeats * 2); rep++) {
    const t0 = performance.now();
    table = vacancyTable(vacancies);
    builds.push(performance.now() - t0);
  }
  const variants: { name: string; list: boolean; options: RankOptions }[] = [
    { name: 'explain top 50 (default)', list: false, options: {} },
    { name: 'scores only (explainTop 0)', list: false, options: { explainTop: 0 } },
    { name: 'explain every home', list: false, options: { explainTop: Infinity } },
    { name: 'plain list, table built per search', list: true, options: {} },
  ];
  // Warm the JIT on a few referrals so the figures describe steady use, as in the app.
  for (const c of referrals.slice(0, 5)) for (const v of variants) rankVacanciesForReferral(c, v.list ? vacancies : table, policy, v.options);
  let ranked = 0;
  let excluded = 0;
  const rows = variants.map((v) => {
    const samples: number[] = [];
    for (let rep = 0; rep < repeats; rep++) {
      for (const c of referrals) {
        const t0 = performance.now();
        const result = rankVacanciesForReferral(c, v.list ? vacancies : table, policy, v.options);
        samples.push(performance.now() - t0);
        if (rep === 0 && v.options.explainTop === undefined && !v.list) {
          ranked += result.ranked.length;
          excluded += result.excluded.length;
        }
      }
    }
    return { variant: v.name, ...stats(samples), targetMedianMs: RANK_TARGET_MS };
  });
  return {
    dataset: { ...d, meanRanked: round(ranked / referralCount, 1), meanExcluded: round(excluded / referralCount, 1) },
    table: { variant: 'build the vacancy table (once per list)', ...stats(builds) },
    rows,
  };
}

function pounds(pence: number): string {
  return `£${Math.round(pence / 100).toLocaleString('en-GB')}`;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const started = new Date();
  const before = machineInfo();
  console.log(
    `Matching engine benchmark on ${before.cpuModel} (${before.cpuCount} cores, ${before.totalMemoryGb} GiB), Node ${before.node}, load ${before.loadAverage.join(' ')}`,
  );

  await loadSolver();
  // Warm-up: a small plan, so solver loading and compilation are not charged to the first timing.
  {
    const small = load(DATASETS['mixed-100x1000']!);
    await planRegion(small.region.referrals, small.region.vacancies, small.policy);
    greedyPlan(small.region.referrals, small.region.vacancies, small.policy);
  }

  const rank = benchRank(quick ? 10 : 40, quick ? 2 : 5);
  console.log('\nRank one referral against 10,000 vacancies (milliseconds per referral)');
  console.table([
    ...rank.rows.map((r) => ({
      variant: r.variant,
      median: r.medianMs,
      p90: r.p90Ms,
      min: r.minMs,
      mean: r.meanMs,
      samples: r.samples,
      target: `< ${RANK_TARGET_MS}`,
    })),
    {
      variant: rank.table.variant,
      median: rank.table.medianMs,
      p90: rank.table.p90Ms,
      min: rank.table.minMs,
      mean: rank.table.meanMs,
      samples: rank.table.samples,
      target: '-',
    },
  ]);

  const runs = quick ? 1 : 3;
  const plans: PlanRow[] = [
    ...(await benchPlans(DATASETS['mixed-500x5000']!, runs, ['engine', 'greedy', 'plain'])),
    ...(await benchPlans(DATASETS['singles-500x5000']!, runs, quick ? ['engine', 'mip', 'greedy'] : ['engine', 'mip', 'greedy', 'plain'])),
    ...(await benchPlans(DATASETS['mixed-100x1000']!, runs, ['engine', 'greedy', 'plain'])),
    ...(await benchPlans(DATASETS['homes-twice-500x5000']!, runs, ['engine', 'greedy'])),
  ];
  console.log(`\nPlan the region (wall and CPU milliseconds, median of ${runs}; target < ${PLAN_TARGET_MS} ms at 500 x 5,000)`);
  console.table(
    plans.map((p) => ({
      dataset: p.dataset,
      solver: p.solver,
      wallMs: p.wallMs,
      cpuMs: p.cpuMs,
      status: p.status,
      totalScore: p.comparison?.totalScore ?? '-',
      weekly: p.comparison ? pounds(p.comparison.weeklyCostPence) : '-',
      placed: p.comparison?.childrenPlaced ?? '-',
      within20mi: p.comparison?.childrenWithinTwentyMiles ?? '-',
      siblingGroups: p.comparison?.siblingGroupsKeptTogether ?? '-',
      unplaced: p.comparison?.childrenUnplaced ?? '-',
    })),
  );
  for (const p of plans.filter((x) => x.status === 'failed')) console.log(`${p.dataset} / ${p.solver}: ${p.statement}`);

  const after = machineInfo();
  const report = {
    benchmark: 'matching-engine',
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { ...before, loadAverageAtEnd: after.loadAverage },
    targets: { rankMedianMs: RANK_TARGET_MS, planMs: PLAN_TARGET_MS },
    policy: { id: DEFAULT_POLICY.id, version: DEFAULT_POLICY.version, candidatesPerReferral: DEFAULT_POLICY.plan.candidatesPerReferral },
    datasets: { rank: rank.dataset, plans: Object.values(DATASETS) },
    rank: rank.rows,
    vacancyTable: rank.table,
    plans,
  };
  console.log(`\nSaved ${saveBenchReport('engine', report, { latest: true })} (and bench-results/engine-latest.json).`);
}

const plainAt = process.argv.indexOf('--plain');
if (plainAt >= 0) await plainChild(process.argv[plainAt + 1]!);
else await main();
