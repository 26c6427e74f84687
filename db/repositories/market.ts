import type { ReadableDB } from '../handle';
import { prepare } from '../statementCache';
import { readRows } from '../rows';
import { homeGradeDateSql, homeGradeSql } from './ofsted-grade';
import type { HomeKind, OfstedGrade, Sex } from '../../shared/domain/homes';
import type { Sector } from '../../shared/contract/market';

/*
 * The commissioner's reads. Named SQL, one place: every statement here is what a market screen runs,
 * and test/db/market-query-plans.test.ts checks each uses an index rather than scanning a big table.
 * No statement returns a child's name or date of birth: ages are worked out in SQL.
 */

/** The region's own homes (its councils' and the RCC's) count as in-house; agencies and companies as external. */
const SECTOR_SQL = `CASE WHEN p.ownership IN ('in_house', 'council') OR p.provider_type IN ('in_house', 'rcc', 'council_residential')
                         THEN 'in_house' ELSE 'external' END`;
const GRADE_SQL = homeGradeSql('h', 'p');
const TOTAL_SQL = (t: string) => `(${t}.price_core_pence + ${t}.price_support_pence + ${t}.price_education_pence + ${t}.price_other_pence)`;
/** Whole years from a birth date to a day, in SQL, so the birth date itself never leaves the database. */
const AGE_SQL = (birth: string, on: string) =>
  `(CAST(strftime('%Y', ${on}) AS INTEGER) - CAST(strftime('%Y', ${birth}) AS INTEGER) - (strftime('%m-%d', ${on}) < strftime('%m-%d', ${birth})))`;

/**
 * The lean row every view starts from: ids, dates and numbers. Names, sectors and grades come from
 * the small councils and providers lists (MarketData), because turning thousands of rows into
 * JavaScript objects, not SQLite, is what a screen's time goes on.
 */
export interface PlacementFact {
  id: number;
  placingCouncilId: number;
  homeId: number;
  kind: HomeKind;
  homeCouncilId: number;
  homeLat: number;
  homeLon: number;
  providerId: number;
  /** The home's own Ofsted grade; null for foster households, graded through their agency. */
  homeGrade: OfstedGrade | null;
  startDate: string;
  plannedEndDate: string | null;
  endDate: string | null;
  endReason: string | null;
  total: number;
  distanceMiles: number | null;
  distanceReason: string;
  referralId: number | null;
}

/** What like-for-like price comparison adds: the price's parts, tier, registration and kind, the child's age when placed. */
export interface LikeForLikeDetail {
  core: number;
  support: number;
  education: number;
  other: number;
  feeTier: number | null;
  categories: string | null;
  supportedKind: string | null;
  ageAtStart: number;
}

/** What sufficiency adds: the child's age today, sex and disability, the needs the referral recorded. */
export interface ChildNeedDetail {
  ageToday: number;
  sex: Sex;
  disability: number;
  referralNeeds: string | null;
  /** 1 for an unaccompanied asylum-seeking child today (flagged, and not ceased by today): DfE's distance figure leaves them out. */
  uasc: number;
  /** SSDA903 legal status of the episode running today (else the child's recorded one): V3/V4 short breaks are left out too. */
  legalStatus: string;
}

export interface PlacementWindow {
  /** Placements running on any day from `from` to `to` (both ISO dates, inclusive). */
  from: string;
  to: string;
  placingCouncilId?: number | null | undefined;
  providerId?: number | undefined;
  kind?: HomeKind | undefined;
}

/** Every view needs these; the detail joins are added only where a view asks for them, as each costs a lookup per row. */
const PLACEMENT_BASE_COLUMNS = `
  pl.id AS id, pl.council_id AS placingCouncilId, h.id AS homeId, h.kind, h.council_id AS homeCouncilId, h.lat AS homeLat, h.lon AS homeLon,
  h.provider_id AS providerId, h.ofsted_grade AS homeGrade, pl.start_date AS startDate, pl.planned_end_date AS plannedEndDate,
  pl.end_date AS endDate, pl.end_reason AS endReason, ${TOTAL_SQL('pl')} AS total, pl.distance_miles AS distanceMiles,
  pl.distance_reason AS distanceReason, pl.referral_id AS referralId`;
