import type { ReadableDB } from '../handle';
import { prepare } from '../statementCache';
import { readRows } from '../rows';
import { vacancyTable, type VacancyTable } from '../../shared/scoring/vacancyTable';
import type {
  ChildForMatching,
  FeeTier,
  RecordedWishForMatching,
  Housemate,
  Ownership,
  PastEndings,
  Specialism,
  SupportedType,
  VacancyForMatching,
} from '../../shared/scoring';
import type { ApprovalSex, HomeKind, OfstedGrade, Sex } from '../../shared/domain/homes';
import { homeOfstedGrade, type OfstedCategory } from '../../shared/domain/ofsted';
import type { RegistrationStatus } from '../../shared/domain/registration';
import { RISKS_TO_CHILD, RISKS_TO_OTHERS, type RiskToChild, type RiskToOthers } from '../../shared/domain/placements-standard';
import { latLonToGrid } from '../../shared/geo';
import { placeNamedIn } from '../../shared/geo/placeInWords';
import { ageOn, daysBetween, yearsBetween } from '../../shared/domain/calendar';
import { groupBy } from '../../shared/domain/stats';
import { tallyEndings } from '../../shared/domain/endings';
import { getReferral, type ReferralRow } from './referrals';
import { MAINSTREAM_APPROVAL, type ApprovalPurpose } from '../../shared/domain/purposes';

const FEE_TIERS: readonly FeeTier[] = ['mainstream', 'enhanced', 'specialist', 'complex'];
const parse = <T>(json: string | null, fallback: T): T => (json ? (JSON.parse(json) as T) : fallback);

/** What a screen shows about a vacancy beside the engine's scores. */
export interface VacancyDisplay {
  vacancyId: number;
  homeId: number;
  homeName: string;
  providerName: string;
  providerPhone: string;
  ownership: Ownership;
  kind: HomeKind;
  councilId: number;
  councilName: string;
  placeLabel: string;
  lat: number;
  lon: number;
  ofstedGrade: OfstedGrade | null;
  beds: number;
  availableFrom: string;
  status: string;
  priceSplitPence: { core: number; support: number; education: number; other: number };
}

interface VacancyJoin {
  vacancyId: number;
  homeId: number;
  homeName: string;
  kind: HomeKind;
  councilId: number;
  councilName: string;
  placeLabel: string;
  lat: number;
  lon: number;
  easting: number | null;
  northing: number | null;
  phone: string;
  homeGrade: OfstedGrade | null;
  providerName: string;
  providerPhone: string;
  ownership: Ownership;
  providerGrade: OfstedGrade;
  constellationId: number | null;
  isHub: number;
  beds: number;
  availableFrom: string;
  status: string;
  core: number;
  support: number;
  education: number;
  other: number;
  // foster
  fMin: number | null;
  fMax: number | null;
  fMaxChildren: number | null;
  fSex: ApprovalSex | null;
  fSiblings: number | null;
  fTier: number | null;
  fSkills: number | null;
  fSpecialisms: string | null;
  fLanguages: string | null;
  fReligion: string | null;
  fPets: number | null;
  fWheelchair: number | null;
  fOther: string | null;
  fYears: number | null;
  fPlanned: number | null;
  fUnplanned: number | null;
  // residential
  rPlaces: number | null;
  rCategories: string | null;
  rMin: number | null;
  rMax: number | null;
  rEducation: number | null;
  rSecure: number | null;
  // supported
  sKind: SupportedType | null;
  sPlaces: number | null;
  // purpose and connected-person carers
  approvedPurposes: string;
  connectedChildId: number | null;
  // orders and registration (issue 13)
  dolCapable: number;
  registrationStatus: RegistrationStatus;
  registrationSince: string | null;
  /** The children's home's fee tier, 1-4 (migration 0240). */
  rTier: number | null;
}

