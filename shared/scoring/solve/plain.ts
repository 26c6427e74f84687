/**
 * The plain formulation, kept as the baseline the engine is measured against: every allowed pair
 * a binary column in one MIP, no pruning and no pricing.
 *   each referral at most once; beds per vacancy (sum k x <= capacity); where a home's vacancies
 *   together offer more beds than the home may take, the home's own limit; and for a referral a
 *   with rules about who it lives with, one aggregated row per home instead of one per clashing
 *   pair (so the model stays buildable):  M x[a,v] + sum_{b clashes with a, v' in a's home} x[b,v'] <= M.
 */
import type { Highs } from 'highs';
import { pairCoefficient, type Housemates, type PlanProblem } from '../problem';
import { pairsByHome, pairsByVacancy } from './bounds';
import { ColumnBuilder, runHighs } from './highsModel';

export function solvePlain(p: PlanProblem, highs: Highs, mates: Housemates, timeLimitSeconds: number): { chosen: Int32Array; optimal: boolean } {
  const R = p.referrals.length;
  const V = p.vacancies.length;
  const n = p.pairVacancy.length;
  const rowUpper: number[] = [];
  for (let r = 0; r < R; r++) rowUpper.push(1);
  for (let v = 0; v < V; v++) rowUpper.push(p.capacity[v]!);
  const extra: [number, number][][] = Array.from({ length: n }, () => []);
  const byHome = pairsByHome(p, pairsByVacancy(p));
  for (let h = 0; h < p.homeCount; h++) {
    const start = byHome.start[h]!;
    const end = byHome.start[h + 1]!;
    if (end - start < 2) continue;
    let offered = 0;
    for (let k = p.homeStart[h]!; k < p.homeStart[h + 1]!; k++) offered += p.capacity[p.homeVacancies[k]!]!;
    if (offered > p.homeCapacity[h]!) {
      const row = rowUpper.length;
      rowUpper.push(p.homeCapacity[h]!);
      for (let i = start; i < end; i++) extra[byHome.pairs[i]!]!.push([row, p.groupSize[byHome.referral[i]!]!]);
    }
    for (let i = start; i < end; i++) {
      const pa = byHome.pairs[i]!;
      const a = byHome.referral[i]!;
      if (!p.restricted[a]) continue;
      const clashing: number[] = [];
      for (let j = start; j < end; j++) {
        const b = byHome.referral[j]!;
        if (b !== a && mates.clash(a, b, h)) clashing.push(byHome.pairs[j]!);
      }
      if (clashing.length === 0) continue;
      const row = rowUpper.length;
      rowUpper.push(clashing.length);
      extra[pa]!.push([row, clashing.length]);
      for (const pb of clashing) extra[pb]!.push([row, 1]);
    }
  }
  const columns = new ColumnBuilder();
  for (let pair = 0; pair < n; pair++) {
    const r = p.pairReferral[pair]!;
    const rows = [r, R + p.pairVacancy[pair]!, ...extra[pair]!.map((e) => e[0])];
    const coefs = [1, p.groupSize[r]!, ...extra[pair]!.map((e) => e[1])];
    columns.add(pairCoefficient(p, pair), rows, coefs);
  }
  const mip = runHighs(highs, rowUpper, columns, { integer: true, timeLimitSeconds, colUpper: 1 });
  if (!mip.optimal && !mip.timeLimited) throw new Error(`HiGHS could not solve the plain plan (status ${mip.status}).`);
  const chosen = new Int32Array(R).fill(-1);
  for (let pair = 0; pair < n; pair++) if (mip.x[pair]! > 0.5) chosen[p.pairReferral[pair]!] = pair;
  return { chosen, optimal: mip.optimal };
}
