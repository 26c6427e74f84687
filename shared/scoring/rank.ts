/**
 * One referral against every open vacancy in the region. The result carries the policy version
 * and every exclusion with its reasons, so the search as it was run can be shown to a panel later;
 * identical inputs give identical output, order included.
 */
import { prepareChild } from './context';
import { milesToPacked } from './distance';
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

/**
 * The order of a ranking: total first, then the policy's tie-break keys, then the vacancy id, so
 * no two homes ever tie. `homes` must be in vacancy-id order; the answer lists their positions.
 * Every key is read once into a flat array first: totals tie often (they have one decimal), and
 * a comparison that reached into two objects per key was most of the sort's time.
 */
export function rankOrder(homes: readonly RankedVacancy[], policy: MatchingPolicy): number[] {
  const n = homes.length;
  const tieBreak = policy.tieBreak;
  const width = tieBreak.length + 1;
  const keys = new Float64Array(n * width);
  const order: number[] = [];
  for (let p = 0; p < n; p++) {
    const home = homes[p]!;
    keys[p * width] = home.total;
    for (let k = 0; k < tieBreak.length; k++) keys[p * width + k + 1] = tieBreakValue(tieBreak[k]!, home);
    order.push(p);
  }
  order.sort((a, b) => {
    for (let k = 0; k < width; k++) {
      const d = keys[b * width + k]! - keys[a * width + k]!;
      // A sign, not the difference: a fractional result would be boxed on every comparison.
      if (d !== 0) return d > 0 ? 1 : -1;
    }
    return a - b;
  });
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
    const home = milesToPacked(child.home, t.places, i);
    if (!hardRulesPass(ctx, t, i, home, reasons)) {
      excluded.push({ vacancyId: t.vacancyId[i]!, homeId: t.homeId[i]!, reasons: ctx.reasons.listOf(reasons) });
      reasons.clear();
      continue;
    }
    const school = child.school ? milesToPacked(child.school, t.places, i) : undefined;
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
    ranked,
    excluded,
  };
}
