import type { ReadableDB } from '../handle';
import type { HomeKind, OfstedGrade } from '../../shared/domain/homes';
import type { Sector } from '../../shared/contract/market';

/*
 * The commissioner's reads. Named SQL, one place: every statement here is what a market screen runs,
 * and test/db/market-query-plans.test.ts checks each uses an index rather than scanning a big table.
 * No statement returns a child's name or date of birth: ages are worked out in SQL.
 */

/** The region's own homes (its councils' and the RCC's) count as in-house; agencies and companies as external. */
const SECTOR_SQL = `CASE WHEN p.ownership IN ('in_house', 'council') OR p.provider_type IN ('in_house', 'rcc', 'council_residential')
                         THEN 'in_house' ELSE 'external' END`;
const GRADE_SQL = `COALESCE(h.ofsted_grade, p.ofsted_grade)`;
const TOTAL_SQL = (t: string) => `(${t}.price_core_pence + ${t}.price_support_pence + ${t}.price_education_pence + ${t}.price_other_pence)`;
/** Whole years from a birth date to a day, in SQL, so the birth date itself never leaves the database. */
const AGE_SQL = (birth: string, on: string) =>
  `(CAST(strftime('%Y', ${on}) AS INTEGER) - CAST(strftime('%Y', ${birth}) AS INTEGER) - (strftime('%m-%d', ${on}) < strftime('%m-%d', ${birth})))`;

export interface PlacementFact {
  id: number;
  placingCouncilId: number;
  placingCouncilName: string;
  placingLat: number;
  placingLon: number;
  homeId: number;
  homeName: string;
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
  supportedKind: string | null;
  ageAtStart: number;
  ageToday: number;
  startDate: string;
  plannedEndDate: string | null;
  endDate: string | null;
  endReason: string | null;
  core: number;
  support: number;
  education: number;
  other: number;
  total: number;
  distanceMiles: number | null;
  distanceReason: string;
  referralId: number | null;
  disability: number;
  referralNeeds: string | null;
}

export interface PlacementWindow {
  /** Placements running on any day from `from` to `to` (both ISO dates, inclusive). */
  from: string;
  to: string;
  placingCouncilId?: number | null | undefined;
  providerId?: number | undefined;
  kind?: HomeKind | undefined;
}

const SELECT_PLACEMENT_FACTS = `
  SELECT pl.id, pl.council_id AS placingCouncilId, pc.name AS placingCouncilName, pc.lat AS placingLat, pc.lon AS placingLon,
         h.id AS homeId, h.name AS homeName, h.kind, h.council_id AS homeCouncilId, hc.name AS homeCouncilName, h.lat AS homeLat, h.lon AS homeLon,
         p.id AS providerId, p.name AS providerName, ${SECTOR_SQL} AS sector, ${GRADE_SQL} AS grade,
         fh.fee_tier AS feeTier, rh.categories, sh.kind AS supportedKind,
         ${AGE_SQL('ch.birth_date', 'pl.start_date')} AS ageAtStart, ${AGE_SQL('ch.birth_date', '@today')} AS ageToday,
         pl.start_date AS startDate, pl.planned_end_date AS plannedEndDate, pl.end_date AS endDate, pl.end_reason AS endReason,
         pl.price_core_pence AS core, pl.price_support_pence AS support, pl.price_education_pence AS education, pl.price_other_pence AS other,
         ${TOTAL_SQL('pl')} AS total, pl.distance_miles AS distanceMiles, pl.distance_reason AS distanceReason, pl.referral_id AS referralId,
         ch.disability, r.ofsted_needs AS referralNeeds
  FROM placements pl
  JOIN homes h ON h.id = pl.home_id
  JOIN providers p ON p.id = h.provider_id
  JOIN councils pc ON pc.id = pl.council_id
  JOIN councils hc ON hc.id = h.council_id
  JOIN children ch ON ch.id = pl.child_id
  LEFT JOIN referrals r ON r.id = pl.referral_id
  LEFT JOIN foster_households fh ON fh.home_id = h.id
  LEFT JOIN residential_homes rh ON rh.home_id = h.id
  LEFT JOIN supported_homes sh ON sh.home_id = h.id`;

