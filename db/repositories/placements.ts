import type { ReadableDB, WritableDB } from '../handle';
import { prepare } from '../statementCache';
import type { HomeKind } from '../../shared/domain/homes';
import type { Ownership } from '../../shared/scoring';

export interface NewOffer {
  referralId: number;
  vacancyId: number;
  status: 'requested' | 'offered' | 'refused' | 'withdrawn' | 'accepted';
  price: { core: number; support: number; education: number; other: number };
  reason: string;
  at: string;
  userId: number;
}

export function insertOffer(db: WritableDB, o: NewOffer): void {
  prepare(
    db,
    `INSERT INTO offers (referral_id, vacancy_id, status, price_core_pence, price_support_pence, price_education_pence, price_other_pence, reason, at, user_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(o.referralId, o.vacancyId, o.status, o.price.core, o.price.support, o.price.education, o.price.other, o.reason, o.at, o.userId);
}

export function listOffers(db: ReadableDB, referralId: number) {
  return prepare(
    db,
    `SELECT o.vacancy_id AS vacancyId, h.name AS homeName, o.status, o.reason,
              o.price_core_pence + o.price_support_pence + o.price_education_pence + o.price_other_pence AS weeklyPence,
              o.at, COALESCE(u.display_name, 'System') AS by
       FROM offers o JOIN vacancies v ON v.id = o.vacancy_id JOIN homes h ON h.id = v.home_id LEFT JOIN users u ON u.id = o.user_id
       WHERE o.referral_id = ? ORDER BY o.at, o.id`,
  ).all(referralId) as { vacancyId: number; homeName: string; status: string; reason: string; weeklyPence: number; at: string; by: string }[];
}

/**
 * Beds held for referrals now: a held vacancy whose last word with that referral is a hold or an
 * offer (not a refusal or a withdrawal). By referral id, the homes' names; one referral may hold
 * only one bed at a time, but a list keeps a damaged record visible rather than hiding it.
 */
export function bedsHeldByReferral(db: ReadableDB, referralIds: readonly number[] | null = null): Map<number, { vacancyId: number; homeName: string }[]> {
  const rows = prepare(
    db,
    `SELECT o.referral_id AS referralId, o.vacancy_id AS vacancyId, h.name AS homeName
       FROM vacancies v
       JOIN homes h ON h.id = v.home_id
       JOIN offers o ON o.vacancy_id = v.id
       WHERE v.status = 'held'
         AND o.id = (SELECT o2.id FROM offers o2 WHERE o2.vacancy_id = v.id ORDER BY o2.at DESC, o2.id DESC LIMIT 1)
         AND o.status IN ('requested', 'offered', 'accepted')`,
  ).all() as { referralId: number; vacancyId: number; homeName: string }[];
  const wanted = referralIds ? new Set(referralIds) : null;
  const held = new Map<number, { vacancyId: number; homeName: string }[]>();
  for (const r of rows) {
    if (wanted && !wanted.has(r.referralId)) continue;
    const list = held.get(r.referralId) ?? [];
    list.push({ vacancyId: r.vacancyId, homeName: r.homeName });
    held.set(r.referralId, list);
  }
  return held;
}

/** The last thing recorded between a referral and a vacancy (a hold, an offer, a refusal). */
export function latestOffer(db: ReadableDB, referralId: number, vacancyId: number): { status: string } | null {
  return (
    (prepare(db, 'SELECT status FROM offers WHERE referral_id = ? AND vacancy_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(referralId, vacancyId) as
      { status: string } | undefined) ?? null
  );
}

/** What placing a child records about the home: where it is, its URN and the kind of place (SSDA903 PLACE, PLACE_PROVIDER). */
export interface PlacementHome {
  id: number;
  lat: number;
  lon: number;
  easting: number | null;
  northing: number | null;
  kind: HomeKind;
  /** The home's own Ofsted URN, else its provider's; '' when neither has one. */
  urn: string;
  ownership: Ownership;
  /** The Regional Care Cooperative's own provision (provider type 'rcc'). */
  regional: boolean;
  /** The council the home belongs to. */
  councilId: number;
  /** The home's postcode as recorded (SSDA903 PL_POST); null when none is. */
  postcode: string | null;
  label: string;
  kinship: boolean;
  secure: boolean;
  /** Whether the home is taking children (an inactive household keeps its vacancies shut). */
  active: boolean;
}

export function getPlacementHome(db: ReadableDB, homeId: number): PlacementHome | null {
  const row = prepare(
    db,
    `SELECT h.id, h.lat, h.lon, h.easting, h.northing, h.kind, COALESCE(h.ofsted_urn, p.ofsted_urn, '') AS urn, p.ownership,
            p.provider_type = 'rcc' AS regional, h.council_id AS councilId, NULLIF(trim(h.postcode), '') AS postcode, h.place_label AS label,
            COALESCE(f.kinship, 0) AS kinship, COALESCE(r.secure, 0) AS secure, h.active
     FROM homes h JOIN providers p ON p.id = h.provider_id
     LEFT JOIN foster_households f ON f.home_id = h.id LEFT JOIN residential_homes r ON r.home_id = h.id
     WHERE h.id = ?`,
  ).get(homeId) as
    (Omit<PlacementHome, 'kinship' | 'secure' | 'regional' | 'active'> & { kinship: number; secure: number; regional: number; active: number }) | undefined;
  return row ? { ...row, regional: row.regional === 1, kinship: row.kinship === 1, secure: row.secure === 1, active: row.active === 1 } : null;
}

export interface NewPlacement {
  childId: number;
  referralId: number;
  vacancyId: number;
  homeId: number;
  councilId: number;
  placementType: 'Residential' | 'Foster' | 'Supported Accommodation';
  startDate: string;
  price: { core: number; support: number; education: number; other: number };
  locationLabel: string;
  locationPreferable: boolean;
  educationContinuity: boolean;
  siblingsTogether: number;
  providerUrn: string;
  distanceMiles: number | null;
  distanceReason: string;
  rationale: string;
  referralOfficerName: string;
  placementOfficerName: string;
  referralDate: string;
  placementDate: string;
}

export function insertPlacement(db: WritableDB, p: NewPlacement): number {
  return Number(
    prepare(
      db,
      `INSERT INTO placements (child_id, referral_id, vacancy_id, home_id, council_id, placement_type, start_date,
           price_core_pence, price_support_pence, price_education_pence, price_other_pence, location_label, location_preferable,
           education_continuity, siblings_together, provider_urn, distance_miles, distance_reason, rationale,
           referral_officer_name, placement_officer_name, cost_officer_name, referral_date, placement_date, cost_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.childId,
      p.referralId,
      p.vacancyId,
      p.homeId,
      p.councilId,
      p.placementType,
      p.startDate,
      p.price.core,
      p.price.support,
      p.price.education,
      p.price.other,
      p.locationLabel,
      p.locationPreferable ? 1 : 0,
      p.educationContinuity ? 1 : 0,
      p.siblingsTogether,
      p.providerUrn,
      p.distanceMiles,
      p.distanceReason,
      p.rationale,
      p.referralOfficerName,
      p.placementOfficerName,
      p.placementOfficerName,
      p.referralDate,
      p.placementDate,
      p.placementDate,
    ).lastInsertRowid,
  );
}

