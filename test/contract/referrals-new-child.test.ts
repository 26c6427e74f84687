import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import type { ReferralDetail, ReferralFields } from '../../shared/contract/referrals';
import { validFields } from '../helpers/referral-fields';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, inProcess, overHttp, type Client, type Transport, signInChoosingPassword } from '../helpers/transports';

/**
 * Issue 14, point 2: a first referral for a child not yet on record creates the child with it, in one
 * transaction. Demo store; the children here are synthetic.
 */
const TODAY = '2026-11-25';

describe.each([inProcess, overHttp])('a first referral for a child not on record, over the $name', (transport: Transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;
  let officer: Client;
  let boltonId: number;
  const count = (table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const fields = (overrides: Partial<ReferralFields> = {}) => {
    const rest: Omit<ReferralFields, 'childId'> & { childId?: number } = validFields(1, overrides);
    delete rest.childId;
    return rest;
  };
  const child = (overrides: Record<string, unknown> = {}) => ({
    firstName: 'Juniper',
    birthDate: '2014-03-09',
    sex: 'F',
    councilId: boltonId,
    homeArea: 'BL1 1RU',
    ...overrides,
  });
  const signIn = async (username: string, password = DEMO_PASSWORD) => {
    const client = await running.newClient();
    await signInChoosingPassword(client, username, password);
    return client;
  };

  beforeAll(async () => {
    store = tempStore({ kind: 'demo', today: TODAY });
    running = await transport.start(testBackend(store.db, testClock(`${TODAY}T10:00:00.000Z`).now));
    officer = await signIn('demo.officer');
    boltonId = store.db.prepare("SELECT id FROM councils WHERE name = 'Bolton'").pluck().get() as number;
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  it('creates the child and the referral together, with a pseudonymous reference, audited', async () => {
    const [children, referrals] = [count('children'), count('referrals')];
    const detail = expectOk<ReferralDetail>(
      await officer.call('referrals.saveForNewChild', { asDraft: false, child: child({ homeArea: 'bl1 1ru' }), fields: fields({ siblingCount: 0 }) }),
    );
    expect([count('children'), count('referrals')]).toEqual([children + 1, referrals + 1]);
    expect(detail.summary.status).toBe('new');
    expect(detail.summary.childFirstName).toBe('Juniper');
    expect(detail.summary.childRef).toMatch(/^S[0-9A-HJKMNP-TV-Z]{9}$/);
    expect(detail.summary.assignedName).toBe('Demo placement officer');
    expect(detail.fields.childWishes).toBe(validFields(1).childWishes);
    const saved = expectOk<Record<string, unknown>>(await officer.call('children.get', { childId: detail.summary.childId }));
    expect(saved).toMatchObject({ firstName: 'Juniper', birthDate: '2014-03-09', sex: 'F', councilId: boltonId, age: 12 });
    expect(store.db.prepare('SELECT home_postcode FROM children WHERE id = ?').pluck().get(detail.summary.childId)).toBe('BL1 1RU');
    const audits = store.db.prepare("SELECT action || ' ' || record_type FROM audit_log WHERE method = 'referrals.saveForNewChild' ORDER BY id").pluck().all();
    expect(audits).toEqual(expect.arrayContaining(['create child', 'create referral']));
  });

  it('names the bad field in plain words and writes nothing, for the child or the referral', async () => {
    const before = [count('children'), count('referrals'), count('referral_history')];
    const cases: [Record<string, unknown>, Partial<ReferralFields>, string, RegExp][] = [
      [child({ firstName: '  ' }), {}, 'child.firstName', /first name/],
      [child({ birthDate: '2027-01-01' }), {}, 'child.birthDate', /in the future/],
      [child({ birthDate: '2001-01-01' }), {}, 'child.birthDate', /18 or over/],
      [child({ birthDate: '09/03/2014' }), {}, 'child.birthDate', /^Enter a real date for the date of birth$/],
      [child({ sex: 'X' }), {}, 'child.sex', /^Choose the sex from the list$/],
      [child({ homeArea: 'BL1' }), {}, 'child.homeArea', /first half of a postcode/],
      [child({ councilId: 999_999 }), {}, 'child.councilId', /no council/],
      [child(), { neededByDate: '2026-11-01' }, 'fields.neededByDate', /in the past/],
      [child(), { siblingIds: [1], siblingCount: 1 }, 'fields.siblingIds', /no brothers or sisters on record/],
    ];
    for (const [c, f, field, message] of cases) {
      const error = expectError(await officer.call('referrals.saveForNewChild', { asDraft: false, child: c, fields: fields(f) }), 'BAD_INPUT');
      expect(error.field, JSON.stringify(c)).toBe(field);
      expect(error.message, field).toMatch(message);
    }
    expect([count('children'), count('referrals'), count('referral_history')]).toEqual(before);
  });

  it('refuses the wrong roles, and keeps a council-scoped officer to children of their own council', async () => {
    const before = [count('children'), count('referrals')];
    for (const username of ['demo.commissioner', 'demo.hubcarer']) {
      expectError(await (await signIn(username)).call('referrals.saveForNewChild', { asDraft: false, child: child(), fields: fields() }), 'FORBIDDEN');
    }
    const admin = await signIn('demo.admin');
    const otherCouncil = store.db.prepare('SELECT id FROM councils WHERE id <> ? ORDER BY id LIMIT 1').pluck().get(boltonId) as number;
    const username = `scoped.newchild.${transport.name.length}`;
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
    const scoped = await signIn(username, 'a long enough passphrase');
    expectError(await scoped.call('referrals.saveForNewChild', { asDraft: false, child: child(), fields: fields() }), 'FORBIDDEN');
    expect([count('children'), count('referrals')]).toEqual(before);
    const own = expectOk<ReferralDetail>(
      await scoped.call('referrals.saveForNewChild', {
        asDraft: true,
        child: child({ councilId: otherCouncil, homeArea: 'Near the town centre' }),
        fields: fields({ siblingCount: 0 }),
      }),
    );
    expect(own.summary).toMatchObject({ councilId: otherCouncil, status: 'draft' });
    expect(store.db.prepare('SELECT place_label FROM children WHERE id = ?').pluck().get(own.summary.childId)).toBe('Near the town centre');
  });
});
