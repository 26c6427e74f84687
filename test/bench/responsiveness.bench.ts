/**
 * Is the app still answering while long work runs? (issue 16, point 3: a median under 100 ms and a
 * p95 under 250 ms for ordinary calls while a job runs.) The built server (dist/electron/server.cjs,
 * as `npm start` runs it) is driven over HTTP: an officer's window makes ordinary calls one after
 * another (the inbox, a child's record, a search for an open referral) first with no job running,
 * then while an administrator's window runs a long job, until it ends:
 *   - import: a 100,000-episode SSDA903 return (25,000 children × 4 episodes) into the demo region;
 *   - plan: the region plan over about 500 open referrals × 5,000 open vacancies (the large preset
 *     grown by cloning homes and referrals, see grow-region.ts).
 * Prints a table and saves the figures, the sizes and the machine (load average at the start and the
 * end) under bench-results/. A slow machine never fails it; a call that answers with an error does.
 *
 *   npm run bench -- responsiveness        (node build/bundle.mjs first, or the harness builds dist/)
 *   npm run bench -- responsiveness --scenario=plan        (or --scenario=import: one of the two)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, seedDemoRegion } from '../../db/seed/demo';
import { DEMO_SEED } from '../../electron/backend';
import type { MethodInput } from '../../shared/contract';
import { episodesCsv, headerCsv, syntheticReturn } from '../db/importers/ssda903-generator';
import { ROOT, startServer, type ApiClient, type AppServer, type ServerOptions } from '../e2e/harness';
import { growRegion, type GrownRegion } from './grow-region';
import { resets, retryingResets, SLOW_CALL_MS, summarise, timeCallsWhile, type LatencySummary, type OrdinaryCall, type Timing } from './latency';
import { machineInfo, saveBenchReport, SQLITE_STORE } from './machine';

const TODAY = '2026-11-25';
/** The app's clock for the run, so the region and its dates are the same on every run. */
const CLOCK = `${TODAY}T10:00:00Z`;
/** How long the officer's calls are timed with no job running, for comparison. */
const NO_JOB_MS = 15_000;
/** A job that has not ended by then has hung: the benchmark stops rather than run on. */
const JOB_LIMIT_MS = 150_000;
const TARGET = { medianMs: 100, p95Ms: SLOW_CALL_MS };
const IMPORT_SIZE = { children: 25_000, episodesPerChild: 4 };
const PLAN_SIZE = { plannedReferrals: 500, openVacancies: 5_000 };

