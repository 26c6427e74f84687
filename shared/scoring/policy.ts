/**
 * The RCC's matching policy as data: versioned, editable by an administrator and stored with every
 * search so a ranking can be reproduced later. Nothing in the engine hard-codes a weight or a cap.
 */
import type { HomeKind } from '../domain/homes';
import { daysBetween } from '../domain/calendar';
import { median } from '../domain/stats';
import { plural, pounds } from './format';
import type { FactorId, FeeTier, StabilityFactorId, VacancyForMatching } from './types';
import { FACTORS, STABILITY_FACTORS } from './types';

/** Keys a tie between equal totals is broken on, in order; the vacancy id always settles it last. */
export const TIE_BREAK_KEYS = ['stability', 'needs', 'wishes', 'distance', 'cost', 'homeMiles', 'weeklyPrice', 'inHouse'] as const;
export type TieBreakKey = (typeof TIE_BREAK_KEYS)[number];

/** The region's typical weekly price for a kind of home at a fee tier. */
export interface CostBenchmark {
  kind: HomeKind;
  tier: FeeTier;
  weeklyPence: number;
  /** Where the figure came from (benchmarks.ts); absent for a policy's own figure, used as it stands. */
  basis?: BenchmarkBasis;
}

/**
 * A benchmark's evidence: the median of `prices` agreed prices per child from `from` to `to`
 * (source 'region'), or the published figure because the region agreed only `prices` in that window.
 */
export interface BenchmarkBasis {
  source: 'region' | 'published';
  prices: number;
  from: string;
  to: string;
}

export type PlanObjective = 'maximiseQuality' | 'minimiseCostAboveFloor';

/**
 * How much sooner need counts when children compete for the same bed in the region plan (one
 * child's ranking is never changed by it). A weight per day of need, not a first pass that places
 * every urgent child before anyone else: a strict first pass would give a child needed tomorrow
 * any bed at all, however poor the match, ahead of a far better match for a child needed next
 * week, and it could not say by how much. A weight states the margin in the plan's own unit (a
 * child needed today against one needed in a fortnight: 14 points of match score by default),
 * keeps the plan one objective in whole numbers that the solver proves optimal, and still never
 * outweighs placing one more child, which comes first.
 */
export interface UrgencyPolicy {
  /** Need within this many days of the plan counts; each day sooner within it earns the weight below. */
  withinDays: number;
  /** Points of match score (of 100) a day sooner is worth per child, when the plan maximises quality. */
  pointsPerDay: number;
  /** Pounds of weekly price a day sooner is worth per child, when the plan minimises cost. */
  poundsPerDay: number;
}

/**
 * DfE's placed-at-distance headline: children placed more than 20 miles from home. The default of
 * the policy's distance line, and the only place the figure is written: every screen, report and
 * count reads the line from the policy in force (`policy.distance.twentyMileLine`).
 */
export const DFE_DISTANCE_LINE_MILES = 20;

export const DEFAULT_URGENCY: UrgencyPolicy = { withinDays: 14, pointsPerDay: 1, poundsPerDay: 50 };

export interface MatchingPolicy {
  id: string;
  version: number;
  name: string;
  /** Relative weights of the five soft scores; only their ratios matter. */
  weights: Record<FactorId, number>;
  caps: {
    /** Straight-line miles from the child's home beyond which a home is not offered. */
    maxMiles: number;
    /** Weekly price per child beyond which a home is not offered. */
    maxWeeklyPence: number;
  };
  /** Points (of 100) added to the total of the RCC's own homes: a nudge, never a trump card. */
  inHouseBonus: number;
  excludeInadequate: boolean;
  tieBreak: readonly TieBreakKey[];
  distance: {
    /** The distance line: DfE's headline counts children placed more than this from home (DFE_DISTANCE_LINE_MILES by default). */
    twentyMileLine: number;
    /** At or under this, distance costs nothing. */
    nearMiles: number;
    /** Beyond this, the distance score is zero. */
    farMiles: number;
    /** Share of the distance score taken by the journey to school when the child has one. */
    schoolShare: number;
    /** At or under this many miles from school the child can keep it; beyond `schoolLostMiles` they cannot. */
    schoolKeptMiles: number;
    schoolLostMiles: number;
  };
  benchmarks: readonly CostBenchmark[];
  stability: {
    /** Weight of each factor; the defaults are the correlations in the domain primer where it gives one. */
    weights: Record<StabilityFactorId, number>;
    /**
     * How much more carer skills, experience and support count for children the evidence puts at
     * higher risk of moves (older at placement, recent moves, prior residential care).
     */
    contextMultipliers: { olderAtPlacement: number; recentMoves: number; priorResidential: number };
    /** Age from which a child counts as older at placement (the primer: 12-15 most at risk). */
    olderFromAge: number;
  };
  rules: {
    /** A child with physical-harm risk is not placed with children this many years younger or more. */
    physicalHarmAgeGap: number;
  };
  plan: {
    objective: PlanObjective;
    /** minimiseCostAboveFloor: homes scoring under this total are not used. */
    qualityFloor: number;
    /** Candidates per referral kept for the solver before pricing (see plan.ts for why this is safe). */
    candidatesPerReferral: number;
    /** Added in 2026-12; versions stored before it load with DEFAULT_URGENCY (normalisePolicy). */
    urgency: UrgencyPolicy;
  };
}

