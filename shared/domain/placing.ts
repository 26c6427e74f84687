/**
 * What placing, moving and ending a placement write in a child's SSDA903 history, decided once:
 * the PLACE code for the kind of home and the referral's purpose, PLACE_PROVIDER from
 * who owns the home relative to the placing council, and the checks on the reasons an officer
 * gives (REASON_PLACE_CHANGE for a move, REC for an ending) against the code lists and their
 * collection years. The placing service, the demo generator and the forms all ask here.
 */
import type { PlacementPurpose } from './purposes';
import type { HomeKind } from './homes';
import type { Ownership } from '../scoring/types';
import { EPISODE_CEASED_CLASS, PLACEMENT_CHANGE_CLASS, type EndingClass } from './endings';
import { PLACE_CODES, REASON_EPISODE_CEASED_CODES, REASON_PLACE_CHANGE_CODES, codeStatusIn, codeYearProblem, collectionYearOf } from './ssda903';

/** The facts about a home that decide its PLACE code. */
export interface PlaceCodeHome {
  kind: HomeKind;
  /** A connected-person (family and friends) foster carer: U1-U3 rather than U4-U6. */
  kinship: boolean;
  /** A secure children's home: K1 rather than K2. */
  secure: boolean;
}

/**
 * What the placement is for, as far as PLACE tells it apart. The referral's purpose (a separate
 * change) maps onto this; until then every placement is 'temporary' ("not long term or FFA").
 */
export type PlacePurpose = 'temporary' | 'long_term' | 'fostering_for_adoption';

/**
 * The PLACE codes a home of this kind may be recorded with in a collection year (start year, 2026
 * for 2026-27): foster carers U1-U3 when connected persons and U4-U6 otherwise; a children's home
 * K2 (K1 when secure); supported accommodation K3 from 2024-25 and H5 before.
 */
export function placeCodesFor(home: PlaceCodeHome, startYear: number): string[] {
  const codes =
    home.kind === 'foster'
      ? home.kinship
        ? ['U1', 'U2', 'U3']
        : ['U4', 'U5', 'U6']
      : home.kind === 'residential'
        ? [home.secure ? 'K1' : 'K2']
        : ['K3', 'H5'];
  return codes.filter((c) => codeStatusIn(PLACE_CODES[c]!, startYear) === 'valid');
}

/**
 * The kind of PLACE a referral's purpose asks for: a long-term (permanence) referral is long-term
 * fostering (U1/U4); every other purpose is recorded as other fostering (U3/U6) until the plan says
 * more. Fostering for adoption is not a referral purpose here: an officer records it by choosing the code.
 */
export function placePurposeOf(purpose: PlacementPurpose | undefined): PlacePurpose {
  return purpose === 'long_term' ? 'long_term' : 'temporary';
}

/** The PLACE code a placement in this home for this purpose starts with, on `startDate` (ISO). */
export function placeCodeFor(home: PlaceCodeHome, startDate: string, purpose: PlacePurpose = 'temporary'): string {
  if (home.kind === 'foster') {
    const [longTerm, ffa, other] = home.kinship ? ['U1', 'U2', 'U3'] : ['U4', 'U5', 'U6'];
    return purpose === 'long_term' ? longTerm! : purpose === 'fostering_for_adoption' ? ffa! : other!;
  }
  return placeCodesFor(home, collectionYearOf(startDate))[0]!;
}

/** Why `place` cannot be recorded for a placement in this home starting on `startDate`, or null when it can. */
export function placeCodeProblem(home: PlaceCodeHome, place: string, startDate: string): string | null {
  if (!Object.prototype.hasOwnProperty.call(PLACE_CODES, place)) return `'${place}' is not an SSDA903 placement type (PLACE) code`;
  const year = collectionYearOf(startDate);
  const byYear = codeYearProblem(PLACE_CODES, place, year, ', the year this placement starts in');
  if (byYear) return byYear;
  const fits = placeCodesFor(home, year);
  if (!fits.includes(place)) return `'${place}' (${PLACE_CODES[place]!.label}) does not describe this home; it may be recorded as ${fits.join(' or ')}`;
  return null;
}

