import type { BoxStats } from '../../shared/contract/market';

/*
 * Small, documented statistics, chosen so a commissioner can reproduce every figure in a
 * spreadsheet: quartiles by linear interpolation between order statistics (Excel's QUARTILE.INC,
 * R's type 7), Tukey's fences at 1.5 times the inter-quartile range.
 */

/** The p-quantile (0..1) of values already sorted ascending; null for none. */
export function quantileSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function sortNumbers(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function medianOf(values: readonly number[]): number | null {
  return quantileSorted(sortNumbers(values), 0.5);
}

export function boxStats(values: readonly number[]): BoxStats | null {
  if (values.length === 0) return null;
  const sorted = sortNumbers(values);
  const q1 = quantileSorted(sorted, 0.25)!;
  const q3 = quantileSorted(sorted, 0.75)!;
  const iqr = q3 - q1;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1,
    median: quantileSorted(sorted, 0.5)!,
    q3,
    max: sorted.at(-1)!,
    mean: sum / sorted.length,
    lowerFence: q1 - 1.5 * iqr,
    upperFence: q3 + 1.5 * iqr,
  };
}

/** Whether a value lies beyond the box's fences, and on which side. */
export function outlierSide(value: number, stats: BoxStats): 'high' | 'low' | null {
  if (value > stats.upperFence) return 'high';
  if (value < stats.lowerFence) return 'low';
  return null;
}

/** One decimal place, for percentages. */
export function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}