/**
 * Starting figures until the region derives its own with `deriveBenchmarks`: the CMA's averages
 * (children's homes about £3,830 a week, IFA foster care about £820) anchor residential mainstream
 * and foster enhanced; the other bands are placeholders scaled from them, not published figures.
 */
export const DEFAULT_BENCHMARKS: readonly CostBenchmark[] = [
  { kind: 'foster', tier: 'mainstream', weeklyPence: 45_000 },
  { kind: 'foster', tier: 'enhanced', weeklyPence: 82_000 },
  { kind: 'foster', tier: 'specialist', weeklyPence: 110_000 },
  { kind: 'foster', tier: 'complex', weeklyPence: 150_000 },
  { kind: 'residential', tier: 'mainstream', weeklyPence: 383_000 },
  { kind: 'residential', tier: 'enhanced', weeklyPence: 500_000 },
  { kind: 'residential', tier: 'specialist', weeklyPence: 650_000 },
  { kind: 'residential', tier: 'complex', weeklyPence: 850_000 },
  { kind: 'supported', tier: 'mainstream', weeklyPence: 90_000 },
  { kind: 'supported', tier: 'enhanced', weeklyPence: 150_000 },
  { kind: 'supported', tier: 'specialist', weeklyPence: 220_000 },
  { kind: 'supported', tier: 'complex', weeklyPence: 300_000 },
];

export const DEFAULT_POLICY: MatchingPolicy = {
  id: 'rcc-default',
  version: 1,
  name: 'RCC default matching policy',
  weights: { cost: 20, distance: 20, stability: 30, needs: 20, wishes: 10 },
  caps: { maxMiles: 75, maxWeeklyPence: 1_200_000 },
  inHouseBonus: 3,
  excludeInadequate: true,
  tieBreak: ['stability', 'distance', 'cost'],
  distance: { twentyMileLine: DFE_DISTANCE_LINE_MILES, nearMiles: 2, farMiles: 60, schoolShare: 0.5, schoolKeptMiles: 5, schoolLostMiles: 15 },
  benchmarks: DEFAULT_BENCHMARKS,
  stability: {
    weights: {
      carerSkills: 0.35,
      kinship: 0.31,
      carerExperience: 0.15,
      endingsRecord: 0.14,
      siblingsTogether: 0.16,
      schoolKept: 0.15,
      mockingbird: 0.1,
    },
    contextMultipliers: { olderAtPlacement: 0.5, recentMoves: 0.5, priorResidential: 0.25 },
    olderFromAge: 12,
  },
  rules: { physicalHarmAgeGap: 3 },
  plan: { objective: 'maximiseQuality', qualityFloor: 40, candidatesPerReferral: 8, urgency: DEFAULT_URGENCY },
};

/** A policy as stored by any version of the app, with every field added since given its default. */
export function normalisePolicy(stored: MatchingPolicy): MatchingPolicy {
  const plan = stored.plan as Partial<MatchingPolicy['plan']> & Omit<MatchingPolicy['plan'], 'urgency'>;
  if (plan.urgency) return stored;
  return { ...stored, plan: { ...plan, urgency: DEFAULT_URGENCY } };
}

/**
 * Days of urgency a referral carries in the plan: how many days sooner than the policy's window
 * the child is needed (a child needed today, or already overdue, carries the whole window).
 */
export function urgencyDays(urgency: UrgencyPolicy, neededByDate: string, today: string): number {
  const until = Math.max(0, daysBetween(today, neededByDate));
  return Math.max(0, urgency.withinDays - until);
}

/** The urgency rule in words, for the plan screen and the policy's record. */
export function urgencyInWords(policy: MatchingPolicy): string {
  const u = policy.plan.urgency;
  const cost = policy.plan.objective === 'minimiseCostAboveFloor';
  const perDay = cost ? u.poundsPerDay : u.pointsPerDay;
  const ties = 'When two children would gain the same from a bed, the one who has waited longest since referral gets it, then the lower referral number.';
  if (u.withinDays === 0 || perDay === 0) return `The plan first places as many children as it can; urgency adds nothing under this policy. ${ties}`;
  const whole = perDay * u.withinDays;
  const day = cost ? `${pounds(perDay * 100)} a week of price` : plural(shortNumber(perDay), 'point') + ' of match score';
  const unless = cost
    ? `giving it to the other child saves more than ${pounds(whole * 100)} a week across the plan`
    : `the other child’s match scores more than ${shortNumber(whole)} points higher`;
  return (
    `The plan first places as many children as it can. Then each day sooner a child is needed, within the next ${u.withinDays} days, counts as ${day}: ` +
    `a child needed today gets a contested bed ahead of a child needed in ${u.withinDays} days or later, unless ${unless}. ${ties}`
  );
}

