/**
 * DfE's placed-at-distance figure as DfE counts it, so the region's share compares with the
 * national one: children looked after, leaving out unaccompanied asylum-seeking children and
 * children accommodated under a series of short breaks (SSDA903 legal status V3 or V4), and blank
 * for a child whose home or placement location is unknown. A missing distance is never estimated:
 * those placements are counted apart, and the share is of the placements whose distance is known.
 */

/** SSDA903 legal statuses for an agreed series of short breaks, which DfE's distance figures leave out. */
export const SHORT_BREAK_LEGAL_STATUSES: readonly string[] = ['V3', 'V4'];

export type DfeDistanceExclusion = 'uasc' | 'shortBreaks';

/** Why DfE's distance figure leaves a child out, or null when it counts them. UASC is checked first. */
export function dfeDistanceExclusion(child: { uasc: boolean; legalStatus: string }): DfeDistanceExclusion | null {
  if (child.uasc) return 'uasc';
  if (SHORT_BREAK_LEGAL_STATUSES.includes(child.legalStatus)) return 'shortBreaks';
  return null;
}

export interface DfeDistanceRow {
  uasc: boolean;
  legalStatus: string;
  /** Straight-line miles from home to placement; null when either location is not recorded. */
  miles: number | null;
}

export interface DfeDistanceFigure {
  /** Every placement looked at. */
  placements: number;
  excludedUasc: number;
  excludedShortBreaks: number;
  /** Placements DfE counts but whose distance is not known (no home or placement location recorded). */
  noHomeLocation: number;
  /** Placements DfE counts with a known distance: the share's denominator. */
  counted: number;
  /** Of `counted`, those more than `lineMiles` from home. */
  overLine: number;
  /** overLine as a percentage of counted, one decimal; 0 when none are counted. */
  overLinePct: number;
}

/** Whether one placement is beyond the line and counted in DfE's figure (false for an excluded child or an unknown distance). */
export function countsOverLine(row: DfeDistanceRow, lineMiles: number): boolean {
  return dfeDistanceExclusion(row) === null && row.miles !== null && row.miles > lineMiles;
}

export function dfeDistanceFigure(rows: readonly DfeDistanceRow[], lineMiles: number): DfeDistanceFigure {
  const f: DfeDistanceFigure = { placements: rows.length, excludedUasc: 0, excludedShortBreaks: 0, noHomeLocation: 0, counted: 0, overLine: 0, overLinePct: 0 };
  for (const row of rows) {
    const excluded = dfeDistanceExclusion(row);
    if (excluded === 'uasc') f.excludedUasc++;
    else if (excluded === 'shortBreaks') f.excludedShortBreaks++;
    else if (row.miles === null) f.noHomeLocation++;
    else {
      f.counted++;
      if (row.miles > lineMiles) f.overLine++;
    }
  }
  f.overLinePct = f.counted === 0 ? 0 : Math.round((f.overLine / f.counted) * 1000) / 10;
  return f;
}

/**
 * What the share is of, in the screen's and the report's words: "Of 150 children with a known
 * distance; 2 unaccompanied asylum-seeking children and 1 on short breaks left out, as DfE leaves
 * them out; 12 placements with no home location recorded, counted apart."
 */
export function dfeDistanceWords(d: { countedForDistance: number; excludedUasc: number; excludedShortBreaks: number; noHomeLocation: number }): string {
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
  const parts = [`Of ${n(d.countedForDistance, 'child', 'children')} with a known distance`];
  const left: string[] = [];
  if (d.excludedUasc > 0) left.push(n(d.excludedUasc, 'unaccompanied asylum-seeking child', 'unaccompanied asylum-seeking children'));
  if (d.excludedShortBreaks > 0) left.push(`${n(d.excludedShortBreaks, 'child', 'children')} on short breaks`);
  if (left.length > 0) parts.push(`${left.join(' and ')} left out, as DfE leaves them out`);
  if (d.noHomeLocation > 0) parts.push(`${n(d.noHomeLocation, 'placement', 'placements')} with no home location recorded, counted apart`);
  return `${parts.join('; ')}.`;
}
