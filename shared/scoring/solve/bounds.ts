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

/** Whether any two of these pairs put clashing referrals in the same vacancy. */
export function anyClash(p: PlanProblem, mates: Housemates, pairs: readonly number[]): boolean {
  const byVacancy = new Map<number, number[]>();
  for (const pair of pairs) {
    const v = p.pairVacancy[pair]!;
    const r = p.pairReferral[pair]!;
    const list = byVacancy.get(v);
    if (!list) {
      byVacancy.set(v, [r]);
      continue;
    }
    for (const other of list) if (mates.clash(r, other, v)) return true;
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
