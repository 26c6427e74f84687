/**
 * When a search leaves few or no homes, the officer needs to know what stood in the way and what
 * loosening one thing would buy: "8 more homes within 100 miles". Each widening re-ranks with a
 * copy of the policy (or of the referral) changed in that one respect; nothing is saved, so the
 * policy never changes silently. Only an administrator changes the policy, and only a social
 * worker the referral.
 */
import { addDays } from '../domain/calendar';
import { miles, plural, pounds, ukDate } from './format';
import type { MatchingPolicy } from './policy';
import { rankVacanciesForReferral } from './rank';
import { HARD_RULES, type ChildForMatching, type HardRuleId, type RankResult, type VacancyForMatching } from './types';
import { isVacancyTable, vacancyTable, type VacancyTable } from './vacancyTable';

/** Each hard rule as a line of the "what excluded the homes" count. */
export const HARD_RULE_LABELS: Record<HardRuleId, string> = {
  typeUnsuitable: 'A type of home the referral marks unsuitable',
  ageRange: 'Outside the ages the home is approved for',
  approvalSex: 'Approved for the other sex only',
  bedsForGroup: 'Not enough free beds',
  approvalPlaces: 'Approval places already used',
  siblingsNotAccepted: 'Does not take sibling groups',
  caredForAlongside: 'Who the child can live with',
  housemateSex: 'Housemates of the other sex',
  ofstedCategory: 'Not registered for the care the child needs',
  riskToOthers: 'A risk the child presents to others',
  statementOfPurpose: 'Its statement of purpose excludes a recorded risk',
  pets: 'Pets',
  wheelchair: 'Not wheelchair-adapted',
  parentAndChild: 'No parent-and-child placement',
  secure: 'Secure children’s home: only under a secure order (s25)',
  availability: 'Not free by the needed-by date',
  areaToAvoid: 'In an area the care plan avoids',
  ofstedInadequate: 'Rated Inadequate by Ofsted',
  distanceCap: 'Beyond the policy’s distance limit',
  priceCap: 'Over the policy’s price limit',
  budgetCeiling: 'Over the referral’s budget',
  purpose: 'Not approved for the placement’s purpose',
  kinshipNamedChild: 'A family and friends carer approved for another child',
  deprivationOfLiberty: 'Cannot meet the Deprivation of Liberty order',
  registration: 'Ofsted registration suspended, cancelled or ended',
  unregisteredUnder16: 'Unregistered provision, for a child under 16',
};

/** One step of each widening: big enough to matter to a search, small enough to be a real choice. */
export const WIDENING_STEPS = {
  /** Miles added to the policy's distance limit. */
  distanceMiles: 25,
  /** Pence a week added to the policy's price limit (£2,000). */
  weeklyPence: 200_000,
  /** Years added to the physical-harm age gap: only housemates this much further younger count. */
  physicalHarmYears: 1,
  /** The referral's budget ceiling is raised by this fraction. */
  budgetShare: 0.1,
  /** Days the child could wait beyond the needed-by date. */
  waitDays: 7,
} as const;

export interface ExclusionCount {
  rule: HardRuleId;
  label: string;
  /** Homes this rule excluded (a home broken by two rules counts under both). */
  homes: number;
}

export interface Widening {
  rule: HardRuleId;
  /** Whose setting would change: the RCC's policy (an administrator) or the referral (the social worker). */
  changes: 'policy' | 'referral';
  /** Homes that would pass with this one widening, beyond those passing now. */
  moreHomes: number;
  /** "8 more homes within 100 miles (the policy's limit is 75 miles)". */
  words: string;
}

export interface WideningReport {
  passing: number;
  excluded: number;
  /** Rules by how many homes they excluded, most first. */
  excludedBy: ExclusionCount[];
  /** One step of each widening that could matter here, most homes first. */
  widenings: Widening[];
}

interface Candidate {
  rule: HardRuleId;
  changes: Widening['changes'];
  /** The widened inputs, or null when this widening does not apply to this child. */
  widen: () => { child: ChildForMatching; policy: MatchingPolicy } | null;
  words: (more: string) => string;
}

