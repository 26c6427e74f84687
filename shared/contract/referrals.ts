import { z } from 'zod';
import { method } from './method';
import { Id, IsoDate } from './common';
import {
  ADDITIONAL_SUPPORT,
  COMMUNICATION_NEEDS,
  COMMUNICATION_REQUIREMENTS,
  CULTURAL_NEEDS,
  LIVING_COMPANIONS,
  NEEDED_BY,
  PETS,
  RISK_LEVELS,
  RISKS_TO_CHILD,
  RISKS_TO_OTHERS,
  SUITABILITY,
} from '../domain/placements-standard';
import { OFSTED_CATEGORY_CODES } from '../domain/ofsted';
import { REFERRAL_STATUSES, URGENCIES } from '../domain/referrals';
import { SEXES } from '../domain/homes';
import { DEFAULT_REFERRAL_PURPOSE, PLACEMENT_PURPOSES } from '../domain/purposes';
import { NewChild } from './children';
import { MAX_WISHES, WISH_KINDS, WISH_TEXT_MAX } from '../domain/wishes';
import { ReminderSchema } from './referralDay';

const Risk = z.enum(RISK_LEVELS);
// Each risk is named as the form names it: 'risk level for self-harm'.
const riskShape = Object.fromEntries(
  Object.entries({ ...RISKS_TO_CHILD, ...RISKS_TO_OTHERS }).map(([k, label]) => [k, Risk.meta({ label: `risk level for ${label.toLowerCase()}` })]),
) as Record<keyof typeof RISKS_TO_CHILD | keyof typeof RISKS_TO_OTHERS, typeof Risk>;
export const RisksSchema = z.object(riskShape).strict();
export type Risks = z.infer<typeof RisksSchema>;

/** One wish as the child said it: what it is about, and their words. */
export const RecordedWishSchema = z
  .object({
    kind: z.enum(WISH_KINDS),
    text: z.string().trim().min(1, 'Write the wish in the child’s words').max(WISH_TEXT_MAX, `Keep each wish under ${WISH_TEXT_MAX} characters`),
  })
  .strict();

/**
 * Every Placements Standard field of a referral, grouped as a social worker thinks: the child, what
 * they need, risks, where, when, budget, their own wishes. The same schema validates the form,
 * the API and imports.
 */
export const ReferralFields = z
  .object({
    childId: Id.meta({ label: 'child' }),
    // When
    neededBy: z.enum(NEEDED_BY).meta({ label: 'needed-by timescale' }),
    neededByDate: IsoDate.meta({ label: 'needed-by date' }),
    siblingCount: z
      .number()
      .int('Siblings to place with must be a whole number')
      .min(0)
      .max(6, 'At most 6 siblings can be placed together')
      .meta({ label: 'number of siblings to place with' }),
    /** The brothers and sisters on record who move with the child; when given, siblingCount is their number. */
    siblingIds: z.array(Id).max(6, 'At most 6 siblings can be placed together').default([]).meta({ label: 'siblings to place with' }),
    // Where
    preferredLocation: z.string().trim().max(120, 'Keep the preferred location under 120 characters').meta({ label: 'preferred location' }),
    preferredLocationReason: z.string().trim().max(500, 'Keep the reason under 500 characters').meta({ label: 'reason for the preferred location' }),
    avoidCouncilIds: z.array(Id).max(20).meta({ label: 'councils to avoid' }),
    // Type suitability
    fosterSuitability: z.enum(SUITABILITY).meta({ label: 'suitability for foster care' }),
    residentialSuitability: z.enum(SUITABILITY).meta({ label: 'suitability for a residential home' }),
    supportedSuitability: z.enum(SUITABILITY).meta({ label: 'suitability for supported accommodation' }),
    // What they need
    communicationNeeds: z.enum(COMMUNICATION_NEEDS).meta({ label: 'communication needs' }),
    communicationRequirements: z
      .array(z.enum(COMMUNICATION_REQUIREMENTS))
      .min(1, 'Choose at least one communication requirement, or None')
      .meta({ label: 'communication requirements' }),
    homeAdaptation: z.boolean().meta({ label: 'home adaptation' }),
    culturalNeeds: z.enum(CULTURAL_NEEDS).meta({ label: 'cultural needs' }),
    livingCompanions: z.enum(LIVING_COMPANIONS).meta({ label: 'living companions' }),
    pets: z.enum(PETS).meta({ label: 'pets' }),
    additionalSupport: z.array(z.enum(ADDITIONAL_SUPPORT)).max(6).meta({ label: 'additional support' }),
    /** A Deprivation of Liberty order (High Court, inherent jurisdiction): the home must be able to meet its conditions. */
    deprivationOfLiberty: z.boolean().meta({ label: 'Deprivation of Liberty order' }),
    /** A secure accommodation order (Children Act 1989 s25): only a secure children's home, allocated nationally. Not the same as DoL. */
    secureOrder: z.boolean().meta({ label: 'secure accommodation order' }).default(false),
    ofstedNeeds: z
      .array(z.enum(OFSTED_CATEGORY_CODES as [string, ...string[]]))
      .max(7)
      .meta({ label: 'Ofsted categories needed' }),
    // Risks
    risks: RisksSchema.meta({ label: 'risks' }),
    riskOther: z.string().trim().max(500, 'Keep other risks under 500 characters').meta({ label: 'other risks to the child' }),
    riskToOthersOther: z.string().trim().max(500, 'Keep other risks under 500 characters').meta({ label: 'other risks to others' }),
    // Budget
    budgetCeilingPence: z
      .number()
      .int()
      .positive('A budget ceiling must be more than £0')
      .max(5_000_000, 'A weekly budget over £50,000 looks like a typing error')
      .nullable()
      .meta({ label: 'weekly budget ceiling' }),
    // Their own wishes, in their words
    childWishes: z.string().trim().max(2000, 'Keep the wishes under 2,000 characters').meta({ label: "child's wishes" }),
    // What kind of placement is asked for (not when: that is neededBy). Defaults to short-term, as
    // shared/domain/purposes.ts explains, so callers from before purposes stay valid.
    purpose: z
      .enum(PLACEMENT_PURPOSES, { message: 'Choose what kind of placement is needed' })
      .meta({ label: 'placement purpose' })
      .default(DEFAULT_REFERRAL_PURPOSE),
    /** The same wishes as the child said them, one kind each; only these are scored, never the words above. */
    wishes: z.array(RecordedWishSchema).max(MAX_WISHES, `Record at most ${MAX_WISHES} wishes`).meta({ label: 'wishes' }).default([]),
  })
  .strict();