const PLACEMENT_BASE_JOINS = `
  FROM placements pl
  JOIN homes h ON h.id = pl.home_id`;
const LIKE_FOR_LIKE_COLUMNS = `, pl.price_core_pence AS core, pl.price_support_pence AS support, pl.price_education_pence AS education,
  pl.price_other_pence AS other, COALESCE(fh.fee_tier, rh.fee_tier) AS feeTier, rh.categories, sh.kind AS supportedKind, ${AGE_SQL('ch.birth_date', 'pl.start_date')} AS ageAtStart`;
const LIKE_FOR_LIKE_JOINS = `
  LEFT JOIN foster_households fh ON fh.home_id = h.id
  LEFT JOIN residential_homes rh ON rh.home_id = h.id
  LEFT JOIN supported_homes sh ON sh.home_id = h.id`;
const CHILD_NEED_COLUMNS = `, ${AGE_SQL('ch.birth_date', '@today')} AS ageToday, ch.sex, ch.disability, r.ofsted_needs AS referralNeeds,
  (ch.uasc = 1 AND (ch.uasc_ceased IS NULL OR ch.uasc_ceased > @today)) AS uasc,
  COALESCE((SELECT e.ls FROM episodes e WHERE e.child_id = ch.id AND e.decom <= @today AND (e.dec IS NULL OR e.dec > @today)
            ORDER BY e.decom DESC LIMIT 1), ch.legal_status) AS legalStatus`;
const CHILD_NEED_JOINS = `
  LEFT JOIN referrals r ON r.id = pl.referral_id`;

function placementSelect(likeForLike: boolean, childNeeds: boolean): string {
  return `SELECT ${PLACEMENT_BASE_COLUMNS}${likeForLike ? LIKE_FOR_LIKE_COLUMNS : ''}${childNeeds ? CHILD_NEED_COLUMNS : ''}
    ${PLACEMENT_BASE_JOINS}${likeForLike ? LIKE_FOR_LIKE_JOINS : ''}${likeForLike || childNeeds ? ' JOIN children ch ON ch.id = pl.child_id' : ''}${childNeeds ? CHILD_NEED_JOINS : ''}`;
}

/** A placement from a row of placementSelect(likeForLike, childNeeds) (see readRows for why not SQLite's row objects). */
function placementFromRow(a: readonly unknown[], likeForLike: boolean, childNeeds: boolean): PlacementFact {
  const p: PlacementFact = {
    id: a[0] as number,
    placingCouncilId: a[1] as number,
    homeId: a[2] as number,
    kind: a[3] as HomeKind,
    homeCouncilId: a[4] as number,
    homeLat: a[5] as number,
    homeLon: a[6] as number,
    providerId: a[7] as number,
    homeGrade: a[8] as OfstedGrade | null,
    startDate: a[9] as string,
    plannedEndDate: a[10] as string | null,
    endDate: a[11] as string | null,
    endReason: a[12] as string | null,
    total: a[13] as number,
    distanceMiles: a[14] as number | null,
    distanceReason: a[15] as string,
    referralId: a[16] as number | null,
  };
  // The details follow the base columns, in placementSelect's order.
  if (likeForLike) {
    const l = p as PlacementFact & LikeForLikeDetail;
    l.core = a[17] as number;
    l.support = a[18] as number;
    l.education = a[19] as number;
    l.other = a[20] as number;
    l.feeTier = a[21] as number | null;
    l.categories = a[22] as string | null;
    l.supportedKind = a[23] as string | null;
    l.ageAtStart = a[24] as number;
  }
  if (childNeeds) {
    const at = likeForLike ? 25 : 17;
    const n = p as PlacementFact & ChildNeedDetail;
    n.ageToday = a[at] as number;
    n.sex = a[at + 1] as ChildNeedDetail['sex'];
    n.disability = a[at + 2] as number;
    n.referralNeeds = a[at + 3] as string | null;
    n.uasc = a[at + 4] as number;
    n.legalStatus = a[at + 5] as string;
  }
  return p;
}

