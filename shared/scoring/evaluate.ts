/**
 * One child against one home, as numbers. Ranking adds explanation lines on top (explain.ts);
 * planning a region calls this hundreds of thousands of times and needs only the total.
 */
import type { ChildContext } from './context';
import { costScore } from './scores/cost';
import { distanceScore } from './scores/distance';
import { needsScore } from './scores/needs';
import { stabilityScore } from './scores/stability';
import { wishesScore } from './scores/wishes';
import type { VacancyTable } from './vacancyTable';

export function roundTotal(x: number): number {
  const clamped = x < 0 ? 0 : x > 100 ? 100 : x;
  return Math.round(clamped * 10) / 10;
}

/** The weighted 0-100 total (one decimal) of row `i` of a vacancy table, a home that passes the hard rules. */
export function totalScore(ctx: ChildContext, t: VacancyTable, i: number, homeMiles: number, schoolMiles: number | undefined): number {
  const s = ctx.shares;
  const policy = ctx.policy;
  const raw =
    s.cost * costScore(t, i, ctx.benchmarks) +
    s.distance * distanceScore(homeMiles, schoolMiles, policy.distance) +
    s.stability * stabilityScore(ctx, t, i, schoolMiles) +
    s.needs * needsScore(ctx, t, i) +
    s.wishes * wishesScore(ctx, t, i, homeMiles, schoolMiles) +
    (t.inHouse[i] === 1 ? policy.inHouseBonus : 0);
  return roundTotal(raw);
}
