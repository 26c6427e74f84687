import type { Sex } from './homes';

/**
 * SSDA903 (children looked after return) code lists, with the collection years each code is valid
 * in. A collection year runs from 1 April to 31 March and is named like '2019-20'; a return is
 * judged by its own year, so an older return that uses a code retired since is not wrong.
 *
 * The limits below follow the public SSDA903 validator's rules for each year (rule 146 for PLACE,
 * 101 for SEX): K3 from 2024-25; Z11-Z14 from 2025-26, when H5, P2 and Z1 were retired; SEX M, F
 * and U from 2024-25, 1 and 2 before. The validator's rules begin with 2022-23, so years before it
 * are judged by the 2022-23 lists (codes without a limit are valid in every year).
 */
export interface Code {
  label: string;
  /** The first collection year in which the code may be used (absent: every year). */
  from?: string;
  /** The collection year from which the code may no longer be used. */
  retired?: string;
}

// ---------------------------------------------------------------------------------------------
// Collection years. Held as the calendar year they start in (2019 is 2019-20).

/** '2019-20' for 2019. */
export function collectionYearLabel(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** 2019 for '2019-20'; null unless the text is a year and the next one's last two digits. */
export function parseCollectionYear(label: string): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(label.trim());
  if (!m) return null;
  const start = Number(m[1]);
  return (start + 1) % 100 === Number(m[2]) ? start : null;
}

/** The collection year an ISO date (YYYY-MM-DD) falls in: 2020-03-31 is in 2019-20, 2020-04-01 in 2020-21. */
export function collectionYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return isoDate.slice(5) >= '04-01' ? year : year - 1;
}

/** The first day (1 April) of a collection year, ISO. */
export function collectionYearStart(startYear: number): string {
  return `${startYear}-04-01`;
}

/** The last day (31 March) of a collection year, ISO. */
export function collectionYearEnd(startYear: number): string {
  return `${startYear + 1}-03-31`;
}

/** Whether a code may be used in a collection year: 'valid', or why not. */
export function codeStatusIn(entry: Code, startYear: number): 'valid' | 'not-yet' | 'retired' {
  if (entry.from !== undefined && startYear < parseCollectionYear(entry.from)!) return 'not-yet';
  if (entry.retired !== undefined && startYear >= parseCollectionYear(entry.retired)!) return 'retired';
  return 'valid';
}

/**
 * Why a code from one of these lists may not be used in a collection year, in words naming the
 * code and the year, or null when it may. `context` follows the year (", the year this episode
 * ended in").
 */
export function codeYearProblem(list: Record<string, Code>, code: string, startYear: number, context = ''): string | null {
  const entry = list[code];
  if (!entry) return null;
  const status = codeStatusIn(entry, startYear);
  if (status === 'valid') return null;
  const year = collectionYearLabel(startYear);
  const valid = Object.keys(list).filter((c) => codeStatusIn(list[c]!, startYear) === 'valid');
  const since = status === 'retired' ? `it was retired from ${entry.retired}` : `it was introduced in ${entry.from}`;
  return `'${code}' (${entry.label}) is not valid in ${year}${context}: ${since}. Codes valid in ${year}: ${valid.join(', ')}`;
}

export const PLACE_CODES: Record<string, Code> = {
  U1: { label: 'Foster placement with relative or friend: long term fostering' },
  U2: { label: 'Foster placement with relative or friend who is also an approved adopter: FFA' },
  U3: { label: 'Foster placement with relative or friend: not long term or FFA' },
  U4: { label: 'Foster placement with other foster carer: long term fostering' },
  U5: { label: 'Foster placement with other foster carer who is also an approved adopter: FFA' },
  U6: { label: 'Foster placement with other foster carer: not long term or FFA' },
  A3: { label: 'Placed for adoption with parental or guardian consent with current foster carer' },
  A4: { label: 'Placed for adoption with parental or guardian consent not with current foster carer' },
  A5: { label: 'Placed for adoption with placement order with current foster carer' },
  A6: { label: 'Placed for adoption with placement order not with current foster carer' },
  K1: { label: 'Secure children’s home' },
  K2: { label: 'Children’s home' },
  K3: { label: 'Registered supported accommodation', from: '2024-25' },
  H5: { label: 'Semi-independent living accommodation not subject to children’s homes regulations', retired: '2025-26' },
  P1: { label: 'Placed with own parent(s) or other person(s) with parental responsibility' },
  P2: { label: 'Independent living, e.g. in a flat, lodgings, bedsit, B&B or with friends', retired: '2025-26' },
  P3: { label: 'Residential employment' },
  R1: { label: 'Residential care home' },
  R2: { label: 'NHS/health trust or other establishment providing medical or nursing care' },
  R3: { label: 'Family centre or mother and baby unit' },
  R5: { label: 'Young offender institution or prison' },
  S1: { label: 'All residential schools, except where dual-registered as a school and children’s home' },
  T0: { label: 'Temporary placement: all types' },
  T1: { label: 'Temporary periods in hospital' },
  T2: { label: 'Temporary absences of the child on holiday' },
  T3: { label: 'Temporary accommodation whilst normal foster carer is on holiday' },
  T4: { label: 'Temporary accommodation of seven days or less, for any reason' },
  Z1: { label: 'Other placements', retired: '2025-26' },
  Z11: { label: 'Other placement: unregistered provision', from: '2025-26' },
  Z12: { label: 'Other placement: Ofsted-registered provision not listed elsewhere', from: '2025-26' },
  Z13: { label: 'Other placement: placement outside England and Wales', from: '2025-26' },
  Z14: { label: 'Other placement: other', from: '2025-26' },
};