/** What a job did and how long it took, from the starting call to its result. */
interface JobRun {
  job: string;
  ms: number;
  detail: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Starting and awaiting each job: the only code here that knows the jobs API.

type ImportInput = MethodInput<'imports.ssda903'>;

/**
 * The import runs as a job in its own thread; the starting call answers with its report when the
 * job has ended (its window hears job.progress and job.finished meanwhile).
 */
async function importReturn(admin: ApiClient, input: ImportInput): Promise<JobRun> {
  const t0 = performance.now();
  const report = await admin.ok('imports.ssda903', { ...input, jobId: 'bench-import' });
  const ms = Math.round(performance.now() - t0);
  if (!report.imported || report.errorCount > 0) throw new Error(`The benchmark's import did not import: ${report.summary}`);
  return { job: 'imports.ssda903', ms, detail: { rowsRead: report.rowsRead, rowsImported: report.rowsImported, summary: report.summary } };
}

/** The region plan runs as a job in its own thread; plan.start answers with both plans compared when it has ended. */
async function planWholeRegion(admin: ApiClient): Promise<JobRun> {
  const t0 = performance.now();
  const r = await admin.ok('plan.start', { jobId: 'bench-plan' });
  return {
    job: 'plan.start',
    ms: Math.round(performance.now() - t0),
    detail: {
      referrals: r.referrals,
      referralsHoldingBeds: r.referralsHoldingBeds,
      vacancies: r.vacancies,
      optimality: r.optimality.status,
      childrenPlaced: r.optimal.childrenPlaced,
      solveMs: r.solveMs,
    },
  };
}

// ---------------------------------------------------------------------------------------------

async function signedIn(server: AppServer, username: string): Promise<ApiClient> {
  const client = retryingResets(await server.connect());
  await client.ok('auth.signIn', { username, password: DEMO_PASSWORD });
  return client;
}

/** The inbox, a child's record and a search, round-robin over a few real open referrals and their children. */
async function ordinaryCalls(officer: ApiClient): Promise<OrdinaryCall[]> {
  const inbox = await officer.ok('referrals.inbox', {});
  const searchable = inbox.filter((r) => r.status === 'new' || r.status === 'searching');
  if (searchable.length < 3) throw new Error(`The region has only ${searchable.length} new or searching referrals; the benchmark needs 3.`);
  // Spread across the inbox, so one referral's quirks do not set the figures.
  const picked = [0, 1, 2].map((i) => searchable[Math.floor((i * (searchable.length - 1)) / 2)]!);
  return picked.flatMap((r) => [
    { method: 'referrals.inbox', payload: {} },
    { method: 'children.get', payload: { childId: r.childId } },
    { method: 'matching.search', payload: { referralId: r.id } },
  ]);
}

interface ScenarioFigures {
  scenario: string;
  description: string;
  dataset: Record<string, unknown>;
  job: JobRun;
  noJob: LatencySummary;
  duringJob: LatencySummary;
  /** Requests sent again because the server reset their kept-alive connection (both windows together). */
  connectionResets: { noJob: number; duringJob: number };
  met: { noJob: boolean; duringJob: boolean };
}

const meets = (s: LatencySummary) => s.all.count > 0 && s.all.errors === 0 && s.all.medianMs < TARGET.medianMs && s.all.p95Ms < TARGET.p95Ms;

/**
 * Starts the server, times the officer's calls with no job for NO_JOB_MS, then while the job runs
 * (from just before it is started until it has ended), and closes the server.
 */
async function measureScenario(
  scenario: string,
  description: string,
  options: ServerOptions,
  dataset: (server: AppServer) => Record<string, unknown>,
  runJob: (admin: ApiClient, server: AppServer) => Promise<JobRun>,
): Promise<ScenarioFigures> {
  console.log(`\n[${scenario}] Starting the built server…`);
  const server = await startServer({ clock: CLOCK, ...options });
  try {
    const officer = await signedIn(server, 'demo.officer');
    const admin = await signedIn(server, 'demo.admin');
    const calls = await ordinaryCalls(officer);
    const sizes = dataset(server);
    // One round first, not counted: the first call of each kind prepares statements and warms the JIT.
    let warm = 0;
    const failed = (await timeCallsWhile(officer, calls, () => warm++ < calls.length)).find((t) => t.error !== undefined);
    if (failed) throw new Error(`${failed.method} failed before any job ran: ${failed.error}`);

    console.log(`[${scenario}] ${NO_JOB_MS / 1000} s of ordinary calls with no job running…`);
    const quietUntil = performance.now() + NO_JOB_MS;
    const resetsBefore = resets.count;
    const noJob = await timeCallsWhile(officer, calls, () => performance.now() < quietUntil);
    const resetsWithNoJob = resets.count - resetsBefore;

    console.log(`[${scenario}] The same calls while ${description} runs…`);
    let running = true;
    let limit: NodeJS.Timeout | undefined;
    const job = Promise.race([
      runJob(admin, server),
      new Promise<never>(
        (_, fail) => (limit = setTimeout(() => fail(new Error(`The ${scenario} job did not end within ${JOB_LIMIT_MS / 1000} s.`)), JOB_LIMIT_MS)),
      ),
    ]).finally(() => {
      running = false;
      clearTimeout(limit);
    });
    // Its failure is reported once the loop has stopped, not as an unhandled rejection meanwhile.
    job.catch(() => undefined);
    let duringJob: Timing[];
    try {
      duringJob = await timeCallsWhile(officer, calls, () => running);
    } catch (error) {
      await job.catch(() => undefined);
      throw error;
    }
    const run = await job;
    console.log(`[${scenario}] ${run.job} took ${(run.ms / 1000).toFixed(1)} s.`);
    const figures = { noJob: summarise(noJob), duringJob: summarise(duringJob) };
    return {
      scenario,
      description,
      dataset: sizes,
      job: run,
      ...figures,
      connectionResets: { noJob: resetsWithNoJob, duringJob: resets.count - resetsBefore - resetsWithNoJob },
      met: { noJob: meets(figures.noJob), duringJob: meets(figures.duringJob) },
    };
  } catch (error) {
    // The server's last words say why a call failed (it may have stopped), next to the failure.
    console.error(`[${scenario}] The server printed last:\n${server.output().slice(-4000)}`);
    console.error(`[${scenario}] The end of the app log:\n${appLogTail(server)}`);
    throw error;
  } finally {
    await server.close();
  }
}

/** The last lines of the app's log (an INTERNAL error's details are there, not in the answer). */
function appLogTail(server: AppServer): string {
  const file = join(server.dataDir, 'logs', 'rcc-placements.log');
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-6000) : `(no log at ${file})`;
}