/** 14, or 7.5: a number as a person writes it. */
function shortNumber(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * Benchmarks as the median total weekly price of each kind and tier among the given vacancies, so
 * the region's own market sets "typical"; kinds or tiers with no vacancies keep `fallback`'s figure.
 */
export function deriveBenchmarks(vacancies: readonly VacancyForMatching[], fallback: readonly CostBenchmark[] = DEFAULT_BENCHMARKS): CostBenchmark[] {
  const prices = new Map<string, number[]>();
  for (const v of vacancies) {
    const key = `${v.kind}:${v.feeTier}`;
    const list = prices.get(key) ?? [];
    list.push(weeklyTotal(v));
    prices.set(key, list);
  }
  const out = new Map<string, CostBenchmark>();
  for (const b of fallback) out.set(`${b.kind}:${b.tier}`, b);
  for (const [key, list] of prices) {
    const [kind, tier] = key.split(':') as [HomeKind, FeeTier];
    out.set(key, { kind, tier, weeklyPence: Math.round(median(list) ?? 0) });
  }
  return [...out.values()].sort((a, b) => (a.kind === b.kind ? a.tier.localeCompare(b.tier) : a.kind.localeCompare(b.kind)));
}

export function weeklyTotal(v: Pick<VacancyForMatching, 'weeklyPrice'>): number {
  const p = v.weeklyPrice;
  return p.core + p.support + p.education + p.other;
}

/** Problems that would make a policy unusable, for the administrator's edit form; empty when sound. */
export function validatePolicy(policy: MatchingPolicy): string[] {
  const problems: string[] = [];
  const nonNegative = (value: number, what: string) => {
    if (!Number.isFinite(value) || value < 0) problems.push(`${what} must be a number of zero or more.`);
  };
  if (!policy.id) problems.push('The policy needs an id.');
  if (!Number.isInteger(policy.version) || policy.version < 1) problems.push('The version must be a whole number from 1.');
  for (const f of FACTORS) nonNegative(policy.weights[f], `The ${f} weight`);
  if (FACTORS.every((f) => policy.weights[f] === 0)) problems.push('At least one score weight must be above zero.');
  nonNegative(policy.caps.maxMiles, 'The distance limit');
  if (!Number.isInteger(policy.caps.maxWeeklyPence) || policy.caps.maxWeeklyPence < 0) problems.push('The price limit must be whole pence.');
  nonNegative(policy.inHouseBonus, 'The in-house bonus');
  if (policy.inHouseBonus > 20) problems.push('An in-house bonus over 20 points would let ownership outweigh the child’s needs.');
  for (const s of STABILITY_FACTORS) nonNegative(policy.stability.weights[s], `The ${s} stability weight`);
  const d = policy.distance;
  if (!(d.nearMiles < d.twentyMileLine && d.twentyMileLine < d.farMiles)) problems.push('Distance bands must satisfy near < 20-mile line < far.');
  if (!(d.schoolKeptMiles < d.schoolLostMiles)) problems.push('The school-kept distance must be below the school-lost distance.');
  if (d.schoolShare < 0 || d.schoolShare > 1) problems.push('The school share must be between 0 and 1.');
  for (const b of policy.benchmarks) {
    if (!Number.isInteger(b.weeklyPence) || b.weeklyPence <= 0) problems.push(`The ${b.kind} ${b.tier} benchmark must be whole pence above zero.`);
  }
  if (policy.plan.qualityFloor < 0 || policy.plan.qualityFloor > 100) problems.push('The quality floor must be between 0 and 100.');
  if (!Number.isInteger(policy.plan.candidatesPerReferral) || policy.plan.candidatesPerReferral < 1) {
    problems.push('Candidates per referral must be a whole number from 1.');
  }
  const u = policy.plan.urgency;
  if (!Number.isInteger(u.withinDays) || u.withinDays < 0 || u.withinDays > 90)
    problems.push('The urgency window must be a whole number of days from 0 to 90.');
  nonNegative(u.pointsPerDay, 'The urgency points per day');
  nonNegative(u.poundsPerDay, 'The urgency pounds per day');
  // A window's worth of urgency must stay a nudge the match still counts against, never a trump card.
  if (u.pointsPerDay * u.withinDays > 50) problems.push('Urgency over a whole window must come to 50 points or less, or it would outweigh the match itself.');
  return problems;
}
