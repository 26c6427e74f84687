/**
 * The side-constrained plan, solved with HiGHS over configurations. A configuration is one home
 * with the referrals placed in it, each through one of the home's vacancies: their children fit
 * each vacancy's beds and the home's approval, and no two of them clash. Homes, not vacancies, are
 * the unit, so a home listed twice (two vacancy rows) can never take more children than it may.
 *
 *   max  sum_C value(C) z_C
 *   s.t. sum_{C containing r} z_C <= 1   for each referral r   (dual y_r >= 0)
 *        sum_{C at h} z_C <= 1            for each home h       (dual mu_h >= 0)
 *        z_C in {0, 1}
 *
 * Per-vacancy configurations make the LP relaxation tight where a pair model is weak: a sibling
 * group half-placed in two homes, or three children who must not share a home each "half" in it,
 * cannot happen inside one configuration. (On synthetic regions the pair model's LP left a gap
 * too wide for any pruning argument; this one is usually integral.)
 *
 * Pricing. With LP duals, the best configuration at h is a tiny knapsack: the referrals whose pair
 * at one of h's vacancies is worth more than y_r, fitting the beds, pairwise compatible; it is
 * solved exactly by search. Weak duality then bounds every plan over every allowed pair:
 *   value <= sum_r y_r + sum_h mu_h + sum_h max(0, best_h - mu_h).
 * Configurations with positive reduced cost are added until none is left. If the MIP's plan then
 * falls short of floor(bound), reduced-cost fixing finishes the proof: a plan using configuration
 * C at h is worth at most bound - positive_h + d_C, so every configuration that could still be
 * in a better plan is enumerated and the MIP solved once more over them.
 */
import type { Highs } from 'highs';
import { pairCoefficient, type Housemates, type PlanProblem } from '../problem';
import { EPS, flooredBound, objectiveOf, pairsByHome, proven, slack, type PairsByVacancy } from './bounds';
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
  /** The vacancy of the home the pair uses. */
  v: number;
  k: number;
  value: number;
}

class ConfigurationPool {
  readonly home: number[] = [];
  /** Pair ids of each configuration, ascending. */
  readonly pairs: number[][] = [];
  readonly value: number[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly p: PlanProblem) {}

