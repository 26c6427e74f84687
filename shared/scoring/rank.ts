/**
 * One referral against every open vacancy in the region. The result carries the policy version
 * and every exclusion with its reasons, so the search as it was run can be shown to a panel later;
 * identical inputs give identical output, order included.
 */
import { prepareChild } from './context';
import { milesBetween } from './distance';
import { scoreMatch } from './explain';
import { hardRulesPass } from './hardRules';
import type { MatchingPolicy, TieBreakKey } from './policy';
import type { ChildForMatching, ExcludedVacancy, HardRuleFailure, RankedVacancy, RankResult, VacancyForMatching } from './types';

export interface RankOptions {
  /**
   * How many of the best homes carry explanation lines (default 50, the most an officer works
   * through for one child). Lines cost far more to build than scores; any other home's lines come
   * from whyNot(), which gives exactly the same words. Infinity explains every home.
   */
  explainTop?: number;
}

export const DEFAULT_EXPLAIN_TOP = 50;

interface Entry {
  r: RankedVacancy;
  v: VacancyForMatching;
  homeMiles: number;
  schoolMiles: number | undefined;
}

/** Larger is better for every key, so one comparison serves them all. */
const TIE_BREAK_VALUE: Record<TieBreakKey, (r: RankedVacancy) => number> = {
  stability: (r) => r.scores.stability,
  needs: (r) => r.scores.needs,
  wishes: (r) => r.scores.wishes,
  distance: (r) => r.scores.distance,
  cost: (r) => r.scores.cost,
  homeMiles: (r) => -r.distance.homeMiles,
  weeklyPrice: (r) => -r.weeklyPence,
  inHouse: (r) => (r.ownership === 'in_house' ? 1 : 0),
};

/** Code-unit order, never locale order, so every machine sorts ids the same way. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total first, then the policy's tie-break keys, then the vacancy id, so no two homes ever tie. */
export function compareRanked(policy: MatchingPolicy): (a: RankedVacancy, b: RankedVacancy) => number {
  const keys = policy.tieBreak.map((k) => TIE_BREAK_VALUE[k]);
  return (a, b) => {
    if (a.total !== b.total) return b.total - a.total;
    for (const value of keys) {
      const d = value(b) - value(a);
      if (d !== 0) return d;
    }
    return compareIds(a.vacancyId, b.vacancyId);
  };
}

export function rankVacanciesForReferral(
  child: ChildForMatching,
  vacancies: readonly VacancyForMatching[],
  policy: MatchingPolicy,
  options: RankOptions = {},
): RankResult {
  const explainTop = options.explainTop ?? DEFAULT_EXPLAIN_TOP;
  const ctx = prepareChild(child, policy);
  const entries: Entry[] = [];
  const excluded: ExcludedVacancy[] = [];
  // One scratch list for reasons, copied only for homes that are excluded.
  const reasons: HardRuleFailure[] = [];
  for (const v of vacancies) {
    const homeMiles = milesBetween(child.home, v.location);
    if (!hardRulesPass(ctx, v, homeMiles, reasons)) {
      excluded.push({ vacancyId: v.vacancyId, homeId: v.homeId, reasons: reasons.length === 1 ? ctx.reasons.only(reasons[0]!) : reasons.slice() });
      reasons.length = 0;
      continue;
    }
    const schoolMiles = child.school ? milesBetween(child.school, v.location) : undefined;
    entries.push({ r: scoreMatch(ctx, v, homeMiles, schoolMiles, false), v, homeMiles, schoolMiles });
  }
  const compare = compareRanked(policy);
  entries.sort((a, b) => compare(a.r, b.r));
  // Usually already in id order (the region's list is); checking first skips the sort.
  if (!excluded.every((e, i) => i === 0 || compareIds(excluded[i - 1]!.vacancyId, e.vacancyId) <= 0)) excluded.sort((a, b) => compareIds(a.vacancyId, b.vacancyId));
  const ranked: RankedVacancy[] = new Array<RankedVacancy>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    // Scoring twice for the few explained homes is cheaper than writing lines for all of them.
    const r = i < explainTop ? scoreMatch(ctx, e.v, e.homeMiles, e.schoolMiles, true) : e.r;
    r.rank = i + 1;
    ranked[i] = r;
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
