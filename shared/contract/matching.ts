import { z } from 'zod';
import { method } from './method';
import { Id, IsoDate } from './common';
import { HOME_KINDS, OFSTED_GRADES } from '../domain/homes';
import { DISTANCE_REASONS } from '../domain/placements-standard';
import { FACTORS, HARD_RULES, OWNERSHIPS, STABILITY_FACTORS } from '../scoring/types';

const Factor = z.object({
  score: z.number(),
  points: z.number(),
  weightShare: z.number(),
  lines: z.array(z.string()),
  /** False when the factor has no score for this child (no wishes recorded): the card says so, and its weight went to the others. Searches kept from before were all scored. */
  scored: z.boolean().default(true),
});
const Money = z.number().int().min(0, 'Money cannot be negative').max(5_000_000, 'Over £50,000 a week looks like a typing error').meta({ pence: true });
export const PriceSplit = z
  .object({
    core: Money.meta({ label: 'core weekly price' }),
    support: Money.meta({ label: 'weekly price for support' }),
    education: Money.meta({ label: 'weekly price for education' }),
    other: Money.meta({ label: 'other weekly price' }),
  })
  .strict();

export const RankedHome = z.object({
  rank: z.number().int(),
  vacancyId: Id,
  homeId: Id,
  homeName: z.string(),
  providerName: z.string(),
  phone: z.string(),
  kind: z.enum(HOME_KINDS),
  ownership: z.enum(OWNERSHIPS),
  councilName: z.string(),
  ofstedGrade: z.enum(OFSTED_GRADES).nullable(),
  lat: z.number(),
  lon: z.number(),
  beds: z.number().int(),
  availableFrom: IsoDate,
  total: z.number(),
  factors: z.object(Object.fromEntries(FACTORS.map((f) => [f, Factor])) as Record<(typeof FACTORS)[number], typeof Factor>),
  stability: z.array(z.object({ factor: z.enum(STABILITY_FACTORS), points: z.number(), maxPoints: z.number(), line: z.string() })),
  inHouseBonus: z.number(),
  homeMiles: z.number(),
  schoolMiles: z.number().nullable(),
  withinTwentyMiles: z.boolean(),
  insideHomeCouncil: z.boolean(),
  weeklyPence: z.number().int(),
  annualPence: z.number().int(),
  priceSplit: PriceSplit,
  explanation: z.array(z.string()),
});
export type RankedHome = z.infer<typeof RankedHome>;

export const ExcludedHome = z.object({
  vacancyId: Id,
  homeName: z.string(),
  providerName: z.string(),
  kind: z.enum(HOME_KINDS),
  councilName: z.string(),
  reasons: z.array(z.string()),
});

/** What excluded the homes, by rule, and what one step of widening each limit would add; never a change to the policy. */
export const SearchWidening = z.object({
  excludedBy: z.array(z.object({ rule: z.enum(HARD_RULES), label: z.string(), homes: z.number().int() })),
  widenings: z.array(z.object({ rule: z.enum(HARD_RULES), changes: z.enum(['policy', 'referral']), moreHomes: z.number().int(), words: z.string() })),
});
export type SearchWidening = z.infer<typeof SearchWidening>;

/**
 * A search answers with this many of its ranked homes and of its excluded homes, best first; the
 * rest come on request (`matching.run` with `all`). A region's whole list can run to thousands of
 * homes, and officers work from the top: shipping and drawing every one would slow the search and
 * every other call waiting behind it. The search is kept whole either way.
 */
export const SEARCH_PAGE = 200;

export const SearchResult = z.object({
  runId: Id,
  referralId: Id,
  at: z.string(),
  by: z.string(),
  policyVersion: z.number().int(),
  /** The policy's distance line in miles (DfE's 20 by default): `withinTwentyMiles` and the map's circle are drawn at it. */
  distanceLineMiles: z.number(),
  childWishes: z.string(),
  childHome: z.object({ lat: z.number(), lon: z.number() }),
  childSchool: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  ranked: z.array(RankedHome),
  excluded: z.array(ExcludedHome),
  /** How many homes the search ranked and excluded in all: `ranked` and `excluded` hold the first SEARCH_PAGE of each unless every home was asked for. */
  rankedTotal: z.number().int(),
  excludedTotal: z.number().int(),
  /** Only when no home passed the hard rules; searches kept before this was added have none. */
  widening: SearchWidening.nullable().optional(),
});
export type SearchResult = z.infer<typeof SearchResult>;

const ReferralAndVacancy = { referralId: Id, vacancyId: Id.meta({ label: 'vacancy' }) };