export const PLACE_PROVIDER_CODES: Record<string, Code> = {
  PR0: { label: 'Parent(s) or other person(s) with parental responsibility' },
  PR1: { label: 'Own provision (by the council)' },
  PR2: { label: 'Other local authority provision' },
  PR3: { label: 'Other public provision (e.g. by a PCT)' },
  PR4: { label: 'Private provision' },
  PR5: { label: 'Voluntary/third sector provision' },
};

export const LEGAL_STATUS_CODES: Record<string, Code> = {
  C1: { label: 'Interim care order' },
  C2: { label: 'Full care order' },
  D1: { label: 'Freeing order granted' },
  E1: { label: 'Placement order granted' },
  V2: { label: 'Single period of accommodation under section 20' },
  V3: { label: 'Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded' },
  V4: { label: 'Accommodated under an agreed series of short-term breaks, when agreements are recorded' },
  L1: { label: 'Under police protection and in local authority accommodation' },
  L2: { label: 'Emergency protection order' },
  L3: { label: 'Under child assessment order and in local authority accommodation' },
  J1: { label: 'Remanded to local authority accommodation or to youth detention accommodation' },
  J2: { label: 'Placed in local authority accommodation under PACE' },
  J3: { label: 'Sentenced to CYRO with residence requirement' },
};

export const REASON_NEW_EPISODE_CODES: Record<string, Code> = {
  S: { label: 'Started to be looked after' },
  L: { label: 'Change of legal status only' },
  P: { label: 'Change of placement and carer(s) only' },
  T: { label: 'Change of placement but same carer(s)' },
  B: { label: 'Change of legal status and placement and carer(s) at the same time' },
  U: { label: 'Change of legal status and change of placement but same carer(s) at the same time' },
};

export const CATEGORY_OF_NEED_CODES: Record<string, Code> = {
  N1: { label: 'Abuse or neglect' },
  N2: { label: 'Child’s disability' },
  N3: { label: 'Parental illness or disability' },
  N4: { label: 'Family in acute stress' },
  N5: { label: 'Family dysfunction' },
  N6: { label: 'Socially unacceptable behaviour' },
  N7: { label: 'Low income' },
  N8: { label: 'Absent parenting' },
};

export const REASON_PLACE_CHANGE_CODES: Record<string, Code> = {
  CARPL: { label: 'Change to the care plan' },
  CLOSE: { label: 'Home closed' },
  ALLEG: { label: 'Allegation (s47)' },
  STAND: { label: 'Standards of care concern' },
  APPRR: { label: 'Carer approval removed' },
  CREQB: { label: 'Carer requests placement end due to child’s behaviour' },
  CREQO: { label: 'Carer requests placement end, other than due to child’s behaviour' },
  CHILD: { label: 'Child requests placement end' },
  LAREQ: { label: 'Responsible or area authority requests placement end' },
  PLACE: { label: 'Change in the status of placement only' },
  CUSTOD: { label: 'Custody arrangement' },
  OTHER: { label: 'Other' },
};

