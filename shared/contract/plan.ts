import { z } from 'zod';
import { method } from './method';
import { Id } from './common';
import { JobIdInput } from './jobs';

/** One plan's headline figures, as comparePlans gives them. */
export const PlanFigures = z.object({
  method: z.string(),
  childrenPlaced: z.number().int(),
  childrenWithinTwentyMiles: z.number().int(),
  siblingGroupsKeptTogether: z.number().int(),
  siblingGroupsUnplaced: z.number().int(),
  weeklyCostPence: z.number().int(),
  totalScore: z.number(),
  meanScore: z.number(),
  childrenUnplaced: z.number().int(),
  referralsUnplaced: z.number().int(),
  /** Children needed today or within five days, and how many of them the plan places (always by their needed-by date). */
  urgentChildren: z.number().int(),
  urgentChildrenPlaced: z.number().int(),
  /** Children placed where they can keep their school. */
  schoolsKept: z.number().int(),
  /** Mean stability score per placed child, 0-100. */
  meanStability: z.number(),
});
export type PlanFigures = z.infer<typeof PlanFigures>;

export const ProposedMatch = z.object({
  referralId: Id,
  childRef: z.string(),
  /** The referral's status when the plan was run ('new' ones are moved to searching before a hold). */
  referralStatus: z.string(),
  /** Children placed together: 1, or the size of the sibling group. */
  children: z.number().int(),
  vacancyId: Id,
  homeName: z.string(),
  councilName: z.string(),
  score: z.number(),
  weeklyPence: z.number().int(),
  miles: z.number(),
  withinTwentyMiles: z.boolean(),
  /** Needed today or within five days. */
  urgent: z.boolean(),
  /** Whether the child keeps their school from this home; null when no school is recorded. */
  schoolKept: z.boolean().nullable(),
  stability: z.number(),
  /** Where first come, first served would have put this referral instead; null when the same home or unplaced. */
  greedyHomeName: z.string().nullable(),
});
export type ProposedMatch = z.infer<typeof ProposedMatch>;

export const PlanResult = z.object({
  policyVersion: z.number().int(),
  /** The policy's distance line in miles (DfE's 20 by default): `childrenWithinTwentyMiles` and `withinTwentyMiles` count within it. */
  distanceLineMiles: z.number(),
  referrals: z.number().int(),
  /** Open referrals left out because a bed is already held for them (their officer is placing them). */
  referralsHoldingBeds: z.number().int(),
  vacancies: z.number().int(),
  optimal: PlanFigures,
  greedy: PlanFigures,
  optimality: z.object({ status: z.string(), statement: z.string() }),
  /** How the policy weighs urgency and settles ties, in words (policy.ts urgencyInWords). */
  urgency: z.string(),
  matches: z.array(ProposedMatch),
  unplaced: z.array(z.object({ referralId: Id, childRef: z.string(), reason: z.string(), urgent: z.boolean() })),
  solveMs: z.number(),
});
export type PlanResult = z.infer<typeof PlanResult>;

export const planContract = {
  'plan.start': method({
    doc: "Runs the whole-region plan (optimal and first come, first served) as a job over the open referrals in the caller's scope and every open vacancy; answers with both plans compared.",
    input: z.object({ jobId: JobIdInput.optional() }).strict(),
    output: PlanResult,
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
    job: 'plan',
  }),
};
