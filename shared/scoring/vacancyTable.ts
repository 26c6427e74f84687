/**
 * The region's open vacancies packed into columns, one typed array per fact the hard rules and
 * scores read. Ranking checks every home in the region for every search, and most of that time went
 * on reaching into ten thousand objects scattered across the heap; the same facts in flat arrays
 * are read in order. Build the table once per list and pass it to every search or plan over that
 * list: it is a snapshot, so a changed list needs a new table.
 */
import { OFSTED_CATEGORY_CODES, type OfstedCategory } from '../domain/ofsted';
import { RISKS_TO_CHILD, RISKS_TO_OTHERS, type RiskToChild, type RiskToOthers } from '../domain/placements-standard';
import { HOME_KINDS } from '../domain/homes';
import { APPROVAL_PURPOSES, MAINSTREAM_APPROVAL, type ApprovalPurpose } from '../domain/purposes';
import { REGISTRATION_STATUSES } from '../domain/registration';
import { emptyPlaces, setPlace, type PackedPlaces } from './distance';
import { compareIds } from './ids';
import { weeklyTotal } from './policy';
import { FEE_TIERS, SPECIALISMS, type Housemate, type Ownership, type Specialism, type VacancyForMatching } from './types';

const RISK_CODES = [...Object.keys(RISKS_TO_CHILD), ...Object.keys(RISKS_TO_OTHERS)] as (RiskToChild | RiskToOthers)[];

/** One bit per code of a list, so a set of codes is a number and "has any of" is one AND. */
function bitsOf<T extends string>(codes: readonly T[]): (list: readonly T[] | undefined) => number {
  const bit = new Map(codes.map((c, i) => [c, 1 << i]));
  return (list) => {
    let mask = 0;
    if (list) for (let i = 0; i < list.length; i++) mask |= bit.get(list[i]!) ?? 0;
    return mask;
  };
}

export const ofstedCategoryBits = bitsOf<OfstedCategory>(OFSTED_CATEGORY_CODES);
export const riskBits = bitsOf<RiskToChild | RiskToOthers>(RISK_CODES);
export const specialismBits = bitsOf<Specialism>(SPECIALISMS);
export const purposeBits = bitsOf<ApprovalPurpose>(APPROVAL_PURPOSES);
const PARENT_AND_CHILD_BIT = specialismBits(['parent_and_child']);
/** Sign languages a child may need their carers to use, one bit each. */
export const SIGNING_BITS = { BSL: 1, Makaton: 2 } as const;

/** An ISO date as the number YYYYMMDD, which orders the same way and compares faster. */
export function isoDateNumber(iso: string): number {
  // Digit by digit: slicing out three substrings per vacancy was a tenth of building a table.
  let n = 0;
  for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7) n = n * 10 + (iso.charCodeAt(i) - 48);
  return n;
}

export interface VacancyTable {
  readonly size: number;
  /** The list the table was built from, in the same order: row i is vacancies[i]. */
  readonly vacancies: readonly VacancyForMatching[];
  /** Rows in vacancy-id order (code-unit order), or null when the list is already in it. */
  readonly byId: Int32Array | null;
  readonly vacancyId: readonly string[];
  readonly homeId: readonly string[];
  readonly councilId: readonly string[];
  readonly places: PackedPlaces;
  /** Index into HOME_KINDS. */
  readonly kind: Uint8Array;
  readonly secure: Uint8Array;
  readonly minAge: Int32Array;
  readonly maxAge: Int32Array;
  /** 0 either sex, 1 girls only, 2 boys only. */
  readonly approvalSex: Uint8Array;
  readonly maxChildren: Int32Array;
  readonly siblingsAccepted: Uint8Array;
  readonly bedsFree: Int32Array;
  /** Children in care already placed there. */
  readonly others: Int32Array;
  /** Approval places in use: children placed there and beds held for children on their way. */
  readonly placesTaken: Int32Array;
  /** Everyone the rules about who a child lives alongside look at: children placed there and the household's own. */
  readonly housemates: readonly (readonly Housemate[])[];
  /** YYYYMMDD. */
  readonly availableFrom: Int32Array;
  readonly inadequate: Uint8Array;
  /** Ofsted registration categories, one bit each (ofstedCategoryBits). */
  readonly registration: Uint32Array;
  readonly wheelchair: Uint8Array;
  /** Specialisms, one bit each (specialismBits). */
  readonly specialisms: Uint32Array;
  readonly pets: Uint8Array;
  /** Risks the statement of purpose says the home cannot manage, one bit each (riskBits). */
  readonly cannotManage: Uint32Array;
  /** Weekly price per child, pence. */
  readonly weekly: Float64Array;
  /** Index into FEE_TIERS. */
  readonly feeTier: Uint8Array;
  readonly ownership: readonly Ownership[];
  readonly religion: readonly (string | undefined)[];
  readonly inHouse: Uint8Array;
  readonly skillsTier: Uint8Array;
  readonly yearsApproved: Float64Array;
  readonly plannedEndings: Int32Array;
  readonly unplannedEndings: Int32Array;
  readonly mockingbird: Uint8Array;
  readonly educationOnSite: Uint8Array;
  /** Sign languages carers use (SIGNING_BITS). */
  readonly signing: Uint8Array;
  /** What the home is approved for, one bit each (purposeBits). */
  readonly purposes: Uint8Array;
  /** A connected-person carer's named child; null for every other home. */
  readonly connectedChild: readonly (string | null)[];
  // Orders and registration (issue 13).
  /** 1 where the home can meet a Deprivation of Liberty order's conditions. */
  readonly dolCapable: Uint8Array;
  /** Index into REGISTRATION_STATUSES; 0 (registered) where none is recorded. */
  readonly registrationStatus: Uint8Array;
}

