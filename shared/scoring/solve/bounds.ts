/**
 * What every solver path shares: the objective of a plan, the starting candidates, and turning a
 * floating-point dual bound into a claim about integer plans.
 */
import { bestPairs, pairCoefficient, type Housemates, type PlanProblem } from '../problem';

export const EPS = 1e-6;

/** Summation slack: bounds are exact arithmetic on the duals the solver returns, up to rounding in the sums. */
export function slack(bound: number): number {
  return 1e-6 + 1e-9 * Math.abs(bound);
}

/** Every coefficient is an integer, so no plan is worth more than the floor of a valid bound. */
export function flooredBound(bound: number): number {
  return Math.floor(bound + slack(bound));
}

export function proven(value: number, bound: number): boolean {
  return value >= flooredBound(bound);
}

export function objectiveOf(p: PlanProblem, chosen: Int32Array): number {
  let value = 0;
  for (const pair of chosen) if (pair >= 0) value += pairCoefficient(p, pair);
  return value;
}

/** Each referral's best `k` pairs: the columns the solvers start from. */
export function topPairs(p: PlanProblem, k: number): Uint8Array {
  const inModel = new Uint8Array(p.pairVacancy.length);
  for (let r = 0; r < p.referrals.length; r++) for (const pair of bestPairs(p, r, k)) inModel[pair] = 1;
  return inModel;
}

export function columnsOf(inModel: Uint8Array): number[] {
  const cols: number[] = [];
  for (let i = 0; i < inModel.length; i++) if (inModel[i]) cols.push(i);
  return cols;
}

/** Whether any two of these pairs put clashing referrals in the same home, through one vacancy or two. */
export function anyClash(p: PlanProblem, mates: Housemates, pairs: readonly number[]): boolean {
  const byHome = new Map<number, number[]>();
  for (const pair of pairs) {
    const h = p.home[p.pairVacancy[pair]!]!;
    const r = p.pairReferral[pair]!;
    const list = byHome.get(h);
    if (!list) {
      byHome.set(h, [r]);
      continue;
    }
    for (const other of list) if (other !== r && mates.clash(r, other, h)) return true;
    list.push(r);
  }
  return false;
}

/**
 * Pairs of each vacancy, in ascending pair (so referral) order, with their referral and
 * coefficient copied alongside: pricing walks every pair each round, and reading them in vacancy
 * order from these arrays avoids a cache miss per pair.
 */
export interface PairsByVacancy {
  start: Int32Array;
  pairs: Int32Array;
  referral: Int32Array;
  coef: Float64Array;
}

/**
 * The same, grouped by home: entries start[h] .. start[h+1]-1 are the pairs of every vacancy of
 * home h, vacancy by vacancy. Pricing a home's configuration reads them.
 */
export function pairsByHome(p: PlanProblem, byVacancy: PairsByVacancy = pairsByVacancy(p)): PairsByVacancy {
  const H = p.homeCount;
  const start = new Int32Array(H + 1);
  const pairs = new Int32Array(byVacancy.pairs.length);
  const referral = new Int32Array(pairs.length);
  const coef = new Float64Array(pairs.length);
  let at = 0;
  for (let h = 0; h < H; h++) {
    start[h] = at;
    for (let k = p.homeStart[h]!; k < p.homeStart[h + 1]!; k++) {
      const v = p.homeVacancies[k]!;
      for (let i = byVacancy.start[v]!; i < byVacancy.start[v + 1]!; i++) {
        pairs[at] = byVacancy.pairs[i]!;
        referral[at] = byVacancy.referral[i]!;
        coef[at] = byVacancy.coef[i]!;
        at++;
      }
    }
  }
  start[H] = at;
  return { start, pairs, referral, coef };
}

export function pairsByVacancy(p: PlanProblem): PairsByVacancy {
  const V = p.vacancies.length;
  const start = new Int32Array(V + 1);
  for (let i = 0; i < p.pairVacancy.length; i++) start[p.pairVacancy[i]! + 1]!++;
  for (let v = 0; v < V; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, V);
  const pairs = new Int32Array(p.pairVacancy.length);
  for (let i = 0; i < p.pairVacancy.length; i++) pairs[fill[p.pairVacancy[i]!]!++] = i;
  const referral = new Int32Array(pairs.length);
  const coef = new Float64Array(pairs.length);
  for (let j = 0; j < pairs.length; j++) {
    referral[j] = p.pairReferral[pairs[j]!]!;
    coef[j] = p.pairCoef[pairs[j]!]!;
  }
  return { start, pairs, referral, coef };
}
