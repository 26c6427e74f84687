/**
 * Whether a home has room for a referral now: free beds in the vacancy, places left under the
 * home's approval (children placed there and beds held for others count; the carers' own children
 * do not), and the rules about who the child may live alongside, the household included. Holding
 * and placing check these whatever led the officer to the home, so a second vacancy row can never
 * take a home past its approval or put a child who must live alone beside another. The other hard
 * rules (price, distance, dates) stay the search's: an officer may agree a placement beyond them.
 */
import { whyNot } from './explain';
import type { MatchingPolicy } from './policy';
import type { ChildForMatching, HardRuleFailure, HardRuleId, VacancyForMatching } from './types';

export const ROOM_RULES: readonly HardRuleId[] = ['bedsForGroup', 'approvalPlaces', 'caredForAlongside', 'housemateSex', 'riskToOthers'];

/** The room rules the home breaks for this referral, in the ranking's words; empty when it has room. */
export function roomInHome(child: ChildForMatching, vacancy: VacancyForMatching, policy: MatchingPolicy): readonly HardRuleFailure[] {
  return whyNot(child, vacancy, policy).reasons.filter((r) => ROOM_RULES.includes(r.rule));
}

/**
 * Approval rules that hold and place keep as well: what the carers are approved for, and whom (a
 * connected-person carer's named child). They are the approval's, not the RCC's policy, so an
 * officer cannot agree a placement beyond them as they can beyond a price or distance limit.
 */
export const APPROVAL_RULES: readonly HardRuleId[] = ['purpose', 'kinshipNamedChild'];

/** The approval rules the home breaks for this referral, in the ranking's words; empty when its approval covers it. */
export function approvalGaps(child: ChildForMatching, vacancy: VacancyForMatching, policy: MatchingPolicy): readonly HardRuleFailure[] {
  return whyNot(child, vacancy, policy).reasons.filter((r) => APPROVAL_RULES.includes(r.rule));
}

/**
 * Rules set by law rather than by the RCC's policy (issue 13): a secure home only under a s25 order,
 * no child in a home whose Ofsted registration is suspended or ended, no child under 16 in
 * unregistered provision. Unlike price or distance, no officer may agree a placement past them.
 */
export const LAW_RULES: readonly HardRuleId[] = ['secure', 'registration', 'unregisteredUnder16'];

/** The rules of law the home breaks for this referral, in the ranking's words; empty when none. */
export function lawBarsHome(child: ChildForMatching, vacancy: VacancyForMatching, policy: MatchingPolicy): readonly HardRuleFailure[] {
  return whyNot(child, vacancy, policy).reasons.filter((r) => LAW_RULES.includes(r.rule));
}
