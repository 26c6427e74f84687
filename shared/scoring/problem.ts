/**
 * The region as one matching problem: every referral against every vacancy, cut down to the pairs
 * the hard rules allow, each with its score, price and the weight the plan's objective gives it.
 * The optimal plan, the plain solver formulation and greedy placement all start from this table,
 * so they are compared on exactly the same data.
 */
import { prepareChild, type ChildContext } from './context';
import { milesToPacked, packPlaces } from './distance';
import { totalScore } from './evaluate';
import { hardRulesPass, housemateRulesPass } from './hardRules';
import type { MatchingPolicy, PlanObjective } from './policy';
import { weeklyTotal } from './policy';
import { compareIds } from './rank';
import type { HomeKind } from '../domain/homes';
import type { ChildForMatching, Housemate, VacancyForMatching } from './types';

export interface PlanProblem {
  policy: MatchingPolicy;
  objective: PlanObjective;
  /** Sorted by referral id, so the problem (and every plan) is the same whatever the input order. */
  referrals: readonly ChildForMatching[];
  /** Sorted by vacancy id. */
  vacancies: readonly VacancyForMatching[];
  contexts: readonly ChildContext[];
  /** Children in each referral (the child and the siblings to be placed with them). */
  groupSize: Int32Array;
  /** Beds each vacancy can give: free beds, and no more than its approval allows. */
  capacity: Int32Array;
  /**
   * Feasible pairs of referral r are pairStart[r] .. pairStart[r+1]-1, in a fixed order (by kind,
   * then vacancy id); bestPairs() picks the best of them.
   */
  pairStart: Int32Array;
  pairVacancy: Int32Array;
  /** Total score 0-100 (one decimal). */
  pairScore: Float64Array;
  /** Weekly price for the whole group, pence. */
  pairWeekly: Float64Array;
  pairMiles: Float64Array;
  /**
   * The objective's integer weight for the pair before the "place children first" term: score in
   * tenths per child (maximiseQuality) or minus the weekly price in whole pounds (minimiseCost).
   */
  pairWeight: Float64Array;
  /** Referral and vacancy of each pair, for pricing loops that walk all pairs. */
  pairReferral: Int32Array;
  /** Each pair's full objective coefficient, k * perChild + weight (pricing reads it millions of times). */
  pairCoef: Float64Array;
  /**
   * Weight of one placed child in the objective. It exceeds the most the secondary weights of any
   * plan could differ by, so the solver first places as many children as it can (the sufficiency
   * duty), then maximises quality or minimises cost among plans that place that many.
   */
  perChild: number;
  /** Referrals with rules about who they live with; only they can clash with another referral. */
  restricted: Uint8Array;
}

/** The full objective coefficient of a pair: per-child term plus its weight. */
export function pairCoefficient(p: PlanProblem, pair: number): number {
  return p.pairCoef[pair]!;
}

function hasHousemateRules(ctx: ChildContext): boolean {
  const alongside = ctx.child.livingCompanions;
  const restrictsAlongside = alongside === 'Solo placement recommended' || alongside === 'Only with other older children' || alongside === 'Only with other younger children';
  return restrictsAlongside || ctx.child.onlyWithSameSex === true || ctx.sexualHarm || ctx.physicalHarm || ctx.criminalExploitationOfOthers;
}

/**
 * Vacancies by kind and by each age their approval covers. A referral only walks the lists for
 * kinds the referral allows and for its youngest child's age; every rule, those two included, is
 * still checked in full, so the index only skips homes that would fail them anyway.
 */
function vacancyIndex(vacancies: readonly VacancyForMatching[]): Record<HomeKind, Int32Array[]> {
  const lists: Record<HomeKind, number[][]> = {
    foster: Array.from({ length: MAX_AGE + 1 }, () => []),
    residential: Array.from({ length: MAX_AGE + 1 }, () => []),
    supported: Array.from({ length: MAX_AGE + 1 }, () => []),
  };
  vacancies.forEach((v, i) => {
    for (let age = Math.max(0, v.approval.minAge); age <= Math.min(MAX_AGE, v.approval.maxAge); age++) lists[v.kind][age]!.push(i);
  });
  return {
    foster: lists.foster.map((l) => Int32Array.from(l)),
    residential: lists.residential.map((l) => Int32Array.from(l)),
    supported: lists.supported.map((l) => Int32Array.from(l)),
  };
}

