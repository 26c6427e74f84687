/**
 * One referral against every open vacancy in the region. The result carries the policy version
 * and every exclusion with its reasons, so the search as it was run can be shown to a panel later;
 * identical inputs give identical output, order included.
 */
import { prepareChild } from './context';
import { milesToPacked, tenthsToPacked } from './distance';
import { scoreMatch } from './explain';
import { ReasonList, hardRulesPass } from './hardRules';
import type { MatchingPolicy, TieBreakKey } from './policy';
import type { ChildForMatching, ExcludedVacancy, RankedVacancy, RankResult, VacancyForMatching } from './types';
import { isVacancyTable, vacancyTable, type VacancyTable } from './vacancyTable';

export interface RankOptions {
  /**
   * How many of the best homes carry explanation lines (default 50, the most an officer works
   * through for one child). Lines cost far more to build than scores; any other home's lines come
   * from whyNot(), which gives exactly the same words. Infinity explains every home.
   */
  explainTop?: number;
}

export const DEFAULT_EXPLAIN_TOP = 50;

/** A tie-break key's value for a home; larger is better for every key, so one comparison serves them all. */
function tieBreakValue(key: TieBreakKey, r: RankedVacancy): number {
  switch (key) {
    case 'stability':
      return r.scores.stability;
    case 'needs':
      return r.scores.needs;
    case 'wishes':
      return r.scores.wishes;
    case 'distance':
      return r.scores.distance;
    case 'cost':
      return r.scores.cost;
    case 'homeMiles':
      return -r.distance.homeMiles;
    case 'weeklyPrice':
      return -r.weeklyPence;
    case 'inHouse':
      return r.ownership === 'in_house' ? 1 : 0;
  }
}

/** Totals run 0-100 in tenths. */
const TENTHS = 1000;

/**
 * The order of a ranking: total first, then the policy's tie-break keys, then the vacancy id, so
 * no two homes ever tie. `homes` must be in vacancy-id order; the answer lists their positions.
 * Totals have one decimal, so homes are first counted into one bucket per tenth (best first) and
 * only homes sharing a total are compared, on tie-break keys read once into a flat array.
 */
function rankOrder(homes: readonly RankedVacancy[], policy: MatchingPolicy): number[] {
  const n = homes.length;
  const tieBreak = policy.tieBreak;
  const width = tieBreak.length;
  const keys = new Float64Array(n * width);
  const bucketOf = new Int32Array(n);
  const start = new Int32Array(TENTHS + 2);
  for (let p = 0; p < n; p++) {
    const home = homes[p]!;
    const b = TENTHS - Math.round(home.total * 10);
    bucketOf[p] = b;
    start[b + 1]!++;
    for (let k = 0; k < width; k++) keys[p * width + k] = tieBreakValue(tieBreak[k]!, home);
  }
  for (let b = 0; b <= TENTHS; b++) start[b + 1]! += start[b]!;
  const order: number[] = new Array<number>(n);
  const next = start.slice();
  for (let p = 0; p < n; p++) order[next[bucketOf[p]!]!++] = p;
  const compare = (a: number, b: number): number => {
    for (let k = 0; k < width; k++) {
      const d = keys[b * width + k]! - keys[a * width + k]!;
      // A sign, not the difference: a fractional result would be boxed on every comparison.
      if (d !== 0) return d > 0 ? 1 : -1;
    }
    return a - b;
  };
  for (let b = 0; b <= TENTHS; b++) {
    const from = start[b]!;
    const to = start[b + 1]!;
    if (to - from < 2) continue;
    if (to - from > 16) {
      const tied = order.slice(from, to).sort(compare);
      for (let j = 0; j < tied.length; j++) order[from + j] = tied[j]!;
      continue;
    }
    // Most buckets hold a handful of homes: sorted where they lie, with nothing allocated.
    for (let j = from + 1; j < to; j++) {
      const p = order[j]!;
      let at = j;
      while (at > from && compare(order[at - 1]!, p) > 0) {
        order[at] = order[at - 1]!;
        at--;
      }
      order[at] = p;
    }
  }
  return order;
}

/**
 * Ranks every vacancy for the referral. Pass a vacancy table (vacancyTable.ts) when searching the
 * same list more than once, as a policy preview or a count over every referral does; a plain list
 * is packed into one first.
 */
export function rankVacanciesForReferral(
  child: ChildForMatching,
  vacancies: readonly VacancyForMatching[] | VacancyTable,
  policy: MatchingPolicy,
  options: RankOptions = {},
): RankResult {
  const explainTop = options.explainTop ?? DEFAULT_EXPLAIN_TOP;
  const t = isVacancyTable(vacancies) ? vacancies : vacancyTable(vacancies);
  const ctx = prepareChild(child, policy);
  // Homes are visited in vacancy-id order, so both lists come out in that order unsorted.
  const byId = t.byId;
  const scored: RankedVacancy[] = [];
  const rows: number[] = [];
  const homeMiles: number[] = [];
  const schoolMiles: (number | undefined)[] = [];
  const excluded: ExcludedVacancy[] = [];
  // One scratch list for reasons, emptied for each home.
  const reasons = new ReasonList();
  for (let k = 0; k < t.size; k++) {
    const i = byId ? byId[k]! : k;
    const tenths = tenthsToPacked(child.home, t.places, i);
    if (!hardRulesPass(ctx, t, i, tenths, reasons)) {
      excluded.push({ vacancyId: t.vacancyId[i]!, homeId: t.homeId[i]!, reasons: ctx.reasons.listOf(reasons) });
      reasons.clear();
      continue;
    }
    const school = child.school ? milesToPacked(child.school, t.places, i) : undefined;
    const home = tenths / 10;
    scored.push(scoreMatch(ctx, t, i, home, school, false));
    rows.push(i);
    homeMiles.push(home);
    schoolMiles.push(school);
  }
  const order = rankOrder(scored, policy);
  const ranked: RankedVacancy[] = new Array<RankedVacancy>(order.length);
  for (let n = 0; n < order.length; n++) {
    const p = order[n]!;
    // Scoring twice for the few explained homes is cheaper than writing lines for all of them.
    const r = n < explainTop ? scoreMatch(ctx, t, rows[p]!, homeMiles[p]!, schoolMiles[p], true) : scored[p]!;
    r.rank = n + 1;
    ranked[n] = r;
  }
  return {
    policyId: policy.id,
    policyVersion: policy.version,
    referralId: child.referralId,
    weightShares: { ...ctx.shares },
    childWishes: child.wishes.text,
    notScored: ctx.wishesScored ? [] : ['wishes'],
    ranked,
    excluded,
  };
}