/** The child's home postcode as recorded (SSDA903 HOME_POST); null when none is, never a guess. */
export function childHomePostcode(db: ReadableDB, childId: number): string | null {
  return (prepare(db, "SELECT NULLIF(trim(home_postcode), '') FROM children WHERE id = ?").pluck().get(childId) as string | null | undefined) ?? null;
}

/** When the child's open episode of care began (they are looked after now); null when they have none. */
export function openEpisodeStart(db: ReadableDB, childId: number): string | null {
  return (prepare(db, 'SELECT max(decom) FROM episodes WHERE child_id = ? AND dec IS NULL').pluck().get(childId) as string | null | undefined) ?? null;
}

/**
 * Moves a child into a home in their SSDA903 history: the open episode ends that day with X1 (a
 * new episode begins the same day) and the reason for the placement change the officer gave, and
 * a new episode (a placement change, or the start of care) begins with the home's codes and both
 * postcodes.
 */
export function recordMoveInHistory(
  db: WritableDB,
  move: {
    childId: number;
    homeId: number;
    startDate: string;
    place: string;
    placeProvider: string;
    urn: string | null;
    distanceMiles: number | null;
    /** SSDA903 REASON_PLACE_CHANGE for the episode the move closes; null only when there is none open. */
    reasonPlaceChange: string | null;
    homePost: string | null;
    plPost: string | null;
  },
): void {
  const open = prepare(db, 'SELECT id, ls, cin FROM episodes WHERE child_id = ? AND dec IS NULL ORDER BY decom DESC LIMIT 1').get(move.childId) as
    { id: number; ls: string; cin: string } | undefined;
  if (open) {
    prepare(db, "UPDATE episodes SET dec = max(decom, ?), rec = 'X1', reason_place_change = ? WHERE id = ?").run(
      move.startDate,
      move.reasonPlaceChange,
      open.id,
    );
  }
  const child = prepare(db, 'SELECT legal_status AS ls, category_of_need AS cin FROM children WHERE id = ?').get(move.childId) as { ls: string; cin: string };
  prepare(
    db,
    `INSERT INTO episodes (child_id, decom, rne, ls, cin, place, place_provider, urn, home_id, distance_miles, home_post, pl_post)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    move.childId,
    move.startDate,
    open ? 'P' : 'S',
    open?.ls ?? child.ls,
    open?.cin ?? child.cin,
    move.place,
    move.placeProvider,
    move.urn,
    move.homeId,
    move.distanceMiles,
    move.homePost,
    move.plPost,
  );
  prepare(db, 'UPDATE children SET current_home_id = ? WHERE id = ?').run(move.homeId, move.childId);
}

/** A placement still running (no end date), as ending or moving needs it. */
export interface OpenPlacement {
  id: number;
  childId: number;
  councilId: number;
  referralId: number | null;
  vacancyId: number | null;
  homeId: number;
  homeName: string;
  startDate: string;
}

const SELECT_OPEN_PLACEMENT = `SELECT pl.id, pl.child_id AS childId, pl.council_id AS councilId, pl.referral_id AS referralId, pl.vacancy_id AS vacancyId,
         pl.home_id AS homeId, h.name AS homeName, pl.start_date AS startDate
  FROM placements pl JOIN homes h ON h.id = pl.home_id`;

/** The child's placements with no end date, newest first (one, unless the record was damaged). */
export function openPlacementsOf(db: ReadableDB, childId: number): OpenPlacement[] {
  return prepare(db, `${SELECT_OPEN_PLACEMENT} WHERE pl.child_id = ? AND pl.end_date IS NULL ORDER BY pl.start_date DESC, pl.id DESC`).all(
    childId,
  ) as OpenPlacement[];
}

/** One placement with no end date, or null when there is none of that id or it has ended. */
export function getOpenPlacement(db: ReadableDB, placementId: number): OpenPlacement | null {
  return (prepare(db, `${SELECT_OPEN_PLACEMENT} WHERE pl.id = ? AND pl.end_date IS NULL`).get(placementId) as OpenPlacement | undefined) ?? null;
}

/**
 * Ends a placement row: a move gives the reason for the placement change (`endReason`), a child
 * leaving care the reason episode ceased (`endRec`); the officer's note goes with it.
 */
export function endPlacementRow(db: WritableDB, id: number, end: { endDate: string; endReason: string | null; endRec: string | null; note: string }): void {
  prepare(db, 'UPDATE placements SET end_date = max(start_date, ?), end_reason = ?, end_rec = ?, end_note = ? WHERE id = ?').run(
    end.endDate,
    end.endReason,
    end.endRec,
    end.note,
    id,
  );
}

/**
 * Closes the child's open episode because they left care: the episode ends on `dec` with the reason
 * episode ceased and no reason for placement change (the child did not move within care), and the
 * child no longer lives in one of the region's homes.
 */
export function recordLeavingCare(db: WritableDB, childId: number, dec: string, rec: string): void {
  prepare(db, 'UPDATE episodes SET dec = max(decom, ?), rec = ?, reason_place_change = NULL WHERE child_id = ? AND dec IS NULL').run(dec, rec, childId);
  prepare(db, 'UPDATE children SET current_home_id = NULL WHERE id = ?').run(childId);
}
