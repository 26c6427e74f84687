import { describe, expect, it } from 'vitest';
import { formatIsoDate, formatMonth } from '../../shared/domain/calendar';
import { plural } from '../../shared/domain/words';
import { plural as scoringPlural } from '../../shared/scoring/format';

describe('plural: counts as people write them', () => {
  it('says "1 bed" and "2 beds", never "bed(s)"', () => {
    expect(plural(1, 'bed')).toBe('1 bed');
    expect(plural(2, 'bed')).toBe('2 beds');
    expect(plural(0, 'bed')).toBe('0 beds');
  });
  it('takes an irregular plural', () => {
    expect(plural(1, 'child', 'children')).toBe('1 child');
    expect(plural(3, 'child', 'children')).toBe('3 children');
  });
  it('groups thousands as en-GB does, for any whole number', () => {
    for (const n of [999, 1000, 1200, 12_345, 999_999, 1_000_000, 123_456_789, -4500]) {
      expect(plural(n, 'price')).toBe(`${new Intl.NumberFormat('en-GB').format(n)} prices`);
    }
    expect(plural(2.5, 'night')).toBe('2.5 nights');
  });
  it('is the one plural: the scoring engine writes with it too', () => {
    expect(scoringPlural).toBe(plural);
  });
});

describe('UK dates', () => {
  it('writes a day as "5 Mar 2026", whatever the time zone', () => {
    expect(formatIsoDate('2026-03-05')).toBe('5 Mar 2026');
    expect(formatIsoDate('2026-12-31')).toBe('31 Dec 2026');
  });
  it('writes a month short for an axis and long for a tooltip', () => {
    expect(formatMonth('2026-11')).toBe('Nov 2026');
    expect(formatMonth('2026-11-25')).toBe('Nov 2026');
    expect(formatMonth('2027-01', 'long')).toBe('January 2027');
  });
});
