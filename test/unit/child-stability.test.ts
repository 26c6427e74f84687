import { describe, expect, it } from 'vitest';
import { riskLabels, stabilityIndicators } from '../../electron/services/childProfile';
import type { EpisodeRow } from '../../db/repositories/children';

const ep = (decom: string, dec: string | null, rne: string): EpisodeRow => ({
  decom,
  dec,
  rne,
  place: 'U4',
  placeProvider: 'PR1',
  reasonPlaceChange: null,
  rec: null,
  distanceMiles: null,
  homeName: null,
});

describe('stability indicators from SSDA903 episodes', () => {
  it('counts placement moves in the last 12 months and time in the current home', () => {
    const episodes = [
      ep('2023-01-10', '2025-06-01', 'S'),
      ep('2025-06-01', '2026-02-01', 'P'), // a move, within 12 months of 2026-05-01
      ep('2026-02-01', '2026-03-01', 'L'), // legal status change only: same home
      ep('2026-03-01', null, 'L'),
    ];
    expect(stabilityIndicators(episodes, '2026-05-01')).toEqual({ movesLast12Months: 1, placementsTotal: 2, daysInCurrentHome: 334 }); // home since the move on 1 Jun 2025;
  });

  it('has no current home when the last episode has ended', () => {
    expect(stabilityIndicators([ep('2024-01-01', '2024-06-01', 'S')], '2026-01-01').daysInCurrentHome).toBeNull();
  });

  it('reads risks stored as a list or as a map, in plain words', () => {
    expect(riskLabels('["riskMissing","riskToOthersFire"]')).toEqual(['Going missing', 'Fire-setting (to others)']);
    expect(riskLabels('{"riskSelfHarm":"Risk Present","riskMissing":"No known risk"}')).toEqual(['Self-harm']);
  });
});
