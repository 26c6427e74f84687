/**
 * Stability, built factor by factor from the evidence in the domain primer (Konijn et al. 2019's
 * meta-analysis of 42 studies and later reviews). Each factor scores how far this home offers what
 * the evidence associates with placements lasting; the score is the weighted share of the most it
 * could offer this child. Lines state associations across many children, never a prediction about
 * the child in front of the officer.
 */
import type { ChildContext } from '../context';
import { schoolKeptValue } from './distance';
import { oneDecimal, plural } from '../format';
import type { StabilityContribution, StabilityFactorId, VacancyForMatching } from '../types';
import type { VacancyTable } from '../vacancyTable';

export const STABILITY_CAVEAT =
  'Stability factors describe what research associates with placements lasting across many children; they are not a prediction about this child.';

interface StabilityFactor {
  id: StabilityFactorId;
  /** The factor's weight for this child; 0 when it does not apply to them. */
  weight(ctx: ChildContext): number;
  text(ctx: ChildContext, v: VacancyForMatching, value: number): string;
}

const FACTORS: readonly StabilityFactor[] = [
  {
    id: 'carerSkills',
    weight: (ctx) => ctx.policy.stability.weights.carerSkills * ctx.supportMultiplier,
    text: (ctx, v) => {
      const why = ctx.needTierReasons[0] ? ` (${ctx.needTierReasons[0]})` : '';
      const verdict = v.carer.skillsTier >= ctx.needTier ? 'meets' : 'is below';
      return `Carer skills tier ${v.carer.skillsTier} ${verdict} the level of need assessed at ${ctx.needTier}${why}. Behaviour problems are the strongest correlate of breakdown across 42 studies (r = .35).`;
    },
  },
  {
    id: 'kinship',
    // Only where family or friends have been assessed: otherwise it would mark every home down alike.
    weight: (ctx) => (ctx.kinshipHomes.size > 0 ? ctx.policy.stability.weights.kinship : 0),
    text: (_ctx, _v, value) =>
      value === 1
        ? 'A family and friends (kinship) home for this child: non-kinship care is associated with more breakdowns (r = .31).'
        : 'Not one of the family and friends homes assessed for this child; non-kinship care is associated with more breakdowns (r = .31).',
  },
  {
    id: 'carerExperience',
    weight: (ctx) => ctx.policy.stability.weights.carerExperience * ctx.supportMultiplier,
    text: (_ctx, v) =>
      `${v.kind === 'foster' ? 'Carer' : 'Registered manager'} approved ${plural(v.carer.yearsApproved, 'year')}: experienced carers are protective, and quality of parenting correlates with stability (r = .29); full credit from 5 years.`,
  },
  {
    id: 'endingsRecord',
    weight: (ctx) => ctx.policy.stability.weights.endingsRecord,
    text: (_ctx, v) =>
      `${plural(v.pastEndings.planned, 'planned ending')} and ${plural(v.pastEndings.unplanned, 'unplanned ending')} recorded for this home (a second stand-in for quality of care).`,
  },
  {
    id: 'siblingsTogether',
    weight: (ctx) => (ctx.groupSize > 1 || ctx.siblingHomes.size > 0 ? ctx.policy.stability.weights.siblingsTogether : 0),
    text: (ctx, v) => {
      if (ctx.siblingHomes.has(v.homeId))
        return 'Lives with brothers or sisters already placed here: placement without siblings is associated with breakdown (r = .16).';
      if (ctx.groupSize > 1) {
        const elsewhere = ctx.siblingHomes.size > 0 ? ', though not with siblings placed elsewhere' : '';
        const who = ctx.groupSize === 2 ? 'both siblings' : `all ${ctx.groupSize} siblings`;
        return `Keeps ${who} in this referral together${elsewhere}: placement without siblings is associated with breakdown (r = .16).`;
      }
      return 'Does not place the child with brothers or sisters already in care: placement without siblings is associated with breakdown (r = .16).';
    },
  },
  {
    id: 'schoolKept',
    weight: (ctx) => (ctx.child.school ? ctx.policy.stability.weights.schoolKept : 0),
    text: (_ctx, _v, value) =>
      value === 1
        ? 'Keeps the child’s school: a move often means a new school and lost friends (DfE).'
        : value === 0
          ? 'Too far to keep the child’s school; a move often means a new school and lost friends (DfE).'
          : 'Keeping the child’s school would mean a long journey (DfE: a move often means a new school).',
  },
  {
    id: 'mockingbird',
    weight: (ctx) => ctx.policy.stability.weights.mockingbird * ctx.supportMultiplier,
    text: (_ctx, v) =>
      v.mockingbird
        ? 'Part of a Mockingbird constellation: hub support and sleepovers (carers 82% less likely to leave fostering, DfE 2020 evaluation).'
        : 'Not part of a Mockingbird constellation.',
  },
];

