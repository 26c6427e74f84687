import type { ReadableDB, WritableDB } from '../handle';
import { prepare } from '../statementCache';
import type { ConstellationRecord } from './constellations';
import { inHouseFosteringServiceName } from '../../shared/domain/councils';

export interface CouncilRow {
  id: number;
  name: string;
  onsCode: string;
  /** The DfE's three-digit LA code; null for councils recorded before the app asked for it. */
  dfeCode: string | null;
  /** The postcode or town the centre was found from; null where only the position is known. */
  centreLabel: string | null;
  lat: number;
  lon: number;
}

const SELECT_COUNCIL = 'SELECT id, name, ons_code AS onsCode, dfe_code AS dfeCode, centre_label AS centreLabel, lat, lon FROM councils';

export function councilExists(db: ReadableDB, id: number): boolean {
  return prepare(db, 'SELECT 1 FROM councils WHERE id = ?').pluck().get(id) !== undefined;
}

export function listCouncils(db: ReadableDB): CouncilRow[] {
  return prepare(db, `${SELECT_COUNCIL} ORDER BY name`).all() as CouncilRow[];
}

export function getCouncil(db: ReadableDB, id: number): CouncilRow | null {
  return (prepare(db, `${SELECT_COUNCIL} WHERE id = ?`).get(id) as CouncilRow | undefined) ?? null;
}

/** What an administrator gives for a council: its name, both codes and its centre. */
export interface CouncilFields {
  name: string;
  dfeCode: string;
  onsCode: string;
  centreLabel: string;
  lat: number;
  lon: number;
}

/** Councils other than `exceptId` that already use this name, DfE code or ONS code (names compared without case). */
export function councilsClashingWith(
  db: ReadableDB,
  fields: Pick<CouncilFields, 'name' | 'dfeCode' | 'onsCode'>,
  exceptId: number | null,
): {
  name: CouncilRow | null;
  dfeCode: CouncilRow | null;
  onsCode: CouncilRow | null;
} {
  const other = exceptId ?? 0;
  const find = (where: string, value: string) =>
    (prepare(db, `${SELECT_COUNCIL} WHERE ${where} AND id <> ?`).get(value, other) as CouncilRow | undefined) ?? null;
  return {
    name: find('lower(name) = lower(?)', fields.name),
    dfeCode: find('dfe_code = ?', fields.dfeCode),
    onsCode: find('ons_code = ?', fields.onsCode),
  };
}

export function insertCouncil(db: WritableDB, fields: CouncilFields): number {
  const result = prepare(db, 'INSERT INTO councils (name, dfe_code, ons_code, centre_label, lat, lon) VALUES (?, ?, ?, ?, ?, ?)').run(
    fields.name,
    fields.dfeCode,
    fields.onsCode,
    fields.centreLabel,
    fields.lat,
    fields.lon,
  );
  return Number(result.lastInsertRowid);
}

export function updateCouncil(db: WritableDB, id: number, fields: CouncilFields): void {
  prepare(db, 'UPDATE councils SET name = ?, dfe_code = ?, ons_code = ?, centre_label = ?, lat = ?, lon = ? WHERE id = ?').run(
    fields.name,
    fields.dfeCode,
    fields.onsCode,
    fields.centreLabel,
    fields.lat,
    fields.lon,
    id,
  );
}

/**
 * Adds the council's own fostering service as an in-house provider unless a provider of that name
 * exists: foster household lists name their provider, and a council's own carers need one. Ofsted
 * lists no such provider the app can import. Answers the id of the provider added, or null.
 */
export function ensureInHouseFosteringService(db: WritableDB, councilName: string): number | null {
  const name = inHouseFosteringServiceName(councilName);
  if (prepare(db, 'SELECT 1 FROM providers WHERE lower(name) = lower(?)').get(name) !== undefined) return null;
  return Number(prepare(db, "INSERT INTO providers (name, ownership, provider_type) VALUES (?, 'in_house', 'in_house')").run(name).lastInsertRowid);
}

/**
 * Children imported from this council's SSDA903 returns. Their keys are built from the council's
 * ONS code (db/importers/pseudonym.ts), so while there are any the code must not change.
 */
export function countImportedChildren(db: ReadableDB, councilId: number): number {
  return prepare(db, 'SELECT count(*) FROM children WHERE council_id = ? AND source_key IS NOT NULL').pluck().get(councilId) as number;
}

/** A constellation as the region's lists name it: the record's own fields, not a second declaration. */
export type ConstellationRow = Pick<ConstellationRecord, 'id' | 'name' | 'councilId' | 'hubHomeName'>;

export function listConstellations(db: ReadableDB, onlyId: number | null): ConstellationRow[] {
  // better-sqlite3 cannot bind ?1-style numbered parameters positionally, so the filter is added only when given.
  return prepare(
    db,
    `SELECT c.id, c.name, c.council_id AS councilId, h.name AS hubHomeName
       FROM constellations c JOIN homes h ON h.id = c.hub_home_id
       ${onlyId === null ? '' : 'WHERE c.id = ?'} ORDER BY c.name`,
  ).all(...(onlyId === null ? [] : [onlyId])) as ConstellationRow[];
}
