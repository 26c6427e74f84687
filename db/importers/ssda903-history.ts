import type { ReadableDB } from '../handle';
import { childIdForRef, collectionYearLabel, collectionYearOf } from '../../shared/domain/ssda903';
import { sourceKeyFor } from './pseudonym';
import { isoToUkDate } from './values';

/**
 * What an SSDA903 import needs to know about returns imported before: which collection year this
 * one is, what the store already holds from later years (an older return never overwrites it),
 * and whether the same return was imported under another council.
 */

export interface CollectionYearChoice {
  year: number;
  /** One sentence for the import's summary: the year and how it was arrived at. */
  sentence: string;
  /** Set when the user's choice disagrees with the return's own dates. */
  disagreement: string | null;
}

/** The latest episode or missing-episode date in the return, where it was found. */
export interface LatestDate {
  date: string;
  /** Where it is, for the summary: "DEC, episodes.csv row 12". */
  column: string;
  file: string;
}

/**
 * The collection year a return is judged by: the user's choice when they made one, otherwise the
 * year of the latest date in it (a return holds the year's episodes, so its latest start, end or
 * missing date falls in that year), otherwise the current year.
 */
export function chooseCollectionYear(latest: LatestDate | null, chosen: number | undefined, today: string): CollectionYearChoice {
  const fromDates = latest === null ? null : collectionYearOf(latest.date);
  const evidence = latest === null ? '' : `the latest date in it is ${isoToUkDate(latest.date)} (${latest.column})`;
  if (chosen !== undefined) {
    const disagreement =
      fromDates !== null && fromDates !== chosen
        ? `You chose the ${collectionYearLabel(chosen)} collection year, but ${evidence}, which is in ${collectionYearLabel(fromDates)}. Check that this is the return you meant.`
        : null;
    return { year: chosen, sentence: `Read as the ${collectionYearLabel(chosen)} return, as chosen.`, disagreement };
  }
  if (fromDates !== null) {
    return {
      year: fromDates,
      sentence: `Read as the ${collectionYearLabel(fromDates)} return: ${evidence}. Choose the collection year if that is wrong.`,
      disagreement: null,
    };
  }
  const current = collectionYearOf(today);
  return {
    year: current,
    sentence: `Read as the ${collectionYearLabel(current)} return (the current year): it has no episode or missing dates to tell its year by. Choose the collection year if it is older.`,
    disagreement: null,
  };
}

/**
 * The council's stored SSDA903 records that came from returns later than `year`: the only ones an
 * import of that year must leave alone. Usually few or none, so they are read in four queries
 * rather than looked up row by row; keys are child id, or child id and start date.
 */
export interface LaterRecords {
  header: Map<number, number>;
  uasc: Map<number, number>;
  episodes: Map<string, number>;
  missing: Map<string, number>;
}

export const recordKey = (childId: number, start: string) => `${childId}\u0000${start}`;

export function recordsLaterThan(db: ReadableDB, councilId: number, year: number): LaterRecords {
  const params = { council: councilId, year };
  const byChild = (sql: string) => new Map((db.prepare(sql).all(params) as { id: number; y: number }[]).map((r) => [r.id, r.y]));
  const byStart = (sql: string) =>
    new Map((db.prepare(sql).all(params) as { id: number; start: string; y: number }[]).map((r) => [recordKey(r.id, r.start), r.y]));
  return {
    header: byChild(
      'SELECT s.child_id AS id, s.header_year AS y FROM ssda903_children s JOIN children c ON c.id = s.child_id WHERE c.council_id = @council AND s.header_year > @year',
    ),
    uasc: byChild(
      'SELECT s.child_id AS id, s.uasc_year AS y FROM ssda903_children s JOIN children c ON c.id = s.child_id WHERE c.council_id = @council AND s.uasc_year > @year',
    ),
    episodes: byStart(
      'SELECT e.child_id AS id, e.decom AS start, e.ssda903_year AS y FROM episodes e JOIN children c ON c.id = e.child_id WHERE c.council_id = @council AND e.ssda903_year > @year',
    ),
    missing: byStart(
      'SELECT m.child_id AS id, m.start_date AS start, m.ssda903_year AS y FROM missing_episodes m JOIN children c ON c.id = m.child_id WHERE c.council_id = @council AND m.ssda903_year > @year',
    ),
  };
}

export interface OtherCouncilMatch {
  councilName: string;
  matched: number;
  of: number;
}

/**
 * The council, other than the one importing, under which most of these children were imported
 * before (same CHILD identifier, and the same date of birth where the return gives one), when
 * that is at least half of them: the same return imported twice under two councils.
 */
export function importedUnderAnotherCouncil(
  db: ReadableDB,
  key: Buffer | null,
  councilId: number,
  children: ReadonlyMap<string, string | null>,
): OtherCouncilMatch | null {
  if (key === null || children.size === 0) return null;
  // Only councils with imported children can have had this return imported under them.
  const others = db
    .prepare(
      `SELECT id, name, ons_code AS onsCode FROM councils k
       WHERE id <> ? AND EXISTS (SELECT 1 FROM children c WHERE c.council_id = k.id AND c.source_key IS NOT NULL) ORDER BY id`,
    )
    .all(councilId) as { id: number; name: string; onsCode: string }[];
  const find = db.prepare('SELECT birth_date FROM children WHERE source_key = ? AND council_id = ?').pluck();
  let best: OtherCouncilMatch | null = null;
  for (const other of others) {
    let matched = 0;
    for (const [child, dob] of children) {
      const stored = find.get(sourceKeyFor(key, other.onsCode, child), other.id) as string | undefined;
      if (stored !== undefined && (dob === null || stored === dob)) matched++;
    }
    if (matched * 2 >= children.size && matched > (best?.matched ?? 0)) best = { councilName: other.name, matched, of: children.size };
  }
  return best;
}

/**
 * A council's children that no return has named yet (recorded in the app, or seeded), by the CHILD
 * the app's export writes for them: the council identifier when one is recorded, else the app's
 * reference (childIdForRef).
 */
export function appChildrenByExportedId(db: ReadableDB, councilId: number): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT c.id, c.ref, s.council_child_id AS ownId FROM children c LEFT JOIN ssda903_children s ON s.child_id = c.id
       WHERE c.council_id = ? AND c.source_key IS NULL`,
    )
    .all(councilId) as { id: number; ref: string; ownId: string | null }[];
  return new Map(rows.map((r) => [r.ownId ?? childIdForRef(r.ref), r.id]));
}

/** The council child IDs the demo seed gave its children: the demo's own export writes them, so they are not a real return's. */
export function seededCouncilChildIds(db: ReadableDB): Set<string> {
  return new Set(
    db.prepare("SELECT s.council_child_id FROM ssda903_children s JOIN children c ON c.id = s.child_id WHERE c.source = 'demo'").pluck().all() as string[],
  );
}
