/**
 * The region as one matching problem: every referral against every vacancy, cut down to the pairs
 * the hard rules allow, each with its score, price and the weight the plan's objective gives it.
 * The optimal plan, the plain solver formulation and greedy placement all start from this table,
 * so they are compared on exactly the same data.
 */
import { HOME_KINDS } from '../domain/homes';
import { prepareChild, type ChildContext } from './context';
import { milesToPacked, tenthsToPacked } from './distance';
import { totalScore } from './evaluate';
import { hardRulesPass, housemateRulesPass } from './hardRules';
import { urgencyDays, type MatchingPolicy, type PlanObjective } from './policy';
import { compareIds } from './ids';
import type { ChildForMatching, Housemate, VacancyForMatching } from './types';
import { vacancyTable, type VacancyTable } from './vacancyTable';

export interface PlanProblem {
  policy: MatchingPolicy;
  objective: PlanObjective;
  /** Sorted by referral id, so the problem (and every plan) is the same whatever the input order. */
  referrals: readonly ChildForMatching[];
  /** Sorted by vacancy id. */
  vacancies: readonly VacancyForMatching[];
  contexts: readonly ChildContext[];
  /** The vacancies packed (vacancyTable.ts), row v being vacancies[v]. */
  table: VacancyTable;
  /** The day the plan is made for: urgency counts days from it. */
  today: string;
  /** Children in each referral (the child and the siblings to be placed with them). */
  groupSize: Int32Array;
  /** Days of urgency each referral carries (urgencyDays): what its weight adds per child. */
  urgency: Int32Array;
  /**
   * Each referral's place in the queue: 0 for the one waiting longest (earliest referral date),
   * then by referral id. Equal plans are settled in this order (plan.ts, preferLongestWaiting).
   */
  waitOrder: Int32Array;
  /** Beds each vacancy can give: its free beds, and no more than its home's capacity. */
  capacity: Int32Array;
  /** Each vacancy's home, an index into the homes below (numbered in vacancy-id order of first sight). */
  home: Int32Array;
  homeCount: number;
  /** Vacancies of home h are homeVacancies[homeStart[h] .. homeStart[h+1]-1], in vacancy order. */
  homeStart: Int32Array;
  homeVacancies: Int32Array;
  /**
   * Children a home can still take, whatever the number of its vacancies: approval places left
   * (approved number less children placed and beds held) and no more than its vacancies' beds.
   */
  homeCapacity: Int32Array;
  /**
   * Whether some home's vacancies together offer more beds than the home can take, so the home's
   * own limit binds and a per-vacancy model (the assignment solver) would not hold it.
   */
  homesBind: boolean;
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
   * The objective's integer weight for the pair before the "place children first" term, per child:
   * score plus urgency in tenths of a point (maximiseQuality), or urgency less the weekly price in
   * whole pounds (minimiseCost). Urgency is the policy's weight per day of need (policy.ts).
   */
  pairWeight: Float64Array;
  /** Referral and vacancy of each pair, for pricing loops that walk all pairs. */
  pairReferral: Int32Array;
  /** Each pair's full objective coefficient, k * perChild + weight (pricing reads it millions of times). */
  pairCoef: Float64Array;
  /**
   * Weight of one placed child in the objective. It exceeds the most the secondary weights of any
   * plan could differ by, so the solver first places as many children as it can (the sufficiency
   * duty), then maximises quality (with urgency) or minimises cost among plans that place that many.
   */
  perChild: number;
  /** Referrals with rules about who they live with; only they can clash with another referral. */
  restricted: Uint8Array;
}

/** The full objective coefficient of a pair: per-child term plus its weight. */
export function pairCoefficient(p: PlanProblem, pair: number): number {
  return p.pairCoef[pair]!;
}

/**
 * Vacancies by kind and by each age their approval covers. A referral only walks the lists for
 * kinds the referral allows and for its youngest child's age; every rule, those two included, is
 * still checked in full, so the index only skips homes that would fail them anyway.
 */
