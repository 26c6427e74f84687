/**
 * Everything about one referral that every vacancy is checked against, worked out once per search
 * rather than once per vacancy: ranking 10,000 homes has a budget of about a microsecond each.
 */
import { HOME_KINDS, type Sex } from '../domain/homes';
import { OFSTED_CATEGORIES } from '../domain/ofsted';
import type { RiskToChild, RiskToOthers } from '../domain/placements-standard';
import type { BenchmarkBasis, CostBenchmark, MatchingPolicy } from './policy';
import type { AvoidPlace, ChildForMatching, FactorId, Specialism } from './types';
import { FACTORS, FEE_TIERS } from './types';
import { listText, plural } from './format';
import { ReasonCache } from './hardRules';
import { stabilityWeights } from './scores/stability';
import { isoDateNumber, ofstedCategoryBits, purposeBits, riskBits, specialismBits } from './vacancyTable';
import { APPROVALS_FOR_PURPOSE, DEFAULT_REFERRAL_PURPOSE, type PlacementPurpose } from '../domain/purposes';
import { prepareWishes, type PreparedWish } from './scores/wishes';

export interface ChildContext {
  child: ChildForMatching;
  policy: MatchingPolicy;
  groupSize: number;
  groupIds: readonly string[];
  groupAges: readonly number[];
  groupSexes: ReadonlySet<Sex>;
  minAge: number;
  maxAge: number;
  /** "this child is 15" or "the sibling group is aged 9-15", for reasons. */
  agesText: string;
  /** Kinds of home the referral marks Unsuitable, by kind code (an index into HOME_KINDS). */
  unsuitableByCode: readonly boolean[];
  /**
   * Approval sexes the whole group fits: bit 1 a girls-only home, bit 2 a boys-only home. A child
   * whose sex is recorded as unknown or indeterminate (U) fits either: the approval does not
   * exclude the home, and the officer is told (sexUnknown).
   */
  approvalSexOk: number;
  /** Someone in the group has sex U: explained matches at single-sex homes say so. */
  sexUnknown: boolean;
  /** The needed-by date as YYYYMMDD, to compare with the vacancy table. */
  neededBy: number;
  /** Whether any rule limits who the child may live alongside (housemateRulesPass). */
  hasHousemateRules: boolean;
  sexualHarm: boolean;
  physicalHarm: boolean;
  harmToAnimals: boolean;
  criminalExploitationOfOthers: boolean;
  /** Every risk the referral records, to check against what a home says it cannot manage. */
  allRisks: readonly (RiskToChild | RiskToOthers)[];
  /** Each of allRisks as its vacancy-table bit. */
  allRiskBits: readonly number[];
  avoidCouncils: ReadonlySet<string>;
  avoidPlaces: readonly AvoidPlace[];
  requiredSpecialisms: readonly Specialism[];
  /** The same as vacancy-table bits (specialismBits), one per required specialism. */
  requiredSpecialismBits: readonly number[];
  /**
   * Needs-fit value of each kind of home (by HOME_KINDS) when the referral prefers a kind: 1 for
   * a preferred kind, 0.5 otherwise; null when no kind is preferred.
   */
  kindPreference: readonly number[] | null;
  /** Level of need 1-3 the carer's skills tier is compared with, and what set it. */
  needTier: 1 | 2 | 3;
  needTierReasons: readonly string[];
  /** Multiplier on the carer- and support-related stability weights; 1 when no context applies. */
  supportMultiplier: number;
  contextLines: readonly string[];
  kinshipHomes: ReadonlySet<string>;
  siblingHomes: ReadonlySet<string>;
  benchmarks: BenchmarkTable;
  /** Each benchmark's evidence, at the same index as `benchmarks`, for the explanation. */
  benchmarkBases: readonly (BenchmarkBasis | undefined)[];
  /** Ceiling on the group's weekly total: the child's budget, if any. */
  budgetCeiling: number | undefined;
  ofstedCategoryNames: readonly string[];
  /** Each Ofsted category the child needs, as its vacancy-table bit. */
  ofstedCategoryBits: readonly number[];
  /** Each soft score's weight as a share of all weights, so the total stays on 0-100. */
  shares: Readonly<Record<FactorId, number>>;
  /** Exclusion reasons written so far in this search, shared between homes (see hardRules.ts). */
  reasons: ReasonCache;
  /** Stability factor weights for this child (scores/stability.ts), fixed for the search. */
  stabilityWeights: number[];
  // Placement purpose and connected-person carers (issue 13, points 3 and 4).
  /** What the referral asks for, the default filled in. */
  purpose: PlacementPurpose;
  /** Approvals (purposeBits) that cover the purpose; 0 for staying put, which no approval covers. */
  purposeCoverBits: number;
  /** The referral needs a parent-and-child place: recorded as a need or asked for as the purpose. */
  parentAndChild: boolean;
  /** The child, the siblings moving with them and every sibling on record: whom a connected-person carer's named child may be. */
  family: ReadonlySet<string>;
  /** The wishes the referral records, prepared once (scores/wishes.ts). */
  wishes: readonly PreparedWish[];
  /** Whether any recorded wish can be checked against a home; if not, the wishes factor has no score and no share. */
  wishesScored: boolean;
}

