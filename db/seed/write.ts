import type { WritableDB } from '../handle';
import { MAINSTREAM_APPROVAL } from '../../shared/domain/purposes';
import { hashPassword } from '../passwords';
import { getUserByUsername, insertUser } from '../repositories/users';
import type { AccountSpec, Actor, RegionModel } from './model';

/**
 * Writes a generated region table by table, one prepared statement per table, inside the caller's
 * transaction. Ids were given by the generator, so rows cross-reference without lookups; homes and
 * constellations point at each other, so homes are written first and joined to their
 * constellation afterwards.
 */

const json = (value: unknown) => JSON.stringify(value);
const flag = (b: boolean) => (b ? 1 : 0);

export function tableExists(db: WritableDB, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(name) !== undefined;
}

/**
 * Makes sure every demo account exists and is scoped as the region says (a reset keeps accounts,
 * so sessions and any accounts an administrator added survive). The password is hashed only when
 * an account has to be created.
 */
export function ensureAccounts(db: WritableDB, accounts: readonly AccountSpec[], password: string, createdAt: string): Map<string, number> {
  const ids = new Map<string, number>();
  let hash: string | null = null;
  const rescope = db.prepare('UPDATE users SET display_name = ?, council_id = ?, constellation_id = ?, is_demo = 1 WHERE id = ?');
  for (const a of accounts) {
    const existing = getUserByUsername(db, a.username);
    if (existing) {
      rescope.run(a.displayName, a.councilId, a.constellationId, existing.id);
      ids.set(a.username, existing.id);
    } else {
      hash ??= hashPassword(password);
      const user = insertUser(db, { ...a, passwordHash: hash, isDemo: true }, createdAt);
      ids.set(a.username, user.id);
    }
  }
  return ids;
}

/**
 * Writes the region. Accounts are made (or re-scoped) once the councils and constellations they
 * point at exist, and before the rows that name who did what.
 */
