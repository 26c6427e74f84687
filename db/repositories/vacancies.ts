import type { ReadableDB, WritableDB } from '../handle';
import { prepare } from '../statementCache';
import type { HomeKind, OfstedGrade, VacancyStatus } from '../../shared/domain/homes';
import { homeGradeSql } from './ofsted-grade';
import { barredRegistrationWords, registrationBars, type RegistrationStatus } from '../../shared/domain/registration';

export interface VacancyRow {
  id: number;
  homeId: number;
  homeName: string;
  homeKind: HomeKind;
  providerName: string;
  ofstedGrade: OfstedGrade;
  councilId: number;
  councilName: string;
  placeLabel: string;
  beds: number;
  availableFrom: string;
  status: VacancyStatus;
  weeklyPricePence: number;
  priceCorePence: number;
  priceSupportPence: number;
  priceEducationPence: number;
  priceOtherPence: number;
  restrictions: string;
  /** Open and held vacancies at this vacancy's home, this one included: beds of one home. */
  homeVacancies: number;
  /** Why the app withdrew it (the home's Ofsted registration), in words; null when withdrawn by hand or not withdrawn. */
  withdrawnReason: string | null;
  /** The home has recorded that it can meet a Deprivation of Liberty order's conditions. */
  dolCapable: boolean;
  /** Why the home may take no child now (its registration), or null: it cannot be opened or held while so. */
  homeBarred: string | null;
}

/** The row as SQLite gives it, before the flags and the registration are put in words. */
type RawVacancyRow = Omit<VacancyRow, 'dolCapable' | 'homeBarred'> & {
  dolCapable: number;
  registrationStatus: RegistrationStatus;
  registrationSince: string | null;
};

function toVacancyRow(r: RawVacancyRow): VacancyRow {
  const { registrationStatus, registrationSince, ...rest } = r;
  return {
    ...rest,
    dolCapable: r.dolCapable === 1,
    homeBarred: registrationBars(registrationStatus) ? barredRegistrationWords(registrationStatus, registrationSince) : null,
  };
}

const SELECT_VACANCY = `
  SELECT v.id, v.home_id AS homeId, h.name AS homeName, h.kind AS homeKind, p.name AS providerName,
         ${homeGradeSql('h', 'p')} AS ofstedGrade, h.council_id AS councilId, c.name AS councilName,
         h.place_label AS placeLabel, v.beds, v.available_from AS availableFrom, v.status,
         v.price_core_pence + v.price_support_pence + v.price_education_pence + v.price_other_pence AS weeklyPricePence,
         v.price_core_pence AS priceCorePence, v.price_support_pence AS priceSupportPence,
         v.price_education_pence AS priceEducationPence, v.price_other_pence AS priceOtherPence, v.restrictions,
         (SELECT count(*) FROM vacancies o WHERE o.home_id = v.home_id AND o.status IN ('open', 'held')) AS homeVacancies,
         v.withdrawn_reason AS withdrawnReason, h.dol_capable AS dolCapable,
         h.registration_status AS registrationStatus, h.registration_status_date AS registrationSince
  FROM vacancies v
  JOIN homes h ON h.id = v.home_id
  JOIN providers p ON p.id = h.provider_id
  JOIN councils c ON c.id = h.council_id`;

export interface VacancyFilter {
  status?: VacancyStatus | undefined;
  councilId?: number | undefined;
  homeKind?: HomeKind | undefined;
  /** Free on or before this date (YYYY-MM-DD). */
  availableBy?: string | undefined;
}

/** Which page of the matching vacancies: required, so no caller reads the whole region by accident. */
export interface VacancyPageRequest {
  limit: number;
  offset: number;
}

export interface VacancyPageRows {
  rows: VacancyRow[];
  /** Every vacancy matching the filter, not only this page's. */
  total: number;
}

/** One page of the vacancies matching the filter, soonest free first, and how many match in all. */
export function listVacancies(db: ReadableDB, filter: VacancyFilter & VacancyPageRequest): VacancyPageRows {
  // Only the filters given go into the WHERE clause: "(? IS NULL OR v.status = ?)" stops SQLite
  // using vacancies_by_status / homes_by_council, and better-sqlite3 cannot bind ?1-style numbers.
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status !== undefined) {
    where.push('v.status = ?');
    params.push(filter.status);
  }
  if (filter.councilId !== undefined) {
    where.push('h.council_id = ?');
    params.push(filter.councilId);
  }
  if (filter.homeKind !== undefined) {
    where.push('h.kind = ?');
    params.push(filter.homeKind);
  }
  if (filter.availableBy !== undefined) {
    where.push('v.available_from <= ?');
    params.push(filter.availableBy);
  }
  const whereClause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = prepare(
    db,
    `${SELECT_VACANCY}
       ${whereClause}
       ORDER BY v.available_from, v.id
       LIMIT ? OFFSET ?`,
  )
    .all(...params, filter.limit, filter.offset)
    .map((r) => toVacancyRow(r as RawVacancyRow));
  // The count joins only what its WHERE names: every join in the list follows a NOT NULL foreign
  // key (enforced, foreign_keys = ON), so none can drop a vacancy, and without them SQLite counts
  // from indexes alone (vacancies_by_status for a status, homes_by_council and vacancies_by_home for a council).
  const joinHomes = filter.councilId !== undefined || filter.homeKind !== undefined;
  const total = prepare(
    db,
    `SELECT count(*) FROM vacancies v
       ${joinHomes ? 'JOIN homes h ON h.id = v.home_id' : ''}
       ${whereClause}`,
  )
    .pluck()
    .get(...params) as number;
  return { rows, total };
}