/** Reason episode ceased (REC), in the episodes file. */
export const REASON_EPISODE_CEASED_CODES: Record<string, Code> = {
  X1: { label: 'Episode ceases and a new episode begins on the same day (the child remains looked after)' },
  E11: { label: 'Adopted: application for an adoption order unopposed' },
  E12: { label: 'Adopted: consent dispensed with by the court' },
  E13: { label: 'Left care to live with parent(s), relative(s) or other person(s) with no parental responsibility' },
  E14: { label: 'Accommodation on remand ended' },
  E15: { label: 'Age assessment determined the child is aged 18 or over, and E5, E6 and E7 do not apply' },
  E16: { label: 'Child moved abroad' },
  E17: { label: 'Aged 18 (or over) and remained with current carers (including under staying put arrangements)' },
  E2: { label: 'Died' },
  E3: { label: 'Care taken over by another local authority in the UK' },
  E41: { label: 'Residence order or child arrangements order granted' },
  E45: { label: 'Special guardianship order made to former foster carer(s) who are relatives or friends' },
  E46: { label: 'Special guardianship order made to former foster carer(s) other than relatives or friends' },
  E47: { label: 'Special guardianship order made to carer(s), other than former foster carers, who are relatives or friends' },
  E48: { label: 'Special guardianship order made to carer(s), other than former foster carers, other than relatives or friends' },
  E4A: { label: 'Returned home to live with parent(s), relative(s) or other person(s) with parental responsibility, as part of the care planning process' },
  E4B: { label: 'Returned home to live with parent(s), relative(s) or other person(s) with parental responsibility, not as part of the care planning process' },
  E5: { label: 'Moved into independent living with formalised advice and support (e.g. hostel, foyer, staying close)' },
  E6: { label: 'Moved into independent living without formalised advice and support (e.g. bedsit, own flat, with friends)' },
  E7: { label: 'Transferred to residential care funded by adult social care services' },
  E8: { label: 'Period of being looked after ended for any other reason' },
  E9: { label: 'Sentenced to custody' },
};

/** Ethnicity codes used in the header file. */
export const ETHNIC_CODES: Record<string, Code> = {
  WBRI: { label: 'White British' },
  WIRI: { label: 'White Irish' },
  WOTH: { label: 'Any other White background' },
  WIRT: { label: 'Traveller of Irish heritage' },
  WROM: { label: 'Gypsy/Roma' },
  MWBC: { label: 'White and Black Caribbean' },
  MWBA: { label: 'White and Black African' },
  MWAS: { label: 'White and Asian' },
  MOTH: { label: 'Any other mixed background' },
  AIND: { label: 'Indian' },
  APKN: { label: 'Pakistani' },
  ABAN: { label: 'Bangladeshi' },
  AOTH: { label: 'Any other Asian background' },
  BCRB: { label: 'Caribbean' },
  BAFR: { label: 'African' },
  BOTH: { label: 'Any other Black background' },
  CHNE: { label: 'Chinese' },
  OOTH: { label: 'Any other ethnic group' },
  REFU: { label: 'Refused' },
  NOBT: { label: 'Information not yet obtained' },
};

/**
 * SEX in the header and UASC files, and what the app keeps for each: 1 (male) and 2 (female) up to
 * 2023-24; M, F and U (unknown or indeterminate) from 2024-25.
 */
export const SEX_CODES: Record<string, Code & { sex: Sex }> = {
  '1': { label: 'Male', retired: '2024-25', sex: 'M' },
  '2': { label: 'Female', retired: '2024-25', sex: 'F' },
  M: { label: 'Male', from: '2024-25', sex: 'M' },
  F: { label: 'Female', from: '2024-25', sex: 'F' },
  U: { label: 'Unknown or indeterminate', from: '2024-25', sex: 'U' },
};

/** The episodes file's URN for a placement whose Ofsted URN is unknown or does not exist. */
export const NO_URN = 'XXXXXXX';

/**
 * Placement types that are not Ofsted-registered provision of their own (parents, residential
 * employment, care and NHS homes, custody, temporary and other placements): they take no URN. Every
 * other type does, XXXXXXX when it is unknown (the 903 validator's rules 218 and 222).
 */
export const PLACE_WITHOUT_URN: ReadonlySet<string> = new Set(['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1', 'Z11', 'Z12', 'Z13', 'Z14']);

/** The header's UPN for a child whose UPN the app was never told: UN5, "sources collating UPNs reflect incomplete data". */
export const UPN_NOT_KNOWN = 'UN5';

/**
 * The CHILD written for a child the council's return has never named (recorded in the app): the
 * app's own reference without its punctuation, which fits the return's ten letters and digits.
 */
export function childIdForRef(ref: string): string {
  return ref.replace(/[^A-Za-z0-9]/g, '').slice(0, 10);
}

/** The SEX code a return for this year uses for a child's sex; null when that year has none (U before 2024-25). */
export function sexCodeFor(sex: Sex, startYear: number): string | null {
  for (const [code, entry] of Object.entries(SEX_CODES)) if (entry.sex === sex && codeStatusIn(entry, startYear) === 'valid') return code;
  return null;
}

/** True when the code exists and is valid in the given collection year (e.g. '2025-26'). */
export function isCurrentCode(list: Record<string, Code>, code: string, year = '2025-26'): boolean {
  const entry = list[code];
  const start = parseCollectionYear(year);
  return entry !== undefined && start !== null && codeStatusIn(entry, start) === 'valid';
}
