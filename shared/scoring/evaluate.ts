/**
 * One child against one home, as numbers. Ranking adds explanation lines on top (explain.ts);
 * planning a region calls this hundreds of thousands of times and needs only the total.
 */
import type { ChildContext } from './context';
import { milesBetween } from './distance';
import { weeklyTotal } from './policy';
import { costScore } from './scores/cost';
import { distanceScore } from './scores/distance';
import { needsScore } from './scores/needs';
import { stabilityScore } from './scores/stability';
import { wishesScore } from './scores/wishes';
import type { VacancyForMatching } from './types';

/** The RCC's own homes get the policy's in-house nudge; other councils' and providers' do not. */
export function isInHouse(v: Pick<VacancyForMatching, 'ownership'>): boolean {
  return v.ownership === 'in_house';
}

export function roundTotal(x: number): number {
  const clamped = x < 0 ? 0 : x > 100 ? 100 : x;
  return Math.round(clamped * 10) / 10;
}

export function schoolMilesFor(ctx: ChildContext, v: VacancyForMatching): number | undefined {
  return ctx.child.school ? milesBetween(ctx.child.school, v.location) : undefined;
}

/** The weighted 0-100 total (one decimal) of a home that passes the hard rules. */
export function totalScore(ctx: ChildContext, v: VacancyForMatching, homeMiles: number, schoolMiles: number | undefined): number {
  const s = ctx.shares;
  const policy = ctx.policy;
  const raw =
    s.cost * costScore(weeklyTotal(v), ctx.groupSize, v.kind, v.feeTier, ctx.benchmarks) +
    s.distance * distanceScore(homeMiles, schoolMiles, policy.distance) +
    s.stability * stabilityScore(ctx, v, schoolMiles) +
    s.needs * needsScore(ctx, v) +
    s.wishes * wishesScore(ctx, v, homeMiles, schoolMiles) +
    (isInHouse(v) ? policy.inHouseBonus : 0);
  return roundTotal(raw);
}