const SELECT_VACANCIES = `
  SELECT v.id AS vacancyId, h.id AS homeId, h.name AS homeName, h.kind, h.council_id AS councilId, c.name AS councilName,
         h.place_label AS placeLabel, h.lat, h.lon, h.easting, h.northing, h.phone, h.ofsted_grade AS homeGrade,
         p.name AS providerName, p.phone AS providerPhone, p.ownership, p.ofsted_grade AS providerGrade,
         h.constellation_id AS constellationId, h.is_hub AS isHub,
         v.beds, v.available_from AS availableFrom, v.status,
         v.price_core_pence AS core, v.price_support_pence AS support, v.price_education_pence AS education, v.price_other_pence AS other,
         f.approval_min_age AS fMin, f.approval_max_age AS fMax, f.approval_max_children AS fMaxChildren, f.approval_sex AS fSex,
         f.approval_siblings AS fSiblings, f.fee_tier AS fTier, f.skills_tier AS fSkills, f.specialisms AS fSpecialisms,
         f.languages AS fLanguages, f.religion AS fReligion, f.pets AS fPets, f.wheelchair_adapted AS fWheelchair,
         f.other_children AS fOther, f.years_approved AS fYears, f.endings_planned AS fPlanned, f.endings_unplanned AS fUnplanned,
         r.places AS rPlaces, r.categories AS rCategories, r.min_age AS rMin, r.max_age AS rMax, r.education_on_site AS rEducation, r.secure AS rSecure,
         s.kind AS sKind, s.places AS sPlaces,
         h.approved_purposes AS approvedPurposes, h.connected_child_id AS connectedChildId,
         h.dol_capable AS dolCapable, h.registration_status AS registrationStatus, h.registration_status_date AS registrationSince,
         r.fee_tier AS rTier
  FROM vacancies v
  JOIN homes h ON h.id = v.home_id
  JOIN providers p ON p.id = h.provider_id
  JOIN councils c ON c.id = h.council_id
  LEFT JOIN foster_households f ON f.home_id = h.id
  LEFT JOIN residential_homes r ON r.home_id = h.id
  LEFT JOIN supported_homes s ON s.home_id = h.id`;

/** A row of SELECT_VACANCIES (see readRows for why not SQLite's row objects). */
function vacancyJoinFromRow(a: readonly unknown[]): VacancyJoin {
  return {
    vacancyId: a[0] as number,
    homeId: a[1] as number,
    homeName: a[2] as string,
    kind: a[3] as HomeKind,
    councilId: a[4] as number,
    councilName: a[5] as string,
    placeLabel: a[6] as string,
    lat: a[7] as number,
    lon: a[8] as number,
    easting: a[9] as number | null,
    northing: a[10] as number | null,
    phone: a[11] as string,
    homeGrade: a[12] as OfstedGrade | null,
    providerName: a[13] as string,
    providerPhone: a[14] as string,
    ownership: a[15] as Ownership,
    providerGrade: a[16] as OfstedGrade,
    constellationId: a[17] as number | null,
    isHub: a[18] as number,
    beds: a[19] as number,
    availableFrom: a[20] as string,
    status: a[21] as string,
    core: a[22] as number,
    support: a[23] as number,
    education: a[24] as number,
    other: a[25] as number,
    fMin: a[26] as number | null,
    fMax: a[27] as number | null,
    fMaxChildren: a[28] as number | null,
    fSex: a[29] as ApprovalSex | null,
    fSiblings: a[30] as number | null,
    fTier: a[31] as number | null,
    fSkills: a[32] as number | null,
    fSpecialisms: a[33] as string | null,
    fLanguages: a[34] as string | null,
    fReligion: a[35] as string | null,
    fPets: a[36] as number | null,
    fWheelchair: a[37] as number | null,
    fOther: a[38] as string | null,
    fYears: a[39] as number | null,
    fPlanned: a[40] as number | null,
    fUnplanned: a[41] as number | null,
    rPlaces: a[42] as number | null,
    rCategories: a[43] as string | null,
    rMin: a[44] as number | null,
    rMax: a[45] as number | null,
    rEducation: a[46] as number | null,
    rSecure: a[47] as number | null,
    sKind: a[48] as SupportedType | null,
    sPlaces: a[49] as number | null,
    approvedPurposes: a[50] as string,
    connectedChildId: a[51] as number | null,
    dolCapable: a[52] as number,
    registrationStatus: a[53] as RegistrationStatus,
    registrationSince: a[54] as string | null,
    rTier: a[55] as number | null,
  };
}

/** What a home's other vacancies and its children in care mean for each vacancy of it. */
interface HomeNow {
  /** Children in care living there now. */
  placed: Housemate[];
  /** Beds held, by vacancy, for children on their way. */
  held: Map<number, number>;
  /** Placements here that ended, planned or not, by the one classification of SSDA903 reasons. */
  endings: PastEndings;
}