export function writeRegion(db: WritableDB, m: RegionModel, makeAccounts: () => ReadonlyMap<string, number>): void {
  const council = db.prepare('INSERT INTO councils (id, name, ons_code, lat, lon, area_sq_km, region) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const c of m.councils) council.run(c.id, c.name, c.onsCode, c.lat, c.lon, c.areaSqKm, c.region);

  const provider = db.prepare(
    `INSERT INTO providers (id, name, ownership, ofsted_urn, ofsted_grade, ofsted_grade_date, provider_type, phone, email)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of m.providers) provider.run(p.id, p.name, p.ownership, p.urn, p.grade, p.gradeDate, p.providerType, p.phone, p.email);

  const home = db.prepare(
    `INSERT INTO homes (id, provider_id, council_id, name, kind, place_label, lat, lon, easting, northing, ofsted_urn, ofsted_grade,
       ofsted_grade_date, phone, is_hub, active, address, address_shared, supervising_social_worker, supervising_phone)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const foster = db.prepare(
    `INSERT INTO foster_households (home_id, approval_min_age, approval_max_age, approval_max_children, approval_sex, approval_siblings,
       fee_tier, skills_tier, specialisms, languages, religion, pets, wheelchair_adapted, other_children, years_approved,
       endings_planned, endings_unplanned, kinship)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const carer = db.prepare('INSERT INTO carers (id, home_id, name, phone, email, is_main) VALUES (?, ?, ?, ?, ?, ?)');
  const residential = db.prepare(
    'INSERT INTO residential_homes (home_id, places, categories, min_age, max_age, education_on_site, secure, fee_tier) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const supported = db.prepare('INSERT INTO supported_homes (home_id, kind, places) VALUES (?, ?, ?)');
  for (const h of m.homes) {
    home.run(
      h.id,
      h.providerId,
      h.councilId,
      h.name,
      h.kind,
      h.placeLabel,
      h.lat,
      h.lon,
      h.easting,
      h.northing,
      h.urn,
      h.grade,
      h.gradeDate,
      h.phone,
      flag(h.isHub),
      flag(h.active),
      h.address,
      flag(h.addressShared),
      h.supervisingSocialWorker,
      h.supervisingPhone,
    );
    const f = h.foster;
    if (f) {
      foster.run(
        h.id,
        f.approvalMinAge,
        f.approvalMaxAge,
        f.approvalMaxChildren,
        f.approvalSex,
        flag(f.approvalSiblings),
        f.feeTier,
        f.skillsTier,
        json(f.specialisms),
        json(f.languages),
        f.religion,
        flag(f.pets),
        flag(f.wheelchairAdapted),
        json(f.otherChildren),
        f.yearsApproved,
        f.endingsPlanned,
        f.endingsUnplanned,
        flag(f.kinship),
      );
    }
    for (const c of h.carers) carer.run(c.id, c.homeId, c.name, c.phone, c.email, flag(c.isMain));
    const r = h.residential;
    if (r) residential.run(h.id, r.places, json(r.categories), r.minAge, r.maxAge, flag(r.educationOnSite), flag(r.secure), r.feeTier);
    if (h.supported) supported.run(h.id, h.supported.kind, h.supported.places);
  }

  const constellation = db.prepare(
    'INSERT INTO constellations (id, name, council_id, hub_home_id, liaison_worker, liaison_phone, out_of_hours_phone) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of m.constellations) constellation.run(c.id, c.name, c.councilId, c.hubHomeId, c.liaisonWorker, c.liaisonPhone, c.outOfHoursPhone);
  const join = db.prepare('UPDATE homes SET constellation_id = ? WHERE id = ?');
  for (const h of m.homes) if (h.constellationId !== null) join.run(h.constellationId, h.id);
  const householdKind = db.prepare('UPDATE homes SET household_kind = ? WHERE id = ?');
  for (const h of m.homes) if (h.householdKind !== 'foster') householdKind.run(h.householdKind, h.id);
  const event = db.prepare(
    'INSERT INTO constellation_events (id, constellation_id, kind, title, date, start_time, place, attendance) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const e of m.events) event.run(e.id, e.constellationId, e.kind, e.title, e.date, e.startTime, e.place, json(e.attendance));

  const userIds = makeAccounts();
  const user = (actor: Actor): number | null => (actor === null ? null : (userIds.get(actor) ?? null));

  const child = db.prepare(
    `INSERT INTO children (id, ref, first_name, birth_date, sex, council_id, place_label, ethnicity, legal_status, category_of_need, uasc,
       disability, wheelchair, send, communication, languages, religion, cultural_needs, home_lat, home_lon, school_label, school_lat,
       school_lon, sibling_group, risks, living_companions, pets, wishes, care_notes, current_home_id, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo')`,
  );
  for (const c of m.children) {
    child.run(
      c.id,
      c.ref,
      c.firstName,
      c.birthDate,
      c.sex,
      c.councilId,
      c.placeLabel,
      c.ethnicity,
      c.legalStatus,
      c.categoryOfNeed,
      flag(c.uasc),
      flag(c.disability),
      flag(c.wheelchair),
      c.send,
      json(c.communication),
      json(c.languages),
      c.religion,
      c.culturalNeeds,
      c.homeLat,
      c.homeLon,
      c.schoolLabel,
      c.schoolLat,
      c.schoolLon,
      c.siblingGroup,
      json(c.risks),
      c.livingCompanions,
      c.pets,
      c.wishes,
      c.careNotes,
      c.currentHomeId,
    );
  }

  // The council's own child ID (its SSDA903 CHILD), as a council's systems would hold one: a
  // synthetic nine-digit number (beyond the test generator's CHILDs), so the demo's SSDA903 and Placements Standard exports read as a council's.
  if (tableExists(db, 'ssda903_children')) {
    const ownId = db.prepare('INSERT INTO ssda903_children (child_id, council_child_id) VALUES (?, ?)');
    for (const c of m.children) ownId.run(c.id, String(900_000_000 + c.id));
  }

  const episode = db.prepare(
    `INSERT INTO episodes (id, child_id, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change, urn, home_id, distance_miles)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of m.episodes) {
    episode.run(e.id, e.childId, e.decom, e.rne, e.ls, e.cin, e.place, e.placeProvider, e.dec, e.rec, e.reasonPlaceChange, e.urn, e.homeId, e.distanceMiles);
  }
  if (tableExists(db, 'missing_episodes')) {
    const missing = db.prepare('INSERT INTO missing_episodes (id, child_id, kind, start_date, end_date) VALUES (?, ?, ?, ?, ?)');
    for (const x of m.missing) missing.run(x.id, x.childId, x.kind, x.startDate, x.endDate);
  }

  const vacancy = db.prepare(
    `INSERT INTO vacancies (id, home_id, beds, available_from, status, price_core_pence, price_support_pence, price_education_pence,
       price_other_pence, updated_at, restrictions, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const vacancyHistory = db.prepare('INSERT INTO vacancy_status_history (vacancy_id, status, at, user_id) VALUES (?, ?, ?, ?)');
  for (const v of m.vacancies) {
    vacancy.run(
      v.id,
      v.homeId,
      v.beds,
      v.availableFrom,
      v.status,
      v.price.core,
      v.price.support,
      v.price.education,
      v.price.other,
      v.updatedAt,
      v.restrictions,
      v.source,
    );
    for (const h of v.history) vacancyHistory.run(v.id, h.status, h.at, user(h.by));
  }

  const referral = db.prepare(
    `INSERT INTO referrals (id, child_id, council_id, received_at, needed_by, needed_by_date, sibling_count, sibling_ids, preferred_location,
       preferred_location_reason, avoid_areas, foster_suitability, residential_suitability, supported_suitability, communication_needs,
       communication_requirements, home_adaptation, cultural_needs, living_companions, pets, additional_support, deprivation_of_liberty,
       risks, risk_other, risk_to_others_other, ofsted_needs, budget_ceiling_pence, status, officer_user_id, assigned_user_id, referral_officer_name,
       updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const referralWishes = db.prepare('UPDATE referrals SET wish_list = ? WHERE id = ?');
  const referralHistory = db.prepare('INSERT INTO referral_history (referral_id, at, user_id, status, note) VALUES (?, ?, ?, ?, ?)');
  for (const r of m.referrals) {
    referral.run(
      r.id,
      r.childId,
      r.councilId,
      r.receivedAt,
      r.neededBy,
      r.neededByDate,
      r.siblingCount,
      json(r.siblingIds),
      r.preferredLocation,
      r.preferredLocationReason,
      json(r.avoidCouncilIds),
      r.fosterSuitability,
      r.residentialSuitability,
      r.supportedSuitability,
      r.communicationNeeds,
      json(r.communicationRequirements),
      flag(r.homeAdaptation),
      r.culturalNeeds,
      r.livingCompanions,
      r.pets,
      json(r.additionalSupport),
      flag(r.deprivationOfLiberty),
      json(r.risks),
      r.riskOther,
      r.riskToOthersOther,
      json(r.ofstedNeeds),
      r.budgetCeilingPence,
      r.status,
      user(r.officer),
      user(r.officer),
      r.referralOfficerName,
      r.updatedAt,
    );
    for (const h of r.history) referralHistory.run(r.id, h.at, user(h.by), h.status, h.note);
    if (r.wishes.length > 0) referralWishes.run(json(r.wishes), r.id);
  }
  // Placement purposes and connected-person carers (db/seed/purposes.ts): written once the children they name exist.
  const approval = db.prepare('UPDATE homes SET approved_purposes = ?, connected_child_id = ? WHERE id = ?');
  for (const h of m.homes) {
    if (h.approvedPurposes !== undefined || h.connectedChildId) approval.run(json(h.approvedPurposes ?? MAINSTREAM_APPROVAL), h.connectedChildId ?? null, h.id);
  }
  const purpose = db.prepare('UPDATE referrals SET purpose = ? WHERE id = ?');
  for (const r of m.referrals) if (r.purpose) purpose.run(r.purpose, r.id);

  const offer = db.prepare(
    `INSERT INTO offers (id, referral_id, vacancy_id, status, price_core_pence, price_support_pence, price_education_pence, price_other_pence, reason, at, user_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const o of m.offers)
    offer.run(o.id, o.referralId, o.vacancyId, o.status, o.price.core, o.price.support, o.price.education, o.price.other, o.reason, o.at, user(o.by));

  const placement = db.prepare(
    `INSERT INTO placements (id, child_id, referral_id, vacancy_id, home_id, council_id, placement_type, start_date, planned_end_date, end_date,
       end_reason, price_core_pence, price_support_pence, price_education_pence, price_other_pence, location_label, location_preferable,
       education_continuity, siblings_together, provider_urn, distance_miles, distance_reason, rationale, referral_officer_name,
       placement_officer_name, cost_officer_name, referral_date, placement_date, cost_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of m.placements) {
    placement.run(
      p.id,
      p.childId,
      p.referralId,
      p.vacancyId,
      p.homeId,
      p.councilId,
      p.placementType,
      p.startDate,
      p.plannedEndDate,
      p.endDate,
      p.endReason,
      p.price.core,
      p.price.support,
      p.price.education,
      p.price.other,
      p.locationLabel,
      flag(p.locationPreferable),
      flag(p.educationContinuity),
      p.siblingsTogether,
      p.providerUrn,
      p.distanceMiles,
      p.distanceReason,
      p.rationale,
      p.referralOfficerName,
      p.placementOfficerName,
      p.costOfficerName,
      p.referralDate,
      p.placementDate,
      p.costDate,
    );
  }

  const sleepover = db.prepare(
    `INSERT INTO sleepovers (id, constellation_id, from_home_id, child_id, bed, start_date, end_date, kind, status, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const s of m.sleepovers) sleepover.run(s.id, s.constellationId, s.fromHomeId, s.childId, s.bed, s.startDate, s.endDate, s.kind, s.status, s.note);
}
