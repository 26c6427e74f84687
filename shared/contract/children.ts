import { z } from 'zod';
import { method } from './method';
import { Id, IsoDate } from './common';
import { SEXES } from '../domain/homes';

export const ChildSummary = z.object({
  id: Id,
  ref: z.string(),
  /** Shown beside the reference so an officer can find a child by name; only officers and administrators reach children. */
  firstName: z.string(),
  /** Null when the stored birth date is not a calendar date (see the profile's unreadableDates). */
  age: z.number().int().nullable(),
  sex: z.enum(SEXES),
  councilId: Id,
  councilName: z.string(),
});
/**
 * The few facts a child record needs when a first referral arrives before the child is on record
 * (first entry into care). The app gives the child a pseudonymous reference.
 */
export const NewChild = z
  .object({
    firstName: z.string().trim().min(1, "Give the child's first name").max(60, 'Keep the first name under 60 characters').meta({ label: "child's first name" }),
    birthDate: IsoDate.meta({ label: 'date of birth' }),
    sex: z.enum(SEXES).meta({ label: 'sex' }),
    councilId: Id.meta({ label: "child's council" }),
    /** A full postcode (checked) or the name of an area; empty when not known. */
    homeArea: z.string().trim().max(100, 'Keep the home postcode or area under 100 characters').default('').meta({ label: 'home postcode or area' }),
  })
  .strict();
export type NewChild = z.infer<typeof NewChild>;

/** One page of the children list, and how many children match in all (for "N children" and the pager). */
export const ChildPage = z.object({ rows: z.array(ChildSummary), total: z.number().int().nonnegative() });
export type ChildPage = z.infer<typeof ChildPage>;

export const ChildDetail = ChildSummary.extend({
  /** Null when the stored value is not a calendar date. */
  birthDate: IsoDate.nullable(),
  placeLabel: z.string(),
});

export const PlacementEpisodeView = z.object({
  start: IsoDate,
  end: IsoDate.nullable(),
  placeCode: z.string(),
  placeLabel: z.string(),
  providerLabel: z.string(),
  homeName: z.string().nullable(),
  reasonForChange: z.string().nullable(),
  distanceMiles: z.number().nullable(),
  // Endings (issue 13, point 5): the codes beside their labels, and planned or not from shared/domain/endings.ts.
  reasonForChangeCode: z.string().nullable().default(null),
  /** SSDA903 REC, and its label: why the episode ended. */
  ceasedCode: z.string().nullable().default(null),
  ceasedLabel: z.string().nullable().default(null),
  ending: z.enum(['planned', 'unplanned']).nullable().default(null),
});

/** A stored date that is not a day on the calendar (written by hand into the store, or an old import). */
export const UnreadableDate = z.object({ field: z.string(), label: z.string(), value: z.string() });

export const ChildProfile = z.object({
  child: ChildDetail.extend({
    ethnicity: z.string(),
    legalStatus: z.string(),
    categoryOfNeed: z.string(),
    uasc: z.boolean(),
    disability: z.boolean(),
    wheelchair: z.boolean(),
    send: z.string(),
    communication: z.array(z.string()),
    languages: z.array(z.string()),
    religion: z.string(),
    culturalNeeds: z.string(),
    schoolLabel: z.string(),
    livingCompanions: z.string(),
    pets: z.string(),
    risks: z.array(z.string()),
    wishes: z.string(),
  }),
  siblings: z.array(z.object({ id: Id, ref: z.string(), age: z.number().int().nullable(), currentHome: z.string().nullable() })),
  history: z.array(PlacementEpisodeView.extend({ start: IsoDate.nullable() })),
  /** Dates in the stored record that could not be read; the rest of the profile is shown. */
  unreadableDates: z.array(UnreadableDate),
  stability: z.object({
    movesLast12Months: z.number().int(),
    placementsTotal: z.number().int(),
    daysInCurrentHome: z.number().int().nullable(),
    currentHomeName: z.string().nullable(),
  }),
  /** The placement in one of the region's homes the child lives in now, which an officer may end; null when none. */
  currentPlacement: z.object({ placementId: Id, homeName: z.string(), startDate: IsoDate }).nullable().default(null),
  /** Looked after now: an SSDA903 episode with no end (a move then needs a reason for placement change). */
  inCare: z.boolean().default(false),
});
export type ChildProfile = z.infer<typeof ChildProfile>;

export const childContract = {
  'children.list': method({
    doc: "One page of the children in care in the user's council scope, by pseudonymous reference, with the count of all that match.",
    input: z
      .object({
        /** Any part of a reference, a first name or a council's name. */
        search: z.string().trim().max(40, 'Search at most 40 characters').optional().meta({ label: 'search' }),
        /** Rows in the page: a request never returns the whole region at once. */
        limit: z.number().int().min(1).max(500).default(100).meta({ label: 'number of children per page' }),
        /** Matching children to skip before the page starts (in reference order). */
        offset: z.number().int().min(0).default(0).meta({ label: 'number of children to skip' }),
      })
      .strict(),
    output: ChildPage,
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
  'children.get': method({
    doc: "One child's record; every view is audited.",
    input: z.object({ childId: Id }).strict(),
    output: ChildDetail,
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
  'children.profile': method({
    doc: "A child's needs, risks, siblings, placement history and stability indicators; every view is audited.",
    input: z.object({ childId: Id }).strict(),
    output: ChildProfile,
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
};
