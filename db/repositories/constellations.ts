import type { ReadableDB, WritableDB } from '../handle';
import { REASON_NOT_RECORDED } from '../../shared/domain/endings';
import { prepare } from '../statementCache';
import type { SatelliteKind } from '../../shared/domain/mockingbird';

/**
 * Named SQL for Mockingbird constellations: households, the children placed in them, the hub's
 * sleepovers, events, the note log, endings and imported roster packs. A household belongs to a
 * constellation when homes.constellation_id says so or when it is the constellation's hub
 * (constellations.hub_home_id is the authority for which home is the hub).
 */

export interface ConstellationRecord {
  id: number;
  name: string;
  councilId: number;
  councilName: string;
  hubHomeId: number;
  hubHomeName: string;
  liaisonWorker: string;
  liaisonPhone: string;
  outOfHoursPhone: string;
}

const SELECT_CONSTELLATION = `
  SELECT c.id, c.name, c.council_id AS councilId, co.name AS councilName, c.hub_home_id AS hubHomeId,
         h.name AS hubHomeName, c.liaison_worker AS liaisonWorker, c.liaison_phone AS liaisonPhone,
         c.out_of_hours_phone AS outOfHoursPhone
  FROM constellations c JOIN homes h ON h.id = c.hub_home_id JOIN councils co ON co.id = c.council_id`;

export function getConstellation(db: ReadableDB, id: number): ConstellationRecord | null {
  return (prepare(db, `${SELECT_CONSTELLATION} WHERE c.id = ?`).get(id) as ConstellationRecord | undefined) ?? null;
}

/** Every constellation, or those of one council. */
export function listConstellationRecords(db: ReadableDB, councilId: number | null): ConstellationRecord[] {
  return prepare(db, `${SELECT_CONSTELLATION} ${councilId === null ? '' : 'WHERE c.council_id = ?'} ORDER BY c.name`).all(
    ...(councilId === null ? [] : [councilId]),
  ) as ConstellationRecord[];
}

export interface HouseholdRecord {
  homeId: number;
  name: string;
  kind: string;
  /** Foster, special guardianship or adoptive household (migration 0250). */
  householdKind: SatelliteKind;
  councilId: number;
  councilName: string;
  isHub: boolean;
  area: string;
  address: string;
  addressShared: boolean;
  phone: string;
  supervisingSocialWorker: string;
  supervisingPhone: string;
  /** foster_households.other_children, as stored (a JSON list). */
  otherChildrenJson: string;
}

const SELECT_HOUSEHOLD = `
  SELECT h.id AS homeId, h.name, h.kind, h.household_kind AS householdKind, h.council_id AS councilId, co.name AS councilName,
         (h.id = c.hub_home_id) AS isHub, h.place_label AS area, h.address, h.address_shared AS addressShared,
         h.phone, h.supervising_social_worker AS supervisingSocialWorker, h.supervising_phone AS supervisingPhone,
         COALESCE(f.other_children, '[]') AS otherChildrenJson
  FROM constellations c
  JOIN homes h ON h.id IN (SELECT id FROM homes WHERE constellation_id = c.id UNION SELECT c.hub_home_id)
  JOIN councils co ON co.id = h.council_id
  LEFT JOIN foster_households f ON f.home_id = h.id`;

type RawHousehold = Omit<HouseholdRecord, 'isHub' | 'addressShared'> & { isHub: number; addressShared: number };
const toHousehold = (r: RawHousehold): HouseholdRecord => ({ ...r, isHub: r.isHub === 1, addressShared: r.addressShared === 1 });

/** The hub first, then satellites by name. */
export function listHouseholds(db: ReadableDB, constellationId: number): HouseholdRecord[] {
  return (prepare(db, `${SELECT_HOUSEHOLD} WHERE c.id = ? AND h.active = 1 ORDER BY isHub DESC, h.name`).all(constellationId) as RawHousehold[]).map(
    toHousehold,
  );
}

export interface CarerRecord {
  homeId: number;
  name: string;
  phone: string;
  email: string;
  isMain: boolean;
}