function windowQuery(db: ReadableDB, w: PlacementWindow, today: string, likeForLike: boolean, childNeeds: boolean): PlacementFact[] {
  const extra: string[] = [];
  const params: Record<string, string | number> = { from: w.from, to: w.to };
  if (childNeeds) params.today = today;
  if (w.placingCouncilId !== undefined && w.placingCouncilId !== null) {
    extra.push('AND pl.council_id = @council');
    params.council = w.placingCouncilId;
  }
  if (w.providerId !== undefined) {
    extra.push('AND h.provider_id = @provider');
    params.provider = w.providerId;
  }
  if (w.kind !== undefined) {
    extra.push('AND h.kind = @kind');
    params.kind = w.kind;
  }
  // Still running (no end date) UNION ALL ended within the window: each half is one range of
  // placements_current or placements_by_council, where "end IS NULL OR end > from" would tempt the
  // planner into scanning every placement ever made. "+" keeps it off placements_by_start, which
  // matches almost every row (nearly all placements started before the window ends).
  const select = placementSelect(likeForLike, childNeeds);
  const half = (ended: string) => `${select} WHERE ${ended} AND +pl.start_date <= @to ${extra.join(' ')}`;
  // Sorted here, not by SQL: an ORDER BY on the compound makes SQLite scan the table in rowid order.
  const sql = `${half('pl.end_date IS NULL')} UNION ALL ${half('pl.end_date > @from')}`;
  return readRows(prepare(db, sql), (a) => placementFromRow(a, likeForLike, childNeeds), params).sort((a, b) => a.id - b.id);
}

/**
 * Placements running at any time in a window: started by its last day and not ended before its first.
 * (A placement that ends on a day is not running on that day: the child slept elsewhere.)
 */
export function listPlacementFacts(db: ReadableDB, w: PlacementWindow, today: string): PlacementFact[] {
  return windowQuery(db, w, today, false, false);
}

/**
 * Placements running at some time in a window but not on one day within it: those that ended in the
 * window by that day, and those starting after it. With the placements running on the day, these
 * make up the window, so a view that already holds today's placements reads only the rest.
 */
export function listPlacementFactsNotRunningOn(db: ReadableDB, w: PlacementWindow, day: string): PlacementFact[] {
  const params: Record<string, string | number> = { from: w.from, to: w.to, day };
  let council = '';
  if (w.placingCouncilId !== undefined && w.placingCouncilId !== null) {
    council = 'AND pl.council_id = @council';
    params.council = w.placingCouncilId;
  }
  // Ended on or before the day (so started before it), and started after it: disjoint ranges of
  // placements_current (or placements_by_council) and placements_by_start.
  const select = placementSelect(false, false);
  const sql = `${select} WHERE pl.end_date > @from AND pl.end_date <= @day ${council}
       UNION ALL ${select} WHERE pl.start_date > @day AND pl.start_date <= @to ${council}`;
  return readRows(prepare(db, sql), (a) => placementFromRow(a, false, false), params).sort((a, b) => a.id - b.id);
}

/** The same, with what like-for-like price comparison needs. */
export function listPlacementFactsLikeForLike(db: ReadableDB, w: PlacementWindow, today: string): (PlacementFact & LikeForLikeDetail)[] {
  return windowQuery(db, w, today, true, false) as (PlacementFact & LikeForLikeDetail)[];
}

/** The same, with the child's age and needs, for demand. */
export function listPlacementFactsWithNeeds(db: ReadableDB, w: PlacementWindow, today: string): (PlacementFact & ChildNeedDetail)[] {
  return windowQuery(db, w, today, false, true) as (PlacementFact & ChildNeedDetail)[];
}

/** Every placement of one provider's homes that ran on or after a day (its recent history and its current ones). */
export function listProviderPlacementFacts(db: ReadableDB, providerId: number, since: string): PlacementFact[] {
  const sql = `SELECT ${PLACEMENT_BASE_COLUMNS} ${PLACEMENT_BASE_JOINS}
       WHERE h.provider_id = @provider AND (pl.end_date IS NULL OR pl.end_date >= @since)
       ORDER BY pl.start_date, pl.id`;
  return readRows(prepare(db, sql), (a) => placementFromRow(a, false, false), { provider: providerId, since });
}

export interface TopPlacementRow {
  id: number;
  childRef: string;
  councilName: string;
  providerName: string;
  kind: HomeKind;
  sector: Sector;
  grade: OfstedGrade;
  core: number;
  support: number;
  education: number;
  other: number;
  total: number;
  distanceMiles: number | null;
}