const OPEN_HOMES = "(SELECT home_id FROM vacancies WHERE status = 'open')";
const homesNowSql = (homes: string) => ({
  children: `SELECT current_home_id AS homeId, birth_date AS birthDate, sex FROM children WHERE current_home_id IN ${homes}`,
  held: `SELECT id, home_id AS homeId, beds FROM vacancies WHERE status = 'held' AND home_id IN ${homes}`,
  ended: `SELECT home_id AS homeId, end_reason AS reason, count(*) AS n FROM placements WHERE end_date IS NOT NULL AND home_id IN ${homes} GROUP BY 1, 2`,
});
const SELECT_OPEN_VACANCIES = `${SELECT_VACANCIES} WHERE v.status = 'open' ORDER BY v.id`;

/**
 * Every statement the open vacancies are read with. Each table they open must draw a new token
 * on change (migration 0270), or a search would rank what the store no longer says: a test checks.
 */
export const OPEN_VACANCY_STATEMENTS: readonly string[] = [SELECT_OPEN_VACANCIES, ...Object.values(homesNowSql(OPEN_HOMES))];

/**
 * Children living now in the homes asked about (those with an open vacancy, or one home), and
 * the beds held there. Only those homes are read: the rest of the region's children in care are
 * most of the table and no vacancy's business.
 */
function homesNow(db: ReadableDB, today: string, homeId: number | null): Map<number, HomeNow> {
  const sql = homesNowSql(homeId === null ? OPEN_HOMES : '(?)');
  const args = homeId === null ? [] : [homeId];
  const children = prepare(db, sql.children).all(...args) as { homeId: number; birthDate: string; sex: Sex }[];
  const held = prepare(db, sql.held).all(...args) as { id: number; homeId: number; beds: number }[];
  const ended = prepare(db, sql.ended).all(...args) as { homeId: number; reason: string | null; n: number }[];
  const map = new Map<number, HomeNow>();
  const at = (id: number) => {
    let home = map.get(id);
    if (!home) map.set(id, (home = { placed: [], held: new Map(), endings: { planned: 0, unplanned: 0 } }));
    return home;
  };
  for (const c of children) at(c.homeId).placed.push({ age: ageOn(c.birthDate, today), sex: c.sex });
  for (const v of held) at(v.homeId).held.set(v.id, v.beds);
  for (const [homeId, rows] of groupBy(ended, (e) => e.homeId)) {
    const tally = tallyEndings(
      rows,
      (e) => e.reason,
      (e) => e.n,
    );
    at(homeId).endings = { planned: tally.planned, unplanned: tally.unplanned };
  }
  return map;
}

const NOBODY: HomeNow = { placed: [], held: new Map(), endings: { planned: 0, unplanned: 0 } };

/** Beds held at the home for other children: everything held there but this vacancy itself. */
function heldElsewhere(home: HomeNow, vacancyId: number): number {
  let beds = 0;
  for (const [id, n] of home.held) if (id !== vacancyId) beds += n;
  return beds;
}