export type ReferralFields = z.infer<typeof ReferralFields>;

export const ReferralSummary = z.object({
  id: Id,
  childId: Id,
  childRef: z.string(),
  /** Beside the reference, so a search by name shows why a line matched; only officers and administrators see referrals. */
  childFirstName: z.string(),
  age: z.number().int(),
  sex: z.enum(SEXES),
  councilId: Id,
  councilName: z.string(),
  neededBy: z.enum(NEEDED_BY),
  neededByDate: IsoDate,
  urgency: z.enum(URGENCIES),
  overdue: z.boolean(),
  status: z.enum(REFERRAL_STATUSES),
  needsSummary: z.string(),
  siblingCount: z.number().int(),
  receivedAt: z.string(),
  daysWaiting: z.number().int(),
  /** The officer who holds the referral; null only for referrals written before referrals were assigned. */
  assignedUserId: Id.nullable(),
  assignedName: z.string().nullable(),
  /** Holds lapsing, the needed-by date near or past, providers not answering: worked out when read. */
  reminders: z.array(ReminderSchema),
});
export type ReferralSummary = z.infer<typeof ReferralSummary>;

export const ReferralHistoryEntry = z.object({ at: z.string(), status: z.string(), note: z.string(), by: z.string() });

export const ReferralDetail = z.object({
  summary: ReferralSummary,
  fields: ReferralFields,
  history: z.array(ReferralHistoryEntry),
});
export type ReferralDetail = z.infer<typeof ReferralDetail>;

export const referralContract = {
  'referrals.inbox': method({
    doc: "Referrals in the officer's scope (open ones unless statuses are given) with urgency, needs summary, status and time waiting.",
    input: z
      .object({
        statuses: z.array(z.enum(REFERRAL_STATUSES)).min(1, 'Choose at least one status').optional(),
        /** Any part of the child's reference or first name, or of the council's name. */
        search: z.string().trim().max(40, 'Search at most 40 characters').optional().meta({ label: 'search' }),
        /** Only the referrals assigned to the signed-in officer. */
        mine: z.boolean().optional().meta({ label: 'my-referrals-only setting' }),
      })
      .strict(),
    output: z.array(ReferralSummary),
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
  'referrals.get': method({
    doc: 'One referral with every Placements Standard field and its history.',
    input: z.object({ referralId: Id }).strict(),
    output: ReferralDetail,
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
  'referrals.save': method({
    doc: 'Creates or updates a referral; a draft may be incomplete in spirit but never invalid.',
    input: z
      .object({ referralId: Id.nullable(), asDraft: z.boolean().meta({ label: 'draft setting' }), fields: ReferralFields.meta({ label: 'referral details' }) })
      .strict(),
    output: ReferralDetail,
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'child',
  }),
  'referrals.assignees': method({
    doc: 'The officers and administrators who may hold this referral: those of its council or of the whole region.',
    input: z.object({ referralId: Id }).strict(),
    output: z.array(z.object({ id: Id, displayName: z.string() })),
    access: ['placement_officer', 'administrator'],
    writes: false,
    // Names of staff, no child's data (the referral id only sets the council).
    sensitivity: 'none',
  }),
  'referrals.assign': method({
    doc: 'Gives a referral to another officer (of its council or the whole region); noted in its history and audited.',
    input: z.object({ referralId: Id, userId: Id.meta({ label: 'officer' }) }).strict(),
    output: ReferralDetail,
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'child',
  }),
  'referrals.saveForNewChild': method({
    doc: 'Creates a child not yet on record and their first referral together: both are written, or neither.',
    input: z
      .object({
        asDraft: z.boolean().meta({ label: 'draft setting' }),
        child: NewChild.meta({ label: "child's details" }),
        fields: ReferralFields.omit({ childId: true }).meta({ label: 'referral details' }),
      })
      .strict(),
    output: ReferralDetail,
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'child',
  }),
  'referrals.setStatus': method({
    doc: 'Moves a referral along its workflow (new → searching → shortlisted → offered → placed, or closed), with a note.',
    input: z
      .object({ referralId: Id, status: z.enum(REFERRAL_STATUSES).meta({ label: 'status' }), note: z.string().trim().max(1000).meta({ label: 'note' }) })
      .strict(),
    output: ReferralDetail,
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'child',
  }),
};
