import type { ApprovalPurpose, PlacementPurpose } from '../../shared/domain/purposes';
import type { RegistrationStatus } from '../../shared/domain/registration';
import type { HomeKind, OfstedGrade, Sex, VacancyStatus } from '../../shared/domain/homes';
import type { OfstedCategory } from '../../shared/domain/ofsted';
import type {
  AdditionalSupport,
  CommunicationRequirement,
  CulturalNeeds,
  DistanceReason,
  LivingCompanions,
  NeededBy,
  PetsAnswer,
  PlacementType,
  RiskLevel,
  RiskToChild,
  RiskToOthers,
  Suitability,
} from '../../shared/domain/placements-standard';
import type { ReferralStatus } from '../../shared/domain/referrals';
import type { SatelliteKind } from '../../shared/domain/mockingbird';
import type { RecordedWish } from '../../shared/domain/wishes';
import type { Role } from '../../shared/domain/roles';
import type { Ownership, Specialism, SupportedType } from '../../shared/scoring/types';
import type { Heritage } from './names';

/**
 * The demo region in memory, before it is written: plain rows with their ids already given, so
 * the generator can cross-link everything (a child's home, a vacancy's placement) and the writer
 * can insert table by table with one prepared statement each. Fields after `// generation` are
 * working state, never written.
 */

export const REGION_SIZES = ['demo', 'large'] as const;
export type RegionSize = (typeof REGION_SIZES)[number];
/** The large preset is the demo region ten times over, for benchmarks. */
export const REGION_SCALE: Record<RegionSize, number> = { demo: 1, large: 10 };

export type ProviderType = 'in_house' | 'rcc' | 'ifa' | 'private_residential' | 'voluntary_residential' | 'council_residential' | 'supported';
export type RiskKey = RiskToChild | RiskToOthers;

export interface CouncilRow {
  id: number;
  name: string;
  onsCode: string;
  lat: number;
  lon: number;
  areaSqKm: number;
  region: string;
}

export interface ProviderRow {
  id: number;
  name: string;
  ownership: Ownership;
  providerType: ProviderType;
  urn: string;
  grade: OfstedGrade;
  gradeDate: string | null;
  phone: string;
  email: string;
  // generation
  /** The council that runs it (in-house fostering, council homes), else null. */
  councilIndex: number | null;
  /** Yearly price rise, so older placements cost less, as in the real market. */
  priceGrowth: number;
}

export interface FosterDetail {
  approvalMinAge: number;
  approvalMaxAge: number;
  approvalMaxChildren: number;
  approvalSex: Sex | null;
  approvalSiblings: boolean;
  feeTier: 1 | 2 | 3 | 4;
  skillsTier: 1 | 2 | 3;
  specialisms: Specialism[];
  languages: string[];
  religion: string;
  pets: boolean;
  wheelchairAdapted: boolean;
  otherChildren: { age: number; sex: Sex }[];
  yearsApproved: number;
  endingsPlanned: number;
  endingsUnplanned: number;
  kinship: boolean;
}

export interface ResidentialDetail {
  places: number;
  categories: OfstedCategory[];
  minAge: number;
  maxAge: number;
  educationOnSite: boolean;
  secure: boolean;
  /** Fee tier 1-4 by level of need, as foster fee bands (migration 0240); set from the home's price. */
  feeTier: 1 | 2 | 3 | 4;
}

export interface SupportedDetail {
  kind: SupportedType;
  places: number;
}

export interface CarerRow {
  id: number;
  homeId: number;
  name: string;
  phone: string;
  email: string;
  isMain: boolean;
}

