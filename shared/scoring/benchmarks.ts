/**
 * The cost score's benchmark, from the region's own agreed prices: for each kind of home and fee
 * tier, the median weekly price per child of placements that started in the last twelve months,
 * with its sample size and dates, so a price is compared with homes of the same kind and tier at
 * what the region actually pays. Where the region agreed fewer than FEW_TO_RELY_ON prices of a
 * kind and tier, the policy's published figure stands in and the explanation says so.
 */
import { addDays, addYears } from '../domain/calendar';
import type { HomeKind } from '../domain/homes';
import { FEW_TO_RELY_ON, median } from '../domain/stats';
import type { CostBenchmark } from './policy';
import { FEE_TIERS, type FeeTier } from './types';

/** One agreed weekly price per child: what a placement of this kind and tier started at. */
export interface AgreedPrice {
  kind: HomeKind;
  tier: FeeTier;
  /** Per child, pence: a sibling group's price is split across its children first (splitGroupPrice). */
  weeklyPence: number;
  /** ISO date the placement started (the price was agreed for it). */
  startDate: string;
}

/** The agreed prices a benchmark is drawn from: placements that started in the twelve months to `today`. */
export function benchmarkWindow(today: string): { from: string; to: string } {
  return { from: addDays(addYears(today, -1), 1), to: today };
}

/** Fee tiers in the store's own numbering, 1 to 4, as FEE_TIERS names them. */
export function feeTierOf(code: number | null): FeeTier {
  return FEE_TIERS[(code ?? 1) - 1] ?? 'mainstream';
}

/**
 * A benchmark for every kind and tier the policy has a published figure for (and any the region
 * priced): the median of the region's agreed prices in the window where there are at least
 * FEW_TO_RELY_ON of them, else the published figure, marked as such with the region's count.
 */
export function regionBenchmarks(prices: readonly AgreedPrice[], today: string, published: readonly CostBenchmark[]): CostBenchmark[] {
  const { from, to } = benchmarkWindow(today);
  const byKey = new Map<string, number[]>();
  for (const p of prices) {
    if (p.startDate < from || p.startDate > to || p.weeklyPence <= 0) continue;
    const key = `${p.kind}:${p.tier}`;
    const list = byKey.get(key);
    if (list) list.push(p.weeklyPence);
    else byKey.set(key, [p.weeklyPence]);
  }
  const out = new Map<string, CostBenchmark>();
  for (const b of published) {
    const n = byKey.get(`${b.kind}:${b.tier}`)?.length ?? 0;
    out.set(`${b.kind}:${b.tier}`, { kind: b.kind, tier: b.tier, weeklyPence: b.weeklyPence, basis: { source: 'published', prices: n, from, to } });
  }
  for (const [key, list] of byKey) {
    if (list.length < FEW_TO_RELY_ON) continue;
    const [kind, tier] = key.split(':') as [HomeKind, FeeTier];
    out.set(key, { kind, tier, weeklyPence: Math.round(median(list)!), basis: { source: 'region', prices: list.length, from, to } });
  }
  return [...out.values()].sort((a, b) => (a.kind === b.kind ? FEE_TIERS.indexOf(a.tier) - FEE_TIERS.indexOf(b.tier) : a.kind.localeCompare(b.kind)));
}