export function isVacancyTable(x: readonly VacancyForMatching[] | VacancyTable): x is VacancyTable {
  return !Array.isArray(x);
}

function idOrder(vacancies: readonly VacancyForMatching[]): Int32Array | null {
  let ordered = true;
  for (let i = 1; i < vacancies.length && ordered; i++) ordered = compareIds(vacancies[i - 1]!.vacancyId, vacancies[i]!.vacancyId) <= 0;
  if (ordered) return null;
  const rows = Array.from({ length: vacancies.length }, (_, i) => i);
  rows.sort((a, b) => compareIds(vacancies[a]!.vacancyId, vacancies[b]!.vacancyId) || a - b);
  return Int32Array.from(rows);
}

export function vacancyTable(vacancies: readonly VacancyForMatching[]): VacancyTable {
  const n = vacancies.length;
  const t = {
    size: n,
    vacancies,
    vacancyId: new Array<string>(n),
    homeId: new Array<string>(n),
    councilId: new Array<string>(n),
    housemates: new Array<readonly Housemate[]>(n),
    ownership: new Array<Ownership>(n),
    religion: new Array<string | undefined>(n),
    places: emptyPlaces(n),
    byId: idOrder(vacancies),
    kind: new Uint8Array(n),
    secure: new Uint8Array(n),
    minAge: new Int32Array(n),
    maxAge: new Int32Array(n),
    approvalSex: new Uint8Array(n),
    maxChildren: new Int32Array(n),
    siblingsAccepted: new Uint8Array(n),
    bedsFree: new Int32Array(n),
    others: new Int32Array(n),
    placesTaken: new Int32Array(n),
    availableFrom: new Int32Array(n),
    inadequate: new Uint8Array(n),
    registration: new Uint32Array(n),
    wheelchair: new Uint8Array(n),
    specialisms: new Uint32Array(n),
    pets: new Uint8Array(n),
    cannotManage: new Uint32Array(n),
    weekly: new Float64Array(n),
    feeTier: new Uint8Array(n),
    inHouse: new Uint8Array(n),
    skillsTier: new Uint8Array(n),
    yearsApproved: new Float64Array(n),
    plannedEndings: new Int32Array(n),
    unplannedEndings: new Int32Array(n),
    mockingbird: new Uint8Array(n),
    educationOnSite: new Uint8Array(n),
    signing: new Uint8Array(n),
    purposes: new Uint8Array(n),
    connectedChild: new Array<string | null>(n),
    dolCapable: new Uint8Array(n),
    registrationStatus: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const v = vacancies[i]!;
    const a = v.approval;
    t.vacancyId[i] = v.vacancyId;
    t.homeId[i] = v.homeId;
    t.councilId[i] = v.councilId;
    t.ownership[i] = v.ownership;
    t.religion[i] = v.religion;
    setPlace(t.places, i, v.location);
    t.kind[i] = HOME_KINDS.indexOf(v.kind);
    t.secure[i] = v.secure ? 1 : 0;
    t.minAge[i] = a.minAge;
    t.maxAge[i] = a.maxAge;
    t.approvalSex[i] = a.sex === 'F' ? 1 : a.sex === 'M' ? 2 : 0;
    t.maxChildren[i] = a.maxChildren;
    t.siblingsAccepted[i] = a.siblingsAccepted ? 1 : 0;
    t.bedsFree[i] = v.bedsFree;
    t.others[i] = v.otherChildren.length;
    t.placesTaken[i] = v.otherChildren.length + v.placesHeld;
    // Most homes have no one, or only one kind of housemate: share that list rather than copy it.
    t.housemates[i] = v.household.length === 0 ? v.otherChildren : v.otherChildren.length === 0 ? v.household : [...v.otherChildren, ...v.household];
    t.availableFrom[i] = isoDateNumber(v.availableFrom);
    t.inadequate[i] = v.ofstedGrade === 'inadequate' ? 1 : 0;
    t.registration[i] = ofstedCategoryBits(v.registrationCategories);
    t.wheelchair[i] = v.wheelchairAdapted ? 1 : 0;
    // A parent-and-child approval offers what the parent-and-child specialism does: one fact for the rule and the needs fit.
    t.specialisms[i] = specialismBits(v.specialisms) | (v.approvedPurposes?.includes('parent_and_child') ? PARENT_AND_CHILD_BIT : 0);
    t.pets[i] = v.petsInHome ? 1 : 0;
    t.cannotManage[i] = riskBits(v.cannotManage);
    t.weekly[i] = weeklyTotal(v);
    t.feeTier[i] = FEE_TIERS.indexOf(v.feeTier);
    t.inHouse[i] = v.ownership === 'in_house' ? 1 : 0;
    t.skillsTier[i] = v.carer.skillsTier;
    t.yearsApproved[i] = v.carer.yearsApproved;
    t.plannedEndings[i] = v.pastEndings.planned;
    t.unplannedEndings[i] = v.pastEndings.unplanned;
    t.mockingbird[i] = v.mockingbird ? 1 : 0;
    t.educationOnSite[i] = v.educationOnSite ? 1 : 0;
    t.signing[i] = (v.languages.includes('BSL') ? SIGNING_BITS.BSL : 0) | (v.languages.includes('Makaton') ? SIGNING_BITS.Makaton : 0);
    t.purposes[i] = purposeBits(v.approvedPurposes ?? MAINSTREAM_APPROVAL);
    t.connectedChild[i] = v.connectedChildId ?? null;
    t.dolCapable[i] = v.dolCapable === true ? 1 : 0;
    t.registrationStatus[i] = v.registrationStatus === undefined ? 0 : REGISTRATION_STATUSES.indexOf(v.registrationStatus);
  }
  return t;
}
