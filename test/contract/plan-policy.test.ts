import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferralForMatching } from '../../db/repositories/matching';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import type { JobFinished, JobProgress } from '../../shared/contract/jobs';
import type { PlanResult } from '../../shared/contract/plan';
import type { PolicyEdit, PolicyPreview } from '../../shared/contract/policy';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, inProcess, overHttp, type Client, type Transport } from '../helpers/transports';

const TODAY = '2026-11-25';

describe.each([inProcess, overHttp])('region plan and matching policy over the $name', (transport: Transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;
  let officer: Client;
  let admin: Client;
  let commissioner: Client;
  let hubCarer: Client;

  async function signIn(username: string): Promise<Client> {
    const client = await running.newClient();
    expectOk(await client.call('auth.signIn', { username, password: DEMO_PASSWORD }));
    return client;
  }

  /** The plan runs as a job in its own thread; the call answers with the plan when it ends. */
  async function plan(client: Client): Promise<PlanResult> {
    return expectOk<PlanResult>(await client.call('plan.start', {}));
  }
  const plansAudited = () => store.db.prepare("SELECT count(*) FROM audit_log WHERE method = 'plan.start' AND outcome = 'ok'").pluck().get() as number;

  beforeAll(async () => {
    store = tempStore({ kind: 'demo', today: TODAY });
    // Jobs run in threads of their own, on their own connection to this store file.
    running = await transport.start(testBackend(store.db, testClock(`${TODAY}T10:00:00.000Z`).now, { jobsIn: store }));
    officer = await signIn('demo.officer');
    admin = await signIn('demo.admin');
    commissioner = await signIn('demo.commissioner');
    hubCarer = await signIn('demo.hubcarer');
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  it('plans the demo region: the optimal plan scores at least first come, first served, no home twice, no group split', async () => {
    const started = performance.now();
    const auditedBefore = plansAudited();
    const result = await plan(officer);
    const ms = performance.now() - started;
    console.info(
      `[plan] ${transport.name}: ${result.referrals} referrals x ${result.vacancies} vacancies in ${Math.round(ms)} ms (solve ${result.solveMs} ms); ` +
        `optimal ${result.optimal.childrenPlaced} placed, score ${result.optimal.totalScore}; greedy ${result.greedy.childrenPlaced} placed, score ${result.greedy.totalScore}`,
    );
    expect(result.referrals).toBeGreaterThan(0);
    expect(result.matches.length).toBeGreaterThan(0);
    expect(result.optimal.childrenPlaced).toBeGreaterThanOrEqual(result.greedy.childrenPlaced);
    expect(result.optimal.totalScore).toBeGreaterThanOrEqual(result.greedy.totalScore);
    expect(result.optimality.statement.length).toBeGreaterThan(10);

    // A vacancy may take more than one referral only up to its beds.
    const perVacancy = new Map<number, number>();
    for (const m of result.matches) perVacancy.set(m.vacancyId, (perVacancy.get(m.vacancyId) ?? 0) + m.children);
    for (const [vacancyId, children] of perVacancy) {
      const beds = store.db.prepare('SELECT beds FROM vacancies WHERE id = ?').pluck().get(vacancyId) as number;
      expect(children, `vacancy ${vacancyId}`).toBeLessThanOrEqual(beds);
    }
    // And a home, whichever of its vacancies they come through, only up to its approval: children
    // in care there and beds held count, the carers' own children do not.
    const perHome = new Map<number, number>();
    for (const m of result.matches) {
      const home = store.db.prepare('SELECT home_id FROM vacancies WHERE id = ?').pluck().get(m.vacancyId) as number;
      perHome.set(home, (perHome.get(home) ?? 0) + m.children);
    }
    for (const [home, children] of perHome) {
      const left = store.db
        .prepare(
          `SELECT COALESCE(f.approval_max_children, r.places, s.places) - (SELECT count(*) FROM children c WHERE c.current_home_id = h.id)
                  - (SELECT COALESCE(sum(beds), 0) FROM vacancies v WHERE v.home_id = h.id AND v.status = 'held')
           FROM homes h LEFT JOIN foster_households f ON f.home_id = h.id LEFT JOIN residential_homes r ON r.home_id = h.id LEFT JOIN supported_homes s ON s.home_id = h.id
           WHERE h.id = ?`,
        )
        .pluck()
        .get(home) as number;
      expect(children, `home ${home}`).toBeLessThanOrEqual(left);
    }
    // The screen's figures and the urgency rule in words.
    expect(result.optimal.urgentChildrenPlaced).toBeLessThanOrEqual(result.optimal.urgentChildren);
    expect(result.optimal.urgentChildrenPlaced).toBeGreaterThanOrEqual(result.greedy.urgentChildrenPlaced);
    expect(result.optimal.schoolsKept).toBe(result.matches.filter((m) => m.schoolKept === true).length);
    expect(result.optimal.meanStability).toBeGreaterThan(0);
    expect(result.urgency).toMatch(/^The plan first places as many children as it can\. Then each day sooner a child is needed, within the next 14 days/);
    // Each referral at most once; a referral with siblings is placed whole, in one home.
    expect(new Set(result.matches.map((m) => m.referralId)).size).toBe(result.matches.length);
    for (const m of result.matches) {
      expect(m.childRef).not.toBe('');
      const child = loadReferralForMatching(store.db, m.referralId, TODAY)!;
      expect(m.children, `referral ${m.referralId}`).toBe(1 + child.siblings.length);
    }
    const groups = result.matches.filter((m) => m.children > 1).length;
    expect(result.optimal.siblingGroupsKeptTogether).toBe(groups);
    // One audit entry for the job, whatever its progress.
    expect(plansAudited()).toBe(auditedBefore + 1);
  });

  it('answers other calls while the plan runs, and sends its progress and its end as events', async () => {
    const tap = await officer.tapEvents();
    let planEnded = false;
    const planning = officer.call('plan.start', { jobId: `plan-${transport.name.replace(/\W+/g, '-')}` }).then((answer) => {
      planEnded = true;
      return answer;
    });
    // Once the job's thread is at work (reading the store on its own connection)...
    for (;;) {
      const progress = (await tap.next('job.progress', 60_000)) as JobProgress;
      expect(progress.kind).toBe('plan');
      if (progress.phase.startsWith('Reading the open referrals')) break;
    }
    // ...a call is answered before the plan ends.
    expectOk(await officer.call('referrals.inbox', {}));
    expect(planEnded).toBe(false);
    const result = expectOk<PlanResult>(await planning);
    expect(result.matches.length).toBeGreaterThan(0);
    const finished = (await tap.next('job.finished')) as JobFinished;
    expect(finished).toMatchObject({ kind: 'plan', state: 'succeeded' });
    await tap.close();
  });

  it('cancels a running plan: the call answers CANCELLED, and the job says so', async () => {
    const jobId = `cancel-${transport.name.replace(/\W+/g, '-')}`;
    const planning = officer.call('plan.start', { jobId });
    // Not someone else's to cancel (a commissioner may not even ask).
    expectError(await admin.call('jobs.cancel', { jobId: 'no-such-job' }), 'NOT_FOUND', 'jobId');
    expectError(await hubCarer.call('jobs.cancel', { jobId }), 'FORBIDDEN');
    expect(expectOk<{ state: string }>(await officer.call('jobs.cancel', { jobId })).state).toMatch(/waiting|running/);
    const error = expectError(await planning, 'CANCELLED');
    expect(error.message).toBe('Cancelled — nothing was changed.');
    expect(expectOk<{ state: string }>(await officer.call('jobs.get', { jobId }))).toMatchObject({ state: 'cancelled' });
  });

  it('refuses the plan to a commissioner and a hub carer, and an unknown job', async () => {
    expectError(await commissioner.call('plan.start', {}), 'FORBIDDEN');
    expectError(await hubCarer.call('plan.start', {}), 'FORBIDDEN');
    expectError(await hubCarer.call('jobs.get', { jobId: 'x' }), 'FORBIDDEN');
    expectError(await officer.call('jobs.get', { jobId: 'no-such-job' }), 'NOT_FOUND', 'jobId');
  });

  it('accepting a proposed match holds the vacancy and shortlists the referral', async () => {
    const match = (await plan(officer)).matches[0]!;
    expectOk(await officer.call('placement.hold', { referralId: match.referralId, vacancyId: match.vacancyId, note: 'From the region plan' }));
    expect(store.db.prepare('SELECT status FROM referrals WHERE id = ?').pluck().get(match.referralId)).toBe('shortlisted');
    expect(store.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(match.vacancyId)).toBe('held');
  });

  it('lets an administrator read, preview and save the policy; versions increase', async () => {
    const got = expectOk<{ current: { version: number; edit: PolicyEdit }; versions: { version: number }[] }>(await admin.call('policy.get', {}));
    const edit = got.current.edit;
    expect(got.versions.length).toBeGreaterThan(0);
    const proposed: PolicyEdit = { ...edit, weights: { ...edit.weights, cost: 80, stability: 5 } };

    const preview = expectOk<PolicyPreview>(await admin.call('policy.preview', { policy: proposed }));
    expect(preview.referrals).toBeGreaterThan(0);
    expect(preview.rows.length).toBe(preview.referrals);
    expect(preview.changed).toBe(preview.rows.filter((r) => r.changed).length);
    expectError(await officer.call('policy.preview', { policy: proposed }), 'FORBIDDEN');

    expectError(await officer.call('policy.save', { policy: proposed, note: 'officers may not' }), 'FORBIDDEN');
    expectError(await commissioner.call('policy.get', {}), 'FORBIDDEN');
    const zero = { cost: 0, distance: 0, stability: 0, needs: 0, wishes: 0 };
    const bad = expectError(await admin.call('policy.save', { policy: { ...edit, weights: zero }, note: 'all zero' }), 'BAD_INPUT', 'policy.weights');
    expect(bad.message).toMatch(/weight/i);
    expectError(await admin.call('policy.save', { policy: { ...edit, inHouseBonus: 50 }, note: '' }), 'BAD_INPUT', 'policy.inHouseBonus');

    const before = Math.max(...got.versions.map((v) => v.version));
    const saved = expectOk<{ version: number }>(await admin.call('policy.save', { policy: proposed, note: 'Cost matters more' }));
    expect(saved.version).toBe(before + 1);
    const again = expectOk<{ version: number }>(await admin.call('policy.save', { policy: edit, note: 'Back again' }));
    expect(again.version).toBe(before + 2);
    const after = expectOk<{ current: { version: number; edit: PolicyEdit }; versions: { version: number }[] }>(await officer.call('policy.get', {}));
    expect(after.current.version).toBe(before + 2);
    expect(after.versions.map((v) => v.version)).toContain(before + 1);
    const audit = store.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'change' AND record_type = 'policy'").pluck().get() as number;
    expect(audit).toBe(2);
  });
});