/**
 * Weekly benchmark (pence) by the vacancy table's kind and fee-tier codes, at
 * kind * FEE_TIERS.length + tier; 0 where the region has none.
 */
export type BenchmarkTable = Float64Array;

const benchmarkCache = new WeakMap<readonly CostBenchmark[], BenchmarkTable>();

export function benchmarkTable(benchmarks: readonly CostBenchmark[]): BenchmarkTable {
  let table = benchmarkCache.get(benchmarks);
  if (!table) {
    table = new Float64Array(HOME_KINDS.length * FEE_TIERS.length);
    for (const b of benchmarks) table[HOME_KINDS.indexOf(b.kind) * FEE_TIERS.length + FEE_TIERS.indexOf(b.tier)] = b.weeklyPence;
    benchmarkCache.set(benchmarks, table);
  }
  return table;
}

const basesCache = new WeakMap<readonly CostBenchmark[], (BenchmarkBasis | undefined)[]>();

/** Each benchmark's evidence at its BenchmarkTable index; undefined where none was recorded. */
export function benchmarkBases(benchmarks: readonly CostBenchmark[]): readonly (BenchmarkBasis | undefined)[] {
  let bases = basesCache.get(benchmarks);
  if (!bases) {
    bases = new Array<BenchmarkBasis | undefined>(HOME_KINDS.length * FEE_TIERS.length).fill(undefined);
    for (const b of benchmarks) bases[HOME_KINDS.indexOf(b.kind) * FEE_TIERS.length + FEE_TIERS.indexOf(b.tier)] = b.basis;
    basesCache.set(benchmarks, bases);
  }
  return bases;
}

