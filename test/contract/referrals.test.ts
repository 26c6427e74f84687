import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { loadReferralForMatching } from '../../db/repositories/matching';
import type { ReferralDetail, ReferralFields, ReferralSummary } from '../../shared/contract/referrals';
import type { ChildProfile } from '../../shared/contract/children';
import type { SearchResult } from '../../shared/contract/matching';
import { validFields } from '../helpers/referral-fields';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, inProcess, overHttp, type Client, type Transport } from '../helpers/transports';

const TODAY = '2026-11-25';

describe.each([inProcess, overHttp])('referrals over the $name', (transport: Transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;
  let officer: Client;
  let childId: number;
  const count = (table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

  beforeAll(async () => {
    store = tempStore({ kind: 'demo', today: TODAY });
    const clock = testClock(`${TODAY}T10:00:00.000Z`);
    running = await transport.start(testBackend(store.db, clock.now));
    officer = await running.newClient();
    expectOk(await officer.call('auth.signIn', { username: 'demo.officer', password: DEMO_PASSWORD }));
    childId = store.db.prepare('SELECT id FROM children ORDER BY id LIMIT 1').pluck().get() as number;
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  it('creates a referral with every field, records history and audits it', async () => {
    const before = count('referrals');
    const detail = expectOk<ReferralDetail>(await officer.call('referrals.save', { referralId: null, asDraft: false, fields: validFields(childId) }));
    expect(count('referrals')).toBe(before + 1);
    expect(detail.summary.status).toBe('new');
    expect(detail.summary.urgency).toBe('under5');
    expect(detail.summary.needsSummary).toContain('criminal exploitation');
    expect(detail.fields).toEqual(validFields(childId));
    expect(detail.history.map((h) => h.status)).toEqual(['new']);
    const audits = store.db.prepare("SELECT action, record_type AS type FROM audit_log WHERE method = 'referrals.save' ORDER BY id").all() as {
      action: string;
      type: string;
    }[];
    expect(audits).toContainEqual({ action: 'create', type: 'referral' });
    expect(audits).toContainEqual({ action: 'change', type: 'child' });
    // The wishes live on the child, in their words, and appear in the profile.
    const profile = expectOk<ChildProfile>(await officer.call('children.profile', { childId }));
    expect(profile.child.wishes).toBe(validFields(childId).childWishes);
  });

  it('records a secure accommodation order and a DoL order apart, and the search reads each as recorded', async () => {
    const dolOnly = expectOk<ReferralDetail>(
      await officer.call('referrals.save', { referralId: null, asDraft: false, fields: validFields(childId, { deprivationOfLiberty: true }) }),
    );
    expect(dolOnly.fields).toMatchObject({ deprivationOfLiberty: true, secureOrder: false });
    expect(loadReferralForMatching(store.db, dolOnly.summary.id, TODAY)?.legal).toEqual({ secureOrder: false, deprivationOfLiberty: true });
    const secure = expectOk<ReferralDetail>(
      await officer.call('referrals.save', { referralId: dolOnly.summary.id, asDraft: false, fields: validFields(childId, { secureOrder: true }) }),
    );
    expect(secure.fields).toMatchObject({ deprivationOfLiberty: false, secureOrder: true });
    expect(loadReferralForMatching(store.db, secure.summary.id, TODAY)?.legal).toEqual({ secureOrder: true, deprivationOfLiberty: false });
    // A caller that does not know the field yet sends no secureOrder: no order is recorded.
    const older: Partial<ReferralFields> = validFields(childId);
    delete older.secureOrder;
    const saved = expectOk<ReferralDetail>(await officer.call('referrals.save', { referralId: null, asDraft: true, fields: older }));
    expect(saved.fields.secureOrder).toBe(false);
  });

  it('names the bad field and writes nothing', async () => {
    const before = { referrals: count('referrals'), history: count('referral_history') };
    const bad = (fields: unknown) => officer.call('referrals.save', { referralId: null, asDraft: false, fields });
    expectError(await bad({ ...validFields(childId), budgetCeilingPence: -5 }), 'BAD_INPUT', 'fields.budgetCeilingPence');
    expectError(await bad({ ...validFields(childId), pets: 'Maybe' }), 'BAD_INPUT', 'fields.pets');
    expectError(
      await bad({ ...validFields(childId), risks: { ...validFields(childId).risks, riskMissing: 'sometimes' } }),
      'BAD_INPUT',
      'fields.risks.riskMissing',
    );
    expectError(await bad({ ...validFields(childId), favouriteColour: 'blue' }), 'BAD_INPUT', 'fields.favouriteColour');
    expectError(await bad(validFields(childId, { neededByDate: '2026-11-01' })), 'BAD_INPUT', 'fields.neededByDate');
    expectError(await bad(validFields(childId, { preferredLocationReason: '' })), 'BAD_INPUT', 'fields.preferredLocationReason');
    expectError(
      await bad(validFields(childId, { fosterSuitability: 'Unsuitable', residentialSuitability: 'Unsuitable', supportedSuitability: 'Unsuitable' })),
      'BAD_INPUT',
      'fields.fosterSuitability',
    );
    expectError(await bad({ ...validFields(childId), purpose: 'permanent' }), 'BAD_INPUT', 'fields.purpose');
    expect(expectError(await bad(validFields(childId, { purpose: 'staying_put' })), 'BAD_INPUT', 'fields.purpose').message).toContain('18 or over');
    expectError(await bad(validFields(999_999)), 'BAD_INPUT', 'fields.childId');
    expect({ referrals: count('referrals'), history: count('referral_history') }).toEqual(before);
  });

  it('records wishes one by one, scores a search only by them, and refuses a wish that is not one of the kinds or has no words', async () => {
    const wishes: ReferralFields['wishes'] = [
      { kind: 'people', text: 'Near my nan in Wigan' },
      { kind: 'pets', text: 'No dogs please' },
    ];
    const saved = expectOk<ReferralDetail>(
      await officer.call('referrals.save', { referralId: null, asDraft: false, fields: validFields(childId, { wishes }) }),
    );
    expect(saved.fields.wishes).toEqual(wishes);
    const forEngine = loadReferralForMatching(store.db, saved.summary.id, TODAY)!;
    expect(forEngine.wishes.recorded.map((w) => [w.kind, w.placeName])).toEqual([
      ['people', 'Wigan'],
      ['pets', undefined],
    ]);
    // A referral saved without the field records none, and a search says so rather than scoring 100.
    const without: Partial<ReferralFields> = validFields(childId);
    delete without.wishes;
    const none = expectOk<ReferralDetail>(await officer.call('referrals.save', { referralId: null, asDraft: false, fields: without }));
    expect(none.fields.wishes).toEqual([]);
    const search = expectOk<SearchResult>(await officer.call('matching.search', { referralId: none.summary.id }));
    for (const home of search.ranked.slice(0, 5)) {
      expect(home.factors.wishes).toMatchObject({ scored: false, weightShare: 0, points: 0 });
      expect(home.factors.wishes.lines[0]).toMatch(/^No wishes recorded: not scored/);
    }

    const before = count('referrals');
    const bad = (w: unknown) => officer.call('referrals.save', { referralId: null, asDraft: false, fields: { ...validFields(childId), wishes: w } });
    expectError(await bad([{ kind: 'horses', text: 'A pony' }]), 'BAD_INPUT', 'fields.wishes.0.kind');
    const empty = expectError(await bad([{ kind: 'school', text: '   ' }]), 'BAD_INPUT', 'fields.wishes.0.text');
    expect(empty.message).toContain('Write the wish in the child’s words');
    expect(count('referrals')).toBe(before);
  });

  it('follows the workflow and refuses a jump it does not allow', async () => {
    const created = expectOk<ReferralDetail>(await officer.call('referrals.save', { referralId: null, asDraft: true, fields: validFields(childId) }));
    const id = created.summary.id;
    expect(created.summary.status).toBe('draft');
    const sent = expectOk<ReferralDetail>(
      await officer.call('referrals.save', { referralId: id, asDraft: false, fields: validFields(childId, { siblingCount: 2 }) }),
    );
    expect(sent.summary.status).toBe('new');
    expect(sent.fields.siblingCount).toBe(2);
    // A referral saved without a purpose (a caller from before purposes) asks for short-term; one that says is kept as said.
    const older: Partial<ReferralFields> = validFields(childId, { siblingCount: 2 });
    delete older.purpose;
    expect(expectOk<ReferralDetail>(await officer.call('referrals.save', { referralId: id, asDraft: false, fields: older })).fields.purpose).toBe('short_term');
    const longTerm = validFields(childId, { siblingCount: 2, purpose: 'long_term' });
    expect(expectOk<ReferralDetail>(await officer.call('referrals.save', { referralId: id, asDraft: false, fields: longTerm })).fields.purpose).toBe(
      'long_term',
    );
    const refused = expectError(await officer.call('referrals.setStatus', { referralId: id, status: 'placed', note: '' }), 'CONFLICT');
    expect(refused.message).toContain('searching');
    expectOk(await officer.call('referrals.setStatus', { referralId: id, status: 'searching', note: 'Started the search' }));
    const closed = expectOk<ReferralDetail>(await officer.call('referrals.setStatus', { referralId: id, status: 'closed', note: 'Child returned home' }));
    expect(closed.history.map((h) => h.status)).toEqual(['draft', 'new', 'searching', 'closed']);
    expectError(await officer.call('referrals.save', { referralId: id, asDraft: false, fields: validFields(childId) }), 'CONFLICT');
  });

  it("links the siblings the officer chose: only this child's, counted right, and those are the ones searched for", async () => {
    const group = store.db
      .prepare('SELECT sibling_group FROM children WHERE sibling_group IS NOT NULL GROUP BY sibling_group HAVING count(*) >= 3 ORDER BY sibling_group LIMIT 1')
      .pluck()
      .get() as string;
    const members = store.db.prepare('SELECT id FROM children WHERE sibling_group = ? ORDER BY birth_date').pluck().all(group) as number[];
    const [oldest, middle] = members as [number, number];
    const youngest = members.at(-1)!;
    const stranger = store.db
      .prepare('SELECT id FROM children WHERE sibling_group IS NULL OR sibling_group <> ? ORDER BY id LIMIT 1')
      .pluck()
      .get(group) as number;
    const before = count('referrals');
    const bad = (overrides: Partial<ReferralFields>) =>
      officer.call('referrals.save', { referralId: null, asDraft: false, fields: validFields(youngest, overrides) });
    expect(expectError(await bad({ siblingIds: [stranger], siblingCount: 1 }), 'BAD_INPUT', 'fields.siblingIds').message).toContain(
      'not recorded as this child',
    );
    expectError(await bad({ siblingIds: [oldest], siblingCount: 2 }), 'BAD_INPUT', 'fields.siblingCount');
    expectError(await bad({ siblingIds: [oldest, oldest], siblingCount: 2 }), 'BAD_INPUT', 'fields.siblingIds');
    expect(count('referrals')).toBe(before);

    // The officer chooses the oldest sibling: the youngest-first default would have taken another.
    const saved = expectOk<ReferralDetail>(
      await officer.call('referrals.save', { referralId: null, asDraft: false, fields: validFields(youngest, { siblingIds: [oldest], siblingCount: 1 }) }),
    );
    expect(saved.fields.siblingIds).toEqual([oldest]);
    const forEngine = loadReferralForMatching(store.db, saved.summary.id, TODAY)!;
    expect(forEngine.siblings.map((s) => Number(s.id))).toEqual([oldest]);
    expect(forEngine.siblings.map((s) => Number(s.id))).not.toContain(middle);
  });

  it('lists open referrals with urgency and overdue flags', async () => {
    const inbox = expectOk<ReferralSummary[]>(await officer.call('referrals.inbox', {}));
    expect(inbox.length).toBeGreaterThan(0);
    for (const r of inbox) expect(['new', 'searching', 'shortlisted', 'offered']).toContain(r.status);
    const ours = inbox.filter((r) => r.childId === childId);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((r) => r.urgency === 'under5' && !r.overdue)).toBe(true);
  });

  it('keeps commissioners and hub carers out, and a council-scoped officer inside their council', async () => {
    for (const username of ['demo.commissioner', 'demo.hubcarer']) {
      const client = await running.newClient();
      expectOk(await client.call('auth.signIn', { username, password: DEMO_PASSWORD }));
      expectError(await client.call('referrals.inbox', {}), 'FORBIDDEN');
      expectError(await client.call('children.profile', { childId }), 'FORBIDDEN');
    }
    const admin = await running.newClient();
    expectOk(await admin.call('auth.signIn', { username: 'demo.admin', password: DEMO_PASSWORD }));
    const childCouncil = store.db.prepare('SELECT council_id FROM children WHERE id = ?').pluck().get(childId) as number;
    const otherCouncil = store.db.prepare('SELECT id FROM councils WHERE id <> ? ORDER BY id LIMIT 1').pluck().get(childCouncil) as number;
    const username = `officer.scoped.${transport.name.length}`;
    expectOk(
      await admin.call('users.create', {
        username,
        displayName: 'Scoped officer',
        password: 'a long enough passphrase',
        role: 'placement_officer',
        councilId: otherCouncil,
        constellationId: null,
      }),
    );
    const scoped = await running.newClient();
    expectOk(await scoped.call('auth.signIn', { username, password: 'a long enough passphrase' }));
    // The administrator chose that password; the officer chooses their own first.
    expectOk(await scoped.call('auth.changePassword', { currentPassword: 'a long enough passphrase', newPassword: 'the scoped officer’s own' }));
    const referralId = store.db.prepare('SELECT id FROM referrals WHERE child_id = ? LIMIT 1').pluck().get(childId) as number;
    expectError(await scoped.call('referrals.get', { referralId }), 'FORBIDDEN');
    expectError(await scoped.call('children.profile', { childId }), 'FORBIDDEN');
    const inbox = expectOk<ReferralSummary[]>(await scoped.call('referrals.inbox', {}));
    expect(inbox.every((r) => r.councilId === otherCouncil)).toBe(true);
  });
});