function toEngineVacancy(r: VacancyJoin, home: HomeNow): VacancyForMatching {
  const placed = home.placed;
  const placesHeld = heldElsewhere(home, r.vacancyId);
  const location = { lat: r.lat, lon: r.lon, ...(r.easting !== null && r.northing !== null ? { grid: { easting: r.easting, northing: r.northing } } : {}) };
  const grade = homeOfstedGrade(r.homeGrade, r.providerGrade);
  const weeklyPrice = { core: r.core, support: r.support, education: r.education, other: r.other };
  // The fields every vacancy has are written out in each literal, not spread from a shared `base`:
  // V8 gave each object that starts with a spread a hidden class of its own, so every hard-rule
  // check read a megamorphic vacancy, and checking the region's referrals took three times as long.
  if (r.kind === 'foster') {
    // The carers' own (birth and adopted) children and young adults at home are recorded with the
    // approval; children in care come from placements. Only the latter use approval places.
    const household = parse<Housemate[]>(r.fOther, []);
    return {
      vacancyId: String(r.vacancyId),
      homeId: String(r.homeId),
      kind: r.kind,
      ownership: r.ownership,
      location,
      councilId: String(r.councilId),
      bedsFree: r.beds,
      availableFrom: r.availableFrom,
      mockingbird: r.constellationId !== null,
      weeklyPrice,
      feeTier: FEE_TIERS[(r.fTier ?? 1) - 1] ?? 'mainstream',
      approval: {
        minAge: r.fMin ?? 0,
        maxAge: r.fMax ?? 17,
        ...(r.fSex ? { sex: r.fSex } : {}),
        maxChildren: r.fMaxChildren ?? 1,
        siblingsAccepted: r.fSiblings === 1,
      },
      registrationCategories: [],
      otherChildren: placed,
      household,
      placesHeld,
      petsInHome: r.fPets === 1,
      specialisms: parse<Specialism[]>(r.fSpecialisms, []),
      languages: parse<string[]>(r.fLanguages, ['English']),
      ...(r.fReligion ? { religion: r.fReligion } : {}),
      wheelchairAdapted: r.fWheelchair === 1,
      carer: { yearsApproved: r.fYears ?? 0, skillsTier: Math.min(3, Math.max(1, r.fSkills ?? 1)) as 1 | 2 | 3 },
      // The provider's household list counts the carers' endings over their whole approval, which
      // includes any placement the store also holds: adding the store's would count those twice.
      pastEndings: { planned: r.fPlanned ?? 0, unplanned: r.fUnplanned ?? 0 },
      educationOnSite: false,
      secure: false,
      ofstedGrade: r.providerGrade,
      approvedPurposes: parse<ApprovalPurpose[]>(r.approvedPurposes, [...MAINSTREAM_APPROVAL]),
      ...(r.connectedChildId !== null ? { connectedChildId: String(r.connectedChildId) } : {}),
      dolCapable: r.dolCapable === 1,
      registrationStatus: r.registrationStatus,
      ...(r.registrationSince !== null ? { registrationSince: r.registrationSince } : {}),
    };
  }
  const places = r.kind === 'residential' ? (r.rPlaces ?? 1) : (r.sPlaces ?? 1);
  return {
    vacancyId: String(r.vacancyId),
    homeId: String(r.homeId),
    kind: r.kind,
    ownership: r.ownership,
    location,
    councilId: String(r.councilId),
    bedsFree: r.beds,
    availableFrom: r.availableFrom,
    mockingbird: r.constellationId !== null,
    weeklyPrice,
    // Children's homes are priced in tiers of need as foster carers are (migration 0240); supported accommodation has none.
    feeTier: FEE_TIERS[(r.rTier ?? 1) - 1] ?? 'mainstream',
    approval: {
      minAge: r.kind === 'residential' ? (r.rMin ?? 8) : 16,
      maxAge: r.kind === 'residential' ? (r.rMax ?? 17) : 17,
      maxChildren: places,
      siblingsAccepted: places > 1,
    },
    registrationCategories: parse<OfstedCategory[]>(r.rCategories, []),
    ofstedGrade: grade,
    otherChildren: placed,
    household: [],
    placesHeld,
    petsInHome: false,
    // Children's homes and supported accommodation here are set up for older children.
    specialisms: (r.rMin ?? 16) >= 10 ? ['teenagers'] : [],
    languages: ['English'],
    wheelchairAdapted: false,
    carer: { yearsApproved: 5, skillsTier: 2 },
    // Homes have no provider list of past endings: the store's own placements are the record.
    pastEndings: home.endings,
    ...(r.kind === 'supported' && r.sKind ? { supportedType: r.sKind } : {}),
    educationOnSite: r.rEducation === 1,
    secure: r.rSecure === 1,
    approvedPurposes: parse<ApprovalPurpose[]>(r.approvedPurposes, [...MAINSTREAM_APPROVAL]),
    dolCapable: r.dolCapable === 1,
    registrationStatus: r.registrationStatus,
    ...(r.registrationSince !== null ? { registrationSince: r.registrationSince } : {}),
  };
}

/** The region's open vacancies as the engine needs them, with what screens show beside each. */
export interface OpenVacancies {
  engine: readonly VacancyForMatching[];
  display: ReadonlyMap<string, VacancyDisplay>;
  /** The same vacancies packed for the engine (shared/scoring/vacancyTable.ts), once per read. */
  readonly table: VacancyTable;
}

