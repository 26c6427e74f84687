import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import type { ChildPage } from '../../shared/contract/children';
import type { ReferralDetail, ReferralSummary } from '../../shared/contract/referrals';
import { REFERRAL_STATUSES } from '../../shared/domain/referrals';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, inProcess, overHttp, type Client, type Transport, signInChoosingPassword } from '../helpers/transports';

/**
 * Issue 14, point 1: the inbox and the children list find by any part of a reference, a first name or
 * a council's name; referrals are assigned to an officer ("My referrals") and can be reassigned
 * within scope; placed and closed referrals stay findable. Demo store, synthetic children only.
 */
const TODAY = '2026-11-25';

describe.each([inProcess, overHttp])('finding and assigning referrals over the $name', (transport: Transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;
  let officer: Client;
  let officerId: number;
  const one = <T>(sql: string, ...params: unknown[]) =>
    store.db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  const signIn = async (username: string, password = DEMO_PASSWORD) => {
    const client = await running.newClient();
    await signInChoosingPassword(client, username, password);
    return client;
  };

  beforeAll(async () => {
    store = tempStore({ kind: 'demo', today: TODAY });
    running = await transport.start(testBackend(store.db, testClock(`${TODAY}T10:00:00.000Z`).now));
    officer = await signIn('demo.officer');
    officerId = one<number>("SELECT id FROM users WHERE username = 'demo.officer'");
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  it("the inbox finds a referral by the middle of its reference, the child's first name in any case, or the council", async () => {
    const r = store.db
      .prepare(
        `SELECT ch.ref, ch.first_name AS firstName, c.name AS council, r.id FROM referrals r JOIN children ch ON ch.id = r.child_id
         JOIN councils c ON c.id = r.council_id WHERE r.status = 'new' AND length(ch.first_name) > 3 ORDER BY r.id LIMIT 1`,
      )
      .get() as { ref: string; firstName: string; council: string; id: number };
    for (const search of [r.ref.slice(3, 7), r.firstName.slice(1).toLowerCase(), r.council.slice(1, 5).toUpperCase()]) {
      const found = expectOk<ReferralSummary[]>(await officer.call('referrals.inbox', { search }));
      expect(
        found.map((x) => x.id),
        search,
      ).toContain(r.id);
      const firstNames = new Map(
        store.db.prepare('SELECT r.id, ch.first_name FROM referrals r JOIN children ch ON ch.id = r.child_id').raw().all() as [number, string][],
      );
      const hit = (x: ReferralSummary) => [x.childRef, firstNames.get(x.id) ?? '', x.councilName].some((v) => v.toLowerCase().includes(search.toLowerCase()));
      expect(found.every(hit), search).toBe(true);
    }
    expect(expectOk<ReferralSummary[]>(await officer.call('referrals.inbox', { search: '%' }))).toEqual([]);
    const audit = one<string>("SELECT record_id FROM audit_log WHERE method = 'referrals.inbox' ORDER BY id DESC LIMIT 1");
    expect(audit).toMatch(/^scope=region;count=0;search$/);
  });

  it('placed and closed referrals stay findable by status; the default shows open ones only', async () => {
    const open = expectOk<ReferralSummary[]>(await officer.call('referrals.inbox', {}));
    expect(open.every((x) => ['new', 'searching', 'shortlisted', 'offered'].includes(x.status))).toBe(true);
    const done = expectOk<ReferralSummary[]>(await officer.call('referrals.inbox', { statuses: ['placed', 'closed'] }));
    expect(done.length).toBe(one<number>("SELECT count(*) FROM referrals WHERE status IN ('placed', 'closed')"));
    expect(done.length).toBeGreaterThan(0);
    const every = expectOk<ReferralSummary[]>(await officer.call('referrals.inbox', { statuses: [...REFERRAL_STATUSES] }));
    expect(every.length).toBe(one<number>('SELECT count(*) FROM referrals'));
    expectError(await officer.call('referrals.inbox', { statuses: [] }), 'BAD_INPUT');
  });

  it('"My referrals" are those assigned to me; a new referral is assigned to the officer who created it', async () => {
    const mine = expectOk<ReferralSummary[]>(await officer.call('referrals.inbox', { mine: true, statuses: [...REFERRAL_STATUSES] }));
    expect(mine.length).toBe(one<number>('SELECT count(*) FROM referrals WHERE assigned_user_id = ?', officerId));
    expect(mine.every((x) => x.assignedUserId === officerId && x.assignedName === 'Demo placement officer')).toBe(true);
    const everyone = expectOk<ReferralSummary[]>(await officer.call('referrals.inbox', { statuses: [...REFERRAL_STATUSES] }));
    expect(everyone.length).toBeGreaterThan(mine.length);
    const inserted = one<number>('SELECT id FROM referrals WHERE officer_user_id IS NOT NULL ORDER BY id LIMIT 1');
    expect(one<number>('SELECT assigned_user_id FROM referrals WHERE id = ?', inserted)).toBe(
      one<number>('SELECT officer_user_id FROM referrals WHERE id = ?', inserted),
    );
  });

  it('reassigns within scope, noted in the history and audited; refuses an officer of another council and the wrong roles', async () => {
    const referralId = one<number>("SELECT id FROM referrals WHERE assigned_user_id = ? AND status = 'searching' ORDER BY id LIMIT 1", officerId);
    const councilId = one<number>('SELECT council_id FROM referrals WHERE id = ?', referralId);
    const otherCouncil = one<number>('SELECT id FROM councils WHERE id <> ? ORDER BY id LIMIT 1', councilId);
    const admin = await signIn('demo.admin');
    const suffix = transport.name.length;
    for (const [username, council] of [
      [`own.officer.${suffix}`, councilId],
      [`other.officer.${suffix}`, otherCouncil],
    ] as const) {
      expectOk(
        await admin.call('users.create', {
          username,
          displayName: username,
          password: 'a long enough passphrase',
          role: 'placement_officer',
          councilId: council,
          constellationId: null,
        }),
      );
    }
    const ownId = one<number>('SELECT id FROM users WHERE username = ?', `own.officer.${suffix}`);
    const otherId = one<number>('SELECT id FROM users WHERE username = ?', `other.officer.${suffix}`);

    const assignees = expectOk<{ id: number; displayName: string }[]>(await officer.call('referrals.assignees', { referralId }));
    expect(assignees.map((a) => a.id)).toContain(ownId);
    expect(assignees.map((a) => a.id)).not.toContain(otherId);

    const refused = expectError(await officer.call('referrals.assign', { referralId, userId: otherId }), 'BAD_INPUT');
    expect(refused.field).toBe('userId');
    expect(refused.message).toContain('is not an officer of');
    expect(one<number>('SELECT assigned_user_id FROM referrals WHERE id = ?', referralId)).toBe(officerId);

    const other = await signIn(`other.officer.${suffix}`, 'a long enough passphrase');
    expectError(await other.call('referrals.assign', { referralId, userId: otherId }), 'FORBIDDEN');
    for (const username of ['demo.commissioner', 'demo.hubcarer']) {
      expectError(await (await signIn(username)).call('referrals.assign', { referralId, userId: ownId }), 'FORBIDDEN');
    }
    expect(one<number>('SELECT assigned_user_id FROM referrals WHERE id = ?', referralId)).toBe(officerId);

    const detail = expectOk<ReferralDetail>(await officer.call('referrals.assign', { referralId, userId: ownId }));
    expect(detail.summary.assignedUserId).toBe(ownId);
    expect(detail.history.at(-1)).toMatchObject({ note: `Assigned to own.officer.${suffix}`, by: 'Demo placement officer' });
    expect(one<number>("SELECT count(*) FROM audit_log WHERE method = 'referrals.assign' AND action = 'change' AND record_id = ?", String(referralId))).toBe(1);
    const mine = expectOk<ReferralSummary[]>(await officer.call('referrals.inbox', { mine: true }));
    expect(mine.map((x) => x.id)).not.toContain(referralId);
    const theirs = expectOk<ReferralSummary[]>(
      await (await signIn(`own.officer.${suffix}`, 'a long enough passphrase')).call('referrals.inbox', { mine: true }),
    );
    expect(theirs.map((x) => x.id)).toEqual([referralId]);
  });

  it('the children list finds by first name and council as well as any part of a reference, and audits the search as a list', async () => {
    const child = store.db.prepare('SELECT ref, first_name AS firstName FROM children WHERE length(first_name) > 3 ORDER BY id LIMIT 1').get() as {
      ref: string;
      firstName: string;
    };
    const page = expectOk<ChildPage>(await officer.call('children.list', { search: child.firstName.toUpperCase(), limit: 500 }));
    expect(page.rows.map((c) => c.ref)).toContain(child.ref);
    expect(page.total).toBe(page.rows.length);
    const middle = expectOk<ChildPage>(await officer.call('children.list', { search: child.ref.slice(3, 8), limit: 500 }));
    expect(middle.rows.map((c) => c.ref)).toContain(child.ref);
    const audit = one<string>("SELECT record_id FROM audit_log WHERE method = 'children.list' ORDER BY id DESC LIMIT 1");
    expect(audit).toBe(`scope=region;count=${middle.rows.length};offset=0;total=${middle.total};search`);
  });
});
