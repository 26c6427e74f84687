import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, inProcess, overHttp, type Client, type Transport } from '../helpers/transports';

describe.each([inProcess, overHttp])('adding a vacancy by hand, over the $name', (transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;

  beforeAll(async () => {
    store = tempStore({ kind: 'demo' });
    running = await transport.start(testBackend(store.db, testClock().now));
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  const count = (sql: string, ...params: unknown[]): number =>
    store.db
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  async function signedIn(username: string): Promise<Client> {
    const client = await running.newClient();
    expectOk(await client.call('auth.signIn', { username, password: DEMO_PASSWORD }));
    return client;
  }
  const homeIn = (council: string, not = false) =>
    store.db
      .prepare(`SELECT h.id FROM homes h JOIN councils c ON c.id = h.council_id WHERE (c.name = ?) = ? ORDER BY h.id LIMIT 1`)
      .pluck()
      .get(council, not ? 0 : 1) as number;

  it("vacancies.homes lists the homes the caller may post for, a council-scoped officer only their council's", async () => {
    const officer = await signedIn('demo.officer');
    const all = expectOk<{ id: number; name: string; councilName: string }[]>(await officer.call('vacancies.homes', {}));
    expect(all).toHaveLength(count('SELECT count(*) FROM homes'));
    const bolton = expectOk<{ councilName: string }[]>(await (await signedIn('demo.officer.bolton')).call('vacancies.homes', {}));
    expect(bolton.length).toBe(count("SELECT count(*) FROM homes h JOIN councils c ON c.id = h.council_id WHERE c.name = 'Bolton'"));
    expect(new Set(bolton.map((h) => h.councilName))).toEqual(new Set(['Bolton']));
    expectError(await (await signedIn('demo.commissioner')).call('vacancies.homes', {}), 'FORBIDDEN');
  });

  it("vacancies.add checks the fields by the feed's own rules, refuses wrong roles and homes outside scope, and adds nothing then; a good one is open, audited and announced", async () => {
    const officer = await signedIn('demo.officer');
    // Another signed-in window: the region's events go only to signed-in connections.
    const watcher = await signedIn('demo.commissioner');
    const tap = await watcher.tapEvents();
    try {
      const homeId = homeIn('Bolton');
      const good = {
        homeId,
        beds: '2',
        availableFrom: '2027-01-11',
        priceCore: '3,950.50',
        priceSupport: '250',
        priceEducation: '',
        priceOther: '0',
        restrictions: '  No children under 11  ',
      };
      const vacancies = () => count('SELECT count(*) FROM vacancies');
      const audits = () => count("SELECT count(*) FROM audit_log WHERE method = 'vacancies.add' AND outcome = 'ok'");
      const before = { vacancies: vacancies(), audits: audits() };

      // Each message is the feed's, naming the value, and points at its field.
      expect(expectError(await officer.call('vacancies.add', { ...good, beds: '0' }), 'BAD_INPUT', 'beds').message).toBe(
        '0 is outside the allowed range 1 to 20',
      );
      expect(expectError(await officer.call('vacancies.add', { ...good, beds: 'two' }), 'BAD_INPUT', 'beds').message).toBe("'two' is not a whole number");
      expect(expectError(await officer.call('vacancies.add', { ...good, availableFrom: '' }), 'BAD_INPUT', 'availableFrom').message).toBe(
        'Enter the date the bed is free from',
      );
      expectError(await officer.call('vacancies.add', { ...good, availableFrom: '2027-02-30' }), 'BAD_INPUT', 'availableFrom');
      expect(expectError(await officer.call('vacancies.add', { ...good, priceCore: '' }), 'BAD_INPUT', 'priceCore').message).toBe(
        'Enter the core weekly price',
      );
      expect(expectError(await officer.call('vacancies.add', { ...good, priceCore: '0' }), 'BAD_INPUT', 'priceCore').message).toBe(
        'The core weekly price must be more than £0',
      );
      expect(expectError(await officer.call('vacancies.add', { ...good, priceSupport: 'lots' }), 'BAD_INPUT', 'priceSupport').message).toMatch(
        /'lots' is not an amount in pounds/,
      );
      expectError(await officer.call('vacancies.add', { ...good, priceOther: '250000' }), 'BAD_INPUT', 'priceOther');
      expectError(await officer.call('vacancies.add', { ...good, restrictions: 'x'.repeat(501) }), 'BAD_INPUT', 'restrictions');
      expectError(await officer.call('vacancies.add', { ...good, homeId: 999_999 }), 'NOT_FOUND', 'homeId');
      expectError(await officer.call('vacancies.add', { ...good, beds: 2 }), 'BAD_INPUT', 'beds');
      // Wrong roles, and a Bolton officer posting for a home in another council.
      expectError(await (await signedIn('demo.commissioner')).call('vacancies.add', good), 'FORBIDDEN');
      expectError(await running.newClient().then((c) => c.call('vacancies.add', good)), 'UNAUTHENTICATED');
      const bolton = await signedIn('demo.officer.bolton');
      const elsewhere = expectError(await bolton.call('vacancies.add', { ...good, homeId: homeIn('Bolton', true) }), 'FORBIDDEN', 'homeId');
      expect(elsewhere.message).toMatch(/outside your scope/);
      expect({ vacancies: vacancies(), audits: audits() }).toEqual(before);

      const added = expectOk<Record<string, unknown>>(await bolton.call('vacancies.add', good));
      expect(added).toMatchObject({
        homeId,
        beds: 2,
        availableFrom: '2027-01-11',
        status: 'open',
        priceCorePence: 395_050,
        priceSupportPence: 25_000,
        priceEducationPence: 0,
        priceOtherPence: 0,
        weeklyPricePence: 420_050,
        restrictions: 'No children under 11',
        councilName: 'Bolton',
      });
      const id = added.id as number;
      expect(store.db.prepare('SELECT source FROM vacancies WHERE id = ?').pluck().get(id)).toBe('manual');
      expect(store.db.prepare('SELECT status, user_id IS NOT NULL AS byUser FROM vacancy_status_history WHERE vacancy_id = ?').all(id)).toEqual([
        { status: 'open', byUser: 1 },
      ]);
      expect(
        count("SELECT count(*) FROM audit_log WHERE method = 'vacancies.add' AND action = 'create' AND record_type = 'vacancy' AND record_id = ?", String(id)),
      ).toBe(1);
      expect(await tap.next('vacancy.changed')).toEqual({ vacancyId: id, status: 'open' });
      // An administrator may add one too, for any council.
      expectOk(await (await signedIn('demo.admin')).call('vacancies.add', { ...good, homeId: homeIn('Bolton', true) }));
      expect(vacancies()).toBe(before.vacancies + 2);
    } finally {
      await tap.close();
    }
  });

  it('a home whose Ofsted registration is suspended: its withdrawn vacancy shows why, cannot be reopened, and no vacancy is added for it', async () => {
    const officer = await signedIn('demo.officer');
    const homeId = count("SELECT id FROM homes WHERE registration_status = 'suspended'");
    const vacancyId = count('SELECT id FROM vacancies WHERE home_id = ? AND withdrawn_reason IS NOT NULL ORDER BY id', homeId);
    const page = expectOk<{ rows: { id: number; withdrawnReason: string | null; homeBarred: string | null }[] }>(
      await officer.call('vacancies.list', { status: 'withdrawn', limit: 500, offset: 0 }),
    );
    const row = page.rows.find((r) => r.id === vacancyId)!;
    expect(row.withdrawnReason).toMatch(/^Ofsted registration suspended on \d+ \w+ \d{4}$/);
    expect(row.homeBarred).toBe(row.withdrawnReason);
    const reopen = expectError(await officer.call('vacancies.setStatus', { vacancyId, status: 'open' }), 'CONFLICT', 'vacancyId');
    const homeName = store.db.prepare('SELECT name FROM homes WHERE id = ?').pluck().get(homeId) as string;
    expect(reopen.message).toBe(`${row.withdrawnReason}: the vacancy at ${homeName} cannot be opened.`);
    expect(count('SELECT status = ? FROM vacancies WHERE id = ?', 'withdrawn', vacancyId)).toBe(1);
    const before = count('SELECT count(*) FROM vacancies');
    const add = expectError(
      await officer.call('vacancies.add', {
        homeId,
        beds: '1',
        availableFrom: '2027-01-11',
        priceCore: '4000',
        priceSupport: '',
        priceEducation: '',
        priceOther: '',
        restrictions: '',
      }),
      'CONFLICT',
      'homeId',
    );
    expect(add.message).toBe(`${row.withdrawnReason}: the home cannot take a child, so no vacancy can be added for it.`);
    expect(count('SELECT count(*) FROM vacancies')).toBe(before);
  });

  it('holding a bed refuses a home the law bars, whatever led the officer there: a secure-order child at an open home', async () => {
    const officer = await signedIn('demo.officer');
    const referralId = count('SELECT id FROM referrals WHERE secure_order = 1');
    const vacancyId = count(
      "SELECT v.id FROM vacancies v JOIN homes h ON h.id = v.home_id WHERE v.status = 'open' AND h.kind = 'residential' AND h.id NOT IN (SELECT home_id FROM residential_homes WHERE secure = 1) ORDER BY v.id",
    );
    const refused = expectError(await officer.call('placement.hold', { referralId, vacancyId, note: '' }), 'CONFLICT', 'vacancyId');
    expect(refused.message).toMatch(/cannot take this child: The child is subject to a secure accommodation order \(Children Act 1989 s25\)/);
    expect(refused.message).toMatch(/allocated nationally by the Secure Welfare Coordination Unit/);
    expect(count('SELECT status = ? FROM vacancies WHERE id = ?', 'open', vacancyId)).toBe(1);
    expect(count('SELECT count(*) FROM offers WHERE referral_id = ?', referralId)).toBe(0);
  });
});
