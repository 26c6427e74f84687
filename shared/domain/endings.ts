/**
 * Planned and unplanned endings: the one classification of SSDA903's reason for placement change
 * (REASON_PLACE_CHANGE, also what a placement's `end_reason` holds) and reason episode ceased (REC).
 * The demo generator, the matching engine's stability factor (through `tallyEndings`) and the
 * commissioners' views all read it here, so a code cannot count as planned on one screen and as a
 * breakdown on another.
 *
 * The rule, from DfE's SSDA903 guidance: a move is planned when it implements the child's care
 * plan. That is what CARPL ("change to/implementation of the care plan") records, so every other
 * reason names something the plan did not intend (the carer, the child, the provider, the
 * authority outside the plan, a court, custody) and is unplanned. PLACE changes only the
 * placement's status with the same carers: no move at all, so it is never a disruption.
 * Every code of the two SSDA903 lists (shared/domain/ssda903.ts) has a class: test/unit/endings.test.ts.
 */
import { REASON_PLACE_CHANGE_CODES } from './ssda903';
export type EndingClass = 'planned' | 'unplanned';

/** The code views group endings with no recorded reason under: never guessed into a class. */
export const REASON_NOT_RECORDED = 'NOT_RECORDED';

/** A reason for placement change in words, for a list of endings by reason. */
export function endingReasonLabel(code: string): string {
  if (code === REASON_NOT_RECORDED) return 'Reason not recorded';
  return Object.prototype.hasOwnProperty.call(REASON_PLACE_CHANGE_CODES, code) ? REASON_PLACE_CHANGE_CODES[code]!.label : code;
}

/** Reason for placement change (REASON_PLACE_CHANGE) → planned or unplanned, and why. */
export const PLACEMENT_CHANGE_CLASS: Readonly<Record<string, EndingClass>> = {
  CARPL: 'planned', // Change to or implementation of the care plan: the planned move by definition.
  PLACE: 'planned', // Change in the placement's status only: same carers, the child does not move.
  CLOSE: 'unplanned', // The provider resigned or closed: the home ended it, not the plan.
  ALLEG: 'unplanned', // An allegation (s47 enquiry) ended it.
  STAND: 'unplanned', // A concern about the standard of care ended it.
  APPRR: 'unplanned', // The carer's approval was removed.
  CREQB: 'unplanned', // The carer asked for it to end because of the child's behaviour: a breakdown.
  CREQO: 'unplanned', // The carer asked for it to end for another reason.
  CHILD: 'unplanned', // The child asked for it to end.
  LAREQ: 'unplanned', // The responsible or area authority ended it outside the care plan (a plan change is CARPL).
  CUSTOD: 'unplanned', // The child was remanded or sentenced to custody: a court's decision, not the care plan's.
  OTHER: 'unplanned', // Any other reason: a planned move would be CARPL, so "other" is not one.
};

/**
 * Reason episode ceased (REC) → planned or unplanned when the child leaves care; X1 is not an
 * ending of care (a new episode starts the same day, and REASON_PLACE_CHANGE says why the placement
 * changed). The codes say themselves whether care planning led to the ending where they can (E4A,
 * E4B); otherwise an order or pathway the care plan works towards is planned, and an ending that
 * happened to the child (death, custody, leaving without support, any other reason) is not.
 */
export const EPISODE_CEASED_CLASS: Readonly<Record<string, EndingClass | 'continues'>> = {
  X1: 'continues', // The episode ends and a new one begins the same day: the child is still looked after.
  E11: 'planned', // Adopted, application unopposed: the permanence plan completed.
  E12: 'planned', // Adopted, consent dispensed with by the court: the permanence plan completed.
  E13: 'unplanned', // Left care to live with people without parental responsibility: the code does not say it was planned.
  E14: 'unplanned', // Accommodation on remand ended: the court's decision, not the care plan's.
  E15: 'unplanned', // An age assessment found the child 18 or over: care ended on a finding, not a plan.
  E16: 'unplanned', // The child moved abroad.
  E17: 'planned', // Aged 18 and stayed with the same carers (staying put): the pathway plan's arrangement.
  E2: 'unplanned', // Died.
  E3: 'planned', // Care taken over by another authority: a transfer arranged between councils.
  E41: 'planned', // Residence or child arrangements order: a permanence order the plan leads to.
  E45: 'planned', // Special guardianship order to former foster carers (relatives or friends).
  E46: 'planned', // Special guardianship order to former foster carers (not relatives or friends).
  E47: 'planned', // Special guardianship order to relatives or friends who were not the foster carers.
  E48: 'planned', // Special guardianship order to other carers.
  E4A: 'planned', // Returned home "as part of the care planning process", in DfE's own words.
  E4B: 'unplanned', // Returned home "not as part of the care planning process", in DfE's own words.
  E5: 'planned', // Independent living with formalised advice and support: the pathway plan's route.
  E6: 'unplanned', // Independent living without formalised support: not a route a pathway plan sets.
  E7: 'planned', // Transferred to adult social care: an arranged transition.
  E8: 'unplanned', // Care ended for any other reason: a planned route has its own code.
  E9: 'unplanned', // Sentenced to custody.
};

/** Whether a placement that ended for `reason` (a REASON_PLACE_CHANGE code) ended as planned; null when no reason is recorded or the code is unknown. */
export function endingClassOf(reason: string | null): EndingClass | null {
  if (reason === null) return null;
  return Object.prototype.hasOwnProperty.call(PLACEMENT_CHANGE_CLASS, reason) ? PLACEMENT_CHANGE_CLASS[reason]! : null;
}

export function isPlannedEnding(reason: string | null): boolean {
  return endingClassOf(reason) === 'planned';
}

export function isUnplannedEnding(reason: string | null): boolean {
  return endingClassOf(reason) === 'unplanned';
}

export interface EndingsTally {
  planned: number;
  unplanned: number;
  /** No reason, or a code outside the list: counted apart, never guessed into either class. */
  notRecorded: number;
}

/** Counts endings by class; `count` lets a grouped row (a reason and how many) count as many. */
export function tallyEndings<T>(rows: Iterable<T>, reasonOf: (row: T) => string | null, count: (row: T) => number = () => 1): EndingsTally {
  const tally: EndingsTally = { planned: 0, unplanned: 0, notRecorded: 0 };
  for (const row of rows) {
    const cls = endingClassOf(reasonOf(row));
    tally[cls ?? 'notRecorded'] += count(row);
  }
  return tally;
}