/** Who owns a home, as far as PLACE_PROVIDER needs to know. */
export interface ProviderOwner {
  ownership: Ownership;
  /** The Regional Care Cooperative's own provision, which it runs for every member council. */
  regional: boolean;
  /** The council the home belongs to (for a council's own carers and homes, the council that runs them). */
  councilId: number;
}

/**
 * SSDA903 PLACE_PROVIDER for a home, relative to the placing council (DfE: "the placing
 * authority's own provision" is PR1, "another local authority's" PR2, private PR4, voluntary PR5).
 * A region shares homes, so the same council-run home is PR1 for its own council and PR2 for the
 * rest. The RCC takes over its members' sufficiency duty and runs its homes for all of them, so its
 * provision is each member's own (PR1). An IFA is private (PR4) or voluntary (PR5) by its ownership.
 */
export function placeProviderFor(home: ProviderOwner, placingCouncilId: number): 'PR1' | 'PR2' | 'PR4' | 'PR5' {
  switch (home.ownership) {
    case 'in_house':
      return home.regional || home.councilId === placingCouncilId ? 'PR1' : 'PR2';
    case 'council':
      return home.councilId === placingCouncilId ? 'PR1' : 'PR2';
    case 'voluntary':
      return 'PR5';
    case 'ifa':
    case 'private':
      return 'PR4';
  }
}

/** Why a reason for placement change cannot be recorded for a move on `date`, or null. */
export function placeChangeReasonProblem(code: string, date: string): string | null {
  if (!Object.prototype.hasOwnProperty.call(REASON_PLACE_CHANGE_CODES, code))
    return `'${code}' is not a reason for placement change code; use one of ${Object.keys(REASON_PLACE_CHANGE_CODES).join(', ')}`;
  // PLACE records a change of status with the same carers: a move to another home is never one.
  if (code === 'PLACE') return `'PLACE' (${REASON_PLACE_CHANGE_CODES.PLACE!.label}) is for a change with the same carers, not a move to another home`;
  return codeYearProblem(REASON_PLACE_CHANGE_CODES, code, collectionYearOf(date), ', the year of this move');
}

/**
 * Why a reason episode ceased cannot close a child's care on `date`, or null. X1 is written by a
 * move (a new episode the same day), never by ending a placement on its own.
 */
export function episodeCeasedProblem(code: string, date: string): string | null {
  if (!Object.prototype.hasOwnProperty.call(REASON_EPISODE_CEASED_CODES, code))
    return `'${code}' is not a reason episode ceased (REC) code; use one of ${Object.keys(REASON_EPISODE_CEASED_CODES)
      .filter((c) => c !== 'X1')
      .join(', ')}`;
  if (code === 'X1')
    return 'X1 means a new episode begins the same day: to move the child, place them from their referral with the reason for the change, and X1 is written then';
  return codeYearProblem(REASON_EPISODE_CEASED_CODES, code, collectionYearOf(date), ', the year this placement ends in');
}

/** The reasons a form offers for a move or an ending on `date`: valid that year, with their labels and class. */
export function reasonChoices(kind: 'move' | 'ending', date: string): { code: string; label: string; ending: EndingClass }[] {
  const year = collectionYearOf(date);
  if (kind === 'move') {
    return Object.entries(REASON_PLACE_CHANGE_CODES)
      .filter(([code, entry]) => code !== 'PLACE' && codeStatusIn(entry, year) === 'valid')
      .map(([code, entry]) => ({ code, label: entry.label, ending: PLACEMENT_CHANGE_CLASS[code]! }));
  }
  return Object.entries(REASON_EPISODE_CEASED_CODES)
    .filter(([code, entry]) => code !== 'X1' && codeStatusIn(entry, year) === 'valid')
    .map(([code, entry]) => ({ code, label: entry.label, ending: EPISODE_CEASED_CLASS[code] as EndingClass }));
}