const count = (server: AppServer, sql: string) => server.db.prepare(sql).pluck().get() as number;

function regionSizes(server: AppServer): Record<string, number> {
  return {
    children: count(server, 'SELECT count(*) FROM children'),
    openReferrals: count(server, "SELECT count(*) FROM referrals WHERE status IN ('new', 'searching', 'shortlisted', 'offered')"),
    openVacancies: count(server, "SELECT count(*) FROM vacancies WHERE status = 'open'"),
  };
}

async function importScenario(): Promise<ScenarioFigures> {
  console.log(`Generating an SSDA903 return of ${IMPORT_SIZE.children.toLocaleString('en-GB')} children × ${IMPORT_SIZE.episodesPerChild} episodes…`);
  const children = syntheticReturn({ ...IMPORT_SIZE, exact: true, seed: 2025 });
  const header = headerCsv(children);
  const episodes = episodesCsv(children);
  const files = [
    { fileName: 'header.csv', contentBase64: Buffer.from(header).toString('base64') },
    { fileName: 'episodes.csv', contentBase64: Buffer.from(episodes).toString('base64') },
  ];
  const fileSizes = {
    importChildren: children.length,
    importEpisodes: children.length * IMPORT_SIZE.episodesPerChild,
    importCsvBytes: Buffer.byteLength(header) + Buffer.byteLength(episodes),
  };
  return measureScenario(
    'import',
    'a 100,000-episode SSDA903 import',
    {},
    (server) => ({ region: 'demo', ...regionSizes(server), ...fileSizes }),
    async (admin) => {
      const councilId = (await admin.ok('region.councils', {}))[0]!.id;
      // The return's references are not the demo's, so the demo region asks for this confirmation.
      return importReturn(admin, { files, councilId, confirmIntoDemo: true });
    },
  );
}

async function planScenario(): Promise<ScenarioFigures> {
  let grown: GrownRegion | null = null;
  const prepare: ServerOptions['prepare'] = (db) => {
    console.log(
      `Generating the large region and growing it to about ${PLAN_SIZE.plannedReferrals} open referrals × ${PLAN_SIZE.openVacancies.toLocaleString('en-GB')} open vacancies…`,
    );
    seedDemoRegion(db, { seed: DEMO_SEED, today: TODAY, size: 'large' });
    grown = growRegion(db, { ...PLAN_SIZE, seed: DEMO_SEED });
  };
  const figures = await measureScenario(
    'plan',
    `the region plan over about ${PLAN_SIZE.plannedReferrals} × ${PLAN_SIZE.openVacancies.toLocaleString('en-GB')}`,
    { prepare },
    (server) => ({ region: 'large, grown', ...regionSizes(server), grown }),
    planWholeRegion,
  );
  // What the plan itself saw: referrals with a bed held for them are left out of it.
  figures.dataset.planSaw = { referrals: figures.job.detail.referrals, vacancies: figures.job.detail.vacancies };
  return figures;
}