/** The costliest placements running today: the child only by pseudonymous reference. */
export function listCostliestCurrentPlacements(db: ReadableDB, today: string, placingCouncilId: number | null, limit: number): TopPlacementRow[] {
  // Running today: no end date, UNION ALL ending after today (see listPlacementFacts for why).
  const half = (ended: string) => `
    SELECT pl.id AS id, ch.ref AS childRef, pc.name AS councilName, p.name AS providerName, h.kind, ${SECTOR_SQL} AS sector, ${GRADE_SQL} AS grade,
           pl.price_core_pence AS core, pl.price_support_pence AS support, pl.price_education_pence AS education,
           pl.price_other_pence AS other, ${TOTAL_SQL('pl')} AS total, pl.distance_miles AS distanceMiles
    FROM placements pl
    JOIN homes h ON h.id = pl.home_id
    JOIN providers p ON p.id = h.provider_id
    JOIN councils pc ON pc.id = pl.council_id
    JOIN children ch ON ch.id = pl.child_id
    WHERE ${ended} AND +pl.start_date <= @today ${placingCouncilId === null ? '' : 'AND pl.council_id = @council'}`;
  return prepare(db, `${half('pl.end_date IS NULL')} UNION ALL ${half('pl.end_date > @today')} ORDER BY total DESC, id LIMIT @limit`).all({
    today,
    limit,
    ...(placingCouncilId === null ? {} : { council: placingCouncilId }),
  }) as TopPlacementRow[];
}

export interface VacancyFact {
  id: number;
  homeId: number;
  kind: HomeKind;
  homeCouncilId: number;
  homeCouncilName: string;
  homeLat: number;
  homeLon: number;
  providerId: number;
  providerName: string;
  sector: Sector;
  grade: OfstedGrade;
  feeTier: number | null;
  categories: string | null;
  specialisms: string | null;
  supportedKind: string | null;
  minAge: number;
  maxAge: number;
  beds: number;
  core: number;
  support: number;
  education: number;
  other: number;
  total: number;
}

/** Open vacancies with what like-for-like comparison needs: tier, registration, kind of supported home, ages taken. */
export function listOpenVacancyFacts(db: ReadableDB): VacancyFact[] {
  const stmt = prepare(
    db,
    `SELECT v.id, h.id AS homeId, h.kind, h.council_id AS homeCouncilId, c.name AS homeCouncilName, h.lat AS homeLat, h.lon AS homeLon,
            p.id AS providerId, p.name AS providerName, ${SECTOR_SQL} AS sector, ${GRADE_SQL} AS grade,
            COALESCE(fh.fee_tier, rh.fee_tier) AS feeTier, rh.categories, fh.specialisms, sh.kind AS supportedKind,
            COALESCE(fh.approval_min_age, rh.min_age, 16) AS minAge, COALESCE(fh.approval_max_age, rh.max_age, 17) AS maxAge,
            v.beds, v.price_core_pence AS core, v.price_support_pence AS support, v.price_education_pence AS education,
            v.price_other_pence AS other, ${TOTAL_SQL('v')} AS total
     FROM vacancies v
     JOIN homes h ON h.id = v.home_id
     JOIN providers p ON p.id = h.provider_id
     JOIN councils c ON c.id = h.council_id
     LEFT JOIN foster_households fh ON fh.home_id = h.id
     LEFT JOIN residential_homes rh ON rh.home_id = h.id
     LEFT JOIN supported_homes sh ON sh.home_id = h.id
     WHERE v.status = 'open'
     ORDER BY v.id`,
  );
  return readRows(stmt, (a) => ({
    id: a[0] as number,
    homeId: a[1] as number,
    kind: a[2] as HomeKind,
    homeCouncilId: a[3] as number,
    homeCouncilName: a[4] as string,
    homeLat: a[5] as number,
    homeLon: a[6] as number,
    providerId: a[7] as number,
    providerName: a[8] as string,
    sector: a[9] as Sector,
    grade: a[10] as OfstedGrade,
    feeTier: a[11] as number | null,
    categories: a[12] as string | null,
    specialisms: a[13] as string | null,
    supportedKind: a[14] as string | null,
    minAge: a[15] as number,
    maxAge: a[16] as number,
    beds: a[17] as number,
    core: a[18] as number,
    support: a[19] as number,
    education: a[20] as number,
    other: a[21] as number,
    total: a[22] as number,
  }));
}