/**
 * The last read on each connection, with the token it was read under (migration 0270) and the
 * day (ages are on the day). Shared by every call that reads them until a source changes, so
 * callers must not change what they are given.
 */
const lastRead = new WeakMap<ReadableDB, { token: string; today: string; value: OpenVacancies }>();

/**
 * Every open vacancy in the region as the engine needs it, with what screens show beside it: read
 * afresh only when a table it comes from has changed. In a large region the read is most of a
 * search's time, and the same for every search in between.
 */
export function loadOpenVacancies(db: ReadableDB, today: string): OpenVacancies {
  const token = prepare(db, "SELECT token FROM change_tokens WHERE name = 'open-vacancies'").pluck().get() as string;
  const last = lastRead.get(db);
  if (last && last.token === token && last.today === today) return last.value;
  const value = readOpenVacancies(db, today);
  lastRead.set(db, { token, today, value });
  return value;
}

function readOpenVacancies(db: ReadableDB, today: string): OpenVacancies {
  const rows = readRows(prepare(db, SELECT_OPEN_VACANCIES), vacancyJoinFromRow);
  const homes = homesNow(db, today, null);
  const engine: VacancyForMatching[] = [];
  const display = new Map<string, VacancyDisplay>();
  for (const r of rows) {
    engine.push(toEngineVacancy(r, homes.get(r.homeId) ?? NOBODY));
    display.set(String(r.vacancyId), displayOf(r));
  }
  let table: VacancyTable | undefined;
  // Packed on first use: a search and the policy preview rank against it, the region plan packs its own.
  return {
    engine,
    display,
    get table() {
      return (table ??= vacancyTable(engine));
    },
  };
}

/**
 * One vacancy, whatever its status, as the engine needs it now: for hold and place to check the
 * home's room (beds, approval places, who lives there) against the same facts a search reads.
 */
export function loadVacancyForMatching(db: ReadableDB, vacancyId: number, today: string): VacancyForMatching | null {
  const r = readRows(prepare(db, `${SELECT_VACANCIES} WHERE v.id = ?`), vacancyJoinFromRow, vacancyId)[0];
  if (!r) return null;
  return toEngineVacancy(r, homesNow(db, today, r.homeId).get(r.homeId) ?? NOBODY);
}

function displayOf(r: VacancyJoin): VacancyDisplay {
  return {
    vacancyId: r.vacancyId,
    homeId: r.homeId,
    homeName: r.homeName,
    providerName: r.providerName,
    providerPhone: r.phone || r.providerPhone,
    ownership: r.ownership,
    kind: r.kind,
    councilId: r.councilId,
    councilName: r.councilName,
    placeLabel: r.placeLabel,
    lat: r.lat,
    lon: r.lon,
    ofstedGrade: r.kind === 'foster' ? null : (r.homeGrade ?? r.providerGrade),
    beds: r.beds,
    availableFrom: r.availableFrom,
    status: r.status,
    priceSplitPence: { core: r.core, support: r.support, education: r.education, other: r.other },
  };
}

interface ChildJoin {
  id: number;
  birthDate: string;
  sex: Sex;
  councilId: number;
  homeLat: number | null;
  homeLon: number | null;
  schoolLat: number | null;
  schoolLon: number | null;
  councilLat: number;
  councilLon: number;
  siblingGroup: string | null;
  languages: string;
  religion: string;
  disability: number;
  wheelchair: number;
  uasc: number;
  currentHomeId: number | null;
}

const placeOf = (lat: number, lon: number) => ({ lat, lon, grid: latLonToGrid(lat, lon) });

/**
 * The wishes the referral records, as the engine checks them: a people or area wish that names a
 * town is measured from that town. Nothing is read from the child's free-text words.
 */
export function recordedWishesForMatching(wishes: ReferralRow['fields']['wishes'], home: { lat: number; lon: number }): RecordedWishForMatching[] {
  return wishes.map((w) => {
    const town = w.kind === 'people' || w.kind === 'area' ? placeNamedIn(w.text, home) : null;
    return { kind: w.kind, text: w.text, place: town ? placeOf(town.lat, town.lon) : undefined, placeName: town ? town.label : undefined };
  });
}

