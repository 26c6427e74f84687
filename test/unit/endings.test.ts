import { describe, expect, it } from 'vitest';
import { EPISODE_CEASED_CLASS, endingClassOf, PLACEMENT_CHANGE_CLASS, tallyEndings } from '../../shared/domain/endings';
import { REASON_EPISODE_CEASED_CODES, REASON_PLACE_CHANGE_CODES } from '../../shared/domain/ssda903';

describe('the one classification of planned and unplanned endings', () => {
  it('classes every reason for placement change, and no code outside the SSDA903 list', () => {
    expect(Object.keys(PLACEMENT_CHANGE_CLASS).sort()).toEqual(Object.keys(REASON_PLACE_CHANGE_CODES).sort());
  });

  it('classes every reason episode ceased, and no code outside the SSDA903 list', () => {
    expect(Object.keys(EPISODE_CEASED_CLASS).sort()).toEqual(Object.keys(REASON_EPISODE_CEASED_CODES).sort());
  });

  it('counts only moves under the care plan (CARPL) and status-only changes (PLACE) as planned', () => {
    const planned = Object.keys(REASON_PLACE_CHANGE_CODES).filter((code) => endingClassOf(code) === 'planned');
    expect(planned.sort()).toEqual(['CARPL', 'PLACE']);
    // Where the market views and the demo generator used to disagree.
    for (const code of ['CUSTOD', 'LAREQ', 'OTHER']) expect(endingClassOf(code), code).toBe('unplanned');
  });

  it('follows the return-home codes’ own words: E4A as part of care planning, E4B not; X1 is no ending of care', () => {
    expect(EPISODE_CEASED_CLASS.E4A).toBe('planned');
    expect(EPISODE_CEASED_CLASS.E4B).toBe('unplanned');
    expect(EPISODE_CEASED_CLASS.X1).toBe('continues');
  });

  it('never guesses a class for a missing or unknown reason: it is counted apart', () => {
    expect(endingClassOf(null)).toBeNull();
    expect(endingClassOf('XYZZY')).toBeNull();
    expect(endingClassOf('toString')).toBeNull();
    const rows = [
      { reason: 'CARPL', n: 3 },
      { reason: 'CREQB', n: 2 },
      { reason: null, n: 4 },
      { reason: 'NOPE', n: 1 },
      { reason: 'PLACE', n: 1 },
    ];
    expect(
      tallyEndings(
        rows,
        (r) => r.reason,
        (r) => r.n,
      ),
    ).toEqual({ planned: 4, unplanned: 2, notRecorded: 5 });
    expect(tallyEndings(rows, (r) => r.reason)).toEqual({ planned: 2, unplanned: 1, notRecorded: 2 });
  });
});
