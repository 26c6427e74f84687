/**
 * The side-constrained plan, solved with HiGHS over configurations. A configuration is one
 * vacancy with the referrals placed in it: their children fit its beds and no two of them clash.
 *
 *   max  sum_C value(C) z_C
 *   s.t. sum_{C containing r} z_C <= 1   for each referral r   (dual y_r >= 0)
 *        sum_{C at v} z_C <= 1            for each vacancy v    (dual mu_v >= 0)
 *        z_C in {0, 1}
 *
 * Per-vacancy configurations make the LP relaxation tight where a pair model is weak: a sibling
 * group half-placed in two homes, or three children who must not share a home each "half" in it,
 * cannot happen inside one configuration. (On synthetic regions the pair model's LP left a gap
 * too wide for any pruning argument; this one is usually integral.)
 *
 * Pricing. With LP duals, the best configuration at v is a tiny knapsack: the referrals whose pair
 * at v is worth more than y_r, fitting the beds, pairwise compatible; it is solved exactly by
 * search. Weak duality then bounds every plan over every allowed pair:
 *   value <= sum_r y_r + sum_v mu_v + sum_v max(0, best_v - mu_v).
 * Configurations with positive reduced cost are added until none is left. If the MIP's plan then
 * falls short of floor(bound), reduced-cost fixing finishes the proof: a plan using configuration
 * C at v is worth at most bound - positive_v + d_C, so every configuration that could still be
 * in a better plan is enumerated and the MIP solved once more over them.
 */
import type { Highs } from 'highs';
import { pairCoefficient, type Housemates, type PlanProblem } from '../problem';
import { EPS, flooredBound, objectiveOf, pairsByVacancy, proven, slack, type PairsByVacancy } from './bounds';
import { ColumnBuilder, runHighs } from './highsModel';

export interface ConfigurationOutcome {
  chosen: Int32Array;
  value: number;
  bound: number;
  status: 'optimal' | 'bounded' | 'time-limit';
  provedByFixing: boolean;
  rounds: number;
  configurations: number;
  lpMs: number;
  mipMs: number;
  pricingMs: number;
}

interface Item {
  pair: number;
  r: number;
  k: number;
  value: number;
}

class ConfigurationPool {
  readonly vacancy: number[] = [];
  /** Pair ids of each configuration, ascending. */
  readonly pairs: number[][] = [];
  readonly value: number[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly p: PlanProblem) {}