function printTables(scenarios: readonly ScenarioFigures[]): void {
  const row = (s: ScenarioFigures, phase: 'noJob' | 'duringJob', method: string) => {
    const f = method === 'all calls' ? s[phase].all : s[phase].byMethod[method]!;
    return {
      scenario: s.scenario,
      phase: phase === 'noJob' ? 'no job' : 'during job',
      calls: method,
      count: f.count,
      'median ms': f.medianMs,
      'p95 ms': f.p95Ms,
      'max ms': f.maxMs,
      [`over ${SLOW_CALL_MS} ms`]: f.over250Ms,
      errors: f.errors,
    };
  };
  console.log(`\nOrdinary calls, all together (target: median under ${TARGET.medianMs} ms, p95 under ${TARGET.p95Ms} ms):`);
  console.table(scenarios.flatMap((s) => [row(s, 'noJob', 'all calls'), row(s, 'duringJob', 'all calls')]));
  console.log('By method:');
  console.table(scenarios.flatMap((s) => (['noJob', 'duringJob'] as const).flatMap((phase) => Object.keys(s[phase].byMethod).map((m) => row(s, phase, m)))));
  console.table(
    scenarios.map((s) => ({
      scenario: s.scenario,
      job: s.job.job,
      'job s': Math.round(s.job.ms / 100) / 10,
      'target met with no job': s.met.noJob,
      'target met during job': s.met.duringJob,
      'connections reset during job': s.connectionResets.duringJob,
      'calls failed during job': s.duringJob.all.errors,
    })),
  );
}

function builtFrom(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  return head.status === 0 ? head.stdout.trim() : 'unknown';
}

/** --scenario=import or --scenario=plan runs one of the two; both run by default. */
function wanted(scenario: string): boolean {
  const chosen = process.argv.find((a) => a.startsWith('--scenario='))?.slice('--scenario='.length);
  return chosen === undefined || chosen === scenario;
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const before = machineInfo();
  console.log(`Responsiveness on ${before.cpuModel} × ${before.cpuCount}, Node ${before.node}, load ${before.loadAverage.join(' ')}`);
  const scenarios: ScenarioFigures[] = [];
  if (wanted('import')) scenarios.push(await importScenario());
  if (wanted('plan')) scenarios.push(await planScenario());
  const after = machineInfo();
  printTables(scenarios);
  console.log(`Load average at the start ${before.loadAverage.join(' ')}, at the end ${after.loadAverage.join(' ')} (${before.cpuCount} CPUs).`);
  const file = saveBenchReport(
    'responsiveness',
    {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: { ...after, loadAverage: before.loadAverage, loadAverageAtEnd: after.loadAverage, sqlite: SQLITE_STORE },
      arrangement: { server: 'dist/electron/server.cjs (as npm start runs it), over loopback HTTP', commit: builtFrom() },
      day: TODAY,
      target: { ...TARGET, description: 'Ordinary calls answer with a median under 100 ms and a p95 under 250 ms while a job runs' },
      method: {
        noJobSeconds: NO_JOB_MS / 1000,
        loop: 'one officer client, one call at a time, round-robin: referrals.inbox, children.get, matching.search over 3 open referrals; one warm-up round not counted',
        latency: 'wall time from sending the request to the parsed JSON answer',
      },
      scenarios,
    },
    { latest: true },
  );
  console.log(`\nSaved ${file} (and bench-results/responsiveness-latest.json).`);
  const errors = scenarios.flatMap((s) => [...s.noJob.errors, ...s.duringJob.errors].map((e) => `[${s.scenario}] ${e.method} after ${e.ms} ms: ${e.error}`));
  if (errors.length > 0) {
    console.error(`\n${errors.length} calls answered with an error (the figures leave them out):\n${errors.join('\n')}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  // fetch's own message ('fetch failed') hides the reason in its cause.
  console.error(error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : error);
  process.exitCode = 1;
}
