import { loadOpenVacancies, loadReferralsForMatching } from '../../db/repositories/matching';
import { currentPolicy } from '../../db/repositories/policies';
import { listReferrals } from '../../db/repositories/referrals';
import type { SufficiencyView } from '../../shared/contract/market';
import { OPEN_REFERRAL_STATUSES } from '../../shared/domain/referrals';
import { hardRulesPass, prepareChild, tenthsToPacked, type ChildForMatching, type VacancyTable } from '../../shared/scoring';
import type { MarketData } from './market-data';

/*
 * "Referrals with no suitable match": open referrals for which not one open vacancy in the region
 * passes the matching engine's hard rules (shared/scoring: age and sex approval, beds for the
 * sibling group, type suitability, registration categories, pets, wheelchair, secure status,
 * housemates, availability by the needed-by date, areas to avoid, Ofsted Inadequate, the policy's
 * price and distance caps and the referral's budget). Only the hard rules are asked: ranking is the
 * officer's search, not a market figure.
 *
 * The child, the vacancies and the policy are read exactly as the officer's search and the region
 * plan read them (db/repositories/matching.ts, currentPolicy), so this count and what an officer
 * sees when searching cannot drift apart. One deliberate difference: a referral already past its
 * needed-by date is asked as of today, since the child still needs a home and a bed free today is
 * one they could move into.
 */

/** The referral's child as the engine sees it, needed no earlier than today. */
function asOfToday(child: ChildForMatching, today: string): ChildForMatching {
  return child.neededByDate < today ? { ...child, neededByDate: today } : child;
}

/** Whether any of the vacancies passes every hard rule for the child under the policy in force. */
function anyVacancyPasses(child: ChildForMatching, vacancies: VacancyTable, ctx: ReturnType<typeof prepareChild>): boolean {
  for (let i = 0; i < vacancies.size; i++) if (hardRulesPass(ctx, vacancies, i, tenthsToPacked(child.home, vacancies.places, i))) return true;
  return false;
}

/** Open referrals (in scope) for which no open vacancy in the region passes the engine's hard rules. */
export function countReferralsWithoutMatch(data: MarketData, councilId: number | null): SufficiencyView['noSuitableMatch'] {
  const { db, today } = data;
  const policy = currentPolicy(db);
  // Every open referral's child in a few set-based reads, not three reads per referral.
  const children = loadReferralsForMatching(db, listReferrals(db, { councilId, statuses: OPEN_REFERRAL_STATUSES, text: null, assignedUserId: null }), today);
  const vacancies = loadOpenVacancies(db, today).table;

  let unmatched = 0;
  for (const loaded of children) {
    const child = asOfToday(loaded, today);
    if (!anyVacancyPasses(child, vacancies, prepareChild(child, policy))) unmatched++;
  }
  return {
    status: 'computed',
    count: unmatched,
    openReferrals: children.length,
    note: `No open vacancy passes the matching engine's hard rules (policy "${policy.name}", version ${policy.version}).`,
  };
}