  add(v: number, pairs: number[]): boolean {
    const sorted = [...pairs].sort((a, b) => a - b);
    const key = `${v}:${sorted.join(',')}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.vacancy.push(v);
    this.pairs.push(sorted);
    let value = 0;
    for (const pair of sorted) value += pairCoefficient(this.p, pair);
    this.value.push(value);
    return true;
  }

  get size(): number {
    return this.vacancy.length;
  }
}

/**
 * The master LP, kept alive between pricing rounds: new configurations are appended as columns and
 * the simplex restarts from the previous basis, which makes a re-solve a few milliseconds instead
 * of a fresh solve. Rows are fixed: referral r is row r, vacancy v is row R + v.
 */
class MasterLp {
  private readonly model: ReturnType<Highs['createModel']>;
  private columnsInModel = 0;
  private readonly numRows: number;

  constructor(
    private readonly highs: Highs,
    private readonly p: PlanProblem,
    private readonly pool: ConfigurationPool,
    timeLimitSeconds: number,
  ) {
    this.numRows = p.referrals.length + p.vacancies.length;
    const model = highs.createModel();
    try {
      model.options.set({ output_flag: false, time_limit: timeLimitSeconds, random_seed: 0 });
      model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
      model.addRows({
        lower: new Float64Array(this.numRows).fill(-highs.infinity),
        upper: new Float64Array(this.numRows).fill(1),
        matrix: { format: 'csr', numRows: this.numRows, numCols: 0, starts: new Int32Array(this.numRows + 1), indices: new Int32Array(0), values: new Float64Array(0) },
      });
    } catch (error) {
      model.dispose();
      throw error;
    }
    this.model = model;
  }

  /** Appends the pool's new configurations and re-solves; the LP leaves z unbounded above so every dual sits on a row. */
  solve(): { optimal: boolean; status: number; z: Float64Array; rowDual: Float64Array } {
    const columns = masterColumns(this.p, this.pool, this.columnsInModel);
    if (columns.count > 0) {
      this.model.addCols({
        cost: Float64Array.from(columns.cost),
        lower: new Float64Array(columns.count),
        upper: new Float64Array(columns.count).fill(this.highs.infinity),
        matrix: {
          format: 'csc',
          numRows: this.numRows,
          numCols: columns.count,
          starts: Int32Array.from(columns.starts),
          indices: Int32Array.from(columns.indices),
          values: Float64Array.from(columns.values),
        },
      });
      this.columnsInModel += columns.count;
    }
    this.model.run();
    const status = this.model.getModelStatus();
    const sol = this.model.getSolution();
    return { optimal: status === this.highs.constants.modelStatus.optimal, status, z: sol.colValue, rowDual: sol.rowDual };
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Columns for configurations from index `from` on: one entry per member's referral row and one for the vacancy row. */
function masterColumns(p: PlanProblem, pool: ConfigurationPool, from: number): ColumnBuilder {
  const R = p.referrals.length;
  const columns = new ColumnBuilder();
  for (let c = from; c < pool.size; c++) {
    const members = pool.pairs[c]!.map((pair) => p.pairReferral[pair]!);
    columns.add(pool.value[c]!, [...members, R + pool.vacancy[c]!], [...members.map(() => 1), 1]);
  }
  return columns;
}

/** Items at vacancy v worth more than their referral's dual, best first. */
function positiveItems(p: PlanProblem, byVacancy: PairsByVacancy, v: number, y: Float64Array, threshold: number): Item[] {
  const items: Item[] = [];
  for (let i = byVacancy.start[v]!; i < byVacancy.start[v + 1]!; i++) {
    const r = byVacancy.referral[i]!;
    const value = byVacancy.coef[i]! - y[r]!;
    if (value > threshold) items.push({ pair: byVacancy.pairs[i]!, r, k: p.groupSize[r]!, value });
  }
  return items.sort((a, b) => b.value - a.value || a.pair - b.pair);
}

/** The most valuable feasible subset of items (exact: branch and bound over a handful of beds). */
function bestSubset(items: readonly Item[], capacity: number, mates: Housemates): { value: number; pairs: number[] } {
  let best = 0;
  let bestSet: number[] = [];
  const chosen: Item[] = [];
  const search = (from: number, used: number, value: number): void => {
    if (value > best + EPS) {
      best = value;
      bestSet = chosen.map((c) => c.pair);
    }
    for (let j = from; j < items.length; j++) {
      const it = items[j]!;
      // Later items are worth no more than this one, and each takes at least one bed.
      if (value + it.value * (capacity - used) <= best + EPS) return;
      if (used + it.k > capacity) continue;
      if (!chosen.every((c) => mates.compatible(c.r, it.r))) continue;
      chosen.push(it);
      search(j + 1, used + it.k, value + it.value);
      chosen.pop();
    }
  };
  search(0, 0, 0);
  return { value: best, pairs: bestSet };
}

/**
 * Every feasible non-empty subset of `items` (which may include items worth less than nothing)
 * whose value exceeds `need`; undefined if there are more than `limit`.
 */
function subsetsAbove(items: readonly Item[], capacity: number, need: number, mates: Housemates, limit: number): number[][] | undefined {
  const out: number[][] = [];
  const chosen: Item[] = [];
  // Suffix sums of the positive values bound what the remaining items could add.
  const positiveAfter = new Float64Array(items.length + 1);
  for (let j = items.length - 1; j >= 0; j--) positiveAfter[j] = positiveAfter[j + 1]! + Math.max(0, items[j]!.value);
  let overflow = false;
  const search = (from: number, used: number, value: number): void => {
    if (overflow) return;
    if (chosen.length > 0 && value > need) {
      out.push(chosen.map((c) => c.pair));
      if (out.length > limit) {
        overflow = true;
        return;
      }
    }
    for (let j = from; j < items.length; j++) {
      if (value + positiveAfter[j]! <= need) return;
      const it = items[j]!;
      if (used + it.k > capacity) continue;
      if (!chosen.every((c) => mates.compatible(c.r, it.r))) continue;
      chosen.push(it);
      search(j + 1, used + it.k, value + it.value);
      chosen.pop();
    }
  };
  search(0, 0, 0);
  return overflow ? undefined : out;
}

const FIXING_LIMIT = 200_000;

export function solveByConfigurations(
  p: PlanProblem,
  highs: Highs,
  mates: Housemates,
  seedPairs: readonly number[],
  options: { maxRounds: number; timeLimitSeconds: number },
): ConfigurationOutcome {
  const byVacancy = pairsByVacancy(p);
  const pool = new ConfigurationPool(p);
  for (const pair of seedPairs) pool.add(p.pairVacancy[pair]!, [pair]);
  const R = p.referrals.length;
  const V = p.vacancies.length;
  let lpMs = 0;
  let mipMs = 0;
  let pricingMs = 0;

  let rounds = 0;
  let bound = Infinity;
  let converged = false;
  let chosen: Int32Array | undefined;
  let last: { y: Float64Array; mu: Float64Array; positive: Float64Array; bound: number } | undefined;

  const master = new MasterLp(highs, p, pool, options.timeLimitSeconds);
  try {
    for (;;) {
      rounds++;
      let t = performance.now();
      const lp = master.solve();
      lpMs += performance.now() - t;
      if (!lp.optimal) throw new Error(`HiGHS could not solve the plan's LP relaxation (status ${lp.status}).`);
      t = performance.now();
      const y = new Float64Array(R);
      const mu = new Float64Array(V);
      let roundBound = 0;
      for (let r = 0; r < R; r++) roundBound += y[r] = Math.max(0, lp.rowDual[r]!);
      for (let v = 0; v < V; v++) roundBound += mu[v] = Math.max(0, lp.rowDual[R + v]!);
      const positive = new Float64Array(V);
      let added = 0;
      for (let v = 0; v < V; v++) {
        const items = positiveItems(p, byVacancy, v, y, 0);
        if (items.length === 0) continue;
        const best = bestSubset(items, p.capacity[v]!, mates);
        const gain = best.value - mu[v]!;
        if (gain > 0) {
          positive[v] = gain;
          roundBound += gain;
        }
        if (gain > EPS && pool.add(v, best.pairs)) added++;
      }
      pricingMs += performance.now() - t;
      bound = Math.min(bound, roundBound);
      last = { y, mu, positive, bound: roundBound };
      const integral = lp.z.every((z) => z < EPS || z > 1 - EPS);
      chosen = integral && added === 0 ? chosenFrom(p, pool, lp.z) : undefined;
      if (added === 0) {
        converged = true;
        break;
      }
      if (rounds >= options.maxRounds) break;
    }
  } finally {
    master.dispose();
  }

  let status: ConfigurationOutcome['status'] = 'optimal';
  let provedByFixing = false;
  if (!chosen) {
    let t = performance.now();
    let mip = solveMaster(highs, p, pool, options.timeLimitSeconds);
    mipMs += performance.now() - t;
    chosen = mip.chosen;
    if (!mip.optimal) status = 'time-limit';
    if (mip.optimal && converged && last && !proven(objectiveOf(p, chosen), bound)) {
      const incumbent = objectiveOf(p, chosen);
      t = performance.now();
      let fixedAll = true;
      for (let v = 0; v < V && fixedAll; v++) {
        // A configuration C at v can be in a plan worth more than the incumbent only if
        // bound - positive_v + value(C) - sum y - mu_v > incumbent + 0.5.
        const need = incumbent + 0.5 - last.bound + last.positive[v]! + last.mu[v]! - slack(last.bound);
        const items = positiveItems(p, byVacancy, v, last.y, -Infinity);
        if (items.length === 0) continue;
        const subsets = subsetsAbove(items, p.capacity[v]!, need, mates, FIXING_LIMIT - pool.size);
        if (!subsets) fixedAll = false;
        else for (const s of subsets) pool.add(v, s);
      }
      pricingMs += performance.now() - t;
      if (fixedAll) {
        t = performance.now();
        mip = solveMaster(highs, p, pool, options.timeLimitSeconds);
        mipMs += performance.now() - t;
        if (mip.optimal) {
          chosen = mip.chosen;
          provedByFixing = true;
        } else {
          status = 'time-limit';
        }
      }
    }
  }
  const value = objectiveOf(p, chosen);
  if (status === 'optimal' && !provedByFixing && !proven(value, bound)) status = 'bounded';
  return { chosen, value, bound: flooredBound(bound), status, provedByFixing, rounds, configurations: pool.size, lpMs, mipMs, pricingMs };
}

function solveMaster(highs: Highs, p: PlanProblem, pool: ConfigurationPool, timeLimitSeconds: number): { chosen: Int32Array; optimal: boolean } {
  const rowUpper = new Array<number>(p.referrals.length + p.vacancies.length).fill(1);
  const mip = runHighs(highs, rowUpper, masterColumns(p, pool, 0), { integer: true, timeLimitSeconds, colUpper: 1 });
  if (!mip.optimal && !mip.timeLimited) throw new Error(`HiGHS could not solve the plan (status ${mip.status}).`);
  return { chosen: chosenFrom(p, pool, mip.x), optimal: mip.optimal };
}

function chosenFrom(p: PlanProblem, pool: ConfigurationPool, z: Float64Array): Int32Array {
  const chosen = new Int32Array(p.referrals.length).fill(-1);
  for (let c = 0; c < pool.size; c++) {
    if (z[c]! > 0.5) for (const pair of pool.pairs[c]!) chosen[p.pairReferral[pair]!] = pair;
  }
  return chosen;
}
