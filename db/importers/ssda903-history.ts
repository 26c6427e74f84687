import type { ReadableDB } from '../handle';
import { collectionYearLabel, collectionYearOf } from '../../shared/domain/ssda903';
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
  column: string;
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
    return { year: fromDates, sentence: `Read as the ${collectionYearLabel(fromDates)} return: ${evidence}. Choose the collection year if that is wrong.`, disagreement: null };
  }
  const current = collectionYearOf(today);
  return {
    year: current,
    sentence: `Read as the ${collectionYearLabel(current)} return (the current year): it has no episode or missing dates to tell its year by. Choose the collection year if it is older.`,
    disagreement: null,
  };
}

export interface StoredChildYears {
  header: number | null;
  uasc: number | null;
  /** Episodes by start date (ISO), with the year of the return each came from. */
  episodes: Map<string, number | null>;
  /** Missing episodes by start date (ISO). */
  missing: Map<string, number | null>;
}

/** The collection years of a council's stored SSDA903 records, read a child at a time. */
export class StoredYears {
  private readonly s;

  constructor(
    db: ReadableDB,
    private readonly councilId: number,
  ) {
    this.s = {
      newest: db.prepare(
        `SELECT max(y) FROM (
           SELECT max(max(coalesce(s.header_year, 0), coalesce(s.uasc_year, 0))) AS y FROM ssda903_children s JOIN children c ON c.id = s.child_id WHERE c.council_id = @council
           UNION ALL SELECT max(e.ssda903_year) FROM episodes e JOIN children c ON c.id = e.child_id WHERE c.council_id = @council
           UNION ALL SELECT max(m.ssda903_year) FROM missing_episodes m JOIN children c ON c.id = m.child_id WHERE c.council_id = @council)`,
      ).pluck(),
      child: db.prepare('SELECT header_year AS header, uasc_year AS uasc FROM ssda903_children WHERE child_id = ?'),
      episodes: db.prepare('SELECT decom, ssda903_year AS year FROM episodes WHERE child_id = ?'),
      missing: db.prepare('SELECT start_date AS start, ssda903_year AS year FROM missing_episodes WHERE child_id = ?'),
    };
  }

  /** The latest year any of the council's records came from; null when none says. */
  newest(): number | null {
    const y = this.s.newest.get({ council: this.councilId }) as number | null;
    return y === null || y === 0 ? null : y;
  }

  forChild(childId: number): StoredChildYears {
    const child = this.s.child.get(childId) as { header: number | null; uasc: number | null } | undefined;
    return {
      header: child?.header ?? null,
      uasc: child?.uasc ?? null,
      episodes: new Map((this.s.episodes.all(childId) as { decom: string; year: number | null }[]).map((r) => [r.decom, r.year])),
      missing: new Map((this.s.missing.all(childId) as { start: string; year: number | null }[]).map((r) => [r.start, r.year])),
    };
  }
}

/** A stored record is kept when it came from a later return than this one. */
export function isNewer(stored: number | null | undefined, year: number): stored is number {
  return stored !== null && stored !== undefined && stored > year;
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
  const others = db.prepare('SELECT id, name, ons_code AS onsCode FROM councils WHERE id <> ? ORDER BY id').all(councilId) as { id: number; name: string; onsCode: string }[];
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
