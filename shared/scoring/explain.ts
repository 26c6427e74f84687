/**
 * What an officer reads: every score with its lines, and for any home in the region either why it
 * was excluded or how it scored. Lines are built only where someone will read them (the top of a
 * ranking, or one home asked about); planning uses the number-only path in evaluate.ts, and a
 * test holds the totals of the two paths equal.
 */
import { HOME_KIND_LABELS, HOME_KINDS } from '../domain/homes';
import { prepareChild, type ChildContext } from './context';
import { hasGrid, milesToPacked, tenthsToPacked } from './distance';
import { roundTotal } from './evaluate';
import { oneDecimal, pounds } from './format';
import { ReasonList, hardRulesPass } from './hardRules';
import type { MatchingPolicy } from './policy';
import { costLines, costScore } from './scores/cost';
import { distanceScore } from './scores/distance';
import { needsScore } from './scores/needs';
import { STABILITY_CAVEAT, stabilityContributions, stabilityScore } from './scores/stability';
import { wishesScore } from './scores/wishes';
import type { ChildForMatching, FactorId, HardRuleFailure, Ownership, RankedVacancy, StabilityContribution, VacancyForMatching } from './types';
import { FACTORS } from './types';
import { vacancyTable, type VacancyTable } from './vacancyTable';

const OWNERSHIP_TEXT: Record<Ownership, string> = {
  in_house: 'the RCC’s own',
  ifa: 'independent fostering agency',
  private: 'private provider',
  voluntary: 'voluntary provider',
  council: 'another council’s',
};

const FACTOR_TEXT: Record<FactorId, string> = { cost: 'cost', distance: 'distance', stability: 'stability', needs: 'needs fit', wishes: 'the child’s wishes' };

const WEEKS_PER_YEAR = 52;

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * A scored home (rank 0 until the caller sorts), with its explanation when `explain` is set. The
 * caller has already checked the hard rules.
 */
export function scoreMatch(ctx: ChildContext, t: VacancyTable, i: number, homeMiles: number, schoolMiles: number | undefined, explain: boolean): RankedVacancy {
  const policy = ctx.policy;
  const s = ctx.shares;
  const child = ctx.child;
  const weekly = t.weekly[i]! * ctx.groupSize;
  const kind = HOME_KINDS[t.kind[i]!]!;
  const ownership = t.ownership[i]!;

  const lines: Record<FactorId, string[]> | undefined = explain ? { cost: [], distance: [], stability: [], needs: [], wishes: [] } : undefined;
  const contributions: StabilityContribution[] | undefined = explain ? [] : undefined;
  const cost = costScore(t, i, ctx.benchmarks);
  if (lines) costLines(t, i, ctx.groupSize, ctx.benchmarks, ctx.benchmarkBases, lines.cost);
  const distance = distanceScore(homeMiles, schoolMiles, policy.distance, lines?.distance);
  const stability = stabilityScore(ctx, t, i, schoolMiles);
  if (contributions) stabilityContributions(ctx, t, i, schoolMiles, contributions);
  const needs = needsScore(ctx, t, i, lines?.needs);
  const wishes = wishesScore(ctx, t, i, homeMiles, schoolMiles, lines?.wishes);
  const bonus = t.inHouse[i] === 1 ? policy.inHouseBonus : 0;
  // Same expression, in the same order, as evaluate.ts's totalScore, so both paths round alike.
  const total = roundTotal(s.cost * cost + s.distance * distance + s.stability * stability + s.needs * needs + s.wishes * wishes + bonus);

  const line = policy.distance.twentyMileLine;
  const ranked: RankedVacancy = {
    rank: 0,
    vacancyId: t.vacancyId[i]!,
    homeId: t.homeId[i]!,
    kind,
    ownership,
    total,
    scores: { cost: round1(cost), distance: round1(distance), stability: round1(stability), needs: round1(needs), wishes: round1(wishes) },
    inHouseBonus: bonus,
    distance: {
      homeMiles,
      schoolMiles,
      method: child.home.grid && hasGrid(t.places, i) ? 'os-grid' : 'great-circle',
      withinTwentyMiles: homeMiles <= line,
      insideHomeCouncil: t.councilId[i] === child.homeCouncilId,
    },
    weeklyPence: weekly,
    annualPence: weekly * WEEKS_PER_YEAR,
    explanation: undefined,
  };
  if (lines && contributions) {
    const scores = ranked.scores;
    let best: FactorId | undefined;
    let worst: FactorId | undefined;
    for (const f of FACTORS) {
      if (s[f] === 0) continue;
      if (best === undefined || scores[f] > scores[best]) best = f;
      if (worst === undefined || scores[f] < scores[worst]) worst = f;
    }
    const summary = [
      `${HOME_KIND_LABELS[kind]} (${OWNERSHIP_TEXT[ownership]}), ${oneDecimal(homeMiles)} miles from home, ${homeMiles <= line ? 'inside' : 'beyond'} the ${line}-mile line; ${pounds(weekly)} a week. Total ${oneDecimal(total)} of 100.`,
    ];
    if (best && worst)
      summary.push(`Strongest on ${FACTOR_TEXT[best]} (${oneDecimal(scores[best])}); weakest on ${FACTOR_TEXT[worst]} (${oneDecimal(scores[worst])}).`);
    if (bonus > 0) summary.push(`Includes ${oneDecimal(bonus)} points for being one of the RCC’s own homes (policy ${policy.id} v${policy.version}).`);
    if (child.wishes.text) summary.push(`In the child’s words: “${child.wishes.text}”`);
    if (ctx.sexUnknown) summary.push(...unknownSexNotes(ctx, t, i));
    summary.push(...orderNotes(ctx, t, i));
    summary.push('Passes every hard rule in the policy.');
    lines.stability.push(...ctx.contextLines, ...contributions.map((c) => c.line), STABILITY_CAVEAT);
    ranked.explanation = { summary, factors: lines, stability: contributions };
  }
  return ranked;
}

