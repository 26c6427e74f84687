/** The middle value (mean of the two middle values for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * A median, mean or change worked out from fewer than this many prices or placements is shown with a
 * caution: one or two unusual cases move it a long way. Commissioners asked for the line at 5.
 */
export const FEW_TO_RELY_ON = 5;

/** Whether a figure from `n` cases rests on too few to rely on (0 cases give no figure at all). */
export function restsOnFew(n: number): boolean {
  return n > 0 && n < FEW_TO_RELY_ON;
}
