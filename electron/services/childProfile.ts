import type { EpisodeRow } from '../../db/repositories/children';
import { daysBetween } from '../../shared/domain/calendar';
import { RISKS_TO_CHILD, RISKS_TO_OTHERS } from '../../shared/domain/placements-standard';
import { EPISODE_CEASED_CLASS, endingClassOf } from '../../shared/domain/endings';
import { PLACE_CODES, PLACE_PROVIDER_CODES, REASON_EPISODE_CEASED_CODES, REASON_PLACE_CHANGE_CODES } from '../../shared/domain/ssda903';

const RISK_LABELS: Record<string, string> = {
  ...RISKS_TO_CHILD,
  ...Object.fromEntries(Object.entries(RISKS_TO_OTHERS).map(([k, v]) => [k, `${v} (to others)`])),
};

/** A child's risks as stored: a list of risk keys, or a map of key → 'Risk Present'. */
export function riskLabels(json: string): string[] {
  const value = JSON.parse(json) as unknown;
  const keys = Array.isArray(value)
    ? value.map(String)
    : value && typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v === 'Risk Present' || v === true)
          .map(([k]) => k)
      : [];
  return keys.map((k) => RISK_LABELS[k] ?? k);
}

/** RNE codes that mean the child moved to a new placement. */
const MOVE_CODES = new Set(['P', 'T', 'B', 'U']);

/**
 * Whether the episode's ending was planned, from the one classification (shared/domain/endings.ts):
 * a move by its reason for placement change, leaving care by its REC; null while it runs, or when
 * neither says.
 */
function endingOf(e: EpisodeRow): 'planned' | 'unplanned' | null {
  if (e.dec === null) return null;
  if (e.rec === 'X1' || e.rec === null) return endingClassOf(e.reasonPlaceChange);
  const cls = EPISODE_CEASED_CLASS[e.rec];
  return cls === 'planned' || cls === 'unplanned' ? cls : null;
}

export function episodeView(e: EpisodeRow) {
  return {
    start: e.decom,
    end: e.dec,
    placeCode: e.place,
    placeLabel: PLACE_CODES[e.place]?.label ?? e.place,
    providerLabel: e.placeProvider ? (PLACE_PROVIDER_CODES[e.placeProvider]?.label ?? e.placeProvider) : 'Not recorded',
    homeName: e.homeName,
    reasonForChange: e.reasonPlaceChange ? (REASON_PLACE_CHANGE_CODES[e.reasonPlaceChange]?.label ?? e.reasonPlaceChange) : null,
    distanceMiles: e.distanceMiles,
    reasonForChangeCode: e.reasonPlaceChange,
    ceasedCode: e.rec,
    ceasedLabel: e.rec ? (REASON_EPISODE_CEASED_CODES[e.rec]?.label ?? e.rec) : null,
    ending: endingOf(e),
  };
}

/**
 * The DfE's stability measures: placement moves in the last 12 months, placements in all, and
 * time in the current home (from the start of the run of episodes in the same placement).
 */
export function stabilityIndicators(episodes: readonly EpisodeRow[], today: string) {
  const movesLast12Months = episodes.filter((e) => MOVE_CODES.has(e.rne) && daysBetween(e.decom, today) <= 365).length;
  const placementsTotal = episodes.filter((e, i) => i === 0 || e.rne === 'S' || MOVE_CODES.has(e.rne)).length;
  let daysInCurrentHome: number | null = null;
  const last = episodes.at(-1);
  if (last && last.dec === null) {
    let start = last.decom;
    for (let i = episodes.length - 1; i > 0; i--) {
      const e = episodes[i]!;
      if (e.rne === 'S' || MOVE_CODES.has(e.rne)) break;
      start = episodes[i - 1]!.decom;
    }
    daysInCurrentHome = Math.max(0, daysBetween(start, today));
  }
  return { movesLast12Months, placementsTotal, daysInCurrentHome };
}
