import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUserByUsername } from '../../db/repositories/users';
import type { JobRequest } from '../../electron/jobs/bodies';
import { JobRunner, type JobCaller } from '../../electron/jobs/runner';
import { noLog } from '../../electron/log';
import { EventBus } from '../../electron/rpc/events';
import { ApiError } from '../../shared/contract';
import { CANCELLED_MESSAGE, type JobFinished, type JobProgress } from '../../shared/contract/jobs';
import { tempStore, testClock } from '../helpers/store';
import { episodesCsv, fileOf, headerCsv, syntheticReturn } from './importers/ssda903-generator';

/*
 * The job runner on a real encrypted store file, each job in its own thread with its own
 * connection: progress and the end arrive as events to the owner's window, one audit entry per
 * job, and a cancel in the middle of a large import leaves the store exactly as it was.
 */

let store: ReturnType<typeof tempStore>;
let runner: JobRunner;
const events = new EventBus();
const received: { event: string; payload: unknown; to: string | null }[] = [];
const clock = testClock();
let officer: JobCaller;
let councilId: number;

const count = (sql: string) => store.db.prepare(sql).pluck().get() as number;

function ssda903Request(children: number, seed: number): JobRequest {
  const synthetic = syntheticReturn({ children, seed, year: 2025 });
  return {
    kind: 'import',
    method: 'imports.ssda903',
    importKind: 'ssda903',
    files: [fileOf('header.csv', headerCsv(synthetic)), fileOf('episodes.csv', episodesCsv(synthetic))],
    skipBadRows: true,
    dryRun: false,
    now: clock.now().toISOString(),
    today: '2026-11-25',
    userId: officer.userId,
    scopeCouncilId: null,
    councilId,
  };
}

/** A snapshot of what an SSDA903 import writes. */
const childRows = () => ({ children: count('SELECT count(*) FROM children'), episodes: count('SELECT count(*) FROM episodes') });

beforeAll(() => {
  store = tempStore({ kind: 'demo' });
  const user = getUserByUsername(store.db, 'demo.officer')!;
  officer = { userId: user.id, username: user.username, role: user.role, councilId: null, connectionId: 'window-1' };
  councilId = store.db.prepare("SELECT id FROM councils WHERE name = 'Salford'").pluck().get() as number;
  events.subscribe((event, payload, to) => received.push({ event, payload, to }));
  runner = new JobRunner({ db: () => store.db, store: { file: store.file, key: store.key }, events, now: clock.now, log: noLog });
});
afterAll(() => {
  runner?.stopAll();
  store?.remove();
});

