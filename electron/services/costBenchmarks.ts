import type { ReadableDB } from '../../db/handle';
import { listAgreedPrices } from '../../db/repositories/benchmarks';
import type { MatchingPolicy } from '../../shared/scoring';
import { benchmarkWindow, regionBenchmarks } from '../../shared/scoring/benchmarks';

/**
 * A policy with its cost benchmarks drawn from the region's own agreed prices as at `today`
 * (shared/scoring/benchmarks.ts); the policy's own figures stand in where the region has too few.
 * The version stays the policy's: the benchmarks used are written into each explanation and kept
 * with the search.
 */
export function withRegionBenchmarks(db: ReadableDB, policy: MatchingPolicy, today: string): MatchingPolicy {
  const { from, to } = benchmarkWindow(today);
  return { ...policy, benchmarks: regionBenchmarks(listAgreedPrices(db, from, to), today, policy.benchmarks) };
}
