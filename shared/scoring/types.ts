/**
 * The matching engine's own input and output types. Services map the database onto these; the
 * engine never sees a database row, so it can run (and be tested and benchmarked) anywhere.
 * Vocabulary follows the Placements Standard code lists in shared/domain; money is integer pence;
 * dates are ISO YYYY-MM-DD strings (which compare correctly as strings).
 */
import type { ApprovalSex, HomeKind, OfstedGrade, Sex } from '../domain/homes';
import type { OfstedCategory } from '../domain/ofsted';
import type { ApprovalPurpose, PlacementPurpose } from '../domain/purposes';
import type { RegistrationStatus } from '../domain/registration';
import type {
  CommunicationRequirement,
  CulturalNeeds,
  LivingCompanions,
  NeededBy,
  PetsAnswer,
  RiskToChild,
  RiskToOthers,
  Suitability,
} from '../domain/placements-standard';
import type { WishKind } from '../domain/wishes';

/** A place as both the ONS Postcode Directory (grid reference) and a map (lat/lon) know it. */
export interface Place {
  lat: number;
  lon: number;
  /** OS National Grid reference in metres; when both ends have one, distance follows the DfE method. */
  grid?: GridRef;
}

export interface GridRef {
  easting: number;
  northing: number;
}

/** A brother or sister to be placed in the same home as the referred child. */
export interface SiblingToPlace {
  id: string;
  age: number;
  sex: Sex;
}

export interface TypeSuitability {
  foster: Suitability;
  residential: Suitability;
  supported: Suitability;
}

/** The child's needs as the referral records them. */
export interface ChildNeeds {
  disability: boolean;
  wheelchairAdaptation: boolean;
  communication: readonly CommunicationRequirement[];
  /** Languages the child speaks other than English (ISO names, e.g. 'Tigrinya'); BSL/Makaton go in `communication`. */
  languages: readonly string[];
  religion?: string;
  culturalNeeds: CulturalNeeds;
  /** The community or heritage the cultural need refers to (e.g. 'Eritrean'), when recorded. */
  culture?: string;
  /** Unaccompanied asylum-seeking child. */
  uasc: boolean;
  therapeutic: boolean;
  parentAndChild: boolean;
  /** Ofsted registration categories a children's home must hold to meet the child's needs. */
  ofstedCategories: readonly OfstedCategory[];
  /** The child has no school place to keep and needs education where they live. */
  educationOnSite: boolean;
}

/** A place the care plan says to keep the child away from (e.g. where they were exploited). */
export interface AvoidPlace {
  label?: string;
  centre: Place;
  radiusMiles: number;
}

export interface ChildHistory {
  movesLast12Months: number;
  totalPlacements: number;
  priorResidential: boolean;
  yearsInCare: number;
}

/** One wish as the referral records it, with the town its words name when there is one. */
export interface RecordedWishForMatching {
  kind: WishKind;
  text: string;
  /** For people and area wishes: the town their words name (gazetteer), to measure homes from. */
  place: Place | undefined;
  placeName: string | undefined;
}

/** What the child said about where they would like to live: their words, and the wishes recorded one by one. */
export interface ChildWishes {
  /** Shown beside every match, verbatim; never read for meaning. */
  text: string;
  /** Only these are scored (scores/wishes.ts); none recorded means the wishes factor is not scored. */
  recorded: readonly RecordedWishForMatching[];
}

/**
 * The orders that decide where a child may live. They are different orders with different homes:
 * a secure accommodation order (Children Act 1989 s25) is the only way into a secure children's
 * home, whose beds are allocated nationally; a Deprivation of Liberty order (the High Court's
 * inherent jurisdiction) goes with the child to any home willing and able to meet its conditions.
 */
export interface ChildLegal {
  /** A secure accommodation order under Children Act 1989 s25. */
  secureOrder: boolean;
  /** A Deprivation of Liberty order; absent means none recorded. */
  deprivationOfLiberty?: boolean;
}

/** One referral: the child (and any siblings to place with them) as the engine needs them. */
export interface ChildForMatching {
  referralId: string;
  childId: string;
  /** When the social worker asked; first-come-first-served order for greedy placement. */
  referralDate: string;
  neededBy: NeededBy;
  neededByDate: string;
  /** Whole years on the needed-by date. */
  age: number;
  sex: Sex;
  home: Place;
  school?: Place;
  homeCouncilId: string;
  siblings: readonly SiblingToPlace[];
  /** Homes where brothers or sisters in care already live; placing there keeps them together. */
  siblingHomeIds?: readonly string[];
  /** Homes of family or friends assessed as carers for this child (kinship care). */
  kinshipHomeIds?: readonly string[];
  suitability: TypeSuitability;
  livingCompanions: LivingCompanions;
  /** The care plan says the child should live only with children of their own sex (siblings aside). */
  onlyWithSameSex?: boolean;
  pets: PetsAnswer;
  risksToChild: readonly RiskToChild[];
  risksToOthers: readonly RiskToOthers[];
  needs: ChildNeeds;
  legal: ChildLegal;
  avoidCouncilIds: readonly string[];
  avoidPlaces: readonly AvoidPlace[];
  history: ChildHistory;
  wishes: ChildWishes;
  /** Weekly ceiling agreed for this child, total of all price parts; absent means the policy cap only. */
  budgetCeilingWeeklyPence?: number;
  // Placement purpose and connected-person carers (issue 13, points 3 and 4).
  /** What the referral asks for (shared/domain/purposes.ts); absent means DEFAULT_REFERRAL_PURPOSE. */
  purpose?: PlacementPurpose;
  /**
   * Every brother and sister on record, those not moving with the child included: a
   * connected-person carer approved for one of them may take this child too.
   */
  siblingIdsOnRecord?: readonly string[];
  /** The home the child lives in now; staying put is only with those carers. */
  currentHomeId?: string;
}