/**
 * The siblings who move with the child: those the officer chose, or for referrals made before
 * siblings were chosen by name, the first siblingCount of the group (youngest first, as loaded).
 */
export function movingSiblings<S extends { id: number }>(group: readonly S[], f: { siblingCount: number; siblingIds: readonly number[] }): S[] {
  if (f.siblingIds.length > 0) return group.filter((s) => f.siblingIds.includes(s.id));
  return group.slice(0, f.siblingCount);
}

interface SiblingJoin {
  id: number;
  birthDate: string;
  sex: Sex;
  homeId: number | null;
  siblingGroup: string;
}

interface EpisodeJoin {
  childId: number;
  decom: string;
  rne: string;
  place: string;
}

const SELECT_CHILD = `
  SELECT ch.id, ch.birth_date AS birthDate, ch.sex, ch.council_id AS councilId, ch.home_lat AS homeLat, ch.home_lon AS homeLon,
         ch.school_lat AS schoolLat, ch.school_lon AS schoolLon, co.lat AS councilLat, co.lon AS councilLon,
         ch.sibling_group AS siblingGroup, ch.languages, ch.religion, ch.disability, ch.wheelchair, ch.uasc, ch.current_home_id AS currentHomeId
  FROM children ch JOIN councils co ON co.id = ch.council_id
  WHERE ch.id IN (SELECT value FROM json_each(?))`;

// Youngest first; children born the same day in the order they were recorded.
const SELECT_SIBLINGS = `
  SELECT id, birth_date AS birthDate, sex, current_home_id AS homeId, sibling_group AS siblingGroup FROM children
  WHERE sibling_group IN (SELECT value FROM json_each(?))
  ORDER BY sibling_group, birth_date DESC, id`;

// Connected-person (kinship) carers approved for any of these children: the store's own record of
// whose family and friends were assessed, which feeds the kinship stability factor.
const SELECT_CONNECTED_HOMES = `
  SELECT id AS homeId, connected_child_id AS childId FROM homes
  WHERE active = 1 AND connected_child_id IN (SELECT value FROM json_each(?))`;

const SELECT_EPISODES = `
  SELECT child_id AS childId, decom, rne, place FROM episodes
  WHERE child_id IN (SELECT value FROM json_each(?))
  ORDER BY child_id, decom, id`;

/** One referral's child (and the siblings to place with them) as the engine needs them. */
export function loadReferralForMatching(db: ReadableDB, referralId: number, today: string): ChildForMatching | null {
  const referral = getReferral(db, referralId);
  return referral ? loadReferralsForMatching(db, [referral], today)[0]! : null;
}

/**
 * Referrals' children (and the siblings to place with each) as the engine needs them, in the
 * referrals' order. Three reads however many referrals there are (children, sibling groups,
 * episodes), so the market can ask about every open referral in the region at once; the single
 * loader above comes through here too, so the officer's search and the market read a child alike.
 */
export function loadReferralsForMatching(db: ReadableDB, referrals: readonly ReferralRow[], today: string): ChildForMatching[] {
  if (referrals.length === 0) return [];
  const childIds = [...new Set(referrals.map((r) => r.childId))];
  const children = new Map((prepare(db, SELECT_CHILD).all(JSON.stringify(childIds)) as ChildJoin[]).map((c) => [c.id, c]));
  const groups = [...new Set([...children.values()].flatMap((c) => (c.siblingGroup ? [c.siblingGroup] : [])))];
  const groupMembers =
    groups.length === 0
      ? new Map<string, SiblingJoin[]>()
      : groupBy(prepare(db, SELECT_SIBLINGS).all(JSON.stringify(groups)) as SiblingJoin[], (s) => s.siblingGroup);
  const episodes = groupBy(prepare(db, SELECT_EPISODES).all(JSON.stringify(childIds)) as EpisodeJoin[], (e) => e.childId);
  const families = [...childIds, ...[...groupMembers.values()].flatMap((g) => g.map((s) => s.id))];
  const connected = groupBy(prepare(db, SELECT_CONNECTED_HOMES).all(JSON.stringify(families)) as { homeId: number; childId: number }[], (h) => h.childId);
  return referrals.map((referral) => {
    const c = children.get(referral.childId);
    if (!c) throw new Error(`Referral ${referral.id} is for child ${referral.childId}, who is missing`);
    const siblings = c.siblingGroup ? (groupMembers.get(c.siblingGroup) ?? []).filter((s) => s.id !== c.id) : [];
    const kinshipHomeIds = [c.id, ...siblings.map((s) => s.id)].flatMap((id) => (connected.get(id) ?? []).map((h) => String(h.homeId)));
    return toEngineChild(referral, c, siblings, episodes.get(c.id) ?? [], today, kinshipHomeIds);
  });
}