/**
 * Placements running at any time in a window: started by its last day and not ended before its first.
 * (A placement that ends on a day is not running on that day: the child slept elsewhere.)
 */
export function listPlacementFacts(db: ReadableDB, w: PlacementWindow, today: string): PlacementFact[] {
  const where = ['pl.start_date <= @to', '(pl.end_date IS NULL OR pl.end_date > @from)'];
  const params: Record<string, string | number> = { from: w.from, to: w.to, today };
  if (w.placingCouncilId !== undefined && w.placingCouncilId !== null) {
    where.push('pl.council_id = @council');
    params.council = w.placingCouncilId;
  }
  if (w.providerId !== undefined) {
    where.push('h.provider_id = @provider');
    params.provider = w.providerId;
  }
  if (w.kind !== undefined) {
    where.push('h.kind = @kind');
    params.kind = w.kind;
  }
  return db.prepare(`${SELECT_PLACEMENT_FACTS} WHERE ${where.join(' AND ')} ORDER BY pl.id`).all(params) as PlacementFact[];
}

/** Every placement of one provider's homes that ran on or after a day (its recent history and its current ones). */
export function listProviderPlacementFacts(db: ReadableDB, providerId: number, since: string, today: string): PlacementFact[] {
  return db
    .prepare(
      `${SELECT_PLACEMENT_FACTS}
       WHERE h.provider_id = @provider AND (pl.end_date IS NULL OR pl.end_date >= @since)
       ORDER BY pl.start_date, pl.id`,
    )
    .all({ provider: providerId, since, today }) as PlacementFact[];
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
  return db
    .prepare(
      `SELECT pl.id, ch.ref AS childRef, pc.name AS councilName, p.name AS providerName, h.kind, ${SECTOR_SQL} AS sector, ${GRADE_SQL} AS grade,
              pl.price_core_pence AS core, pl.price_support_pence AS support, pl.price_education_pence AS education,
              pl.price_other_pence AS other, ${TOTAL_SQL('pl')} AS total, pl.distance_miles AS distanceMiles
       FROM placements pl
       JOIN homes h ON h.id = pl.home_id
       JOIN providers p ON p.id = h.provider_id
       JOIN councils pc ON pc.id = pl.council_id
       JOIN children ch ON ch.id = pl.child_id
       WHERE pl.start_date <= @today AND (pl.end_date IS NULL OR pl.end_date > @today)
         ${placingCouncilId === null ? '' : 'AND pl.council_id = @council'}
       ORDER BY total DESC, pl.id
       LIMIT @limit`,
    )
    .all({ today, limit, ...(placingCouncilId === null ? {} : { council: placingCouncilId }) }) as TopPlacementRow[];
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
  return db
    .prepare(
      `SELECT v.id, h.id AS homeId, h.kind, h.council_id AS homeCouncilId, c.name AS homeCouncilName, h.lat AS homeLat, h.lon AS homeLon,
              p.id AS providerId, p.name AS providerName, ${SECTOR_SQL} AS sector, ${GRADE_SQL} AS grade,
              fh.fee_tier AS feeTier, rh.categories, fh.specialisms, sh.kind AS supportedKind,
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
    )
    .all() as VacancyFact[];
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
         ${GRADE_SQL} AS grade, COALESCE(h.ofsted_grade_date, p.ofsted_grade_date) AS gradeDate, h.active,
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
  return db.prepare(`${SELECT_HOME_CAPACITY} WHERE h.active = 1 ORDER BY h.id`).all() as HomeCapacity[];
}

export function listProviderHomes(db: ReadableDB, providerId: number): HomeCapacity[] {
  return db.prepare(`${SELECT_HOME_CAPACITY} WHERE h.provider_id = ? ORDER BY h.active DESC, h.name, h.id`).all(providerId) as HomeCapacity[];
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
  return db
    .prepare(
      `SELECT r.id, r.council_id AS councilId, ${AGE_SQL('ch.birth_date', '@today')} AS ageToday,
              r.foster_suitability AS fosterSuitability, r.residential_suitability AS residentialSuitability,
              r.supported_suitability AS supportedSuitability, r.ofsted_needs AS ofstedNeeds, ch.disability
       FROM referrals r JOIN children ch ON ch.id = r.child_id
       WHERE r.status IN ('new', 'searching', 'shortlisted', 'offered') ${councilId === null ? '' : 'AND r.council_id = @council'}
       ORDER BY r.id`,
    )
    .all({ today, ...(councilId === null ? {} : { council: councilId }) }) as OpenReferralFact[];
}

export interface TimeToPlaceRow {
  kind: HomeKind;
  days: number;
}

/** Days from a referral arriving to the child moving in, for placements that started since a day. */
export function listReferralToPlacementDays(db: ReadableDB, since: string, today: string, councilId: number | null): TimeToPlaceRow[] {
  return db
    .prepare(
      `SELECT h.kind, CAST(julianday(pl.start_date) - julianday(substr(r.received_at, 1, 10)) AS INTEGER) AS days
       FROM placements pl
       JOIN referrals r ON r.id = pl.referral_id
       JOIN homes h ON h.id = pl.home_id
       WHERE pl.start_date >= @since AND pl.start_date <= @today ${councilId === null ? '' : 'AND pl.council_id = @council'}
       ORDER BY pl.id`,
    )
    .all({ since, today, ...(councilId === null ? {} : { council: councilId }) }) as TimeToPlaceRow[];
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
  return db.prepare(`${SELECT_PROVIDER} ORDER BY p.name, p.id`).all() as ProviderFact[];
}

export function getProviderFact(db: ReadableDB, id: number): ProviderFact | null {
  return (db.prepare(`${SELECT_PROVIDER} WHERE p.id = ?`).get(id) as ProviderFact | undefined) ?? null;
}

export interface EndingRow {
  providerId: number;
  endReason: string | null;
  n: number;
}

/** Placements that ended in a period, by provider and SSDA903 reason. */
export function countEndingsByProviderAndReason(db: ReadableDB, from: string, to: string): EndingRow[] {
  return db
    .prepare(
      `SELECT h.provider_id AS providerId, pl.end_reason AS endReason, count(*) AS n
       FROM placements pl JOIN homes h ON h.id = pl.home_id
       WHERE pl.end_date >= @from AND pl.end_date <= @to
       GROUP BY h.provider_id, pl.end_reason`,
    )
    .all({ from, to }) as EndingRow[];
}

export interface StartedPriceRow {
  providerId: number;
  startDate: string;
  total: number;
}

/** Agreed weekly prices of placements that started in a period, for price-change figures. */
export function listStartedPlacementPrices(db: ReadableDB, from: string, to: string): StartedPriceRow[] {
  return db
    .prepare(
      `SELECT h.provider_id AS providerId, pl.start_date AS startDate, ${TOTAL_SQL('pl')} AS total
       FROM placements pl JOIN homes h ON h.id = pl.home_id
       WHERE pl.start_date >= @from AND pl.start_date <= @to`,
    )
    .all({ from, to }) as StartedPriceRow[];
}

export interface CouncilPoint {
  id: number;
  name: string;
  lat: number;
  lon: number;
}

export function listCouncilPoints(db: ReadableDB): CouncilPoint[] {
  return db.prepare('SELECT id, name, lat, lon FROM councils ORDER BY name').all() as CouncilPoint[];
}

export function councilName(db: ReadableDB, id: number): string | null {
  return (db.prepare('SELECT name FROM councils WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}