export const matchingContract = {
  'matching.search': method({
    doc: 'Ranks every open vacancy in the region for a referral and keeps the search, policy version and all, so it can be reproduced.',
    input: z.object({ referralId: Id }).strict(),
    output: SearchResult,
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'child',
  }),
  'matching.runs': method({
    doc: "A referral's searches, newest first.",
    input: z.object({ referralId: Id }).strict(),
    output: z.array(
      z.object({ id: Id, at: z.string(), policyVersion: z.number().int(), ranked: z.number().int(), excluded: z.number().int(), by: z.string() }),
    ),
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
  'matching.run': method({
    doc: 'One search exactly as it was run: every option, every exclusion reason, the child’s wishes (the first page of each list, or every home with `all`).',
    input: z.object({ runId: Id.meta({ label: 'search' }), all: z.boolean().meta({ label: 'every home' }).default(false) }).strict(),
    output: SearchResult,
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
  'matching.shortlist': method({
    doc: "A search's chosen homes (or its top ten) with every factor's reasons, the child's wishes, the policy version and the date, as PDF or XLSX for the matching panel.",
    input: z
      .object({
        runId: Id.meta({ label: 'search' }),
        /** The homes to list, by vacancy, in the search's rank order; none means the top ten. */
        vacancyIds: z.array(Id).max(50, 'A shortlist holds at most 50 homes').default([]).meta({ label: 'homes to list' }),
        format: z.enum(['pdf', 'xlsx']).meta({ label: 'file format' }),
      })
      .strict(),
    output: z.object({ filename: z.string(), mimeType: z.string(), base64: z.string(), bytes: z.number().int(), homes: z.number().int() }),
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
  'placement.hold': method({
    doc: 'Holds a vacancy for a referral while the provider is asked; the referral becomes shortlisted.',
    input: z.object({ ...ReferralAndVacancy, note: z.string().trim().max(500).meta({ label: 'note' }) }).strict(),
    output: z.object({ done: z.literal(true) }),
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'child',
  }),
  'placement.recordResponse': method({
    doc: "Records a provider's offer (with its price) or refusal (with the reason); a refusal releases the hold.",
    input: z
      .object({
        ...ReferralAndVacancy,
        response: z.enum(['offered', 'refused']).meta({ label: "provider's response" }),
        reason: z.string().trim().max(500).meta({ label: 'reason' }),
        price: PriceSplit.nullable().meta({ label: 'weekly price offered' }),
      })
      .strict(),
    output: z.object({ done: z.literal(true) }),
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'child',
  }),
  'placement.place': method({
    doc: "Places the child (and siblings): the vacancy, the referral, the children's histories and the audit trail change in one transaction; `price` is the group's, shared across the children.",
    input: z
      .object({
        ...ReferralAndVacancy,
        startDate: IsoDate.meta({ label: 'start date' }),
        price: PriceSplit.meta({ label: 'agreed weekly price' }),
        rationale: z.string().trim().min(10, 'Say in a sentence or two why this home was chosen').max(2000).meta({ label: 'reason this home was chosen' }),
        distanceReason: z.enum(DISTANCE_REASONS).meta({ label: 'reason for the distance' }),
        // Placing and moving (issue 13, point 5): the codes the officer chooses for the 903 history.
        /** SSDA903 PLACE; absent: the one that fits the home (shared/domain/placing.ts placeCodeFor). */
        place: z.string().trim().max(4).meta({ label: 'placement type (PLACE)' }).optional(),
        /** SSDA903 REASON_PLACE_CHANGE for the placement the child leaves: needed when they already live somewhere in care. */
        reasonPlaceChange: z.string().trim().max(6).meta({ label: 'reason for the change of placement' }).nullable().default(null),
      })
      .strict(),
    output: z.object({ placementId: Id }),
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'child',
  }),
  'placement.end': method({
    doc: "Ends a child's placement as they leave care: the SSDA903 reason episode ceased closes their episode, the bed goes back to the vacancy, the referral closes.",
    input: z
      .object({
        /** The placement to end; or `childId` for the child's one open placement. */
        placementId: Id.optional(),
        childId: Id.optional(),
        endDate: IsoDate,
        /** SSDA903 REC, valid in the collection year of `endDate`; a move within care is recorded by placing the child, not here. */
        reasonEpisodeCeased: z.string().trim().min(1, 'Choose why the child’s care ended').max(4),
        note: z.string().trim().max(1000, 'Keep the note under 1,000 characters').default(''),
      })
      .strict(),
    output: z.object({ placementId: Id, ending: z.enum(['planned', 'unplanned']), vacancyStatus: z.enum(['open', 'held']).nullable() }),
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'child',
  }),
  'placement.offers': method({
    doc: 'Holds, offers and refusals recorded for a referral.',
    input: z.object({ referralId: Id }).strict(),
    output: z.array(
      z.object({ vacancyId: Id, homeName: z.string(), status: z.string(), reason: z.string(), weeklyPence: z.number().int(), at: z.string(), by: z.string() }),
    ),
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
};
