/**
 * First come, first served: referrals in the order they were made, each taking its best home still
 * free, as a placement team working through its inbox would. The plan is compared against this to
 * show what planning the region as a whole changes.
 */
import { finishPlan, type RegionPlan } from './plan';
import type { MatchingPolicy } from './policy';
import { Housemates, better, buildPlanProblem, pairCoefficient } from './problem';
import type { ChildForMatching, VacancyForMatching } from './types';

export function greedyPlan(
  referrals: readonly ChildForMatching[],
  vacancies: readonly VacancyForMatching[],
  policy: MatchingPolicy,
  today?: string,
): RegionPlan {
  const p = buildPlanProblem(referrals, vacancies, policy, today);
  const mates = new Housemates(p);
  // The queue: earliest referral first, then referral id (the problem's wait order).
  const order = p.referrals.map((_, r) => r);
  order.sort((a, b) => p.waitOrder[a]! - p.waitOrder[b]!);
  const used = new Int32Array(p.vacancies.length);
  const usedInHome = new Int32Array(p.homeCount);
  const placedAt = new Map<number, number[]>();
  const chosen = new Int32Array(p.referrals.length).fill(-1);
  for (const r of order) {
    const k = p.groupSize[r]!;
    // "Best" follows the policy's objective: highest score, or cheapest above the quality floor.
    let best = -1;
    for (let pair = p.pairStart[r]!; pair < p.pairStart[r + 1]!; pair++) {
      if (best >= 0 && !better(p, pair, best)) continue;
      const v = p.pairVacancy[pair]!;
      const h = p.home[v]!;
      if (used[v]! + k > p.capacity[v]! || usedInHome[h]! + k > p.homeCapacity[h]!) continue;
      const there = placedAt.get(h);
      if (there && !there.every((other) => mates.compatible(r, other))) continue;
      best = pair;
    }
    if (best < 0) continue;
    const v = p.pairVacancy[best]!;
    const h = p.home[v]!;
    chosen[r] = best;
    used[v] = used[v]! + k;
    usedInHome[h] = usedInHome[h]! + k;
    placedAt.set(h, [...(placedAt.get(h) ?? []), r]);
  }
  let value = 0;
  for (const pair of chosen) if (pair >= 0) value += pairCoefficient(p, pair);
  return finishPlan(p, chosen, 'greedy', {
    status: 'heuristic',
    statement: 'First come, first served by referral date; each referral took its best home still free. No optimality claim.',
    objectiveValue: value,
    upperBound: undefined,
    pricingRounds: 0,
    columns: p.pairVacancy.length,
    feasiblePairs: p.pairVacancy.length,
  });
}