function vacancyIndex(t: VacancyTable): Int32Array[][] {
  const lists = HOME_KINDS.map(() => Array.from({ length: MAX_AGE + 1 }, (): number[] => []));
  for (let i = 0; i < t.size; i++) {
    for (let age = Math.max(0, t.minAge[i]!); age <= Math.min(MAX_AGE, t.maxAge[i]!); age++) lists[t.kind[i]!]![age]!.push(i);
  }
  return lists.map((byAge) => byAge.map((l) => Int32Array.from(l)));
}

const MAX_AGE = 25;

/** The earliest needed-by date: the day urgency is counted from when the caller gives none. */
function earliestNeed(referrals: readonly ChildForMatching[]): string {
  let first = '';
  for (const r of referrals) if (first === '' || r.neededByDate < first) first = r.neededByDate;
  return first || '1970-01-01';
}

interface Homes {
  home: Int32Array;
  homeCount: number;
  homeStart: Int32Array;
  homeVacancies: Int32Array;
  homeCapacity: Int32Array;
  capacity: Int32Array;
  homesBind: boolean;
}

/**
 * Groups the vacancy rows by home and works out what each home can take. The approval and the
 * people living there are the home's; should two rows of one home disagree, the tighter wins.
 */
function homesOf(t: VacancyTable): Homes {
  const V = t.size;
  const home = new Int32Array(V);
  const ids = new Map<string, number>();
  for (let v = 0; v < V; v++) {
    let h = ids.get(t.homeId[v]!);
    if (h === undefined) {
      h = ids.size;
      ids.set(t.homeId[v]!, h);
    }
    home[v] = h;
  }
  const H = ids.size;
  const homeStart = new Int32Array(H + 1);
  for (let v = 0; v < V; v++) homeStart[home[v]! + 1]!++;
  for (let h = 0; h < H; h++) homeStart[h + 1]! += homeStart[h]!;
  const fill = homeStart.slice(0, H);
  const homeVacancies = new Int32Array(V);
  for (let v = 0; v < V; v++) homeVacancies[fill[home[v]!]!++] = v;
  const approvalLeft = new Int32Array(H).fill(2 ** 30);
  const beds = new Int32Array(H);
  for (let v = 0; v < V; v++) {
    const h = home[v]!;
    approvalLeft[h] = Math.min(approvalLeft[h]!, t.maxChildren[v]! - t.placesTaken[v]!);
    beds[h] = beds[h]! + Math.max(0, t.bedsFree[v]!);
  }
  const homeCapacity = new Int32Array(H);
  for (let h = 0; h < H; h++) homeCapacity[h] = Math.max(0, Math.min(approvalLeft[h]!, beds[h]!));
  const capacity = new Int32Array(V);
  const offered = new Int32Array(H);
  for (let v = 0; v < V; v++) {
    const h = home[v]!;
    capacity[v] = Math.max(0, Math.min(t.bedsFree[v]!, homeCapacity[h]!));
    offered[h] = offered[h]! + capacity[v]!;
  }
  let homesBind = false;
  for (let h = 0; h < H && !homesBind; h++) homesBind = offered[h]! > homeCapacity[h]!;
  return { home, homeCount: H, homeStart, homeVacancies, homeCapacity, capacity, homesBind };
}

/** Referral positions in the queue: earliest referral date first, then referral id. */
function waitOrderOf(referrals: readonly ChildForMatching[]): Int32Array {
  const order = referrals.map((_, r) => r);
  order.sort((a, b) => compareIds(referrals[a]!.referralDate, referrals[b]!.referralDate) || compareIds(referrals[a]!.referralId, referrals[b]!.referralId));
  const position = new Int32Array(referrals.length);
  order.forEach((r, at) => (position[r] = at));
  return position;
}

