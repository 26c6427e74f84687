import type { ReadableDB } from '../handle';
import type { Sex } from '../../shared/domain/homes';

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

/** Children in a council (or the whole region when councilId is null), by reference. */
export function listChildren(db: ReadableDB, councilId: number | null, refPrefix: string | null): ChildRow[] {
  // Only the filters given go into the WHERE clause, so a council filter uses children_by_council
  // (and better-sqlite3 cannot bind ?1-style numbered parameters positionally).
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (councilId !== null) {
    where.push('ch.council_id = ?');
    params.push(councilId);
  }
  if (refPrefix !== null) {
    // The search is a prefix, never a pattern: % and _ typed by a user match themselves.
    where.push("ch.ref LIKE ? || '%' ESCAPE '\\'");
    params.push(refPrefix.replace(/[\\%_]/g, (c) => `\\${c}`));
  }
  return db
    .prepare(
      `${SELECT_CHILD}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ch.ref LIMIT 500`,
    )
    .all(...params) as ChildRow[];
}

export function getChild(db: ReadableDB, id: number): ChildRow | null {
  return (db.prepare(`${SELECT_CHILD} WHERE ch.id = ?`).get(id) as ChildRow | undefined) ?? null;
}