export function listCarers(db: ReadableDB, homeIds: readonly number[]): CarerRecord[] {
  if (homeIds.length === 0) return [];
  return (
    prepare(
      db,
      `SELECT home_id AS homeId, name, phone, email, is_main AS isMain FROM carers
         WHERE home_id IN (${homeIds.map(() => '?').join(',')}) ORDER BY home_id, is_main DESC, name`,
    ).all(...homeIds) as (Omit<CarerRecord, 'isMain'> & { isMain: number })[]
  ).map((r) => ({ ...r, isMain: r.isMain === 1 }));
}

/** Only what a carer's placement plan would give: never ref, legal status, risks or history. */
export interface PlacedChildRecord {
  childId: number;
  homeId: number;
  firstName: string;
  birthDate: string;
  school: string;
  careNotes: string;
  livingCompanions: string;
}

const SELECT_PLACED_CHILD = `
  SELECT id AS childId, current_home_id AS homeId, first_name AS firstName, birth_date AS birthDate,
         school_label AS school, care_notes AS careNotes, living_companions AS livingCompanions
  FROM children`;

export function listChildrenInHomes(db: ReadableDB, homeIds: readonly number[]): PlacedChildRecord[] {
  if (homeIds.length === 0) return [];
  return prepare(db, `${SELECT_PLACED_CHILD} WHERE current_home_id IN (${homeIds.map(() => '?').join(',')}) ORDER BY current_home_id, first_name, id`).all(
    ...homeIds,
  ) as PlacedChildRecord[];
}

export function getPlacedChild(db: ReadableDB, childId: number): PlacedChildRecord | null {
  return (prepare(db, `${SELECT_PLACED_CHILD} WHERE id = ?`).get(childId) as PlacedChildRecord | undefined) ?? null;
}

export interface HubApprovalRow {
  minAge: number;
  maxAge: number;
  /** The hub's approved number of children: those placed there and those staying count alike. */
  maxChildren: number;
}

/** The hub household's fostering approval (ages and number of children), or null when none is recorded. */
export function getHubApproval(db: ReadableDB, hubHomeId: number): HubApprovalRow | null {
  return (
    (prepare(
      db,
      'SELECT approval_min_age AS minAge, approval_max_age AS maxAge, approval_max_children AS maxChildren FROM foster_households WHERE home_id = ?',
    ).get(hubHomeId) as HubApprovalRow | undefined) ?? null
  );
}

// ------------------------------------------------------------------ sleepovers

export interface SleepoverRecord {
  id: number;
  constellationId: number;
  fromHomeId: number;
  fromHomeName: string;
  childId: number;
  childFirstName: string;
  childBirthDate: string;
  childLivingCompanions: string;
  bed: 1 | 2 | null;
  startDate: string;
  endDate: string;
  kind: 'planned' | 'emergency';
  status: 'requested' | 'accepted' | 'declined' | 'cancelled';
  note: string;
}

const SELECT_SLEEPOVER = `
  SELECT s.id, s.constellation_id AS constellationId, s.from_home_id AS fromHomeId, h.name AS fromHomeName,
         s.child_id AS childId, ch.first_name AS childFirstName, ch.birth_date AS childBirthDate,
         ch.living_companions AS childLivingCompanions, s.bed, s.start_date AS startDate, s.end_date AS endDate,
         s.kind, s.status, s.note
  FROM sleepovers s JOIN homes h ON h.id = s.from_home_id JOIN children ch ON ch.id = s.child_id`;

export function getSleepover(db: ReadableDB, id: number): SleepoverRecord | null {
  return (prepare(db, `${SELECT_SLEEPOVER} WHERE s.id = ?`).get(id) as SleepoverRecord | undefined) ?? null;
}

/**
 * Stays of a constellation that overlap the nights from..to (inclusive), optionally only some
 * statuses. Overlap: a stay's first night is on or before `to` and its last night on or after `from`.
 */
export function listSleepoversOverlapping(
  db: ReadableDB,
  constellationId: number,
  from: string,
  to: string,
  statuses: readonly SleepoverRecord['status'][] = ['requested', 'accepted', 'declined', 'cancelled'],
): SleepoverRecord[] {
  return prepare(
    db,
    `${SELECT_SLEEPOVER}
       WHERE s.constellation_id = ? AND s.start_date <= ? AND s.end_date >= ?
         AND s.status IN (${statuses.map(() => '?').join(',')})
       ORDER BY s.start_date, s.id`,
  ).all(constellationId, to, from, ...statuses) as SleepoverRecord[];
}

