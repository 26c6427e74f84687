import { z } from 'zod';
import { method } from './method';
import { JobIdInput } from './jobs';
import { Id, IsoDate } from './common';
import { HOME_KINDS, OFSTED_GRADES } from '../domain/homes';
import { OFSTED_CATEGORY_CODES, type OfstedCategory } from '../domain/ofsted';
import { DISTANCE_REASONS } from '../domain/placements-standard';

/*
 * The commissioner's views of the market. Every output here is an aggregate, a price, a provider
 * or a pseudonymous reference: no child's name, date of birth or case detail. The dispatcher parses
 * each answer with these schemas, and zod objects drop keys they do not declare, so a service that
 * read more than it should cannot pass it on.
 */

/** DfE's age bands for children looked after, so figures line up with the national statistics. */
export const AGE_BANDS = ['Under 1', '1 to 4', '5 to 9', '10 to 15', '16 and over'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
/** Lowest and highest age in each band (16 and over stops at 17: the age children leave care). */
export const AGE_BAND_RANGES: Record<AgeBand, readonly [number, number]> = {
  'Under 1': [0, 0],
  '1 to 4': [1, 4],
  '5 to 9': [5, 9],
  '10 to 15': [10, 15],
  '16 and over': [16, 17],
};
export function ageBandOf(age: number): AgeBand {
  if (age < 1) return 'Under 1';
  if (age <= 4) return '1 to 4';
  if (age <= 9) return '5 to 9';
  if (age <= 15) return '10 to 15';
  return '16 and over';
}

/** Foster carers are paid by fee band 1-4 (the engine's mainstream/enhanced/specialist/complex). */
export const FEE_TIERS = [1, 2, 3, 4] as const;
export const FEE_TIER_LABELS: Record<number, string> = { 1: 'Mainstream', 2: 'Enhanced', 3: 'Specialist', 4: 'Complex' };

/** The region's own homes (its councils' and the RCC's) against the independent sector. */
export const SECTORS = ['in_house', 'external'] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = { in_house: 'In-house', external: 'External' };

export const SUPPORTED_KINDS = ['solo', 'shared', 'lodgings'] as const;
export const PRICE_SOURCES = ['placements', 'vacancies'] as const;
export type PriceSource = (typeof PRICE_SOURCES)[number];

/** Weeks in the "annualised" figures, as the matching engine and council budgets use. */
export const WEEKS_PER_YEAR = 52;

/** Categories whose annual unit cost is compared, and between which children can be moved. */
export const UNIT_COST_CATEGORIES = [
  'foster:in_house',
  'foster:external',
  'residential:in_house',
  'residential:external',
  'supported:in_house',
  'supported:external',
] as const;
export type UnitCostCategory = (typeof UNIT_COST_CATEGORIES)[number];
export const UNIT_COST_LABELS: Record<UnitCostCategory, string> = {
  'foster:in_house': 'In-house foster care',
  'foster:external': 'Independent fostering agency (IFA)',
  'residential:in_house': "In-house children's home",
  'residential:external': "External children's home",
  'supported:in_house': 'In-house supported accommodation',
  'supported:external': 'External supported accommodation',
};

export const NEEDS = [...OFSTED_CATEGORY_CODES, 'DISABILITY'] as const;
export type Need = OfstedCategory | 'DISABILITY';

const Pence = z.number().int();
const Count = z.number().int().nonnegative();
const Kind = z.enum(HOME_KINDS);
const Grade = z.enum(OFSTED_GRADES);

/** A council to narrow to; a council-scoped user may name only their own. */
const CouncilFilter = z.object({ councilId: Id.optional() }).strict();

export const PriceFilter = z
  .object({
    sources: z
      .array(z.enum(PRICE_SOURCES))
      .min(1, 'Choose placements, vacancies or both')
      .max(2)
      .default(['placements', 'vacancies'])
      .meta({ label: 'sources of prices' }),
    kind: Kind.optional().meta({ label: 'kind of home' }),
    feeTier: z.number().int().min(1).max(4).optional().meta({ label: 'fee tier' }),
    ageBand: z.enum(AGE_BANDS).optional().meta({ label: 'age band' }),
    category: z
      .enum(OFSTED_CATEGORY_CODES as [OfstedCategory, ...OfstedCategory[]])
      .optional()
      .meta({ label: 'Ofsted category' }),
    supportedKind: z.enum(SUPPORTED_KINDS).optional().meta({ label: 'kind of supported accommodation' }),
    ofstedGrade: Grade.optional().meta({ label: 'Ofsted grade' }),
    councilId: Id.optional(),
    providerId: Id.optional(),
    sector: z.enum(SECTORS).optional(),
  })
  .strict();
export type PriceFilter = z.infer<typeof PriceFilter>;

/** Tukey's box: quartiles by linear interpolation (Excel's QUARTILE.INC), fences 1.5 IQR beyond them. */
export const BoxStats = z.object({
  n: Count,
  min: Pence,
  q1: z.number(),
  median: z.number(),
  q3: z.number(),
  max: Pence,
  mean: z.number(),
  lowerFence: z.number(),
  upperFence: z.number(),
});
export type BoxStats = z.infer<typeof BoxStats>;

export const GroupStats = z.object({ kind: Kind, key: z.string(), label: z.string(), stats: BoxStats });
export type GroupStats = z.infer<typeof GroupStats>;

export const PriceSplit = z.object({ core: Pence, support: Pence, education: Pence, other: Pence });

/** One weekly price: an agreed placement (P-) or an open vacancy (V-); never the child. */
export const PriceObservation = z.object({
  ref: z.string(),
  source: z.enum(PRICE_SOURCES),
  providerId: Id,
  providerName: z.string(),
  kind: Kind,
  sector: z.enum(SECTORS),
  feeTier: z.number().int().nullable(),
  /** Fee tier of a foster or children’s home, solo/shared/lodgings of supported accommodation. */
  level: z.string().nullable(),
  grade: Grade,
  councilId: Id,
  councilName: z.string(),
  distanceMiles: z.number().nullable(),
  weeklyPence: Pence,
  split: PriceSplit,
  outlier: z.enum(['high', 'low']).nullable(),
});
export type PriceObservation = z.infer<typeof PriceObservation>;

export const ProviderPosition = z.object({
  providerId: Id,
  providerName: z.string(),
  kind: Kind,
  sector: z.enum(SECTORS),
  grade: Grade,
  stats: BoxStats,
  /** The provider's median against the region's median for the same type, in per cent. */
  vsRegionPct: z.number(),
  outliers: Count,
});
export type ProviderPosition = z.infer<typeof ProviderPosition>;

export const SplitRow = z.object({
  kind: Kind,
  n: Count,
  mean: PriceSplit,
  sharePct: z.object({ core: z.number(), support: z.number(), education: z.number(), other: z.number() }),
});

export const PricesView = z.object({
  asOf: IsoDate,
  total: Count,
  outliers: Count,
  /** The region's distribution for each type: its median is the benchmark every provider is placed against. */
  byKind: z.array(GroupStats),
  byProvider: z.array(ProviderPosition),
  /** Fee tiers of foster and children’s homes, and kinds of supported accommodation. */
  byLevel: z.array(GroupStats),
  byGrade: z.array(GroupStats),
  byCouncil: z.array(GroupStats),
  bySector: z.array(GroupStats),
  byDistance: z.array(GroupStats),
  split: z.array(SplitRow),
  /** Every price when there are at most POINTS_LIMIT, otherwise every outlier and an even sample of the rest. */
  points: z.array(PriceObservation),
  pointsSampled: z.boolean(),
});
export type PricesView = z.infer<typeof PricesView>;
export const POINTS_LIMIT = 2000;

/**
 * What an in-house placement costs beyond the carer's payments, per week per placement: entered by
 * a commissioner so the in-house unit cost is all-in, as an agency's price is.
 */
export const OVERHEAD_PARTS = ['supervising', 'recruitment', 'training', 'support'] as const;
export type OverheadPart = (typeof OVERHEAD_PARTS)[number];
export const OVERHEAD_LABELS: Record<OverheadPart, string> = {
  supervising: 'Supervising social work',
  recruitment: 'Recruitment',
  training: 'Training',
  support: 'Support',
};
const OverheadPence = z
  .number()
  .int('Enter whole pence')
  .min(0, 'An overhead cannot be negative')
  .max(5_000_000, 'Over £50,000 a week per placement looks like a typing error');
export const InHouseOverheadsInput = z
  .object({ kind: Kind, supervising: OverheadPence, recruitment: OverheadPence, training: OverheadPence, support: OverheadPence })
  .strict();
export const InHouseOverheadsRow = z.object({
  kind: Kind,
  supervising: Pence,
  recruitment: Pence,
  training: Pence,
  support: Pence,
  totalPence: Pence,
  /** When and by whom last entered; null before anyone has (every overhead then counts as 0). */
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type InHouseOverheadsRow = z.infer<typeof InHouseOverheadsRow>;

export const UnitCostRow = z.object({
  category: z.enum(UNIT_COST_CATEGORIES),
  label: z.string(),
  kind: Kind,
  sector: z.enum(SECTORS),
  currentPlacements: Count,
  /** All in: the mean of agreed prices (for in-house, carer payments) plus overheadsWeeklyPence. */
  meanWeeklyPence: Pence.nullable(),
  medianWeeklyPence: Pence.nullable(),
  /** The mean of the agreed prices alone: for in-house homes, what carers are paid. */
  paymentsWeeklyPence: Pence.nullable(),
  /** In-house overheads per week per placement, as the commissioner entered them; 0 for external homes, whose price includes theirs. */
  overheadsWeeklyPence: Pence,
  /** What the figure includes, in words, for the screen and the report. */
  includes: z.string(),
  /** Mean weekly cost x 52: what one child costs for a year. */
  annualUnitCostPence: Pence.nullable(),
  /** 'placements' when current placements exist; otherwise open vacancies' asking prices stand in. */
  basis: z.enum(['placements', 'vacancies', 'none']),
  openBeds: Count,
});
export type UnitCostRow = z.infer<typeof UnitCostRow>;

export const UnitCostsView = z.object({ asOf: IsoDate, rows: z.array(UnitCostRow) });

export const MoveScenarioInput = z
  .object({
    from: z.enum(UNIT_COST_CATEGORIES).meta({ label: 'kind of home to move from' }),
    to: z.enum(UNIT_COST_CATEGORIES).meta({ label: 'kind of home to move to' }),
    children: z
      .number()
      .int('Children must be a whole number')
      .min(1, 'Move at least 1 child')
      .max(1000, 'At most 1,000 children')
      .meta({ label: 'number of children' }),
  })
  .strict()
  .refine((v) => v.from !== v.to, { message: 'Choose two different kinds of home', path: ['to'] });

export const MoveScenarioView = z.object({
  from: UnitCostRow,
  to: UnitCostRow,
  children: Count,
  /** Positive costs more; negative is a saving. */
  weeklyChangePence: Pence,
  annualChangePence: Pence,
  /** The change from today to 31 March, if the moves happened today. */
  restOfYearChangePence: Pence,
  daysLeftInYear: Count,
  financialYearEnd: IsoDate,
  /** Open beds in the destination today; fewer than the children moved means homes must be found or built. */
  bedsAvailable: Count,
  warnings: z.array(z.string()),
});
export type MoveScenarioView = z.infer<typeof MoveScenarioView>;

export const SpendRow = z.object({
  key: z.string(),
  label: z.string(),
  placements: Count,
  weeklyPence: Pence,
  annualisedPence: Pence,
  sharePct: z.number(),
});
export type SpendRow = z.infer<typeof SpendRow>;

export const SpendMonth = z.object({ month: z.string(), actualPence: Pence, forecastPence: Pence });

export const SpendView = z.object({
  asOf: IsoDate,
  scope: z.string(),
  currentPlacements: Count,
  weeklyPence: Pence,
  annualisedPence: Pence,
  byCouncil: z.array(SpendRow),
  byKind: z.array(SpendRow),
  bySector: z.array(SpendRow),
  byProvider: z.array(SpendRow),
  forecast: z.object({
    yearStart: IsoDate,
    yearEnd: IsoDate,
    spentToDatePence: Pence,
    remainingPence: Pence,
    outturnPence: Pence,
    /** Current placements whose planned end falls before 31 March. */
    endingBeforeYearEnd: Count,
    months: z.array(SpendMonth),
  }),
});
export type SpendView = z.infer<typeof SpendView>;

/** A costly placement by pseudonymous reference only. */
export const TopPlacement = z.object({
  placementRef: z.string(),
  childRef: z.string(),
  councilName: z.string(),
  providerName: z.string(),
  kind: Kind,
  sector: z.enum(SECTORS),
  grade: Grade,
  weeklyPence: Pence,
  split: PriceSplit,
  annualisedPence: Pence,
  distanceMiles: z.number().nullable(),
});
export type TopPlacement = z.infer<typeof TopPlacement>;

export const DemandSupplyRow = z.object({
  key: z.string(),
  label: z.string(),
  referrals: Count,
  placements: Count,
  openBeds: Count,
  approvedPlaces: Count,
  /** Open beds less open referrals: negative is a shortfall. */
  balance: z.number().int(),
});
export type DemandSupplyRow = z.infer<typeof DemandSupplyRow>;

export const GapRow = z.object({
  councilId: Id,
  councilName: z.string(),
  kind: Kind,
  referrals: Count,
  openBeds: Count,
  balance: z.number().int(),
});
export type GapRow = z.infer<typeof GapRow>;

export const MapCouncil = z.object({
  councilId: Id,
  name: z.string(),
  x: z.number(),
  y: z.number(),
  referrals: Count,
  placements: Count,
  openBeds: Count,
  /** Circles for open referrals (drawn left of the centre) and open beds (right), area in proportion, in map units. */
  referralRadius: z.number().nonnegative(),
  bedRadius: z.number().nonnegative(),
  /** Where the council's two-line label is centred (the name's baseline), placed clear of other labels and circles. */
  labelX: z.number(),
  labelY: z.number(),
});
/** A home with open beds, its position coarsened to about a kilometre so no address can be read off the map. */
export const MapPoint = z.object({ x: z.number(), y: z.number(), kind: Kind, beds: Count });

export const SufficiencyView = z.object({
  asOf: IsoDate,
  scope: z.string(),
  openReferrals: Count,
  currentPlacements: Count,
  openBeds: Count,
  approvedPlaces: Count,
  byKind: z.array(DemandSupplyRow),
  byAgeBand: z.array(DemandSupplyRow),
  byNeed: z.array(DemandSupplyRow),
  byCouncil: z.array(DemandSupplyRow),
  gaps: z.array(GapRow),
  distance: z.object({
    /**
     * The policy's distance line (DfE's 20 miles by default): `over20Miles` and the labels count
     * children placed beyond it. The field names keep DfE's name for the measure.
     */
    lineMiles: z.number(),
    currentPlacements: Count,
    outOfArea: Count,
    /** Children DfE's figure counts (shared/domain/dfeDistance.ts) placed beyond the line. */
    over20Miles: Count,
    /** Left out of the distance figure as DfE leaves them out: unaccompanied asylum-seeking children, and short breaks (LS V3/V4). */
    excludedUasc: Count,
    excludedShortBreaks: Count,
    /** Counted apart: no home or placement location recorded, so no distance. Never estimated. */
    noHomeLocation: Count,
    /** Placements the share is of: DfE counts them and their distance is known. */
    countedForDistance: Count,
    outOfAreaPct: z.number(),
    /** over20Miles as a percentage of countedForDistance. */
    over20MilesPct: z.number(),
    /**
     * Why children were placed outside their council or beyond the distance line: `count` of both,
     * split into those beyond the line (the DfE's placed-at-distance measure) and those outside their
     * council but within it.
     */
    reasons: z.array(z.object({ reason: z.enum(DISTANCE_REASONS).or(z.string()), count: Count, over20Miles: Count, outOfAreaWithin20Miles: Count })),
  }),
  timeToPlace: z.object({
    /** Placements that started in the last 365 days and came from a referral. */
    n: Count,
    medianDays: z.number().nullable(),
    meanDays: z.number().nullable(),
    p90Days: z.number().nullable(),
    byKind: z.array(z.object({ kind: Kind, n: Count, medianDays: z.number().nullable() })),
    histogram: z.array(z.object({ label: z.string(), count: Count })),
  }),
  noSuitableMatch: z.object({
    status: z.enum(['computed', 'pending']),
    count: Count.nullable(),
    openReferrals: Count,
    note: z.string(),
  }),
  map: z.object({ width: z.number(), height: z.number(), councils: z.array(MapCouncil), points: z.array(MapPoint) }),
});
export type SufficiencyView = z.infer<typeof SufficiencyView>;

export const ProviderRow = z.object({
  providerId: Id,
  name: z.string(),
  providerType: z.string(),
  sector: z.enum(SECTORS),
  grade: Grade,
  homes: Count,
  approvedPlaces: Count,
  currentPlacements: Count,
  openBeds: Count,
  medianWeeklyPence: Pence.nullable(),
  /** Median agreed price of placements started in the last 12 months against the 12 before, in per cent. */
  priceChangePct: z.number().nullable(),
  /** The fewer of the two years' prices the change compares: under 5, the change is shown with a caution. */
  priceChangeBasis: Count,
  weeklySpendPence: Pence,
  spendSharePct: z.number(),
  endingsLast12: Count,
  unplannedEndingsLast12: Count,
});
export type ProviderRow = z.infer<typeof ProviderRow>;

export const ProviderDetail = z.object({
  asOf: IsoDate,
  provider: ProviderRow.extend({ ownership: z.string(), gradeDate: IsoDate.nullable(), urn: z.string().nullable() }),
  homes: z.array(
    z.object({
      homeId: Id,
      name: z.string(),
      kind: Kind,
      councilName: z.string(),
      grade: Grade,
      gradeDate: IsoDate.nullable(),
      approvedPlaces: Count,
      currentPlacements: Count,
      openBeds: Count,
      active: z.boolean(),
    }),
  ),
  /** Median agreed weekly price of the placements that started in each month, last 24 months. */
  pricesOverTime: z.array(z.object({ month: z.string(), kind: Kind, n: Count, medianWeeklyPence: Pence })),
  placements: z.object({ current: Count, startedLast12: Count, endedLast12: Count, plannedEndings: Count, unplannedEndings: Count, reasonNotRecorded: Count }),
  /** Endings in the last 12 months by SSDA903 reason. */
  endingsByReason: z.array(z.object({ code: z.string(), label: z.string(), planned: z.boolean(), count: Count })),
  spend: z.object({ weeklyPence: Pence, annualisedPence: Pence, regionWeeklyPence: Pence, sharePct: z.number() }),
  spendByCouncil: z.array(SpendRow),
});
export type ProviderDetail = z.infer<typeof ProviderDetail>;

export const SummaryPdf = z.object({ filename: z.string(), base64: z.string(), bytes: Count, pages: Count });

const COMMISSIONING = ['commissioner', 'administrator'] as const;

export const marketContract = {
  'market.prices': method({
    doc: 'Weekly prices compared like for like: distributions by provider, type, tier, grade, council and distance, with outliers flagged.',
    input: PriceFilter,
    output: PricesView,
    access: ['commissioner', 'administrator', 'placement_officer'],
    writes: false,
    sensitivity: 'none',
  }),
  'market.unitCosts': method({
    doc: 'Annual unit cost per child of in-house and external foster care, children’s homes and supported accommodation.',
    input: CouncilFilter,
    output: UnitCostsView,
    access: COMMISSIONING,
    writes: false,
    sensitivity: 'none',
  }),
  'market.moveScenario': method({
    doc: 'What moving N children from one kind of home to another would cost or save, a week, a year and to 31 March.',
    input: MoveScenarioInput,
    output: MoveScenarioView,
    access: COMMISSIONING,
    writes: false,
    sensitivity: 'none',
  }),
  'market.inHouseOverheads': method({
    doc: 'The overheads per week per placement added to in-house carer payments (supervising social work, recruitment, training, support), by kind of home.',
    input: z.object({}).strict(),
    output: z.array(InHouseOverheadsRow),
    access: COMMISSIONING,
    writes: false,
    sensitivity: 'none',
  }),
  'market.setInHouseOverheads': method({
    doc: "Records a kind of home's in-house overheads per week per placement; region-wide commissioners and administrators only, audited.",
    input: InHouseOverheadsInput,
    output: InHouseOverheadsRow,
    access: COMMISSIONING,
    writes: true,
    sensitivity: 'none',
  }),
  'market.spend': method({
    doc: 'Current weekly and annualised spend by council, type and provider, and the forecast to the end of the financial year.',
    input: CouncilFilter,
    output: SpendView,
    access: COMMISSIONING,
    writes: false,
    sensitivity: 'none',
  }),
  'market.topPlacements': method({
    doc: 'The most expensive current placements, by pseudonymous reference only; each listing is audited.',
    input: z.object({ councilId: Id.optional(), limit: z.number().int().min(1).max(200).default(25).meta({ label: 'number of placements to list' }) }).strict(),
    output: z.array(TopPlacement),
    access: COMMISSIONING,
    writes: false,
    sensitivity: 'child',
  }),
  'market.sufficiency': method({
    doc: 'Demand against supply by type, age band, need and council; gaps, distance, time to place and a map.',
    input: CouncilFilter,
    output: SufficiencyView,
    access: COMMISSIONING,
    writes: false,
    sensitivity: 'none',
  }),
  'market.providers': method({
    doc: 'Every provider with its homes, grade, prices, placements, endings and share of the region’s spend.',
    input: z.object({}).strict(),
    output: z.array(ProviderRow),
    access: COMMISSIONING,
    writes: false,
    sensitivity: 'none',
  }),
  'market.provider': method({
    doc: 'One provider: homes and grades, prices over time, placements and endings by reason, share of spend.',
    input: z.object({ providerId: Id }).strict(),
    output: ProviderDetail,
    access: COMMISSIONING,
    writes: false,
    sensitivity: 'none',
  }),
  'market.summaryPdf': method({
    doc: 'The one-page-per-topic sufficiency summary as a PDF with its charts, for a cabinet paper; drawn as a job.',
    input: CouncilFilter.extend({ jobId: JobIdInput.optional() }).strict(),
    output: SummaryPdf,
    access: COMMISSIONING,
    writes: false,
    sensitivity: 'none',
    job: 'pdf',
  }),
};
