import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVacancyForMatching } from '../../db/repositories/matching';
import { bedsHeldByReferral } from '../../db/repositories/placements';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { loadPlanInput } from '../../electron/services/plan';
import { signInAs, type UserClient } from '../helpers/as-user';
import { tempStore, testBackend } from '../helpers/store';

/*
 * One bed at a time for a child, and no hold past a home's approval, on a real encrypted demo
 * store: a referral whose bed is already held is left out of the region plan (accepting a second
 * match would have held two beds and moved its offer backwards), a second hold for it is refused,
 * and the vacancies board cannot hold a bed at a home whose approval is used up through another
 * vacancy row of the same home.
 */

const TODAY = '2026-11-25';
let store: ReturnType<typeof tempStore>;
let officer: UserClient;

beforeAll(async () => {
  store = tempStore({ kind: 'demo', today: TODAY });
  officer = await signInAs(
    testBackend(store.db, () => new Date(`${TODAY}T10:00:00Z`)),
    'demo.officer',
    DEMO_PASSWORD,
  );
});
afterAll(() => store?.remove());

const one = (sql: string, ...params: unknown[]) =>
  store.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

describe('a referral with a bed held for it', () => {
  it('is left out of the region plan, and the plan says how many were', () => {
    const held = bedsHeldByReferral(store.db);
    // The demo has referrals part-way through placing (a bed held, an offer made).
    expect(held.size).toBeGreaterThan(0);
    const input = loadPlanInput(store.db, null, TODAY);
    const planned = new Set(input.referrals.map((r) => Number(r.referralId)));
    for (const referralId of held.keys()) expect(planned.has(referralId), `referral ${referralId}`).toBe(false);
    expect(input.holdingBeds).toBe(held.size);
  });

  it('cannot hold a second bed; the refusal names the bed it holds and changes nothing', async () => {
    const [referralId, [bed]] = [...bedsHeldByReferral(store.db)].map(([id, beds]) => [id, beds] as const)[0]!;
    const status = () => store.db.prepare('SELECT status FROM referrals WHERE id = ?').pluck().get(referralId) as string;
    const before = status();
    const other = one("SELECT id FROM vacancies WHERE status = 'open' ORDER BY id LIMIT 1");
    const error = await officer.fails('placement.hold', { referralId, vacancyId: other, note: '' });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`A bed at ${bed!.homeName} is already held for this referral`);
    expect(one('SELECT status = ? FROM vacancies WHERE id = ?', 'open', other)).toBe(1);
    expect(status()).toBe(before);
  });
});

describe('holding from the vacancies board', () => {
  it('refuses a bed at a home whose approval is used up by a bed held at its other vacancy row', async () => {
    // A one-bed foster vacancy at a home with exactly one approval place left.
    const candidates = store.db
      .prepare("SELECT v.id FROM vacancies v JOIN foster_households f ON f.home_id = v.home_id WHERE v.status = 'open' AND v.beds = 1 ORDER BY v.id")
      .pluck()
      .all() as number[];
    const first = candidates.find((id) => {
      const home = loadVacancyForMatching(store.db, id, TODAY)!;
      return home.approval.maxChildren - home.otherChildren.length - home.placesHeld === 1;
    });
    expect(first, 'a demo home with one approval place left').toBeDefined();
    const homeId = one('SELECT home_id FROM vacancies WHERE id = ?', first);
    store.db
      .prepare(
        `INSERT INTO vacancies (home_id, beds, available_from, status, price_core_pence, price_support_pence, price_education_pence, price_other_pence, updated_at, source)
         SELECT home_id, 1, available_from, 'open', price_core_pence, price_support_pence, price_education_pence, price_other_pence, updated_at, 'feed' FROM vacancies WHERE id = ?`,
      )
      .run(first);
    const second = one('SELECT max(id) FROM vacancies WHERE home_id = ?', homeId);

    await officer.ok('vacancies.setStatus', { vacancyId: first!, status: 'held' });
    const error = await officer.fails('vacancies.setStatus', { vacancyId: second, status: 'held' });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/approved for 1 child in care, with .*1 bed held at its other vacancies: no place is left to hold/);
    expect(one('SELECT status = ? FROM vacancies WHERE id = ?', 'open', second)).toBe(1);

    // Releasing the first bed frees the place again.
    await officer.ok('vacancies.setStatus', { vacancyId: first!, status: 'open' });
    await officer.ok('vacancies.setStatus', { vacancyId: second, status: 'held' });
  });
});