export interface NewSleepover {
  constellationId: number;
  fromHomeId: number;
  childId: number;
  startDate: string;
  endDate: string;
  kind: 'planned' | 'emergency';
  note: string;
}

export function insertSleepoverRequest(db: WritableDB, s: NewSleepover): number {
  return Number(
    prepare(
      db,
      `INSERT INTO sleepovers (constellation_id, from_home_id, child_id, bed, start_date, end_date, kind, status, note)
         VALUES (?, ?, ?, NULL, ?, ?, ?, 'requested', ?)`,
    ).run(s.constellationId, s.fromHomeId, s.childId, s.startDate, s.endDate, s.kind, s.note).lastInsertRowid,
  );
}

/** Changes a stay's status (and bed); only from the status the caller checked, so a stale write does nothing. */
export function updateSleepoverStatus(
  db: WritableDB,
  id: number,
  fromStatus: SleepoverRecord['status'],
  change: { status: SleepoverRecord['status']; bed: 1 | 2 | null; note: string },
): boolean {
  return (
    prepare(db, 'UPDATE sleepovers SET status = ?, bed = ?, note = ? WHERE id = ? AND status = ?').run(change.status, change.bed, change.note, id, fromStatus)
      .changes === 1
  );
}

// ------------------------------------------------------------------ events and notes

export interface EventRecord {
  id: number;
  constellationId: number;
  kind: 'meeting' | 'activity';
  title: string;
  date: string;
  /** "HH:MM", or '' for events recorded before times were (migration 0250). */
  startTime: string;
  place: string;
  attendanceJson: string;
}

const SELECT_EVENT = `SELECT id, constellation_id AS constellationId, kind, title, date, start_time AS startTime, place, attendance AS attendanceJson
  FROM constellation_events`;

export function listEvents(db: ReadableDB, constellationId: number): EventRecord[] {
  return prepare(db, `${SELECT_EVENT} WHERE constellation_id = ? ORDER BY date DESC, start_time DESC, id DESC LIMIT 200`).all(constellationId) as EventRecord[];
}

export function getEvent(db: ReadableDB, id: number): EventRecord | null {
  return (prepare(db, `${SELECT_EVENT} WHERE id = ?`).get(id) as EventRecord | undefined) ?? null;
}

export function insertEvent(
  db: WritableDB,
  e: { constellationId: number; kind: 'meeting' | 'activity'; title: string; date: string; startTime: string; place: string },
): number {
  return Number(
    prepare(db, "INSERT INTO constellation_events (constellation_id, kind, title, date, start_time, place, attendance) VALUES (?, ?, ?, ?, ?, ?, '[]')").run(
      e.constellationId,
      e.kind,
      e.title,
      e.date,
      e.startTime,
      e.place,
    ).lastInsertRowid,
  );
}

/** Attendance is stored as the list of home ids that came. */
export function setEventAttendance(db: WritableDB, eventId: number, attendedHomeIds: readonly number[]): void {
  prepare(db, 'UPDATE constellation_events SET attendance = ? WHERE id = ?').run(JSON.stringify([...attendedHomeIds]), eventId);
}

export interface NoteRecord {
  id: number;
  at: string;
  author: string;
  text: string;
}

export function listNotes(db: ReadableDB, constellationId: number): NoteRecord[] {
  return prepare(
    db,
    `SELECT n.id, n.at, COALESCE(u.display_name, 'Unknown') AS author, n.text
       FROM constellation_notes n LEFT JOIN users u ON u.id = n.user_id
       WHERE n.constellation_id = ? ORDER BY n.at DESC, n.id DESC LIMIT 200`,
  ).all(constellationId) as NoteRecord[];
}

export function insertNote(db: WritableDB, n: { constellationId: number; at: string; userId: number; text: string }): NoteRecord {
  const id = Number(
    prepare(db, 'INSERT INTO constellation_notes (constellation_id, at, user_id, text) VALUES (?, ?, ?, ?)').run(n.constellationId, n.at, n.userId, n.text)
      .lastInsertRowid,
  );
  return prepare(
    db,
    `SELECT n.id, n.at, COALESCE(u.display_name, 'Unknown') AS author, n.text FROM constellation_notes n LEFT JOIN users u ON u.id = n.user_id WHERE n.id = ?`,
  ).get(id) as NoteRecord;
}