/** The one mapping from a referral and what is recorded about its child to what the engine asks. */
function toEngineChild(
  referral: ReferralRow,
  c: ChildJoin,
  siblings: readonly SiblingJoin[],
  episodes: readonly EpisodeJoin[],
  today: string,
  kinshipHomeIds: readonly string[],
): ChildForMatching {
  const f = referral.fields;
  const firstStart = episodes[0]?.decom ?? today;
  const moveCodes = new Set(['P', 'T', 'B', 'U']);
  const risks = f.risks;
  const languages = (JSON.parse(c.languages) as string[]).filter((l) => l !== 'English');
  const home = placeOf(c.homeLat ?? c.councilLat, c.homeLon ?? c.councilLon);
  return {
    referralId: String(referral.id),
    childId: String(c.id),
    referralDate: referral.receivedAt.slice(0, 10),
    neededBy: f.neededBy,
    neededByDate: f.neededByDate,
    age: ageOn(c.birthDate, f.neededByDate),
    sex: c.sex,
    home,
    ...(c.schoolLat !== null && c.schoolLon !== null ? { school: placeOf(c.schoolLat, c.schoolLon) } : {}),
    homeCouncilId: String(c.councilId),
    siblings: movingSiblings(siblings, f).map((s) => ({ id: String(s.id), age: ageOn(s.birthDate, f.neededByDate), sex: s.sex })),
    siblingHomeIds: siblings.filter((s) => s.homeId !== null).map((s) => String(s.homeId)),
    suitability: { foster: f.fosterSuitability, residential: f.residentialSuitability, supported: f.supportedSuitability },
    livingCompanions: f.livingCompanions,
    pets: f.pets,
    risksToChild: (Object.keys(RISKS_TO_CHILD) as RiskToChild[]).filter((k) => risks[k] === 'Risk Present'),
    risksToOthers: (Object.keys(RISKS_TO_OTHERS) as RiskToOthers[]).filter((k) => risks[k] === 'Risk Present'),
    needs: {
      disability: c.disability === 1,
      wheelchairAdaptation: f.homeAdaptation || c.wheelchair === 1,
      communication: f.communicationRequirements.filter((x) => x !== 'None'),
      languages,
      ...(c.religion ? { religion: c.religion } : {}),
      culturalNeeds: f.culturalNeeds,
      uasc: c.uasc === 1,
      therapeutic: f.additionalSupport.includes('therapeutic support'),
      parentAndChild: f.purpose === 'parent_and_child',
      ofstedCategories: f.ofstedNeeds as OfstedCategory[],
      educationOnSite: false,
    },
    // Two orders, two rules (issue 13): a DoL order never stands in for a secure order.
    legal: { secureOrder: f.secureOrder, deprivationOfLiberty: f.deprivationOfLiberty },
    avoidCouncilIds: f.avoidCouncilIds.map(String),
    avoidPlaces: [],
    history: {
      movesLast12Months: episodes.filter((e) => moveCodes.has(e.rne) && daysBetween(e.decom, today) <= 365).length,
      totalPlacements: episodes.filter((e, i) => i === 0 || e.rne === 'S' || moveCodes.has(e.rne)).length,
      priorResidential: episodes.some((e) => e.place === 'K2' || e.place === 'K1'),
      yearsInCare: Math.max(0, yearsBetween(firstStart, today)),
    },
    wishes: { text: referral.childWishes, recorded: recordedWishesForMatching(f.wishes, home) },
    ...(f.budgetCeilingPence !== null ? { budgetCeilingWeeklyPence: f.budgetCeilingPence } : {}),
    purpose: f.purpose,
    siblingIdsOnRecord: siblings.map((s) => String(s.id)),
    ...(c.currentHomeId !== null ? { currentHomeId: String(c.currentHomeId) } : {}),
    kinshipHomeIds,
  };
}
