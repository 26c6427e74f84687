import type { ReadableDB } from '../../db/handle';
import type { SufficiencyView } from '../../shared/contract/market';

/**
 * Referrals for which no open vacancy passes the matching engine's hard rules. The engine
 * (shared/scoring) had no exported API when this view was written, so the figure is reported as
 * pending rather than guessed with a second, different set of rules.
 */
export function countReferralsWithoutMatch(_db: ReadableDB, _today: string, openReferrals: number): SufficiencyView['noSuitableMatch'] {
  return {
    status: 'pending',
    count: null,
    openReferrals,
    note: "Pending: this figure will come from the matching engine's hard rules once its API is published.",
  };
}