// ------------------------------------------------------------------ capacity, stability, management

export interface ConstellationCounts {
  constellationId: number;
  satelliteCount: number;
  childrenPlaced: number;
}

export function constellationCounts(db: ReadableDB, constellationId: number): ConstellationCounts {
  const households = listHouseholds(db, constellationId);
  const homeIds = households.map((h) => h.homeId);
  const children =
    homeIds.length === 0
      ? 0
      : (prepare(db, `SELECT count(*) FROM children WHERE current_home_id IN (${homeIds.map(() => '?').join(',')})`)
          .pluck()
          .get(...homeIds) as number);
  return { constellationId, satelliteCount: households.filter((h) => !h.isHub).length, childrenPlaced: children };
}

export interface EndingCountRow {
  reason: string;
  count: number;
}

/** Placements in the constellation's homes that ended on or after `since`, counted by SSDA903 reason. */
export function endingsByReason(db: ReadableDB, homeIds: readonly number[], since: string): EndingCountRow[] {
  if (homeIds.length === 0) return [];
  return (
    prepare(
      db,
      `SELECT COALESCE(NULLIF(end_reason, ''), ?) AS reason, count(*) AS count FROM placements
       WHERE home_id IN (${homeIds.map(() => '?').join(',')}) AND end_date IS NOT NULL AND end_date >= ?
       GROUP BY 1 ORDER BY 2 DESC, 1`,
    )
      // A missing reason is counted as not recorded, never as OTHER (a reason someone gave).
      .all(REASON_NOT_RECORDED, ...homeIds, since) as EndingCountRow[]
  );
}

/** Accepted hub bed-nights between two dates inclusive (each night of each accepted stay counts once). */
export function countAcceptedBedNights(db: ReadableDB, constellationId: number, from: string, to: string): number {
  return (
    (prepare(
      db,
      `SELECT COALESCE(sum(julianday(min(end_date, ?)) - julianday(max(start_date, ?)) + 1), 0) FROM sleepovers
         WHERE constellation_id = ? AND status = 'accepted' AND start_date <= ? AND end_date >= ?`,
    )
      .pluck()
      .get(to, from, constellationId, to, from) as number) | 0
  );
}

export function countRequestsWaiting(db: ReadableDB, constellationId: number, today: string): number {
  return prepare(db, "SELECT count(*) FROM sleepovers WHERE constellation_id = ? AND status = 'requested' AND end_date >= ?")
    .pluck()
    .get(constellationId, today) as number;
}

export interface FosterHomeRecord {
  homeId: number;
  name: string;
  kind: string;
  householdKind: SatelliteKind;
  area: string;
  councilId: number;
  councilName: string;
  constellationId: number | null;
  constellationName: string | null;
  isHub: boolean;
  childrenPlaced: number;
}

const SELECT_FOSTER_HOME = `
  SELECT h.id AS homeId, h.name, h.kind, h.household_kind AS householdKind, h.place_label AS area, h.council_id AS councilId, co.name AS councilName,
         COALESCE(hub.id, h.constellation_id) AS constellationId, COALESCE(hub.name, c.name) AS constellationName,
         (hub.id IS NOT NULL) AS isHub,
         (SELECT count(*) FROM children ch WHERE ch.current_home_id = h.id) AS childrenPlaced
  FROM homes h
  JOIN councils co ON co.id = h.council_id
  LEFT JOIN constellations c ON c.id = h.constellation_id
  LEFT JOIN constellations hub ON hub.hub_home_id = h.id`;

type RawFosterHome = Omit<FosterHomeRecord, 'isHub'> & { isHub: number };
const toFosterHome = (r: RawFosterHome): FosterHomeRecord => ({ ...r, isHub: r.isHub === 1 });

export function getFosterHome(db: ReadableDB, homeId: number): FosterHomeRecord | null {
  const row = prepare(db, `${SELECT_FOSTER_HOME} WHERE h.id = ?`).get(homeId) as RawFosterHome | undefined;
  return row ? toFosterHome(row) : null;
}

