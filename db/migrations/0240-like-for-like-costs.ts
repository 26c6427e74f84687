import type { Migration } from '../migrate';

/**
 * Costs compared like for like (issue 13, point 7).
 *
 * - Children's homes have fee tiers as foster households do (1 mainstream to 4 complex), so a
 *   complex-needs home is benchmarked against complex-needs homes. Existing homes start at tier 1.
 * - In-house overheads: what a commissioner enters per week per placement on top of carer payments
 *   (supervising social work, recruitment, training, support), one row per kind of home, so the
 *   in-house unit cost compares with an agency's all-in price.
 * - A sibling group placed before the price was split holds the group's whole price on the first
 *   child and nothing on the others; the price is shared out here as splitGroupPrice shares it
 *   (shared/domain/money.ts: equal parts, the odd pence to the first child), so every figure that
 *   reads a placement's price reads one child's share.
 */
export const m0240LikeForLikeCosts: Migration = {
  version: 240,
  name: 'like-for-like-costs',
  up(db) {
    db.exec(`
      ALTER TABLE residential_homes ADD COLUMN fee_tier INTEGER NOT NULL DEFAULT 1 CHECK (fee_tier BETWEEN 1 AND 4);

      CREATE TABLE in_house_overheads (
        kind               TEXT PRIMARY KEY CHECK (kind IN ('foster', 'residential', 'supported')),
        supervising_pence  INTEGER NOT NULL DEFAULT 0 CHECK (supervising_pence BETWEEN 0 AND 5000000),
        recruitment_pence  INTEGER NOT NULL DEFAULT 0 CHECK (recruitment_pence BETWEEN 0 AND 5000000),
        training_pence     INTEGER NOT NULL DEFAULT 0 CHECK (training_pence BETWEEN 0 AND 5000000),
        support_pence      INTEGER NOT NULL DEFAULT 0 CHECK (support_pence BETWEEN 0 AND 5000000),
        updated_at         TEXT NOT NULL,
        user_id            INTEGER REFERENCES users(id)
      ) STRICT;
    `);
    // Groups placed together from one referral into one vacancy on one day, where only the first child carries a price.
    const groups = db
      .prepare(
        `SELECT group_concat(id) AS ids FROM (
           SELECT id, referral_id, vacancy_id, start_date FROM placements
           WHERE referral_id IS NOT NULL AND vacancy_id IS NOT NULL ORDER BY id)
         GROUP BY referral_id, vacancy_id, start_date HAVING count(*) > 1`,
      )
      .pluck()
      .all() as string[];
    const read = db.prepare(
      'SELECT price_core_pence AS core, price_support_pence AS support, price_education_pence AS education, price_other_pence AS other FROM placements WHERE id = ?',
    );
    const write = db.prepare(
      'UPDATE placements SET price_core_pence = ?, price_support_pence = ?, price_education_pence = ?, price_other_pence = ? WHERE id = ?',
    );
    type Price = { core: number; support: number; education: number; other: number };
    const total = (p: Price) => p.core + p.support + p.education + p.other;
    for (const list of groups) {
      const ids = list.split(',').map(Number);
      const prices = ids.map((id) => read.get(id) as Price);
      if (total(prices[0]!) === 0 || prices.slice(1).some((p) => total(p) !== 0)) continue;
      // The split written out here rather than imported, so this migration keeps doing what it did when released.
      const n = ids.length;
      const part = (pence: number, i: number) => Math.floor(pence / n) + (i === 0 ? pence % n : 0);
      ids.forEach((id, i) => {
        const p = prices[0]!;
        write.run(part(p.core, i), part(p.support, i), part(p.education, i), part(p.other, i), id);
      });
    }
  },
};
