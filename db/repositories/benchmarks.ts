import type { ReadableDB } from '../handle';
import { prepare } from '../statementCache';
import { readRows } from '../rows';
import type { HomeKind } from '../../shared/domain/homes';
import { feeTierOf, type AgreedPrice } from '../../shared/scoring/benchmarks';

/**
 * The region's agreed weekly prices per child: placements that started in a window, with the kind
 * and fee tier of the home (foster households' and children's homes' tiers; supported
 * accommodation has none and counts as tier 1). Each placement row already holds one child's share
 * of a sibling group's price (splitGroupPrice), so a group counts once per child at its share.
 */
export function listAgreedPrices(db: ReadableDB, from: string, to: string): AgreedPrice[] {
  const stmt = prepare(
    db,
    `SELECT h.kind, COALESCE(fh.fee_tier, rh.fee_tier) AS tier,
            pl.price_core_pence + pl.price_support_pence + pl.price_education_pence + pl.price_other_pence AS weeklyPence,
            pl.start_date AS startDate
       FROM placements pl
       JOIN homes h ON h.id = pl.home_id
       LEFT JOIN foster_households fh ON fh.home_id = h.id
       LEFT JOIN residential_homes rh ON rh.home_id = h.id
      WHERE pl.start_date >= @from AND pl.start_date <= @to
      ORDER BY pl.id`,
  );
  return readRows(stmt, (a) => ({ kind: a[0] as HomeKind, tier: feeTierOf(a[1] as number | null), weeklyPence: a[2] as number, startDate: a[3] as string }), {
    from,
    to,
  });
}