const MAX_AGE = 25;

/**
 * The numbers most hard rules read, one typed array each. Checking them first (quickReject) turns
 * most exclusions into a few array reads instead of a walk through each vacancy's objects; every
 * home that survives is still checked by hardRulesPass in full.
 */
interface PackedVacancies {
  maxAge: Int32Array;
  /** 0 either sex, 1 girls only, 2 boys only. */
  sex: Uint8Array;
  beds: Int32Array;
  /** maxChildren - children already there. */
  room: Int32Array;
  siblings: Uint8Array;
  /** YYYYMMDD. */
  availableFrom: Int32Array;
  inadequate: Uint8Array;
  wheelchair: Uint8Array;
  pets: Uint8Array;
  secure: Uint8Array;
  others: Int32Array;
  price: Float64Array;
}

function isoNumber(iso: string): number {
  return Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}

function packVacancies(vacancies: readonly VacancyForMatching[], policy: MatchingPolicy): PackedVacancies {
  const n = vacancies.length;
  const packed: PackedVacancies = {
    maxAge: new Int32Array(n),
    sex: new Uint8Array(n),
    beds: new Int32Array(n),
    room: new Int32Array(n),
    siblings: new Uint8Array(n),
    availableFrom: new Int32Array(n),
    inadequate: new Uint8Array(n),
    wheelchair: new Uint8Array(n),
    pets: new Uint8Array(n),
    secure: new Uint8Array(n),
    others: new Int32Array(n),
    price: new Float64Array(n),
  };
  vacancies.forEach((v, i) => {
    packed.maxAge[i] = v.approval.maxAge;
    packed.sex[i] = v.approval.sex === 'F' ? 1 : v.approval.sex === 'M' ? 2 : 0;
    packed.beds[i] = v.bedsFree;
    packed.room[i] = v.approval.maxChildren - v.otherChildren.length;
    packed.siblings[i] = v.approval.siblingsAccepted ? 1 : 0;
    packed.availableFrom[i] = isoNumber(v.availableFrom);
    packed.inadequate[i] = policy.excludeInadequate && v.ofstedGrade === 'inadequate' ? 1 : 0;
    packed.wheelchair[i] = v.wheelchairAdapted ? 1 : 0;
    packed.pets[i] = v.petsInHome ? 1 : 0;
    packed.secure[i] = v.secure ? 1 : 0;
    packed.others[i] = v.otherChildren.length;
    packed.price[i] = weeklyTotal(v);
  });
  return packed;
}

/** What quickReject needs to know about a referral, each a mirror of a condition in hardRulesPass. */
interface QuickFacts {
  maxAge: number;
  groupSize: number;
  /** Sexes allowed by an approval code: bit 1 if a girls-only home is fine, bit 2 if boys-only is. */
  sexOk: number;
  neededBy: number;
  needsWheelchair: boolean;
  noPets: boolean;
  mustHavePets: boolean;
  secureOrder: number;
  solo: boolean;
  maxPrice: number;
  budget: number;
}

function quickFacts(ctx: ChildContext, policy: MatchingPolicy): QuickFacts {
  const onlyGirls = ctx.groupSexes.size === 1 && ctx.groupSexes.has('F');
  const onlyBoys = ctx.groupSexes.size === 1 && ctx.groupSexes.has('M');
  return {
    maxAge: ctx.maxAge,
    groupSize: ctx.groupSize,
    sexOk: (onlyGirls ? 1 : 0) | (onlyBoys ? 2 : 0),
    neededBy: isoNumber(ctx.child.neededByDate),
    needsWheelchair: ctx.child.needs.wheelchairAdaptation,
    noPets: ctx.child.pets === 'No' || ctx.harmToAnimals,
    mustHavePets: ctx.child.pets === 'Yes - must',
    secureOrder: ctx.child.legal.secureOrder ? 1 : 0,
    solo: ctx.child.livingCompanions === 'Solo placement recommended',
    maxPrice: policy.caps.maxWeeklyPence,
    budget: ctx.budgetCeiling ?? Infinity,
  };
}