export function buildPlanProblem(
  referralsIn: readonly ChildForMatching[],
  vacanciesIn: readonly VacancyForMatching[],
  policy: MatchingPolicy,
  todayIn?: string,
): PlanProblem {
  const referrals = [...referralsIn].sort((a, b) => compareIds(a.referralId, b.referralId));
  const vacancies = [...vacanciesIn].sort((a, b) => compareIds(a.vacancyId, b.vacancyId));
  const objective = policy.plan.objective;
  const floor = objective === 'minimiseCostAboveFloor' ? policy.plan.qualityFloor : -Infinity;
  const R = referrals.length;
  const today = todayIn ?? earliestNeed(referrals);
  const urgencyPolicy = policy.plan.urgency;

  const table = vacancyTable(vacancies);
  const homes = homesOf(table);
  const index = vacancyIndex(table);
  const places = table.places;
  const maxMiles = policy.caps.maxMiles;

  const contexts = referrals.map((c) => prepareChild(c, policy));
  const groupSize = new Int32Array(R);
  const urgency = new Int32Array(R);
  const restricted = new Uint8Array(R);
  const pairStart = new Int32Array(R + 1);
  // Room for every pair the index could offer, so the arrays are allocated once and never copied.
  let capacityBound = 0;
  for (const ctx of contexts) {
    const age = Math.min(MAX_AGE, Math.max(0, ctx.minAge));
    for (let kind = 0; kind < HOME_KINDS.length; kind++) if (!ctx.unsuitableByCode[kind]) capacityBound += index[kind]![age]!.length;
  }
  const vac = new Int32Array(capacityBound);
  const score = new Float64Array(capacityBound);
  const weekly = new Float64Array(capacityBound);
  const milesOut = new Float64Array(capacityBound);
  const weight = new Float64Array(capacityBound);
  let used = 0;
  let perChildBound = 0;

  for (let r = 0; r < R; r++) {
    const ctx = contexts[r]!;
    const child = ctx.child;
    const k = ctx.groupSize;
    groupSize[r] = k;
    const days = urgencyDays(urgencyPolicy, child.neededByDate, today);
    urgency[r] = days;
    // Urgency in the objective's own whole units, per child: tenths of a point, or pounds a week.
    const urgent = objective === 'maximiseQuality' ? Math.round(days * urgencyPolicy.pointsPerDay * 10) : Math.round(days * urgencyPolicy.poundsPerDay);
    restricted[r] = ctx.hasHousemateRules ? 1 : 0;
    pairStart[r] = used;
    let largest = 0;
    const age = Math.min(MAX_AGE, Math.max(0, ctx.minAge));
    for (let kind = 0; kind < HOME_KINDS.length; kind++) {
      if (ctx.unsuitableByCode[kind]) continue;
      const list = index[kind]![age]!;
      for (let j = 0; j < list.length; j++) {
        const v = list[j]!;
        const homeTenths = tenthsToPacked(child.home, places, v);
        const homeMiles = homeTenths / 10;
        // The distance cap is a hard rule too, and the cheapest to test.
        if (homeMiles > maxMiles) continue;
        if (!hardRulesPass(ctx, table, v, homeTenths)) continue;
        const schoolMiles = child.school ? milesToPacked(child.school, places, v) : undefined;
        const s = totalScore(ctx, table, v, homeMiles, schoolMiles);
        if (s < floor) continue;
        const groupWeekly = table.weekly[v]! * k;
        const w = objective === 'maximiseQuality' ? k * (Math.round(s * 10) + urgent) : k * urgent - Math.round(groupWeekly / 100);
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
    table,
    today,
    groupSize,
    urgency,
    waitOrder: waitOrderOf(referrals),
    ...homes,
    pairStart,
    // Views, not copies: the slack is dropped with the problem, and copying five such arrays cost time.
    pairVacancy: vac.subarray(0, used),
    pairScore: score.subarray(0, used),
    pairWeekly: weekly.subarray(0, used),
    pairMiles: milesOut.subarray(0, used),
    pairWeight: weight.subarray(0, used),
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

  /** Whether a and b could both be given beds in home h at all (through any of its vacancies), and would then clash. */
  clash(a: number, b: number, h: number): boolean {
    const p = this.problem;
    if (p.groupSize[a]! + p.groupSize[b]! > p.homeCapacity[h]!) return false;
    return !this.compatible(a, b);
  }
}