/** Active foster households that could join a constellation: in no constellation, or in another one. */
export function listCandidateHouseholds(db: ReadableDB, constellationId: number, councilId: number | null): FosterHomeRecord[] {
  return (
    prepare(
      db,
      `${SELECT_FOSTER_HOME}
         WHERE h.kind = 'foster' AND h.active = 1 AND COALESCE(h.constellation_id, 0) <> ?
           AND NOT EXISTS (SELECT 1 FROM constellations x WHERE x.hub_home_id = h.id)
           ${councilId === null ? '' : 'AND h.council_id = ?'}
         ORDER BY (h.constellation_id IS NOT NULL), co.name, h.name LIMIT 300`,
    ).all(constellationId, ...(councilId === null ? [] : [councilId])) as RawFosterHome[]
  ).map(toFosterHome);
}

export function setHomeConstellation(db: WritableDB, homeId: number, constellationId: number | null): void {
  prepare(db, 'UPDATE homes SET constellation_id = ?, is_hub = 0 WHERE id = ?').run(constellationId, homeId);
}

/** Makes a home the hub: the old hub stays in the constellation as a satellite. */
export function setHub(db: WritableDB, constellationId: number, homeId: number): void {
  prepare(db, 'UPDATE homes SET is_hub = 0, constellation_id = ? WHERE id = (SELECT hub_home_id FROM constellations WHERE id = ?)').run(
    constellationId,
    constellationId,
  );
  prepare(db, 'UPDATE homes SET is_hub = 1, constellation_id = ? WHERE id = ?').run(constellationId, homeId);
  prepare(db, 'UPDATE constellations SET hub_home_id = ? WHERE id = ?').run(homeId, constellationId);
}

/** Upcoming requested or accepted stays from one household. */
export function countUpcomingStaysFromHome(db: ReadableDB, homeId: number, today: string): number {
  return prepare(db, "SELECT count(*) FROM sleepovers WHERE from_home_id = ? AND status IN ('requested', 'accepted') AND end_date >= ?")
    .pluck()
    .get(homeId, today) as number;
}

/** Home id → constellation id, for every home in a constellation (hub or satellite): the engine's Mockingbird flag. */
export function constellationByHome(db: ReadableDB): Map<number, number> {
  const rows = prepare(
    db,
    `SELECT id AS homeId, constellation_id AS constellationId FROM homes WHERE constellation_id IS NOT NULL
       UNION SELECT hub_home_id, id FROM constellations`,
  ).all() as { homeId: number; constellationId: number }[];
  return new Map(rows.map((r) => [r.homeId, r.constellationId]));
}

// ------------------------------------------------------------------ roster packs

export interface RosterPackRecord {
  constellationName: string;
  exportedAt: string;
  importedAt: string;
  rosterJson: string;
}

const SELECT_PACK =
  'SELECT constellation_name AS constellationName, exported_at AS exportedAt, imported_at AS importedAt, roster_json AS rosterJson FROM roster_packs';

/** The pack imported for one constellation (by name, the one key two copies of the app share), or the newest of all. */
export function getRosterPack(db: ReadableDB, constellationName: string | null): RosterPackRecord | null {
  const row =
    constellationName === null
      ? prepare(db, `${SELECT_PACK} ORDER BY imported_at DESC, rowid DESC LIMIT 1`).get()
      : prepare(db, `${SELECT_PACK} WHERE constellation_name = ?`).get(constellationName);
  return (row as RosterPackRecord | undefined) ?? null;
}

/**
 * A new pack replaces the one held for the same constellation, or (`every`) every pack this copy
 * holds: on a carer's own laptop there is one roster, and an old one must not linger unseen.
 */
export function replaceRosterPack(db: WritableDB, pack: RosterPackRecord, replacing: 'same-constellation' | 'every' = 'same-constellation'): void {
  if (replacing === 'every') prepare(db, 'DELETE FROM roster_packs').run();
  else prepare(db, 'DELETE FROM roster_packs WHERE constellation_name = ?').run(pack.constellationName);
  prepare(db, 'INSERT INTO roster_packs (constellation_name, exported_at, imported_at, roster_json) VALUES (?, ?, ?, ?)').run(
    pack.constellationName,
    pack.exportedAt,
    pack.importedAt,
    pack.rosterJson,
  );
}