/**
 * A child whose sex is recorded as unknown or indeterminate (SSDA903 U) is not excluded by a
 * single-sex approval or a same-sex housemate rule, since neither can be judged; the officer is
 * told where that matters, so the check is made with people rather than assumed.
 */
function unknownSexNotes(ctx: ChildContext, t: VacancyTable, i: number): string[] {
  const notes: string[] = [];
  const approval = t.approvalSex[i]!;
  const whose = ctx.groupSize === 1 ? 'The child’s sex is' : 'A child in the group has their sex';
  if (approval !== 0) {
    const foster = HOME_KINDS[t.kind[i]!] === 'foster';
    notes.push(
      `${foster ? 'Approved' : 'Registered'} for ${approval === 1 ? 'girls' : 'boys'} only. ${whose} recorded as unknown or indeterminate (U), so this does not exclude the home: check with the ${foster ? 'fostering service' : 'home'} before placing.`,
    );
  }
  if (ctx.child.onlyWithSameSex && ctx.child.sex === 'U') {
    notes.push(
      'The care plan says the child should live only with children of their own sex; with the sex recorded as unknown or indeterminate (U) that is not checked here: ask the child’s social worker about the children who live here.',
    );
  }
  return notes;
}

/**
 * What a match means for the child's orders: a secure bed is not the region's to give, and a home
 * that says it can meet a DoL order's conditions must still see this order's.
 */
function orderNotes(ctx: ChildContext, t: VacancyTable, i: number): string[] {
  const legal = ctx.child.legal;
  if (legal.secureOrder)
    return [
      'Secure welfare beds are allocated nationally by the Secure Welfare Coordination Unit, not from the region’s vacancies: ask the Unit for this bed.',
    ];
  if (legal.deprivationOfLiberty === true && t.secure[i] === 0)
    return [
      'The home has recorded that it is willing and able to meet a Deprivation of Liberty order’s conditions: check this order’s conditions with them before placing.',
    ];
  return [];
}

export type WhyNotAnswer =
  | { vacancyId: string; homeId: string; excluded: true; reasons: readonly HardRuleFailure[] }
  | { vacancyId: string; homeId: string; excluded: false; reasons: readonly HardRuleFailure[]; match: RankedVacancy };

/**
 * "Why not this home?": every hard rule it breaks for this child, or, if none, how it scored and
 * why (its `rank` is 0: a rank only means something within a search).
 */
export function whyNot(child: ChildForMatching, vacancy: VacancyForMatching, policy: MatchingPolicy): WhyNotAnswer {
  const ctx = prepareChild(child, policy);
  const t = vacancyTable([vacancy]);
  const homeTenths = tenthsToPacked(child.home, t.places, 0);
  const homeMiles = homeTenths / 10;
  const reasons = new ReasonList();
  if (!hardRulesPass(ctx, t, 0, homeTenths, reasons)) {
    return { vacancyId: vacancy.vacancyId, homeId: vacancy.homeId, excluded: true, reasons: reasons.failures() };
  }
  const schoolMiles = child.school ? milesToPacked(child.school, t.places, 0) : undefined;
  return { vacancyId: vacancy.vacancyId, homeId: vacancy.homeId, excluded: false, reasons: [], match: scoreMatch(ctx, t, 0, homeMiles, schoolMiles, true) };
}