function candidates(child: ChildForMatching, policy: MatchingPolicy): Candidate[] {
  const s = WIDENING_STEPS;
  const widerMiles = policy.caps.maxMiles + s.distanceMiles;
  const widerPrice = policy.caps.maxWeeklyPence + s.weeklyPence;
  const gap = policy.rules.physicalHarmAgeGap;
  const budget = child.budgetCeilingWeeklyPence;
  // A budget rounded up to a whole £10, as a panel would agree it.
  const widerBudget = budget === undefined ? undefined : Math.ceil((budget * (1 + s.budgetShare)) / 1_000) * 1_000;
  const waitUntil = addDays(child.neededByDate, s.waitDays);
  return [
    {
      rule: 'distanceCap',
      changes: 'policy',
      widen: () => ({ child, policy: { ...policy, caps: { ...policy.caps, maxMiles: widerMiles } } }),
      words: (more) => `${more} within ${miles(widerMiles)} (the policy’s limit is ${miles(policy.caps.maxMiles)})`,
    },
    {
      rule: 'priceCap',
      changes: 'policy',
      widen: () => ({ child, policy: { ...policy, caps: { ...policy.caps, maxWeeklyPence: widerPrice } } }),
      words: (more) => `${more} up to ${pounds(widerPrice)} a week (the policy’s limit is ${pounds(policy.caps.maxWeeklyPence)} a week)`,
    },
    {
      rule: 'ofstedInadequate',
      changes: 'policy',
      widen: () => (policy.excludeInadequate ? { child, policy: { ...policy, excludeInadequate: false } } : null),
      words: (more) => `${more} if homes rated Inadequate were allowed (the policy excludes them)`,
    },
    {
      rule: 'riskToOthers',
      changes: 'policy',
      widen: () => ({ child, policy: { ...policy, rules: { ...policy.rules, physicalHarmAgeGap: gap + s.physicalHarmYears } } }),
      words: (more) =>
        `${more} if only housemates ${gap + s.physicalHarmYears} or more years younger counted for the risk of physical harm (the policy says ${gap})`,
    },
    {
      rule: 'budgetCeiling',
      changes: 'referral',
      widen: () => (budget === undefined ? null : { child: { ...child, budgetCeilingWeeklyPence: widerBudget }, policy }),
      words: (more) => `${more} with a budget of ${pounds(widerBudget ?? 0)} a week (the referral’s budget is ${pounds(budget ?? 0)} a week)`,
    },
    {
      rule: 'availability',
      changes: 'referral',
      widen: () => ({ child: { ...child, neededByDate: waitUntil }, policy }),
      words: (more) => `${more} if the child could wait until ${ukDate(waitUntil)} (needed by ${ukDate(child.neededByDate)})`,
    },
  ];
}

/**
 * Counts what excluded the homes of a search and, for each rule the policy or the referral sets a
 * limit for that excluded at least one home, how many more homes one step of widening it would let
 * through. `base` is the search already run with these inputs (ranked again when not given).
 */
export function wideningReport(
  child: ChildForMatching,
  vacancies: readonly VacancyForMatching[] | VacancyTable,
  policy: MatchingPolicy,
  base?: RankResult,
): WideningReport {
  const table = isVacancyTable(vacancies) ? vacancies : vacancyTable(vacancies);
  const now = base ?? rankVacanciesForReferral(child, table, policy, { explainTop: 0 });
  const counts = new Map<HardRuleId, number>();
  for (const e of now.excluded) {
    // A rule named twice for one home (two housemates' risks) still excluded one home.
    for (const rule of new Set(e.reasons.map((r) => r.rule))) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  }
  const excludedBy = [...counts]
    .map(([rule, homes]) => ({ rule, label: HARD_RULE_LABELS[rule], homes }))
    .sort((a, b) => b.homes - a.homes || HARD_RULES.indexOf(a.rule) - HARD_RULES.indexOf(b.rule));
  const passingNow = new Set(now.ranked.map((r) => r.vacancyId));
  const widenings: Widening[] = [];
  for (const c of candidates(child, policy)) {
    if (!counts.has(c.rule)) continue;
    const wider = c.widen();
    if (!wider) continue;
    const result = rankVacanciesForReferral(wider.child, table, wider.policy, { explainTop: 0 });
    const more = result.ranked.filter((r) => !passingNow.has(r.vacancyId)).length;
    widenings.push({ rule: c.rule, changes: c.changes, moreHomes: more, words: c.words(`${plural(more, 'more home')}`) });
  }
  widenings.sort((a, b) => b.moreHomes - a.moreHomes || HARD_RULES.indexOf(a.rule) - HARD_RULES.indexOf(b.rule));
  return { passing: now.ranked.length, excluded: now.excluded.length, excludedBy, widenings };
}