export function prepareChild(child: ChildForMatching, policy: MatchingPolicy): ChildContext {
  const groupAges = [child.age, ...child.siblings.map((s) => s.age)];
  const groupSexes = new Set<Sex>([child.sex, ...child.siblings.map((s) => s.sex)]);
  const minAge = Math.min(...groupAges);
  const maxAge = Math.max(...groupAges);
  const groupSize = groupAges.length;
  const agesText =
    groupSize === 1
      ? `this child is ${child.age}`
      : minAge === maxAge
        ? `the sibling group are all ${minAge}`
        : `the sibling group is aged ${minAge}-${maxAge}`;

  const needs = child.needs;
  const requiredSpecialisms: Specialism[] = [];
  if (child.age >= 13) requiredSpecialisms.push('teenagers');
  if (needs.disability) requiredSpecialisms.push('disability');
  if (needs.uasc) requiredSpecialisms.push('uasc');
  if (needs.therapeutic) requiredSpecialisms.push('therapeutic');
  const purpose = child.purpose ?? DEFAULT_REFERRAL_PURPOSE;
  const parentAndChild = needs.parentAndChild || purpose === 'parent_and_child';
  if (parentAndChild) requiredSpecialisms.push('parent_and_child');

  // Behaviour problems are the strongest correlate of breakdown (r = .35), so the level of need a
  // carer must be skilled for rises with what the referral says about risk and behaviour.
  const needTierReasons: string[] = [];
  let needPoints = 0;
  if (child.risksToChild.length > 0) {
    needPoints += child.risksToChild.length;
    needTierReasons.push(plural(child.risksToChild.length, 'risk to the child', 'risks to the child'));
  }
  if (child.risksToOthers.length > 0) {
    needPoints += 2 * child.risksToOthers.length;
    needTierReasons.push(plural(child.risksToOthers.length, 'risk to others', 'risks to others'));
  }
  if (needs.therapeutic) {
    needPoints += 2;
    needTierReasons.push('therapeutic needs');
  }
  if (needs.ofstedCategories.includes('EBD') || needs.ofstedCategories.includes('MHD')) {
    needPoints += 2;
    needTierReasons.push('emotional, behavioural or mental health needs');
  }
  if (child.history.priorResidential) {
    needPoints += 1;
    needTierReasons.push('previous residential care');
  }
  if (needs.disability) {
    needPoints += 1;
    needTierReasons.push('a disability');
  }
  const needTier: 1 | 2 | 3 = needPoints >= 5 ? 3 : needPoints >= 2 ? 2 : 1;

  const s = policy.stability;
  const older = child.age >= s.olderFromAge;
  const recentMoves = child.history.movesLast12Months >= 2;
  const supportMultiplier =
    1 +
    (older ? s.contextMultipliers.olderAtPlacement : 0) +
    (recentMoves ? s.contextMultipliers.recentMoves : 0) +
    (child.history.priorResidential ? s.contextMultipliers.priorResidential : 0);
  const contextLines: string[] = [];
  if (older) {
    contextLines.push(
      `Age at placement ${child.age}: across studies, older age at placement goes with more breakdowns (r = .25) and children entering care at 12-15 move most. The same for every home, so it does not change the order; it gives carer skills and support more weight.`,
    );
  }
  if (recentMoves) {
    contextLines.push(
      `${plural(child.history.movesLast12Months, 'move')} in the last 12 months: reviews find previous moves go with further moves. The same for every home; carer skills and support count for more.`,
    );
  }
  if (child.history.priorResidential) {
    contextLines.push('Previous residential care is associated with later moves in reviews. The same for every home; carer skills and support count for more.');
  }
  if (child.history.yearsInCare >= 2) {
    contextLines.push(
      `${plural(child.history.yearsInCare, 'year')} in care: longer time in care is listed among risks in reviews. Shown for context; it does not change the order.`,
    );
  }

  const allRisks = [...child.risksToChild, ...child.risksToOthers];
  const sexualHarm = child.risksToOthers.includes('riskToOthersSexual');
  const physicalHarm = child.risksToOthers.includes('riskToOthersPhysical');
  const criminalExploitationOfOthers = child.risksToOthers.includes('riskToOthersCriminal');
  const alongside = child.livingCompanions;
  const hasHousemateRules =
    alongside === 'Solo placement recommended' ||
    alongside === 'Only with other older children' ||
    alongside === 'Only with other younger children' ||
    child.onlyWithSameSex === true ||
    sexualHarm ||
    physicalHarm ||
    criminalExploitationOfOthers;
  const wishes = prepareWishes(child.wishes.recorded, child.school !== undefined);
  const wishesScored = wishes.some((w) => w.checkable);
  const noBoys = !groupSexes.has('M');
  const noGirls = !groupSexes.has('F');

  // One object literal with every key, then the weights filled in: a spread here would give each
  // context its own hidden class and slow every rule check that reads it.
  const ctx: ChildContext = {
    child,
    policy,
    groupSize,
    groupIds: [child.childId, ...child.siblings.map((x) => x.id)],
    groupAges,
    groupSexes,
    minAge,
    maxAge,
    agesText,
    unsuitableByCode: HOME_KINDS.map((k) => child.suitability[k] === 'Unsuitable'),
    approvalSexOk: (noBoys ? 1 : 0) | (noGirls ? 2 : 0),
    sexUnknown: groupSexes.has('U'),
    neededBy: isoDateNumber(child.neededByDate),
    hasHousemateRules,
    sexualHarm,
    physicalHarm,
    harmToAnimals: child.risksToOthers.includes('riskToOthersAnimals'),
    criminalExploitationOfOthers,
    allRisks,
    allRiskBits: allRisks.map((r) => riskBits([r])),
    avoidCouncils: new Set(child.avoidCouncilIds),
    avoidPlaces: child.avoidPlaces,
    requiredSpecialisms,
    requiredSpecialismBits: requiredSpecialisms.map((x) => specialismBits([x])),
    kindPreference: HOME_KINDS.some((k) => child.suitability[k] === 'Preferred')
      ? HOME_KINDS.map((k) => (child.suitability[k] === 'Preferred' ? 1 : 0.5))
      : null,
    needTier,
    needTierReasons: needTierReasons.length > 0 ? [listText(needTierReasons)] : [],
    supportMultiplier,
    contextLines,
    kinshipHomes: new Set(child.kinshipHomeIds ?? []),
    siblingHomes: new Set(child.siblingHomeIds ?? []),
    benchmarks: benchmarkTable(policy.benchmarks),
    benchmarkBases: benchmarkBases(policy.benchmarks),
    budgetCeiling: child.budgetCeilingWeeklyPence,
    ofstedCategoryNames: needs.ofstedCategories.map((c) => `${OFSTED_CATEGORIES[c].toLowerCase()} (${c})`),
    ofstedCategoryBits: needs.ofstedCategories.map((c) => ofstedCategoryBits([c])),
    shares: factorShares(policy, wishesScored ? [] : ['wishes']),
    reasons: new ReasonCache(),
    stabilityWeights: [],
    purpose,
    purposeCoverBits: purpose === 'staying_put' ? 0 : purposeBits(APPROVALS_FOR_PURPOSE[purpose]),
    parentAndChild,
    family: new Set([child.childId, ...child.siblings.map((x) => x.id), ...(child.siblingIdsOnRecord ?? [])]),
    wishes,
    wishesScored,
  };
  ctx.stabilityWeights = stabilityWeights(ctx);
  return ctx;
}

/**
 * Each factor's weight as a share of all weights. A factor `notScored` for this child (the wishes,
 * when none recorded can be checked) gets no share, and the others' shares grow in proportion, so
 * the total stays a 0-100 mean of what is known: see scores/wishes.ts for why not 100 or 0.
 */
export function factorShares(policy: MatchingPolicy, notScored: readonly FactorId[] = []): Record<FactorId, number> {
  const counted = FACTORS.filter((f) => !notScored.includes(f));
  let sum = 0;
  for (const f of counted) sum += policy.weights[f];
  const shares = {} as Record<FactorId, number>;
  for (const f of FACTORS) shares[f] = !counted.includes(f) ? 0 : sum > 0 ? policy.weights[f] / sum : 1 / counted.length;
  return shares;
}
