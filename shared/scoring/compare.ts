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
  /** Children needed today or within five days (the referral and its siblings), and how many of them are placed. */
  urgentChildren: number;
  /**
   * Urgent children placed. Every placement the engine makes is in a home free by the child's
   * needed-by date (a hard rule), so placed means placed in time.
   */
  urgentChildrenPlaced: number;
  /** Children with a school recorded who are placed where they can keep it (policy's school-kept miles). */
  schoolsKept: number;
  /** Mean stability score (0-100) per placed child. */
  meanStability: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function comparePlans(plans: readonly RegionPlan[]): PlanComparison[] {
  return plans.map((plan) => {
    let totalScore = 0;
    let weekly = 0;
    let placed = 0;
    let within = 0;
    let groups = 0;
    let urgentPlaced = 0;
    let schools = 0;
    let stability = 0;
    for (const p of plan.placements) {
      const k = p.childIds.length;
      totalScore += p.score * k;
      weekly += p.weeklyPence;
      placed += k;
      stability += p.stability * k;
      if (p.withinTwentyMiles) within += k;
      if (k > 1) groups++;
      if (p.urgent) urgentPlaced += k;
      if (p.schoolKept) schools++;
    }
    let childrenUnplaced = 0;
    let groupsUnplaced = 0;
    let urgentLeft = 0;
    for (const u of plan.unplaced) {
      childrenUnplaced += u.childIds.length;
      if (u.childIds.length > 1) groupsUnplaced++;
      if (u.urgent) urgentLeft += u.childIds.length;
    }
    return {
      method: plan.method,
      totalScore: round1(totalScore),
      meanScore: placed > 0 ? round1(totalScore / placed) : 0,
      weeklyCostPence: weekly,
      childrenPlaced: placed,
      childrenWithinTwentyMiles: within,
      siblingGroupsKeptTogether: groups,
      siblingGroupsUnplaced: groupsUnplaced,
      childrenUnplaced,
      referralsUnplaced: plan.unplaced.length,
      urgentChildren: urgentPlaced + urgentLeft,
      urgentChildrenPlaced: urgentPlaced,
      schoolsKept: schools,
      meanStability: placed > 0 ? round1(stability / placed) : 0,
    };
  });
}