describe('jobs in their own threads', () => {
  it('an import reports progress and its end as events to the owner, answers with its report and audits once', async () => {
    received.length = 0;
    const before = childRows();
    const auditsBefore = count("SELECT count(*) FROM audit_log WHERE method = 'imports.ssda903'");
    const outcome = (await runner.run(ssda903Request(300, 1), officer, 'import-1')) as { imported: boolean; rowsImported: number };
    expect(outcome.imported).toBe(true);
    expect(childRows().children).toBe(before.children + 300);

    const progress = received.filter((r) => r.event === 'job.progress').map((r) => r.payload as JobProgress);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((p) => p.jobId === 'import-1' && p.kind === 'import')).toBe(true);
    expect(progress.map((p) => p.phase)).toContain('Writing');
    expect(received.filter((r) => r.event.startsWith('job.')).every((r) => r.to === 'window-1')).toBe(true);
    const finished = received.filter((r) => r.event === 'job.finished').map((r) => r.payload as JobFinished);
    expect(finished).toEqual([{ jobId: 'import-1', kind: 'import', state: 'succeeded', message: expect.stringMatching(/^Imported /) as unknown }]);

    const audits = store.db
      .prepare("SELECT username, action, record_type, record_id, outcome FROM audit_log WHERE method = 'imports.ssda903' ORDER BY id")
      .all() as Record<string, string>[];
    expect(audits.length).toBe(auditsBefore + 1);
    expect(audits.at(-1)).toMatchObject({ username: 'demo.officer', action: 'import', record_type: 'child', outcome: 'ok' });
    expect(audits.at(-1)!.record_id).toMatch(/^file=sha256:[0-9a-f]{16}\+sha256:[0-9a-f]{16};rows=\d+;committed=yes$/);
  });

  it('a large import cancelled in the middle changes nothing, and says so', async () => {
    received.length = 0;
    const before = childRows();
    const auditsBefore = count('SELECT count(*) FROM audit_log');
    const running = runner.run(ssda903Request(20_000, 2), officer, 'import-2');
    // Cancel once the thread is well into its work: the first progress event from the checking phase.
    await new Promise<void>((resolve) => {
      const stop = events.subscribe((event, payload) => {
        if (event === 'job.progress' && (payload as JobProgress).phase === 'Checking rows') {
          stop();
          resolve();
        }
      });
    });
    const view = runner.cancel('import-2', officer);
    expect(view.jobId).toBe('import-2');
    const error = await running.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('CANCELLED');
    expect((error as ApiError).message).toBe(CANCELLED_MESSAGE);
    expect(childRows()).toEqual(before);
    expect(runner.get('import-2', officer)).toMatchObject({ state: 'cancelled', message: CANCELLED_MESSAGE });
    expect(received.filter((r) => r.event === 'job.finished').map((r) => r.payload)).toEqual([
      { jobId: 'import-2', kind: 'import', state: 'cancelled', message: CANCELLED_MESSAGE },
    ]);
    // One entry for the job, saying it was cancelled.
    const audits = store.db.prepare('SELECT action, record_id, outcome FROM audit_log WHERE id > ? ORDER BY id').all(auditsBefore) as Record<string, string>[];
    expect(audits.length).toBe(1);
    expect(audits[0]).toMatchObject({ action: 'import', outcome: 'failed' });
    expect(audits[0]!.record_id).toMatch(/;ended=cancelled$/);
  });

  it('imports take turns: a second one waits, and cancelling it while it waits ends it at once', async () => {
    const order: string[] = [];
    const first = runner.run(ssda903Request(2_000, 3), officer, 'import-3').then(() => order.push('first imported'));
    const second = runner.run(ssda903Request(200, 4), officer, 'import-4').then(
      () => order.push('second imported'),
      (e: unknown) => order.push(`second ${(e as ApiError).code}`),
    );
    expect(runner.get('import-4', officer)).toMatchObject({ state: 'waiting', message: 'Waiting for another import to finish' });
    runner.cancel('import-4', officer);
    await Promise.all([first, second]);
    expect(order).toEqual(['second CANCELLED', 'first imported']);
  });

  it('a region plan runs in its thread (HiGHS loaded there) while this thread reads the store', async () => {
    received.length = 0;
    let finished = false;
    const plan = runner.run({ kind: 'plan', method: 'plan.start', councilId: null, today: '2026-11-25' }, officer, 'plan-1').then((r) => {
      finished = true;
      return r as { optimal: { childrenPlaced: number }; referrals: number };
    });
    // This thread is free while the plan runs: a read answers before the job ends.
    await new Promise((resolve) => setImmediate(resolve));
    expect(count('SELECT count(*) FROM referrals')).toBeGreaterThan(0);
    const answeredFirst = !finished;
    const result = await plan;
    expect(answeredFirst).toBe(true);
    expect(result.referrals).toBeGreaterThan(0);
    expect(result.optimal.childrenPlaced).toBeGreaterThan(0);
    expect(received.some((r) => r.event === 'job.finished' && (r.payload as JobFinished).state === 'succeeded')).toBe(true);
  });

  it('only the owner (or an administrator) may see or cancel a job', () => {
    const stranger: JobCaller = { ...officer, userId: officer.userId + 1000, role: 'placement_officer' };
    expect(() => runner.get('plan-1', stranger)).toThrow(/no job of yours/);
    expect(() => runner.cancel('import-1', stranger)).toThrow(/no job of yours/);
    const admin: JobCaller = { ...stranger, role: 'administrator' };
    // An administrator sees the job but not its result, which names children.
    expect(runner.get('plan-1', admin).result).toBeUndefined();
    expect(runner.get('plan-1', officer).result).toBeDefined();
  });
});