  add(h: number, pairs: number[]): boolean {
    const sorted = [...pairs].sort((a, b) => a - b);
    const key = `${h}:${sorted.join(',')}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.home.push(h);
    this.pairs.push(sorted);
    let value = 0;
    for (const pair of sorted) value += pairCoefficient(this.p, pair);
    this.value.push(value);
    return true;
  }

  get size(): number {
    return this.home.length;
  }
}

/**
 * The master LP, kept alive between pricing rounds: new configurations are appended as columns and
 * the simplex restarts from the previous basis, which makes a re-solve a few milliseconds instead
 * of a fresh solve. Rows are fixed: referral r is row r, home h is row R + h.
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
    this.numRows = p.referrals.length + p.homeCount;
    const model = highs.createModel();
    try {
      model.options.set({ output_flag: false, time_limit: timeLimitSeconds, random_seed: 0 });
      model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
      model.addRows({
        lower: new Float64Array(this.numRows).fill(-highs.infinity),
        upper: new Float64Array(this.numRows).fill(1),
        matrix: {
          format: 'csr',
          numRows: this.numRows,
          numCols: 0,
          starts: new Int32Array(this.numRows + 1),
          indices: new Int32Array(0),
          values: new Float64Array(0),
        },
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

/** Columns for configurations from index `from` on: one entry per member's referral row and one for the home row. */
function masterColumns(p: PlanProblem, pool: ConfigurationPool, from: number): ColumnBuilder {
  const R = p.referrals.length;
  const columns = new ColumnBuilder();
  for (let c = from; c < pool.size; c++) {
    const members = pool.pairs[c]!.map((pair) => p.pairReferral[pair]!);
    columns.add(pool.value[c]!, [...members, R + pool.home[c]!], [...members.map(() => 1), 1]);
  }
  return columns;
}

/** Items at home h (any of its vacancies) worth more than their referral's dual, best first. */
function positiveItems(p: PlanProblem, byHome: PairsByVacancy, h: number, y: Float64Array, threshold: number): Item[] {
  const items: Item[] = [];
  for (let i = byHome.start[h]!; i < byHome.start[h + 1]!; i++) {
    const r = byHome.referral[i]!;
    const value = byHome.coef[i]! - y[r]!;
    const pair = byHome.pairs[i]!;
    if (value > threshold) items.push({ pair, r, v: p.pairVacancy[pair]!, k: p.groupSize[r]!, value });
  }
  return items.sort((a, b) => b.value - a.value || a.pair - b.pair);
}

/**
 * Beds a configuration uses at each vacancy while one is searched for, and what may join it: a
 * referral not already in it, with beds in its vacancy, who clashes with no one there. The counts
 * are indexed by vacancy and put back as the search backtracks, so one array serves every home.
 */
class Fit {
  readonly used: Int32Array;
  constructor(
    private readonly p: PlanProblem,
    private readonly mates: Housemates,
  ) {
    this.used = new Int32Array(p.vacancies.length);
  }

  allows(chosen: readonly Item[], it: Item): boolean {
    if (this.used[it.v]! + it.k > this.p.capacity[it.v]!) return false;
    for (const c of chosen) if (c.r === it.r || !this.mates.compatible(c.r, it.r)) return false;
    return true;
  }
}

/** The most valuable feasible subset of items (exact: branch and bound over a handful of beds). */
function bestSubset(items: readonly Item[], capacity: number, fit: Fit): { value: number; pairs: number[] } {
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
      if (!fit.allows(chosen, it)) continue;
      chosen.push(it);
      fit.used[it.v]! += it.k;
      search(j + 1, used + it.k, value + it.value);
      fit.used[it.v]! -= it.k;
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
function subsetsAbove(items: readonly Item[], capacity: number, need: number, fit: Fit, limit: number): number[][] | undefined {
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
      if (!fit.allows(chosen, it)) continue;
      chosen.push(it);
      fit.used[it.v]! += it.k;
      search(j + 1, used + it.k, value + it.value);
      fit.used[it.v]! -= it.k;
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
  const byHome = pairsByHome(p);
  const fit = new Fit(p, mates);
  const pool = new ConfigurationPool(p);
  for (const pair of seedPairs) pool.add(p.home[p.pairVacancy[pair]!]!, [pair]);
  const R = p.referrals.length;
  const H = p.homeCount;
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
      const mu = new Float64Array(H);
      let roundBound = 0;
      for (let r = 0; r < R; r++) roundBound += y[r] = Math.max(0, lp.rowDual[r]!);
      for (let h = 0; h < H; h++) roundBound += mu[h] = Math.max(0, lp.rowDual[R + h]!);
      const positive = new Float64Array(H);
      let added = 0;
      for (let h = 0; h < H; h++) {
        const items = positiveItems(p, byHome, h, y, 0);
        if (items.length === 0) continue;
        const best = bestSubset(items, p.homeCapacity[h]!, fit);
        const gain = best.value - mu[h]!;
        if (gain > 0) {
          positive[h] = gain;
          roundBound += gain;
        }
        if (gain > EPS && pool.add(h, best.pairs)) added++;
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
      for (let h = 0; h < H && fixedAll; h++) {
        // A configuration C at h can be in a plan worth more than the incumbent only if
        // bound - positive_h + value(C) - sum y - mu_h > incumbent + 0.5.
        const need = incumbent + 0.5 - last.bound + last.positive[h]! + last.mu[h]! - slack(last.bound);
        const items = positiveItems(p, byHome, h, last.y, -Infinity);
        if (items.length === 0) continue;
        const subsets = subsetsAbove(items, p.homeCapacity[h]!, need, fit, FIXING_LIMIT - pool.size);
        if (!subsets) fixedAll = false;
        else for (const s of subsets) pool.add(h, s);
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
  const rowUpper = new Array<number>(p.referrals.length + p.homeCount).fill(1);
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
