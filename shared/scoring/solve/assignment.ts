/**
 * The pure assignment: every referral is one child and no two candidates clash, so the plan is a
 * rectangular assignment of referrals to bed slots, solved by linear-sum-assignment
 * (Jonker-Volgenant). Each referral also gets its own "unplaced" slot worth 0 and every
 * non-candidate entry a large negative, so the answer is the MIP's answer.
 *
 * The solver's dual variables price the pairs left out. In its minimisation (cost = delta - W,
 * u per referral free, v per slot <= 0, the package's column and row duals), weak duality gives
 * for the full problem
 *   max <= n*delta - (sum u + sum v + sum_r min(0, least reduced cost of r's pairs)),
 * where a left-out vacancy's slots have v = 0. Pricing repeats until no pair has a negative
 * reduced cost, when the bound equals the plan and the plan is optimal over every allowed pair.
 */
import { linearSumAssignment } from 'linear-sum-assignment';
import { pairCoefficient, type PlanProblem } from '../problem';
import { EPS } from './bounds';

export interface AssignmentRound {
  chosen: Int32Array;
  value: number;
  bound: number;
  /** Left-out pairs with a negative reduced cost, best first per referral. */
  entering: number[];
}

/** One solve over the pairs marked in `inModel`; undefined if the duals fail the check pricing needs. */
export function solveAssignmentRound(p: PlanProblem, inModel: Uint8Array, cols: readonly number[], perReferral: number): AssignmentRound | undefined {
  const rows: number[] = [];
  const rowOf = new Int32Array(p.referrals.length).fill(-1);
  const claimants = new Map<number, number>();
  for (const pair of cols) {
    const r = p.pairReferral[pair]!;
    if (rowOf[r] === -1) {
      rowOf[r] = rows.length;
      rows.push(r);
    }
    const v = p.pairVacancy[pair]!;
    claimants.set(v, (claimants.get(v) ?? 0) + 1);
  }
  const n = rows.length;
  const chosen = new Int32Array(p.referrals.length).fill(-1);
  if (n === 0) return { chosen, value: 0, bound: 0, entering: [] };

  // More slots than claimants could never be filled, so a vacancy gets min(capacity, claimants).
  const vacancies = [...claimants.keys()].sort((a, b) => a - b);
  const firstSlot = new Map<number, number>();
  const slotCount = new Map<number, number>();
  const slotVacancy: number[] = [];
  for (const v of vacancies) {
    const slots = Math.min(p.capacity[v]!, claimants.get(v)!);
    firstSlot.set(v, slotVacancy.length);
    slotCount.set(v, slots);
    for (let s = 0; s < slots; s++) slotVacancy.push(v);
  }
  const S = slotVacancy.length;
  let maxCoef = 0;
  for (const pair of cols) maxCoef = Math.max(maxCoef, pairCoefficient(p, pair));
  // Larger than any plan's value, so no non-candidate entry is ever worth taking over "unplaced".
  const big = (n + 1) * (maxCoef + 1);
  // Rows are slots and columns referrals (slots >= referrals), the orientation the package works in,
  // so it does not transpose a copy of the matrix.
  const matrix: Float64Array[] = [];
  for (let s = 0; s < S + n; s++) matrix.push(new Float64Array(n).fill(-big));
  for (let i = 0; i < n; i++) matrix[S + i]![i] = 0;
  for (const pair of cols) {
    const i = rowOf[p.pairReferral[pair]!]!;
    const v = p.pairVacancy[pair]!;
    const first = firstSlot.get(v)!;
    const coef = pairCoefficient(p, pair);
    for (let s = 0; s < slotCount.get(v)!; s++) matrix[first + s]![i] = coef;
  }
  const result = linearSumAssignment(matrix, { maximaze: true });
  let value = 0;
  for (let i = 0; i < n; i++) {
    const slot = result.columnAssignments[i]!;
    if (slot < 0 || slot >= S || matrix[slot]![i]! <= 0) continue;
    const r = rows[i]!;
    const v = slotVacancy[slot]!;
    for (let pair = p.pairStart[r]!; pair < p.pairStart[r + 1]!; pair++) {
      if (p.pairVacancy[pair] === v) {
        chosen[r] = pair;
        value += pairCoefficient(p, pair);
        break;
      }
    }
  }

  const delta = maxCoef;
  const u = result.dualVariableForColumns;
  const vSlot = result.dualVariableForRows;
  let dualSum = 0;
  for (let i = 0; i < n; i++) {
    // Dual feasibility for every -big entry, including slots of vacancies left out, needs u <= delta + big.
    if (u[i]! > delta + big) return undefined;
    dualSum += u[i]!;
  }
  for (let s = 0; s < S + n; s++) dualSum += vSlot[s]!;
  // Vacancies outside the model have only empty slots, whose dual is 0.
  const vacancyDual = new Float64Array(p.vacancies.length);
  for (const v of vacancies) {
    const first = firstSlot.get(v)!;
    const slots = slotCount.get(v)!;
    // A vacancy with more beds than slots built has an empty slot, whose dual is 0.
    let vmax = slots < p.capacity[v]! ? 0 : -Infinity;
    for (let s = 0; s < slots; s++) vmax = Math.max(vmax, vSlot[first + s]!);
    vacancyDual[v] = vmax;
  }
  let correction = 0;
  const entering: number[] = [];
  const found: { pair: number; rc: number }[] = [];
  for (let r = 0; r < p.referrals.length; r++) {
    const start = p.pairStart[r]!;
    const end = p.pairStart[r + 1]!;
    if (start === end) continue;
    const i = rowOf[r]!;
    if (i === -1) return undefined; // every referral with a pair starts with a column
    let least = 0;
    found.length = 0;
    for (let pair = start; pair < end; pair++) {
      const rc = delta - p.pairCoef[pair]! - u[i]! - vacancyDual[p.pairVacancy[pair]!]!;
      if (rc < least) least = rc;
      if (!inModel[pair] && rc < -EPS) found.push({ pair, rc });
    }
    correction += least;
    if (found.length > 0) {
      found.sort((a, b) => a.rc - b.rc || a.pair - b.pair);
      for (let j = 0; j < Math.min(perReferral, found.length); j++) entering.push(found[j]!.pair);
    }
  }
  return { chosen, value, bound: n * delta - (dualSum + correction), entering };
}