export interface HomeCapacity {
  homeId: number;
  name: string;
  kind: HomeKind;
  councilId: number;
  councilName: string;
  providerId: number;
  grade: OfstedGrade;
  gradeDate: string | null;
  active: number;
  /** Children the household is approved for, or the home is registered for. */
  places: number;
  categories: string | null;
  specialisms: string | null;
  minAge: number;
  maxAge: number;
}

const SELECT_HOME_CAPACITY = `
  SELECT h.id AS homeId, h.name, h.kind, h.council_id AS councilId, c.name AS councilName, h.provider_id AS providerId,
         ${GRADE_SQL} AS grade, ${homeGradeDateSql('h', 'p')} AS gradeDate, h.active,
         COALESCE(fh.approval_max_children, rh.places, sh.places, 0) AS places, rh.categories, fh.specialisms,
         COALESCE(fh.approval_min_age, rh.min_age, 16) AS minAge, COALESCE(fh.approval_max_age, rh.max_age, 17) AS maxAge
  FROM homes h
  JOIN providers p ON p.id = h.provider_id
  JOIN councils c ON c.id = h.council_id
  LEFT JOIN foster_households fh ON fh.home_id = h.id
  LEFT JOIN residential_homes rh ON rh.home_id = h.id
  LEFT JOIN supported_homes sh ON sh.home_id = h.id`;

/** Approved or registered places of every active home: the region's standing supply. */
export function listActiveHomeCapacity(db: ReadableDB): HomeCapacity[] {
  return prepare(db, `${SELECT_HOME_CAPACITY} WHERE h.active = 1 ORDER BY h.id`).all() as HomeCapacity[];
}

/** Places of active homes alike in everything the sufficiency view asks of a home. */
export interface HomeSupply {
  kind: HomeKind;
  councilId: number;
  minAge: number;
  maxAge: number;
  categories: string | null;
  specialisms: string | null;
  /** Children these homes together are approved or registered for. */
  places: number;
}

/**
 * The region's standing supply, as listActiveHomeCapacity counts it, summed in SQL over homes of
 * the same type, council, ages, registration and specialisms: about a sixth as many rows as homes,
 * and the same totals for every type, age band, need and council.
 */
export function listActiveHomeSupply(db: ReadableDB): HomeSupply[] {
  return prepare(
    db,
    `SELECT h.kind, h.council_id AS councilId, COALESCE(fh.approval_min_age, rh.min_age, 16) AS minAge,
              COALESCE(fh.approval_max_age, rh.max_age, 17) AS maxAge, rh.categories, fh.specialisms,
              SUM(COALESCE(fh.approval_max_children, rh.places, sh.places, 0)) AS places
       FROM homes h
       LEFT JOIN foster_households fh ON fh.home_id = h.id
       LEFT JOIN residential_homes rh ON rh.home_id = h.id
       LEFT JOIN supported_homes sh ON sh.home_id = h.id
       WHERE h.active = 1
       GROUP BY h.kind, h.council_id, minAge, maxAge, rh.categories, fh.specialisms`,
  ).all() as HomeSupply[];
}

export function listProviderHomes(db: ReadableDB, providerId: number): HomeCapacity[] {
  return prepare(db, `${SELECT_HOME_CAPACITY} WHERE h.provider_id = ? ORDER BY h.active DESC, h.name, h.id`).all(providerId) as HomeCapacity[];
}

export interface OpenReferralFact {
  id: number;
  councilId: number;
  ageToday: number;
  fosterSuitability: string;
  residentialSuitability: string;
  supportedSuitability: string;
  ofstedNeeds: string;
  disability: number;
}