/** True only when hardRulesPass would certainly fail; false says nothing. */
function quickReject(q: QuickFacts, p: PackedVacancies, v: number): boolean {
  const k = q.groupSize;
  const sex = p.sex[v]!;
  return (
    q.maxAge > p.maxAge[v]! ||
    (sex !== 0 && (q.sexOk & sex) === 0) ||
    p.beds[v]! < k ||
    p.room[v]! < k ||
    (k > 1 && p.siblings[v] === 0) ||
    p.availableFrom[v]! > q.neededBy ||
    p.inadequate[v] === 1 ||
    (q.needsWheelchair && p.wheelchair[v] === 0) ||
    (p.pets[v] === 1 ? q.noPets : q.mustHavePets) ||
    p.secure[v] !== q.secureOrder ||
    (q.solo && p.others[v]! > 0) ||
    p.price[v]! > q.maxPrice ||
    p.price[v]! * k > q.budget
  );
}
const KINDS: readonly HomeKind[] = ['foster', 'residential', 'supported'];

export function buildPlanProblem(referralsIn: readonly ChildForMatching[], vacanciesIn: readonly VacancyForMatching[], policy: MatchingPolicy): PlanProblem {
  const referrals = [...referralsIn].sort((a, b) => compareIds(a.referralId, b.referralId));
  const vacancies = [...vacanciesIn].sort((a, b) => compareIds(a.vacancyId, b.vacancyId));
  const objective = policy.plan.objective;
  const floor = objective === 'minimiseCostAboveFloor' ? policy.plan.qualityFloor : -Infinity;
  const R = referrals.length;
  const V = vacancies.length;

  const capacity = new Int32Array(V);
  for (let v = 0; v < V; v++) {
    const vac = vacancies[v]!;
    capacity[v] = Math.max(0, Math.min(vac.bedsFree, vac.approval.maxChildren - vac.otherChildren.length));
  }
  const index = vacancyIndex(vacancies);
  const places = packPlaces(vacancies.map((v) => v.location));
  const packed = packVacancies(vacancies, policy);
  const maxMiles = policy.caps.maxMiles;

  const contexts = referrals.map((c) => prepareChild(c, policy));
  const groupSize = new Int32Array(R);
  const restricted = new Uint8Array(R);
  const pairStart = new Int32Array(R + 1);
  const initial = 1 << 16;
  let vac = new Int32Array(initial);
  let score = new Float64Array(initial);
  let weekly = new Float64Array(initial);
  let milesOut = new Float64Array(initial);
  let weight = new Float64Array(initial);
  let used = 0;
  let perChildBound = 0;

  for (let r = 0; r < R; r++) {
    const ctx = contexts[r]!;
    const child = ctx.child;
    const k = ctx.groupSize;
    groupSize[r] = k;
    restricted[r] = hasHousemateRules(ctx) ? 1 : 0;
    pairStart[r] = used;
    const quick = quickFacts(ctx, policy);
    let largest = 0;
    const age = Math.min(MAX_AGE, Math.max(0, ctx.minAge));
    for (const kind of KINDS) {
      if (ctx.unsuitable[kind]) continue;
      const list = index[kind][age]!;
      for (let j = 0; j < list.length; j++) {
        const v = list[j]!;
        const homeMiles = milesToPacked(child.home, places, v);
        // The distance cap is a hard rule too; testing it first, on packed numbers, skips most of
        // the far homes before their objects are touched.
        if (homeMiles > maxMiles) continue;
        if (quickReject(quick, packed, v)) continue;
        const vacancy = vacancies[v]!;
        if (!hardRulesPass(ctx, vacancy, homeMiles)) continue;
        const schoolMiles = child.school ? milesToPacked(child.school, places, v) : undefined;
        const s = totalScore(ctx, vacancy, homeMiles, schoolMiles);
        if (s < floor) continue;
        const groupWeekly = weeklyTotal(vacancy) * k;
        const w = objective === 'maximiseQuality' ? k * Math.round(s * 10) : -Math.round(groupWeekly / 100);
        if (used === vac.length) {
          const size = vac.length * 2;
          vac = grow(vac, size);
          score = grow(score, size);
          weekly = grow(weekly, size);
          milesOut = grow(milesOut, size);
          weight = grow(weight, size);
        }
        vac[used] = v;
        score[used] = s;
        weekly[used] = groupWeekly;
        milesOut[used] = homeMiles;
        weight[used] = w;
        used++;
        if (Math.abs(w) > largest) largest = Math.abs(w);
      }
    }
    perChildBound += largest;
  }
  pairStart[R] = used;
  const pairReferral = new Int32Array(used);
  for (let r = 0; r < R; r++) pairReferral.fill(r, pairStart[r]!, pairStart[r + 1]!);
  const perChild = perChildBound + 1;
  const pairCoef = new Float64Array(used);
  for (let i = 0; i < used; i++) pairCoef[i] = groupSize[pairReferral[i]!]! * perChild + weight[i]!;

  return {
    policy,
    objective,
    referrals,
    vacancies,
    contexts,
    groupSize,
    capacity,
    pairStart,
    pairVacancy: vac.slice(0, used),
    pairScore: score.slice(0, used),
    pairWeekly: weekly.slice(0, used),
    pairMiles: milesOut.slice(0, used),
    pairWeight: weight.slice(0, used),
    pairReferral,
    pairCoef,
    perChild,
    restricted,
  };
}

