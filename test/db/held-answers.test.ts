import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedsHeldByReferral } from '../../db/repositories/placements';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { signInAs, type UserClient } from '../helpers/as-user';
import { tempStore, testBackend } from '../helpers/store';

/*
 * A provider's answer belongs to the referral the bed is held for: recording a refusal on another
 * child's referral for a bed held for someone else used to release that other child's hold.
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

describe("a provider's answer on a bed held for another referral", () => {
  it('is refused and leaves the other referral its bed', async () => {
    const [holder, [bed]] = [...bedsHeldByReferral(store.db)][0]!;
    const other = store.db
      .prepare("SELECT id FROM referrals WHERE id <> ? AND status IN ('new', 'searching') ORDER BY id LIMIT 1")
      .pluck()
      .get(holder) as number;
    expect(other).toBeGreaterThan(0);
    const offersBefore = store.db.prepare('SELECT count(*) FROM offers').pluck().get() as number;
    const error = await officer.fails('placement.recordResponse', {
      referralId: other,
      vacancyId: bed!.vacancyId,
      response: 'refused',
      reason: 'Full',
      price: null,
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('held for another child');
    expect(store.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(bed!.vacancyId)).toBe('held');
    expect(
      bedsHeldByReferral(store.db, [holder])
        .get(holder)
        ?.map((h) => h.vacancyId),
    ).toContain(bed!.vacancyId);
    expect(store.db.prepare('SELECT count(*) FROM offers').pluck().get()).toBe(offersBefore);
  });

  it('on the referral that holds the bed, a refusal releases it', async () => {
    const [holder, [bed]] = [...bedsHeldByReferral(store.db)][0]!;
    await officer.ok('placement.recordResponse', { referralId: holder, vacancyId: bed!.vacancyId, response: 'refused', reason: 'Carer unwell', price: null });
    expect(store.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(bed!.vacancyId)).toBe('open');
  });
});