/**
 * How far row `i` of a vacancy table offers what the factor measures, 0-1.
 * One switch rather than a function per factor: scoring a region calls this millions of times, and
 * a call through a list of different functions cannot be inlined.
 */
function factorValue(id: StabilityFactorId, ctx: ChildContext, t: VacancyTable, i: number, schoolMiles: number | undefined): number {
  switch (id) {
    case 'carerSkills': {
      const gap = ctx.needTier - t.skillsTier[i]!;
      return gap <= 0 ? 1 : gap === 1 ? 0.4 : 0;
    }
    case 'kinship':
      return ctx.kinshipHomes.has(t.homeId[i]!) ? 1 : 0;
    case 'carerExperience':
      return Math.min(1, t.yearsApproved[i]! / 5);
    case 'endingsRecord': {
      // Laplace's rule keeps a home with one unplanned ending out of one from scoring zero on no evidence.
      const planned = t.plannedEndings[i]!;
      return (planned + 1) / (planned + t.unplannedEndings[i]! + 2);
    }
    case 'siblingsTogether':
      if (ctx.siblingHomes.size === 0) return 1;
      if (ctx.siblingHomes.has(t.homeId[i]!)) return 1;
      return ctx.groupSize > 1 ? 0.5 : 0;
    case 'schoolKept':
      return schoolMiles === undefined ? 0 : schoolKeptValue(schoolMiles, ctx.policy.distance);
    case 'mockingbird':
      return t.mockingbird[i]!;
  }
}

/** Each factor's weight for this child, in FACTORS order; worked out once per search. */
export function stabilityWeights(ctx: ChildContext): number[] {
  return FACTORS.map((f) => Math.max(0, f.weight(ctx)));
}

/** The 0-100 stability score of row `i`: the weighted share of what it could offer this child. */
export function stabilityScore(ctx: ChildContext, t: VacancyTable, i: number, schoolMiles: number | undefined): number {
  const weights = ctx.stabilityWeights;
  let total = 0;
  let achieved = 0;
  for (let f = 0; f < FACTORS.length; f++) {
    const weight = weights[f]!;
    if (weight <= 0) continue;
    total += weight;
    achieved += weight * factorValue(FACTORS[f]!.id, ctx, t, i, schoolMiles);
  }
  return total > 0 ? (100 * achieved) / total : 100;
}

/**
 * What each factor adds to row `i`'s stability score, and why. Kept apart from the score so the
 * score stays small enough to be compiled into the planner's loop.
 */
export function stabilityContributions(
  ctx: ChildContext,
  t: VacancyTable,
  i: number,
  schoolMiles: number | undefined,
  contributions: StabilityContribution[],
): void {
  const weights = ctx.stabilityWeights;
  let total = 0;
  for (let f = 0; f < FACTORS.length; f++) total += Math.max(0, weights[f]!);
  const v = t.vacancies[i]!;
  for (let f = 0; f < FACTORS.length; f++) {
    const weight = weights[f]!;
    if (weight <= 0) continue;
    const factor = FACTORS[f]!;
    const value = factorValue(factor.id, ctx, t, i, schoolMiles);
    const maxPoints = (100 * weight) / total;
    const points = maxPoints * value;
    contributions.push({
      factor: factor.id,
      points: Math.round(points * 10) / 10,
      maxPoints: Math.round(maxPoints * 10) / 10,
      line: `${factor.text(ctx, v, value)} ${oneDecimal(points)} of ${oneDecimal(maxPoints)} points.`,
    });
  }
}
