import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SCOPED_ACCOUNTS } from '../../db/seed/accounts';
import type { SearchResult } from '../../shared/contract/matching';
import type { ReferralProgress, ReferralNote } from '../../shared/contract/referralDay';
import type { ReferralDetail, ReferralSummary } from '../../shared/contract/referrals';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, inProcess, overHttp, signInChoosingPassword, type Client, type Transport } from '../helpers/transports';

/**
 * Issue 14, points 3 and 4, over both transports: notes on a referral (who and when from the
 * server, scoped and audited), reminders worked out from the record on a fixed clock, the chasing
 * list, what next after a hold, an answer and a placement, and a search that leaves no home saying
 * what excluded the homes and what widening would add, the policy untouched. Demo store only.
 */
const TODAY = '2026-11-25'; // a Wednesday
const START = `${TODAY}T10:00:00.000Z`;
const SCOPED = DEMO_SCOPED_ACCOUNTS.find((a) => a.role === 'placement_officer')!;

describe.each([inProcess, overHttp])("an officer's day on a referral over the $name", (transport: Transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;
  let clock: ReturnType<typeof testClock>;
  const one = <T>(sql: string, ...params: unknown[]) =>
    store.db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  const signIn = async (username: string) => {
    const client = await running.newClient();
    await signInChoosingPassword(client, username, DEMO_PASSWORD);
    return client;
  };
  /** The clock moves on; a session idle that long has ended, so the officer signs in again. */
  const later = async (minutes: number): Promise<Client> => {
    clock.advanceMinutes(minutes);
    return signIn('demo.officer');
  };
  const progress = async (client: Client, referralId: number) => expectOk<ReferralProgress>(await client.call('referrals.progress', { referralId }));

  let officer: Client;
  let scopedCouncilId: number;

  beforeAll(async () => {
    store = tempStore({ kind: 'demo', today: TODAY });
    clock = testClock(START);
    running = await transport.start(testBackend(store.db, clock.now));
    officer = await signIn('demo.officer');
    scopedCouncilId = one<number>('SELECT council_id FROM users WHERE username = ?', SCOPED.username);
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  describe('notes', () => {
    let referralId: number;
    let providerId: number;
    beforeAll(() => {
      referralId = one<number>("SELECT id FROM referrals WHERE status = 'new' AND council_id <> ? ORDER BY id LIMIT 1", scopedCouncilId);
      providerId = one<number>('SELECT id FROM providers ORDER BY id LIMIT 1');
    });

    it('records who and when on the server, newest first, naming the provider, and audits it', async () => {
      const first = expectOk<ReferralNote[]>(
        await officer.call('referrals.addNote', { referralId, kind: 'call', text: '  Rang the provider; they will call back by 2pm.  ', providerId }),
      );
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({
        kind: 'call',
        text: 'Rang the provider; they will call back by 2pm.',
        providerId,
        by: 'Demo placement officer',
        at: START,
      });
      expect(first[0]!.providerName).toBe(one<string>('SELECT name FROM providers WHERE id = ?', providerId));
      clock.advanceMinutes(5);
      expectOk(await officer.call('referrals.addNote', { referralId, kind: 'panel', text: 'Panel agreed a residential placement up to £5,000 a week.' }));
      const notes = expectOk<ReferralNote[]>(await officer.call('referrals.notes', { referralId }));
      expect(notes.map((n) => [n.kind, n.providerId])).toEqual([
        ['panel', null],
        ['call', providerId],
      ]);
      const audit = store.db
        .prepare("SELECT method, action, record_id AS recordId, outcome FROM audit_log WHERE method LIKE 'referrals.%ote%' ORDER BY id")
        .all() as { method: string; action: string; recordId: string; outcome: string }[];
      expect(audit).toEqual([
        { method: 'referrals.addNote', action: 'add-note', recordId: String(referralId), outcome: 'ok' },
        { method: 'referrals.addNote', action: 'add-note', recordId: String(referralId), outcome: 'ok' },
        { method: 'referrals.notes', action: 'view-notes', recordId: String(referralId), outcome: 'ok' },
      ]);
    });

    it('refuses bad notes in the words of the field, and writes nothing', async () => {
      const before = one<number>('SELECT count(*) FROM referral_notes');
      expect(expectError(await officer.call('referrals.addNote', { referralId, kind: 'call', text: '   ' }), 'BAD_INPUT', 'text').message).toContain(
        'Write what was said or decided',
      );
      expect(expectError(await officer.call('referrals.addNote', { referralId, kind: 'call', text: 'x'.repeat(4001) }), 'BAD_INPUT', 'text').message).toContain(
        'Keep a note under 4,000 characters',
      );
      expect(expectError(await officer.call('referrals.addNote', { referralId, kind: 'fax', text: 'Sent a fax' }), 'BAD_INPUT', 'kind').message).toContain(
        'Choose call, e-mail, panel decision or other',
      );
      expect(
        expectError(
          await officer.call('referrals.addNote', { referralId, kind: 'email', text: 'Sent the referral', providerId: 999_999 }),
          'BAD_INPUT',
          'providerId',
        ).message,
      ).toBe('There is no provider 999999 on record');
      expectError(await officer.call('referrals.addNote', { referralId: 999_999, kind: 'other', text: 'Nowhere' }), 'NOT_FOUND');
      expect(one<number>('SELECT count(*) FROM referral_notes')).toBe(before);
    });

    it("a scoped officer cannot add or read notes on another council's referral (refusals audited), but can on their own", async () => {
      const scoped = await signIn(SCOPED.username);
      const before = one<number>('SELECT count(*) FROM referral_notes');
      expectError(await scoped.call('referrals.addNote', { referralId, kind: 'call', text: 'Not mine to write' }), 'FORBIDDEN');
      expectError(await scoped.call('referrals.notes', { referralId }), 'FORBIDDEN');
      expectError(await scoped.call('referrals.progress', { referralId }), 'FORBIDDEN');
      expect(one<number>('SELECT count(*) FROM referral_notes')).toBe(before);
      const refused = store.db
        .prepare("SELECT method FROM audit_log WHERE outcome = 'refused' AND username = ? AND record_id = ? ORDER BY id")
        .pluck()
        .all(SCOPED.username, `referralId=${referralId}`);
      expect(refused).toEqual(['referrals.addNote', 'referrals.notes', 'referrals.progress']);
      const own = one<number>('SELECT id FROM referrals WHERE council_id = ? ORDER BY id LIMIT 1', scopedCouncilId);
      expect(expectOk<ReferralNote[]>(await scoped.call('referrals.addNote', { referralId: own, kind: 'email', text: 'Sent to two providers.' }))).toHaveLength(
        1,
      );
      for (const username of ['demo.commissioner', 'demo.hubcarer']) {
        expectError(await (await signIn(username)).call('referrals.notes', { referralId }), 'FORBIDDEN');
      }
    });
  });

  describe('reminders, the chasing list and what next, on a fixed clock', () => {
    let referralId: number;
    let vacancyId: number;
    let homeName: string;

    beforeAll(async () => {
      clock = testClock(START);
      // Worked from a fresh backend on a fresh clock: the clock is the test's, never the machine's.
      await running.close();
      running = await transport.start(testBackend(store.db, clock.now));
      officer = await signIn('demo.officer');
      const candidates = store.db
        .prepare("SELECT r.id FROM referrals r WHERE r.status = 'new' AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.referral_id = r.id) ORDER BY r.id")
        .pluck()
        .all() as number[];
      for (const id of candidates) {
        store.db.prepare("UPDATE referrals SET needed_by_date = '2026-12-10' WHERE id = ?").run(id);
        const search = expectOk<SearchResult>(await officer.call('matching.search', { referralId: id }));
        if (search.ranked.length > 0) {
          referralId = id;
          vacancyId = search.ranked[0]!.vacancyId;
          homeName = search.ranked[0]!.homeName;
          break;
        }
      }
      expect(referralId).toBeTypeOf('number');
    });

    it('a searched referral with nothing slipping has no reminders, and says to hold a bed next', async () => {
      const p = await progress(officer, referralId);
      expect(p.reminders).toEqual([]);
      expect(p.chasing).toEqual([]);
      expect(p.state).toBe('Searching: last search 25 Nov 2026, 10:00.');
      expect(p.next).toBe('Hold a bed at the home that fits best while the provider is asked.');
    });

    it('a hold is the asking: held until 48 hours on, chased after 24 working hours, flagged 12 hours before it lapses, then lapsed', async () => {
      expectOk(await officer.call('placement.hold', { referralId, vacancyId, note: 'Asked by phone' }));
      let p = await progress(officer, referralId);
      expect(p.chasing).toHaveLength(1);
      expect(p.chasing[0]).toMatchObject({
        vacancyId,
        homeName,
        askedAt: START,
        answer: null,
        held: true,
        heldUntil: '2026-11-27T10:00:00.000Z',
        waitingWorkingHours: 0,
      });
      expect(p.state).toBe(`Bed held at ${homeName} until 27 Nov 2026, 10:00; asked 25 Nov 2026, 10:00.`);
      expect(p.reminders).toEqual([]);

      // Thursday 10:01: a working day and a minute without an answer.
      officer = await later(24 * 60 + 1);
      p = await progress(officer, referralId);
      expect(p.reminders.map((r) => r.kind)).toEqual(['notAnswered']);
      expect(p.reminders[0]!.text).toBe(`${p.chasing[0]!.providerName} (${homeName}) has not answered since 25 Nov 2026, 10:00: 24 working hours.`);
      const line = expectOk<ReferralSummary[]>(await officer.call('referrals.inbox', {})).find((r) => r.id === referralId)!;
      expect(line.reminders.map((r) => r.kind)).toEqual(['notAnswered']);

      // Friday 00:01: under 12 hours of the hold left.
      officer = await later(14 * 60);
      p = await progress(officer, referralId);
      expect(p.reminders.map((r) => [r.kind, r.severity])).toEqual([
        ['holdLapsing', 'due'],
        ['notAnswered', 'due'],
      ]);
      expect(p.reminders[0]!.text).toBe(`The hold at ${homeName} lapses 27 Nov 2026, 10:00 (in 10 hours).`);

      // Friday 10:01: lapsed.
      officer = await later(10 * 60);
      p = await progress(officer, referralId);
      expect(p.reminders[0]).toEqual({
        kind: 'holdLapsed',
        severity: 'overdue',
        text: `The hold at ${homeName} lapsed 27 Nov 2026, 10:00: ask the provider again or release the bed.`,
      });
      expect(p.state).toBe(`Bed held at ${homeName}, but the hold lapsed 27 Nov 2026, 10:00; asked 25 Nov 2026, 10:00.`);
      // The referral's own summary carries the same reminders.
      const detail = expectOk<ReferralDetail>(await officer.call('referrals.get', { referralId }));
      expect(detail.summary.reminders).toEqual(p.reminders);
    });

    it('the needed-by date is flagged two days ahead and every day it is past', async () => {
      store.db.prepare("UPDATE referrals SET needed_by_date = '2026-11-29' WHERE id = ?").run(referralId);
      let p = await progress(officer, referralId);
      expect(p.reminders.find((r) => r.kind === 'neededBySoon')).toEqual({ kind: 'neededBySoon', severity: 'due', text: 'Needed by 29 Nov 2026 (in 2 days).' });
      store.db.prepare("UPDATE referrals SET needed_by_date = '2026-11-24' WHERE id = ?").run(referralId);
      p = await progress(officer, referralId);
      expect(p.reminders.find((r) => r.kind === 'neededByPassed')).toEqual({
        kind: 'neededByPassed',
        severity: 'overdue',
        text: 'Needed by 24 Nov 2026: 3 days past.',
      });
      store.db.prepare("UPDATE referrals SET needed_by_date = '2026-12-10' WHERE id = ?").run(referralId);
    });

    it('an offer clears the chase; the state says what was offered and that placing is next; placing puts the search away', async () => {
      expectOk(
        await officer.call('placement.recordResponse', {
          referralId,
          vacancyId,
          response: 'offered',
          reason: '',
          price: { core: 400_000, support: 0, education: 0, other: 0 },
        }),
      );
      let p = await progress(officer, referralId);
      expect(p.chasing[0]).toMatchObject({ held: true, answer: { status: 'offered', at: '2026-11-27T10:01:00.000Z' }, waitingWorkingHours: null });
      expect(p.reminders.map((r) => r.kind)).toEqual(['holdLapsed']);
      expect(p.state).toContain(`${homeName} has offered a place (27 Nov 2026, 10:01)`);
      expect(p.next).toBe('Place the child there, or record why not and release the bed.');
      expectOk(
        await officer.call('placement.place', {
          referralId,
          vacancyId,
          startDate: '2026-11-30',
          price: { core: 400_000, support: 0, education: 0, other: 0 },
          rationale: 'Best match on stability and near school.',
          distanceReason: 'Child or parent preference',
        }),
      );
      p = await progress(officer, referralId);
      expect(p.state).toBe(`Placed at ${homeName} on 30 Nov 2026.`);
      expect(p.placed).toEqual({ homeName, startDate: '2026-11-30' });
      expect(p.reminders).toEqual([]);
      expect(p.chasing[0]).toMatchObject({ held: false, answer: { status: 'accepted' } });
    });
  });

  it('a refusal is the state, and holding the next home is the next step', async () => {
    // The newest new referral that some home can take (the newest of the demo include a secure
    // order, whose beds are allocated nationally, and relatives' named children).
    const candidates = store.db
      .prepare(
        "SELECT r.id FROM referrals r WHERE r.status = 'new' AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.referral_id = r.id) ORDER BY r.id DESC LIMIT 6",
      )
      .pluck()
      .all() as number[];
    let referralId = 0;
    let search: SearchResult | null = null;
    for (const id of candidates) {
      store.db.prepare("UPDATE referrals SET needed_by_date = '2026-12-20' WHERE id = ?").run(id);
      const found = expectOk<SearchResult>(await officer.call('matching.search', { referralId: id }));
      if (found.ranked.length > 0) {
        referralId = id;
        search = found;
        break;
      }
    }
    if (!search) throw new Error(`None of the newest new referrals (${candidates.join(', ')}) ranks a home`);
    const { vacancyId, homeName } = search.ranked[0]!;
    expectOk(await officer.call('placement.hold', { referralId, vacancyId, note: '' }));
    expectOk(await officer.call('placement.recordResponse', { referralId, vacancyId, response: 'refused', reason: 'No room for a second child', price: null }));
    const p = await progress(officer, referralId);
    expect(p.state).toMatch(new RegExp(`^${homeName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} said no \\(.*\\): No room for a second child\\.$`));
    expect(p.next).toBe('Hold the next home on the search, or search again.');
    expect(p.chasing[0]).toMatchObject({ held: false, answer: { status: 'refused', reason: 'No room for a second child' } });

    // A provider who answers without a hold before it (asked by e-mail, outside the app) is on the list too.
    const other = search.ranked.find((r) => r.vacancyId !== vacancyId)!;
    clock.advanceMinutes(1);
    expectOk(
      await officer.call('placement.recordResponse', { referralId, vacancyId: other.vacancyId, response: 'refused', reason: 'Full until spring', price: null }),
    );
    const after = await progress(officer, referralId);
    expect(after.chasing).toHaveLength(2);
    expect(after.chasing[1]).toMatchObject({
      vacancyId: other.vacancyId,
      askedAt: null,
      held: false,
      waitingWorkingHours: null,
      answer: { status: 'refused', reason: 'Full until spring' },
    });
    expect(after.state).toContain(`${other.homeName} said no`);
    expect(after.reminders.filter((r) => r.kind === 'notAnswered')).toEqual([]);
  });

  it('a search that leaves no home says what excluded the homes and what widening would add, and leaves the policy as it was', async () => {
    const referralId = one<number>("SELECT id FROM referrals WHERE status = 'new' ORDER BY id LIMIT 1 OFFSET 3");
    // A budget of £1 a week: every home is over it.
    store.db.prepare('UPDATE referrals SET budget_ceiling_pence = 100 WHERE id = ?').run(referralId);
    const policies = one<number>('SELECT count(*) FROM policies');
    const policy = one<string>('SELECT policy FROM policies ORDER BY version DESC LIMIT 1');
    const search = expectOk<SearchResult>(await officer.call('matching.search', { referralId }));
    expect(search.ranked).toEqual([]);
    const w = search.widening!;
    const budget = w.excludedBy.find((e) => e.rule === 'budgetCeiling')!;
    expect(budget).toEqual({ rule: 'budgetCeiling', label: 'Over the referral’s budget', homes: search.excluded.length });
    expect(w.excludedBy[0]!.homes).toBe(search.excluded.length);
    expect(w.widenings.find((x) => x.rule === 'budgetCeiling')).toEqual({
      rule: 'budgetCeiling',
      changes: 'referral',
      moreHomes: 0,
      words: '0 more homes with a budget of £10 a week (the referral’s budget is £1 a week)',
    });
    expect(w.widenings.every((x) => /^\d+ more homes? /.test(x.words))).toBe(true);
    // Nothing saved: the policy is as it was, and the search kept reads back the same.
    expect(one<number>('SELECT count(*) FROM policies')).toBe(policies);
    expect(one<string>('SELECT policy FROM policies ORDER BY version DESC LIMIT 1')).toBe(policy);
    expect(expectOk<SearchResult>(await officer.call('matching.run', { runId: search.runId })).widening).toEqual(w);
  });
});
