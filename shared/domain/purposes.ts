/**
 * Placement purpose: what a referral asks for, and what a carer or home is approved for. It is a
 * different thing from urgency (the Placements Standard's NEEDED_BY says when; purpose says what
 * kind of placement), and the one place where a purpose and an approval are matched.
 */

export const PLACEMENT_PURPOSES = ['emergency', 'short_term', 'long_term', 'short_breaks', 'parent_and_child', 'staying_put'] as const;
export type PlacementPurpose = (typeof PLACEMENT_PURPOSES)[number];

export const PLACEMENT_PURPOSE_LABELS: Record<PlacementPurpose, string> = {
  emergency: 'Emergency',
  short_term: 'Short-term',
  long_term: 'Long-term (permanence)',
  short_breaks: 'Short breaks',
  parent_and_child: 'Parent and child',
  staying_put: 'Staying put (18+ with current foster carers)',
};

/**
 * What a home or carer can be approved for. Staying put is not an approval: it continues a care
 * leaver's home with the foster carers they already live with (Children Act 1989 s23CZA), so it is
 * asked for on a referral but never offered by a vacancy.
 */
export const APPROVAL_PURPOSES = ['emergency', 'short_term', 'long_term', 'short_breaks', 'parent_and_child'] as const satisfies readonly PlacementPurpose[];
export type ApprovalPurpose = (typeof APPROVAL_PURPOSES)[number];

/** A mainstream approval, which homes recorded before purposes were recorded are taken to hold. */
export const MAINSTREAM_APPROVAL: readonly ApprovalPurpose[] = ['emergency', 'short_term', 'long_term'];

/**
 * A referral that does not say: short-term. Most children start in care in a short-term placement
 * while the care plan is made (a long-term match follows a permanence decision at panel), and a
 * short-term request is offered by short-term and long-term carers alike, so existing referrals
 * keep every mainstream home they matched before purposes were recorded.
 */
export const DEFAULT_REFERRAL_PURPOSE: PlacementPurpose = 'short_term';

/**
 * The approvals that may take a referral of each purpose (staying put is decided by the carer, not
 * the approval: see stayingPutAllowed).
 * - emergency: emergency carers, and short-term carers, whose approval already covers a child
 *   arriving at short notice for days to months; not long-term-only carers, matched at panel.
 * - short_term: short-term carers, and long-term carers, who may look after a child while the plan
 *   is made; never emergency-only carers (days, not months).
 * - long_term: long-term (permanence) approval only: a permanent move is a matching decision
 *   that short-term, emergency or short-breaks approvals do not cover.
 * - short_breaks: short-breaks carers only: a planned series of stays (SSDA903 V3/V4).
 * - parent_and_child: parent-and-child carers or homes only (assessment and support of a parent).
 */
export const APPROVALS_FOR_PURPOSE: Record<Exclude<PlacementPurpose, 'staying_put'>, readonly ApprovalPurpose[]> = {
  emergency: ['emergency', 'short_term'],
  short_term: ['short_term', 'long_term'],
  long_term: ['long_term'],
  short_breaks: ['short_breaks'],
  parent_and_child: ['parent_and_child'],
};

/** Age from which a care leaver may stay put with their foster carers. */
export const STAYING_PUT_FROM_AGE = 18;

/** Whether a home approved for `approved` may take a referral of `purpose` other than staying put. */
export function approvalCovers(approved: readonly ApprovalPurpose[], purpose: Exclude<PlacementPurpose, 'staying_put'>): boolean {
  return APPROVALS_FOR_PURPOSE[purpose].some((p) => approved.includes(p));
}

/** Staying put: only with the foster carers the young person lives with now, from 18. */
export function stayingPutAllowed(facts: { age: number; isCurrentFosterHome: boolean }): boolean {
  return facts.age >= STAYING_PUT_FROM_AGE && facts.isCurrentFosterHome;
}

/** "short-term and long-term": purposes in words, for reasons and screens. */
export function purposesInWords(purposes: readonly PlacementPurpose[]): string {
  const words = PLACEMENT_PURPOSES.filter((p) => purposes.includes(p)).map((p) => PLACEMENT_PURPOSE_LABELS[p].toLowerCase());
  if (words.length === 0) return 'no purpose recorded';
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`;
}