export interface HomeRow {
  id: number;
  providerId: number;
  councilId: number;
  name: string;
  kind: HomeKind;
  placeLabel: string;
  lat: number;
  lon: number;
  easting: number;
  northing: number;
  urn: string | null;
  grade: OfstedGrade | null;
  gradeDate: string | null;
  phone: string;
  address: string;
  addressShared: boolean;
  supervisingSocialWorker: string;
  supervisingPhone: string;
  constellationId: number | null;
  isHub: boolean;
  /** Foster, special guardianship or adoptive (a constellation's satellites may be any). */
  householdKind: SatelliteKind;
  active: boolean;
  // Orders and registration (issue 13; db/seed/orders.ts): absent means not able / registered.
  dolCapable?: boolean;
  registrationStatus?: RegistrationStatus;
  registrationSince?: string;
  foster: FosterDetail | null;
  residential: ResidentialDetail | null;
  /** What the home is approved for (db/seed/purposes.ts); absent before that step, written as a mainstream approval. */
  approvedPurposes?: ApprovalPurpose[];
  /** A family and friends household's named child (child id). */
  connectedChildId?: number | null;
  supported: SupportedDetail | null;
  carers: CarerRow[];
  // generation
  provider: ProviderRow;
  councilIndex: number;
  /** Children who may live here at once as long-term placements (a hub keeps its two beds apart). */
  capacity: number;
  /** Today's usual weekly price for one child, in pence. */
  weeklyPence: number;
  placed: ChildRow[];
  /** Every placement here as [start, end) day numbers and children, to keep past occupancy within its places too. */
  stays: [number, number, number][];
}

export interface ConstellationRow {
  id: number;
  name: string;
  councilId: number;
  hubHomeId: number;
  liaisonWorker: string;
  liaisonPhone: string;
  outOfHoursPhone: string;
  // generation
  hub: HomeRow;
  satellites: HomeRow[];
}

export interface EventRow {
  id: number;
  constellationId: number;
  kind: 'meeting' | 'activity';
  title: string;
  date: string;
  /** "HH:MM" and where it is held: a future meeting reads as planned, with both. */
  startTime: string;
  place: string;
  attendance: number[];
}

export interface SleepoverRow {
  id: number;
  constellationId: number;
  fromHomeId: number;
  childId: number;
  bed: 1 | 2 | null;
  startDate: string;
  endDate: string;
  kind: 'planned' | 'emergency';
  status: 'requested' | 'accepted' | 'declined' | 'cancelled';
  note: string;
}

/** Where a child lives now, as the generator decides it before finding the home. */
export type Setting = 'foster' | 'kinship' | 'residential' | 'secure' | 'supported' | 'parents' | 'adoption' | 'other' | 'awaiting';

export interface ChildRow {
  id: number;
  ref: string;
  firstName: string;
  birthDate: string;
  sex: Sex;
  councilId: number;
  placeLabel: string;
  ethnicity: string;
  legalStatus: string;
  categoryOfNeed: string;
  uasc: boolean;
  disability: boolean;
  wheelchair: boolean;
  send: 'none' | 'support' | 'ehcp';
  communication: CommunicationRequirement[];
  languages: string[];
  religion: string;
  culturalNeeds: string;
  homeLat: number;
  homeLon: number;
  schoolLabel: string;
  schoolLat: number | null;
  schoolLon: number | null;
  siblingGroup: string | null;
  risks: RiskKey[];
  livingCompanions: LivingCompanions;
  pets: PetsAnswer;
  wishes: string;
  careNotes: string;
  currentHomeId: number | null;
  // generation
  councilIndex: number;
  townName: string;
  age: number;
  heritage: Heritage;
  /** Latent complexity of need (standard normal): drives risks, residential care and moves. */
  complexity: number;
  familyId: number;
  siblings: ChildRow[];
  careStart: string;
  setting: Setting;
  home: HomeRow | null;
  /** Start of the current placement (first episode in it). */
  placedSince: string | null;
  /** For a child placed outside the region: miles away. */
  outOfRegionMiles: number | null;
  priorResidential: boolean;
  homeGrid: { easting: number; northing: number };
}

export interface EpisodeRow {
  id: number;
  childId: number;
  decom: string;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  placeProvider: string | null;
  dec: string | null;
  rec: string | null;
  reasonPlaceChange: string | null;
  urn: string | null;
  homeId: number | null;
  distanceMiles: number | null;
}

