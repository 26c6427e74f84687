/**
 * The figures a commissioner compares plans on, side by side on the same referrals and homes.
 */
import type { PlanMethod, RegionPlan } from './plan';

export interface PlanComparison {
  method: PlanMethod;
  /** Sum over placed children of their home's total score (a sibling group counts once per child). */
  totalScore: number;
  /** Mean score per placed child. */
  meanScore: number;
  weeklyCostPence: number;
  childrenPlaced: number;
  childrenWithinTwentyMiles: number;
  /** Sibling groups (two or more children) placed, always together: no plan ever splits one. */
  siblingGroupsKeptTogether: number;
  siblingGroupsUnplaced: number;
  childrenUnplaced: number;
  referralsUnplaced: number;
}

export function comparePlans(plans: readonly RegionPlan[]): PlanComparison[] {
  return plans.map((plan) => {
    let totalScore = 0;
    let weekly = 0;
    let placed = 0;
    let within = 0;
    let groups = 0;
    for (const p of plan.placements) {
      const k = p.childIds.length;
      totalScore += p.score * k;
      weekly += p.weeklyPence;
      placed += k;
      if (p.withinTwentyMiles) within += k;
      if (k > 1) groups++;
    }
    let childrenUnplaced = 0;
    let groupsUnplaced = 0;
    for (const u of plan.unplaced) {
      childrenUnplaced += u.childIds.length;
      if (u.childIds.length > 1) groupsUnplaced++;
    }
    return {
      method: plan.method,
      totalScore: Math.round(totalScore * 10) / 10,
      meanScore: placed > 0 ? Math.round((totalScore / placed) * 10) / 10 : 0,
      weeklyCostPence: weekly,
      childrenPlaced: placed,
      childrenWithinTwentyMiles: within,
      siblingGroupsKeptTogether: groups,
      siblingGroupsUnplaced: groupsUnplaced,
      childrenUnplaced,
      referralsUnplaced: plan.unplaced.length,
    };
  });
}
