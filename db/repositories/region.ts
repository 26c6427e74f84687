import type { ReadableDB } from '../handle';

export interface CouncilRow {
  id: number;
  name: string;
  onsCode: string;
}

export function listCouncils(db: ReadableDB): CouncilRow[] {
  return db.prepare('SELECT id, name, ons_code AS onsCode FROM councils ORDER BY name').all() as CouncilRow[];
}

export interface ConstellationRow {
  id: number;
  name: string;
  councilId: number;
  hubHomeName: string;
}

export function listConstellations(db: ReadableDB, onlyId: number | null): ConstellationRow[] {
  // better-sqlite3 cannot bind ?1-style numbered parameters positionally, so the filter is added only when given.
  return db
    .prepare(
      `SELECT c.id, c.name, c.council_id AS councilId, h.name AS hubHomeName
       FROM constellations c JOIN homes h ON h.id = c.hub_home_id
       ${onlyId === null ? '' : 'WHERE c.id = ?'} ORDER BY c.name`,
    )
    .all(...(onlyId === null ? [] : [onlyId])) as ConstellationRow[];
}
