import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import type { ChildProfile } from '../../shared/contract/children';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, type Client, type Transport, inProcess, overHttp } from '../helpers/transports';

/**
 * Every date in the contract is a day on the calendar, checked by its one schema (IsoDate); and a
 * bad date already in the store (written around the contract, by hand with SQL) cannot break a
 * child's profile: the profile shows the rest and marks the bad date.
 */

describe.each([inProcess, overHttp])('calendar dates over the $name', (transport: Transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;
  let officer: Client;

  beforeAll(async () => {
    store = tempStore({ kind: 'demo' });
    running = await transport.start(testBackend(store.db, testClock().now));
    officer = await running.newClient();
    expectOk(await officer.call('auth.signIn', { username: 'demo.officer', password: DEMO_PASSWORD }));
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  it('refuses 2026-02-31 and 2026-13-45 with a message naming the field, and changes nothing', async () => {
    const vacancyId = store.db.prepare("SELECT min(id) FROM vacancies WHERE status = 'open'").pluck().get() as number;
    const before = store.db.prepare('SELECT * FROM vacancies WHERE id = ?').get(vacancyId);
    const good = {
      vacancyId,
      beds: 1,
      availableFrom: '2026-12-14',
      priceCorePence: 95_000,
      priceSupportPence: 0,
      priceEducationPence: 0,
      priceOtherPence: 0,
      restrictions: '',
    };
    for (const bad of ['2026-02-31', '2026-13-45', '2026-02-29', '2026-00-10', '2026-04-31']) {
      const error = expectError(await officer.call('vacancies.update', { ...good, availableFrom: bad }), 'BAD_INPUT', 'availableFrom');
      expect(error.message).toBe('Enter a real date for the available-from date');
    }
    expect(store.db.prepare('SELECT * FROM vacancies WHERE id = ?').get(vacancyId)).toEqual(before);
    // A leap day that exists is a date.
    expectOk(await officer.call('vacancies.update', { ...good, availableFrom: '2028-02-29' }));
    // Dates nested in a filter keep their whole path as the field; the message names the field in words.
    const admin = await running.newClient();
    expectOk(await admin.call('auth.signIn', { username: 'demo.admin', password: DEMO_PASSWORD }));
    const nested = expectError(await admin.call('audit.list', { filter: { from: '2026-11-31' } }), 'BAD_INPUT', 'filter.from');
    expect(nested.message).toBe('Enter a real date for the first day');
  });

  it('a bad date written into the store with SQL does not break the profile: the rest shows and the bad date is marked', async () => {
    const childId = store.db.prepare('SELECT child_id FROM episodes GROUP BY child_id HAVING count(*) >= 2 ORDER BY child_id LIMIT 1').pluck().get() as number;
    const healthy = expectOk<ChildProfile>(await officer.call('children.profile', { childId }));
    expect(healthy.unreadableDates).toEqual([]);
    const firstEpisode = store.db.prepare('SELECT id FROM episodes WHERE child_id = ? ORDER BY decom LIMIT 1').pluck().get(childId) as number;
    store.db.prepare("UPDATE children SET birth_date = '2011-02-31' WHERE id = ?").run(childId);
    store.db.prepare("UPDATE episodes SET decom = '2019-13-45' WHERE id = ?").run(firstEpisode);
    const profile = expectOk<ChildProfile>(await officer.call('children.profile', { childId }));
    expect(profile.child).toMatchObject({ id: childId, ref: healthy.child.ref, birthDate: null, age: null, legalStatus: healthy.child.legalStatus });
    expect(profile.unreadableDates).toEqual(
      expect.arrayContaining([
        { field: 'child.birthDate', label: 'Date of birth', value: '2011-02-31' },
        expect.objectContaining({ value: '2019-13-45', field: expect.stringMatching(/^history\.\d+\.start$/) as unknown }),
      ]),
    );
    expect(profile.history).toHaveLength(healthy.history.length);
    expect(profile.history.filter((e) => e.start === null)).toHaveLength(1);
    expect(profile.siblings).toEqual(healthy.siblings);
    // The list and the quick look answer too: no age and no birth date, rather than a wrong one or a failure.
    const ref = healthy.child.ref;
    const listed = expectOk<{ rows: { ref: string; age: number | null }[] }>(await officer.call('children.list', { search: ref }));
    expect(listed.rows.find((c) => c.ref === ref)).toMatchObject({ age: null });
    expect(expectOk(await officer.call('children.get', { childId }))).toMatchObject({ ref, birthDate: null, age: null });
  });
});