export const OWNERSHIPS = ['in_house', 'ifa', 'private', 'voluntary', 'council'] as const;
/** in_house: the RCC's or the child's council's own; council: another council's (SSDA903 PR2). */
export type Ownership = (typeof OWNERSHIPS)[number];

/** Fee bands: foster carers are paid by band, homes price by level of need. */
export const FEE_TIERS = ['mainstream', 'enhanced', 'specialist', 'complex'] as const;
export type FeeTier = (typeof FEE_TIERS)[number];

export const SPECIALISMS = ['teenagers', 'disability', 'parent_and_child', 'uasc', 'therapeutic', 'short_breaks'] as const;
export type Specialism = (typeof SPECIALISMS)[number];

export const SUPPORTED_TYPES = ['solo', 'shared', 'lodgings'] as const;
export type SupportedType = (typeof SUPPORTED_TYPES)[number];

/** Someone under 25 already living in the home: a child placed there, or one of the carers' own. */
export interface Housemate {
  age: number;
  sex: Sex;
}

/** The Placements Standard's weekly cost split. */
export interface WeeklyPrice {
  core: number;
  support: number;
  education: number;
  other: number;
}

export interface Approval {
  minAge: number;
  maxAge: number;
  /** Approved or registered for one sex only; absent means either. */
  sex?: ApprovalSex;
  /**
   * Children in care the household or home may look after at once, those already placed there
   * included. A fostering approval counts fostered children only (Children Act 1989 Sch. 7; Fostering
   * Services (England) Regulations 2011 reg 27), so the carers' own children use none of it.
   */
  maxChildren: number;
  siblingsAccepted: boolean;
}

export interface CarerProfile {
  /** Years since the carer (or, for a children's home, the registered manager) was approved. */
  yearsApproved: number;
  /** Skills level 1-3 (foster carer skills tiers; for homes, the staff team's level). */
  skillsTier: 1 | 2 | 3;
}

/** A home's past placement endings, classed by shared/domain/endings.ts (the one classification of SSDA903 reasons). */
export interface PastEndings {
  planned: number;
  unplanned: number;
}

/**
 * One open vacancy in a home, as the engine needs it. A home may list more than one vacancy (a
 * provider's feed can add a second, an officer can post one): each keeps its own beds, price and
 * date, while the approval, the people living there and `placesHeld` are the home's, the same on
 * every row of that home. Ranking, planning and the plan's own check count places and housemates
 * per home, so two vacancy rows never let a home take more children than its approval allows.
 */
export interface VacancyForMatching {
  vacancyId: string;
  homeId: string;
  kind: HomeKind;
  ownership: Ownership;
  feeTier: FeeTier;
  location: Place;
  councilId: string;
  /** Free bedrooms this vacancy offers; a sibling group needs them all in one vacancy. */
  bedsFree: number;
  availableFrom: string;
  approval: Approval;
  /** Ofsted registration categories; meaningful for children's homes only. */
  registrationCategories: readonly OfstedCategory[];
  /** Overall grade for Ofsted-registered settings; absent for foster households. */
  ofstedGrade?: OfstedGrade;
  /** Children in care already placed here: each uses one of the approval's places. */
  otherChildren: readonly Housemate[];
  /**
   * The carers' own children and other young people of the household (adults to 24 included).
   * They have their bedrooms (the vacancy's beds are the free ones) and count for who the child
   * may live alongside, but they use no approval place.
   */
  household: readonly Housemate[];
  /**
   * Approval places promised to children on their way: beds of this home's other vacancies that
   * are held for a child. They count against the approval as children already there do.
   */
  placesHeld: number;
  petsInHome: boolean;
  specialisms: readonly Specialism[];
  /** Languages spoken in the home, including BSL and Makaton where carers sign. */
  languages: readonly string[];
  religion?: string;
  cultures?: readonly string[];
  wheelchairAdapted: boolean;
  carer: CarerProfile;
  pastEndings: PastEndings;
  mockingbird: boolean;
  weeklyPrice: WeeklyPrice;
  supportedType?: SupportedType;
  educationOnSite: boolean;
  secure: boolean;
  /** Risks the home's statement of purpose says it cannot manage. */
  cannotManage?: readonly (RiskToChild | RiskToOthers)[];
  // Placement purpose and connected-person carers (issue 13, points 3 and 4).
  /** What the carers or home are approved for; absent means a mainstream approval (MAINSTREAM_APPROVAL). */
  approvedPurposes?: readonly ApprovalPurpose[];
  /**
   * A connected-person (family and friends) carer's named child (Care Planning, Placement and Case
   * Review Regulations 2010, reg 24): the vacancy is for that child and their brothers and sisters only.
   */
  connectedChildId?: string;
  // Orders and registration (issue 13): absent means not recorded, which is read as "no" / registered.
  /** The home has recorded that it is willing and able to meet a Deprivation of Liberty order's conditions. */
  dolCapable?: boolean;
  /** The home's Ofsted registration status (shared/domain/registration.ts). */
  registrationStatus?: RegistrationStatus;
  /** When that status took effect, ISO; shown in the reason a barred home is excluded. */
  registrationSince?: string;
}

