import type { ReadableDB, WritableDB } from '../handle';
import { prepare } from '../statementCache';
import type { Sex } from '../../shared/domain/homes';
import { containsPattern } from './like';

export interface ChildRow {
  id: number;
  ref: string;
  firstName: string;
  birthDate: string;
  sex: Sex;
  councilId: number;
  councilName: string;
  placeLabel: string;
}

const SELECT_CHILD = `
  SELECT ch.id, ch.ref, ch.first_name AS firstName, ch.birth_date AS birthDate, ch.sex,
         ch.council_id AS councilId, c.name AS councilName, ch.place_label AS placeLabel
  FROM children ch JOIN councils c ON c.id = ch.council_id`;

export interface ChildFilter {
  /** One council's children; null for the whole region. */
  councilId: number | null;
  /** Any part of a reference, a first name or a council's name; null for every child. */
  text: string | null;
}

/** Which page of the matching children: required, so no caller reads the whole region by accident. */
export interface ChildPageRequest {
  limit: number;
  offset: number;
}

export interface ChildPageRows {
  rows: ChildRow[];
  /** Every child matching the filter, not only this page's. */
  total: number;
}

/** One page of the children in a council (or the whole region), by reference, and how many match in all. */
export function listChildren(db: ReadableDB, filter: ChildFilter & ChildPageRequest): ChildPageRows {
  // Only the filters given go into the WHERE clause, so a council filter uses children_by_council
  // (and better-sqlite3 cannot bind ?1-style numbered parameters positionally).
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.councilId !== null) {
    where.push('ch.council_id = ?');
    params.push(filter.councilId);
  }
  if (filter.text !== null) {
    // Text inside a value cannot be sought in a B-tree: the region-wide search walks children_search,
    // which holds the columns read here in reference order, and the few councils are matched once.
    where.push(
      `(ch.ref LIKE ? ESCAPE '\\' OR ch.first_name LIKE ? ESCAPE '\\'
        OR ch.council_id IN (SELECT id FROM councils WHERE name LIKE ? ESCAPE '\\'))`,
    );
    const pattern = containsPattern(filter.text);
    params.push(pattern, pattern, pattern);
  }
  const whereClause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = prepare(
    db,
    `${SELECT_CHILD}
       ${whereClause}
       ORDER BY ch.ref LIMIT ? OFFSET ?`,
  ).all(...params, filter.limit, filter.offset) as ChildRow[];
  // The join to councils follows a NOT NULL foreign key (enforced), so it drops no child and the
  // count can leave it out: SQLite then counts from children_by_council or the ref index alone.
  const total = prepare(db, `SELECT count(*) FROM children ch ${whereClause}`)
    .pluck()
    .get(...params) as number;
  return { rows, total };
}

export function getChild(db: ReadableDB, id: number): ChildRow | null {
  return (prepare(db, `${SELECT_CHILD} WHERE ch.id = ?`).get(id) as ChildRow | undefined) ?? null;
}

export interface ChildNeedsRow {
  ethnicity: string;
  legalStatus: string;
  categoryOfNeed: string;
  uasc: number;
  disability: number;
  wheelchair: number;
  send: string;
  communication: string;
  languages: string;
  religion: string;
  culturalNeeds: string;
  schoolLabel: string;
  siblingGroup: string | null;
  risks: string;
  livingCompanions: string;
  pets: string;
  wishes: string;
  currentHomeId: number | null;
  currentHomeName: string | null;
}

export function getChildNeeds(db: ReadableDB, id: number): ChildNeedsRow | null {
  return (
    (prepare(
      db,
      `SELECT ch.ethnicity, ch.legal_status AS legalStatus, ch.category_of_need AS categoryOfNeed, ch.uasc, ch.disability, ch.wheelchair,
                ch.send, ch.communication, ch.languages, ch.religion, ch.cultural_needs AS culturalNeeds, ch.school_label AS schoolLabel,
                ch.sibling_group AS siblingGroup, ch.risks, ch.living_companions AS livingCompanions, ch.pets, ch.wishes,
                ch.current_home_id AS currentHomeId, h.name AS currentHomeName
         FROM children ch LEFT JOIN homes h ON h.id = ch.current_home_id WHERE ch.id = ?`,
    ).get(id) as ChildNeedsRow | undefined) ?? null
  );
}

export interface SiblingRow {
  id: number;
  ref: string;
  birthDate: string;
  currentHome: string | null;
}

export function listSiblings(db: ReadableDB, siblingGroup: string, exceptId: number): SiblingRow[] {
  return prepare(
    db,
    `SELECT ch.id, ch.ref, ch.birth_date AS birthDate, h.name AS currentHome
       FROM children ch LEFT JOIN homes h ON h.id = ch.current_home_id
       WHERE ch.sibling_group = ? AND ch.id <> ? ORDER BY ch.birth_date`,
  ).all(siblingGroup, exceptId) as SiblingRow[];
}

export interface EpisodeRow {
  decom: string;
  dec: string | null;
  rne: string;
  place: string;
  placeProvider: string | null;
  reasonPlaceChange: string | null;
  /** SSDA903 REC: why the episode ended (X1 when a new one began the same day). */
  rec: string | null;
  distanceMiles: number | null;
  homeName: string | null;
}

export function listEpisodes(db: ReadableDB, childId: number): EpisodeRow[] {
  return prepare(
    db,
    `SELECT e.decom, e.dec, e.rne, e.place, e.place_provider AS placeProvider, e.reason_place_change AS reasonPlaceChange,
              e.rec, e.distance_miles AS distanceMiles, h.name AS homeName
       FROM episodes e LEFT JOIN homes h ON h.id = e.home_id
       WHERE e.child_id = ? ORDER BY e.decom, e.id`,
  ).all(childId) as EpisodeRow[];
}

export interface NewChildRow {
  ref: string;
  firstName: string;
  birthDate: string;
  sex: Sex;
  councilId: number;
  placeLabel: string;
  homePostcode: string | null;
  homeLat: number | null;
  homeLon: number | null;
}

/** A child entered by an officer (source 'manual'); the caller's transaction holds it with their referral. */
export function insertChild(db: WritableDB, c: NewChildRow): number {
  return Number(
    prepare(
      db,
      `INSERT INTO children (ref, first_name, birth_date, sex, council_id, place_label, home_postcode, home_lat, home_lon, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual')`,
    ).run(c.ref, c.firstName, c.birthDate, c.sex, c.councilId, c.placeLabel, c.homePostcode, c.homeLat, c.homeLon).lastInsertRowid,
  );
}

/** The id of the child with this reference, or null when there is none. */
export function findChildIdByRef(db: ReadableDB, ref: string): number | null {
  return (prepare(db, 'SELECT id FROM children WHERE ref = ?').pluck().get(ref) as number | undefined) ?? null;
}

export function childRefTaken(db: ReadableDB, ref: string): boolean {
  return prepare(db, 'SELECT 1 FROM children WHERE ref = ?').pluck().get(ref) !== undefined;
}
