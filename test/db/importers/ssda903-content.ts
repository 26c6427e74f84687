import type { ReadableDB } from '../../../db/handle';

/**
 * What a store holds from SSDA903 returns, by content rather than row ids: children by their keyed
 * hash, episodes and missing episodes by child and start date. Two stores that imported the same
 * returns in a different order, or from CSV and from XML, compare equal here exactly when every
 * stored value, the collection year each came from and the council's own identifier agree.
 */
export function storedReturns(db: ReadableDB) {
  const children = db
    .prepare(
      `SELECT c.source_key, c.ref, c.birth_date, c.sex, c.ethnicity, c.legal_status, c.category_of_need, c.uasc, c.uasc_ceased, c.home_postcode,
              c.home_lat, c.home_lon, c.current_home_id, c.council_id, c.place_label, c.source,
              s.council_child_id, s.header_year, s.uasc_year
       FROM children c LEFT JOIN ssda903_children s ON s.child_id = c.id ORDER BY c.source_key`,
    )
    .all();
  const episodes = db
    .prepare(
      `SELECT c.source_key, e.decom, e.rne, e.ls, e.cin, e.place, e.place_provider, e.dec, e.rec, e.reason_place_change, e.home_post, e.pl_post,
              e.urn, e.home_id, e.distance_miles, e.ssda903_year
       FROM episodes e JOIN children c ON c.id = e.child_id ORDER BY c.source_key, e.decom`,
    )
    .all();
  const missing = db
    .prepare(
      `SELECT c.source_key, m.kind, m.start_date, m.end_date, m.ssda903_year
       FROM missing_episodes m JOIN children c ON c.id = m.child_id ORDER BY c.source_key, m.start_date`,
    )
    .all();
  return { children, episodes, missing };
}