// ---------------------------------------------------------------- results

export const HARD_RULES = [
  'typeUnsuitable',
  'ageRange',
  'approvalSex',
  'bedsForGroup',
  'approvalPlaces',
  'siblingsNotAccepted',
  'caredForAlongside',
  'housemateSex',
  'ofstedCategory',
  'riskToOthers',
  'statementOfPurpose',
  'pets',
  'wheelchair',
  'parentAndChild',
  'secure',
  'availability',
  'areaToAvoid',
  'ofstedInadequate',
  'distanceCap',
  'priceCap',
  'budgetCeiling',
  'purpose',
  'kinshipNamedChild',
  // Orders and registration (issue 13).
  'deprivationOfLiberty',
  'registration',
  'unregisteredUnder16',
] as const;
export type HardRuleId = (typeof HARD_RULES)[number];

/** Why a home cannot take this child, in words an officer can repeat to a family or a judge. */
export interface HardRuleFailure {
  readonly rule: HardRuleId;
  readonly reason: string;
}

export const FACTORS = ['cost', 'distance', 'stability', 'needs', 'wishes'] as const;
/** Each factor's name as officers and the matching panel read it. */
export const FACTOR_LABELS: Record<(typeof FACTORS)[number], string> = {
  cost: 'Cost',
  distance: 'Distance',
  stability: 'Stability',
  needs: 'Needs fit',
  wishes: 'Wishes',
};
export type FactorId = (typeof FACTORS)[number];

/** The five soft scores, each 0-100 to one decimal place. */
export type FactorScores = Record<FactorId, number>;

export const STABILITY_FACTORS = ['carerSkills', 'kinship', 'carerExperience', 'endingsRecord', 'siblingsTogether', 'schoolKept', 'mockingbird'] as const;
export type StabilityFactorId = (typeof STABILITY_FACTORS)[number];

/** One factor of the stability score: what it added, the most it could have, and why. */
export interface StabilityContribution {
  factor: StabilityFactorId;
  /** Points this factor added to the 0-100 stability score. */
  points: number;
  /** The most it could have added for this child. */
  maxPoints: number;
  line: string;
}

/** The words behind a score, for an officer to read to a manager or a judge. */
export interface MatchExplanation {
  summary: readonly string[];
  /** Lines per soft score; the stability lines include the child-level context and the caveat. */
  factors: Readonly<Record<FactorId, readonly string[]>>;
  stability: readonly StabilityContribution[];
}

export type DistanceMethod = 'os-grid' | 'great-circle';

export interface DistanceFacts {
  homeMiles: number;
  /** Absent (undefined) when the child has no school recorded. */
  schoolMiles: number | undefined;
  method: DistanceMethod;
  withinTwentyMiles: boolean;
  insideHomeCouncil: boolean;
}

export interface RankedVacancy {
  rank: number;
  vacancyId: string;
  homeId: string;
  kind: HomeKind;
  ownership: Ownership;
  /** 0-100, to one decimal place: the weighted scores plus any in-house bonus. */
  total: number;
  scores: FactorScores;
  inHouseBonus: number;
  distance: DistanceFacts;
  /** Total for the whole sibling group, per week and per year (52 weeks). */
  weeklyPence: number;
  annualPence: number;
  /** Present for the homes ranked highest (RankOptions.explainTop) and always from whyNot. */
  explanation: MatchExplanation | undefined;
}

export interface ExcludedVacancy {
  vacancyId: string;
  homeId: string;
  reasons: readonly HardRuleFailure[];
}

export interface RankResult {
  policyId: string;
  policyVersion: number;
  referralId: string;
  /** Each soft score's share of the total (the policy's weights, normalised), the same for every home. */
  weightShares: FactorScores;
  /** The child's own words, shown beside every match. */
  childWishes: string;
  /** Factors with no score for this child (their weight shared among the others): 'wishes' when none recorded can be checked. */
  notScored: readonly FactorId[];
  ranked: readonly RankedVacancy[];
  excluded: readonly ExcludedVacancy[];
}