export interface MissingRow {
  id: number;
  childId: number;
  kind: 'M' | 'A';
  startDate: string;
  endDate: string | null;
}

export interface Price {
  core: number;
  support: number;
  education: number;
  other: number;
}

export interface PlacementRow {
  id: number;
  childId: number;
  referralId: number | null;
  vacancyId: number | null;
  homeId: number;
  councilId: number;
  placementType: PlacementType;
  startDate: string;
  plannedEndDate: string | null;
  endDate: string | null;
  endReason: string | null;
  price: Price;
  locationLabel: string;
  locationPreferable: boolean;
  educationContinuity: boolean;
  siblingsTogether: number;
  providerUrn: string;
  distanceMiles: number;
  distanceReason: DistanceReason;
  rationale: string;
  referralOfficerName: string;
  placementOfficerName: string;
  costOfficerName: string;
  referralDate: string;
  placementDate: string;
  costDate: string;
  // generation
  child: ChildRow;
  home: HomeRow;
}

/** Who did something, by demo username (resolved to an id when written), or null for the system. */
export type Actor = string | null;

export interface VacancyRow {
  id: number;
  homeId: number;
  beds: number;
  availableFrom: string;
  status: VacancyStatus;
  price: Price;
  updatedAt: string;
  restrictions: string;
  source: string;
  /** Why the app withdrew it (its home's registration; db/seed/orders.ts). */
  withdrawnReason?: string;
  history: { status: VacancyStatus; at: string; by: Actor }[];
  // generation
  home: HomeRow;
}

export interface ReferralRow {
  id: number;
  childId: number;
  councilId: number;
  receivedAt: string;
  neededBy: NeededBy;
  neededByDate: string;
  siblingCount: number;
  /** The brothers and sisters who move with the child (those living with them now). */
  siblingIds: number[];
  preferredLocation: string;
  preferredLocationReason: string;
  avoidCouncilIds: number[];
  fosterSuitability: Suitability;
  residentialSuitability: Suitability;
  supportedSuitability: Suitability;
  communicationNeeds: 'Y' | 'N' | 'Not Specified';
  communicationRequirements: CommunicationRequirement[];
  homeAdaptation: boolean;
  culturalNeeds: CulturalNeeds;
  livingCompanions: LivingCompanions;
  pets: PetsAnswer;
  additionalSupport: AdditionalSupport[];
  deprivationOfLiberty: boolean;
  /** A secure accommodation order (s25), apart from DoL (db/seed/orders.ts). */
  secureOrder?: boolean;
  risks: Record<RiskKey, RiskLevel>;
  riskOther: string;
  riskToOthersOther: string;
  ofstedNeeds: OfstedCategory[];
  budgetCeilingPence: number | null;
  /** What the referral asks for (db/seed/purposes.ts). */
  purpose?: PlacementPurpose;
  /** The child's wishes one by one, as the referral records them; none for some, as in life. */
  wishes: RecordedWish[];
  status: ReferralStatus;
  officer: Actor;
  referralOfficerName: string;
  updatedAt: string;
  history: { at: string; status: ReferralStatus; note: string; by: Actor }[];
}

export interface OfferRow {
  id: number;
  referralId: number;
  vacancyId: number;
  status: 'requested' | 'offered' | 'refused' | 'withdrawn' | 'accepted';
  price: Price;
  reason: string;
  at: string;
  by: Actor;
}

export interface AccountSpec {
  username: string;
  displayName: string;
  role: Role;
  councilId: number | null;
  constellationId: number | null;
}

export interface RegionModel {
  seed: number;
  today: string;
  size: RegionSize;
  councils: CouncilRow[];
  providers: ProviderRow[];
  homes: HomeRow[];
  constellations: ConstellationRow[];
  events: EventRow[];
  sleepovers: SleepoverRow[];
  children: ChildRow[];
  episodes: EpisodeRow[];
  missing: MissingRow[];
  placements: PlacementRow[];
  vacancies: VacancyRow[];
  referrals: ReferralRow[];
  offers: OfferRow[];
  accounts: AccountSpec[];
}