/** Referrals still waiting for a home (new, searching, shortlisted, offered). */
export function listOpenReferralFacts(db: ReadableDB, today: string, councilId: number | null): OpenReferralFact[] {
  return prepare(
    db,
    `SELECT r.id, r.council_id AS councilId, ${AGE_SQL('ch.birth_date', '@today')} AS ageToday,
              r.foster_suitability AS fosterSuitability, r.residential_suitability AS residentialSuitability,
              r.supported_suitability AS supportedSuitability, r.ofsted_needs AS ofstedNeeds, ch.disability
       FROM referrals r JOIN children ch ON ch.id = r.child_id
       WHERE r.status IN ('new', 'searching', 'shortlisted', 'offered') ${councilId === null ? '' : 'AND r.council_id = @council'}
       ORDER BY r.id`,
  ).all({ today, ...(councilId === null ? {} : { council: councilId }) }) as OpenReferralFact[];
}

export interface TimeToPlaceRow {
  kind: HomeKind;
  days: number;
}

/** Days from a referral arriving to the child moving in, for placements that started since a day. */
export function listReferralToPlacementDays(db: ReadableDB, since: string, today: string, councilId: number | null): TimeToPlaceRow[] {
  return prepare(
    db,
    `SELECT h.kind, CAST(julianday(pl.start_date) - julianday(substr(r.received_at, 1, 10)) AS INTEGER) AS days
       FROM placements pl
       JOIN referrals r ON r.id = pl.referral_id
       JOIN homes h ON h.id = pl.home_id
       WHERE pl.start_date >= @since AND pl.start_date <= @today ${councilId === null ? '' : 'AND pl.council_id = @council'}
       ORDER BY pl.id`,
  ).all({ since, today, ...(councilId === null ? {} : { council: councilId }) }) as TimeToPlaceRow[];
}

export interface ProviderFact {
  id: number;
  name: string;
  providerType: string;
  ownership: string;
  sector: Sector;
  grade: OfstedGrade;
  gradeDate: string | null;
  urn: string | null;
}

const SELECT_PROVIDER = `
  SELECT p.id, p.name, p.provider_type AS providerType, p.ownership, ${SECTOR_SQL} AS sector, p.ofsted_grade AS grade,
         p.ofsted_grade_date AS gradeDate, p.ofsted_urn AS urn
  FROM providers p`;

export function listProviderFacts(db: ReadableDB): ProviderFact[] {
  return prepare(db, `${SELECT_PROVIDER} ORDER BY p.name, p.id`).all() as ProviderFact[];
}

export function getProviderFact(db: ReadableDB, id: number): ProviderFact | null {
  return (prepare(db, `${SELECT_PROVIDER} WHERE p.id = ?`).get(id) as ProviderFact | undefined) ?? null;
}

export interface EndingRow {
  providerId: number;
  endReason: string | null;
  n: number;
}

/** Placements that ended in a period, by provider and SSDA903 reason. */
export function countEndingsByProviderAndReason(db: ReadableDB, from: string, to: string): EndingRow[] {
  return prepare(
    db,
    `SELECT h.provider_id AS providerId, pl.end_reason AS endReason, count(*) AS n
       FROM placements pl JOIN homes h ON h.id = pl.home_id
       WHERE pl.end_date >= @from AND pl.end_date <= @to
       GROUP BY h.provider_id, pl.end_reason`,
  ).all({ from, to }) as EndingRow[];
}

export interface StartedPriceRow {
  providerId: number;
  startDate: string;
  total: number;
}

/** Agreed weekly prices of placements that started in a period, for price-change figures. */
export function listStartedPlacementPrices(db: ReadableDB, from: string, to: string): StartedPriceRow[] {
  return prepare(
    db,
    `SELECT h.provider_id AS providerId, pl.start_date AS startDate, ${TOTAL_SQL('pl')} AS total
       FROM placements pl JOIN homes h ON h.id = pl.home_id
       WHERE pl.start_date >= @from AND pl.start_date <= @to`,
  ).all({ from, to }) as StartedPriceRow[];
}

export interface CouncilPoint {
  id: number;
  name: string;
  lat: number;
  lon: number;
}

export function listCouncilPoints(db: ReadableDB): CouncilPoint[] {
  return prepare(db, 'SELECT id, name, lat, lon FROM councils ORDER BY name').all() as CouncilPoint[];
}

export function councilName(db: ReadableDB, id: number): string | null {
  return (prepare(db, 'SELECT name FROM councils WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}