/**
 * Referral r's best `k` pairs, best first: highest coefficient, then lowest vacancy id, so equal
 * homes are always taken in the same order.
 */
export function bestPairs(p: PlanProblem, r: number, k: number): number[] {
  const best: number[] = [];
  for (let i = p.pairStart[r]!; i < p.pairStart[r + 1]!; i++) {
    if (best.length === k && !better(p, i, best[k - 1]!)) continue;
    let at = best.length < k ? best.length : k - 1;
    best[at] = i;
    while (at > 0 && better(p, best[at]!, best[at - 1]!)) {
      const t = best[at - 1]!;
      best[at - 1] = best[at]!;
      best[at] = t;
      at--;
    }
  }
  return best;
}

/** Whether pair a ranks above pair b for the same referral. */
export function better(p: PlanProblem, a: number, b: number): boolean {
  const ca = p.pairCoef[a]!;
  const cb = p.pairCoef[b]!;
  return ca > cb || (ca === cb && p.pairVacancy[a]! < p.pairVacancy[b]!);
}

function grow<T extends Int32Array | Float64Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}

function groupOf(ctx: ChildContext): Housemate[] {
  return [{ age: ctx.child.age, sex: ctx.child.sex }, ...ctx.child.siblings.map((s) => ({ age: s.age, sex: s.sex }))];
}

/**
 * Whether two referrals may share a home: each one's rules about who they live with, checked
 * against the other's children. Remembered per pair, since the same two meet at many homes.
 */
export class Housemates {
  private readonly memo = new Map<number, boolean>();
  private readonly groups: Housemate[][];
  constructor(private readonly problem: PlanProblem) {
    this.groups = problem.contexts.map(groupOf);
  }

  compatible(a: number, b: number): boolean {
    const p = this.problem;
    if (!p.restricted[a] && !p.restricted[b]) return true;
    const key = a < b ? a * p.referrals.length + b : b * p.referrals.length + a;
    let ok = this.memo.get(key);
    if (ok === undefined) {
      ok = housemateRulesPass(p.contexts[a]!, this.groups[b]!) && housemateRulesPass(p.contexts[b]!, this.groups[a]!);
      this.memo.set(key, ok);
    }
    return ok;
  }

  /** Whether a and b could both be given beds in vacancy v at all, and would then clash. */
  clash(a: number, b: number, v: number): boolean {
    const p = this.problem;
    if (p.groupSize[a]! + p.groupSize[b]! > p.capacity[v]!) return false;
    return !this.compatible(a, b);
  }
}