export function getVacancy(db: ReadableDB, id: number): VacancyRow | null {
  const raw = prepare(db, `${SELECT_VACANCY} WHERE v.id = ?`).get(id) as RawVacancyRow | undefined;
  return raw ? toVacancyRow(raw) : null;
}

/** Changes the status and records it in the vacancy's history, in one transaction; a reason the app gave for a withdrawal goes with it. */
export function setVacancyStatus(db: WritableDB, id: number, status: VacancyStatus, at: string, userId: number | null): void {
  db.transaction(() => {
    prepare(db, 'UPDATE vacancies SET status = ?, withdrawn_reason = NULL, updated_at = ? WHERE id = ?').run(status, at, id);
    prepare(db, 'INSERT INTO vacancy_status_history (vacancy_id, status, at, user_id) VALUES (?, ?, ?, ?)').run(id, status, at, userId);
  })();
}

/**
 * Withdraws a home's open and held vacancies because the home may take no child (its Ofsted
 * registration suspended or ended), with the reason in words for the board, and records each in
 * its history as a change by the app (no user). Runs inside the caller's transaction (an import's),
 * so the status and the withdrawals are written together or not at all. Returns the ids withdrawn.
 */
export function withdrawHomeVacancies(db: WritableDB, homeId: number, reason: string, at: string): number[] {
  const ids = prepare(db, "SELECT id FROM vacancies WHERE home_id = ? AND status IN ('open', 'held') ORDER BY id").pluck().all(homeId) as number[];
  for (const id of ids) {
    prepare(db, "UPDATE vacancies SET status = 'withdrawn', withdrawn_reason = ?, updated_at = ? WHERE id = ?").run(reason, at, id);
    prepare(db, "INSERT INTO vacancy_status_history (vacancy_id, status, at, user_id) VALUES (?, 'withdrawn', ?, NULL)").run(id, at);
  }
  return ids;
}

/**
 * Why a home may take no child now, in the board's words ("Ofsted registration suspended on 1 Dec
 * 2026"), or null when its registration allows it: no vacancy of such a home is opened or held.
 */
export function homeBarredReason(db: ReadableDB, homeId: number): string | null {
  const r = prepare(db, 'SELECT registration_status AS status, registration_status_date AS since FROM homes WHERE id = ?').get(homeId) as
    { status: RegistrationStatus; since: string | null } | undefined;
  return r && registrationBars(r.status) ? barredRegistrationWords(r.status, r.since) : null;
}

/** Beds left after some were taken (a sibling group placed in a home with more). */
export function setVacancyBeds(db: WritableDB, id: number, beds: number, at: string): void {
  prepare(db, 'UPDATE vacancies SET beds = ?, updated_at = ? WHERE id = ?').run(beds, at, id);
}

/**
 * Gives a bed back to the vacancy a child was placed from, when they leave: a filled vacancy opens
 * again with one bed, available from the day they left; an open or held one gains a bed. A
 * withdrawn vacancy stays withdrawn (the home said it no longer offers it). Answers the status the
 * vacancy has now, or null when nothing changed.
 */
export function giveBedBack(db: WritableDB, id: number, from: string, at: string, userId: number | null): VacancyStatus | null {
  const row = prepare(db, 'SELECT status, beds, available_from AS availableFrom FROM vacancies WHERE id = ?').get(id) as
    { status: VacancyStatus; beds: number; availableFrom: string } | undefined;
  if (!row || row.status === 'withdrawn') return null;
  if (row.status === 'filled') {
    prepare(db, 'UPDATE vacancies SET beds = 1, available_from = max(available_from, ?), updated_at = ? WHERE id = ?').run(from, at, id);
    setVacancyStatus(db, id, 'open', at, userId);
    return 'open';
  }
  setVacancyBeds(db, id, row.beds + 1, at);
  return row.status;
}

export interface VacancyEdit {
  beds: number;
  availableFrom: string;
  priceCorePence: number;
  priceSupportPence: number;
  priceEducationPence: number;
  priceOtherPence: number;
  restrictions: string;
}

export function updateVacancy(db: WritableDB, id: number, edit: VacancyEdit, at: string): void {
  prepare(
    db,
    `UPDATE vacancies SET beds = ?, available_from = ?, price_core_pence = ?, price_support_pence = ?,
            price_education_pence = ?, price_other_pence = ?, restrictions = ?, updated_at = ?
     WHERE id = ?`,
  ).run(edit.beds, edit.availableFrom, edit.priceCorePence, edit.priceSupportPence, edit.priceEducationPence, edit.priceOtherPence, edit.restrictions, at, id);
}

export interface VacancyStatusChangeRow {
  status: VacancyStatus;
  at: string;
  userId: number | null;
}

export function vacancyHistory(db: ReadableDB, id: number): VacancyStatusChangeRow[] {
  return prepare(db, 'SELECT status, at, user_id AS userId FROM vacancy_status_history WHERE vacancy_id = ? ORDER BY at, id').all(
    id,
  ) as VacancyStatusChangeRow[];
}

export interface VacancyHomeRow {
  id: number;
  name: string;
  kind: HomeKind;
  providerName: string;
  councilName: string;
  placeLabel: string;
}

/** Homes a vacancy may be posted for, by name: all the region's, or one council's for a council-scoped user. */
export function listVacancyHomes(db: ReadableDB, councilId: number | null): VacancyHomeRow[] {
  return prepare(
    db,
    `SELECT h.id, h.name, h.kind, p.name AS providerName, c.name AS councilName, h.place_label AS placeLabel
       FROM homes h JOIN providers p ON p.id = h.provider_id JOIN councils c ON c.id = h.council_id
       WHERE @councilId IS NULL OR h.council_id = @councilId
       ORDER BY h.name COLLATE NOCASE, h.id`,
  ).all({ councilId }) as VacancyHomeRow[];
}
