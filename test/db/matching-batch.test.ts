import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferralForMatching, loadReferralsForMatching } from '../../db/repositories/matching';
import { listReferrals } from '../../db/repositories/referrals';
import { REFERRAL_STATUSES } from '../../shared/domain/referrals';
import { tempStore } from '../helpers/store';

/*
 * The market's "no suitable match" count reads every open referral's child in one batch; the
 * officer's search reads one. Both go through loadReferralsForMatching, and must see a child alike.
 */

const TODAY = '2026-11-25';
let store: ReturnType<typeof tempStore>;
beforeAll(() => {
  store = tempStore({ kind: 'demo' });
});
afterAll(() => store?.remove());

const one = (sql: string, ...params: unknown[]) =>
  store.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

describe('loading referrals for matching in one batch', () => {
  it('gives every referral exactly what loading it alone gives, in the order asked', () => {
    const referrals = listReferrals(store.db, { councilId: null, statuses: REFERRAL_STATUSES, text: null, assignedUserId: null });
    const batch = loadReferralsForMatching(store.db, referrals, TODAY);
    expect(batch.map((c) => Number(c.referralId))).toEqual(referrals.map((r) => r.id));
    for (const [i, r] of referrals.entries()) expect(batch[i], `referral ${r.id}`).toStrictEqual(loadReferralForMatching(store.db, r.id, TODAY));
    // Not a vacuous comparison: some children move with siblings and some have a history in care.
    expect(batch.some((c) => c.siblings.length > 0)).toBe(true);
    expect(batch.some((c) => c.history.totalPlacements > 0)).toBe(true);
    expect(loadReferralsForMatching(store.db, [], TODAY)).toEqual([]);
  });

  it('moves siblings youngest first, and of siblings born the same day the one recorded first', () => {
    const referralId = one("SELECT id FROM referrals WHERE status = 'new' ORDER BY id LIMIT 1");
    const childId = one('SELECT child_id FROM referrals WHERE id = ?', referralId);
    const [first, second, older] = store.db.prepare('SELECT id FROM children WHERE id <> ? ORDER BY id LIMIT 3').pluck().all(childId) as [
      number,
      number,
      number,
    ];
    const setChild = store.db.prepare("UPDATE children SET sibling_group = 'batch-test-group', birth_date = ? WHERE id = ?");
    setChild.run('2014-06-01', second);
    setChild.run('2014-06-01', first);
    setChild.run('2009-01-15', older);
    store.db.prepare("UPDATE children SET sibling_group = 'batch-test-group' WHERE id = ?").run(childId);
    const moving = (count: number) => {
      store.db.prepare("UPDATE referrals SET sibling_count = ?, sibling_ids = '[]' WHERE id = ?").run(count, referralId);
      const alone = loadReferralForMatching(store.db, referralId, TODAY)!;
      const [batched] = loadReferralsForMatching(
        store.db,
        listReferrals(store.db, { councilId: null, statuses: ['new'], text: null, assignedUserId: null }).filter((r) => r.id === referralId),
        TODAY,
      );
      expect(batched).toStrictEqual(alone);
      return alone.siblings.map((s) => Number(s.id));
    };
    expect(moving(1)).toEqual([first]);
    expect(moving(2)).toEqual([first, second]);
    expect(moving(3)).toEqual([first, second, older]);
  });
});
