import { z } from 'zod';
import { method } from './method';
import { Id } from './common';

const Weight = z.number().min(0, 'A weight cannot be negative').max(100, 'Weights run from 0 to 100');

/** What the policy screen edits; everything else in the policy is carried over from the current version. */
export const PolicyEdit = z
  .object({
    weights: z
      .object({
        cost: Weight.meta({ label: 'weight for cost' }),
        distance: Weight.meta({ label: 'weight for distance' }),
        stability: Weight.meta({ label: 'weight for stability' }),
        needs: Weight.meta({ label: 'weight for needs' }),
        wishes: Weight.meta({ label: "weight for the child's wishes" }),
      })
      .strict()
      .refine((w) => Object.values(w).some((x) => x > 0), 'At least one score weight must be above zero')
      .meta({ label: 'score weights' }),
    caps: z
      .object({
        maxMiles: z
          .number()
          .min(1, 'The distance limit must be at least 1 mile')
          .max(500, 'Over 500 miles is no limit at all')
          .meta({ label: 'distance limit in miles' }),
        maxWeeklyPence: z
          .number()
          .int('Whole pence')
          .min(100, 'The price limit must be at least £1')
          .max(5_000_000, 'Over £50,000 a week looks like a typing error')
          .meta({ label: 'weekly price limit' }),
      })
      .strict()
      .meta({ label: 'limits' }),
    inHouseBonus: z
      .number()
      .min(0, 'The bonus cannot be negative')
      .max(20, 'An in-house bonus over 20 points would outweigh the child’s needs')
      .meta({ label: 'in-house bonus' }),
    excludeInadequate: z.boolean().meta({ label: 'exclusion of inadequate homes' }),
    plan: z
      .object({
        objective: z.enum(['maximiseQuality', 'minimiseCostAboveFloor']).meta({ label: "plan's objective" }),
        qualityFloor: z.number().min(0, 'From 0').max(100, 'Up to 100').meta({ label: 'quality floor' }),
      })
      .strict()
      .meta({ label: 'plan settings' }),
  })
  .strict();
export type PolicyEdit = z.infer<typeof PolicyEdit>;

export const PolicyView = z.object({
  version: z.number().int(),
  name: z.string(),
  edit: PolicyEdit,
  weightShares: z.record(z.string(), z.number()),
});

export const PolicyVersion = z.object({ version: z.number().int(), note: z.string(), createdAt: z.string(), createdBy: z.string() });

const TopMatch = z.object({ vacancyId: Id, homeName: z.string(), score: z.number(), weeklyPence: z.number().int(), miles: z.number() }).nullable();

export const PolicyPreview = z.object({
  referrals: z.number().int(),
  changed: z.number().int(),
  matchedNow: z.number().int(),
  matchedProposed: z.number().int(),
  rows: z.array(z.object({ referralId: Id, childRef: z.string(), councilName: z.string(), current: TopMatch, proposed: TopMatch, changed: z.boolean() })),
});
export type PolicyPreview = z.infer<typeof PolicyPreview>;

export const policyContract = {
  'policy.get': method({
    doc: 'The matching policy in force (the editable part) and every saved version.',
    input: z.object({}).strict(),
    output: z.object({ current: PolicyView, versions: z.array(PolicyVersion) }),
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'none',
  }),
  'policy.save': method({
    doc: 'Saves a new version of the matching policy (the next number); searches from now on use it.',
    input: z.object({ policy: PolicyEdit.meta({ label: 'policy' }), note: z.string().trim().max(500).meta({ label: 'note on this change' }) }).strict(),
    output: z.object({ version: z.number().int() }),
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
  }),
  'policy.preview': method({
    doc: 'For each open referral in scope, its top match under the current policy and under a proposed one; nothing is saved.',
    input: z.object({ policy: PolicyEdit }).strict(),
    output: PolicyPreview,
    access: ['administrator'],
    writes: false,
    sensitivity: 'child',
  }),
};
