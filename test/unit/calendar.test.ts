import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate, localIsoDateIn } from '../../shared/domain/calendar';

// Node re-reads TZ when it is assigned; this file runs in its own worker process.
const before = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/London';
});
afterAll(() => {
  if (before === undefined) delete process.env.TZ;
  else process.env.TZ = before;
});

describe('local calendar dates, for a user in the UK', () => {
  it('after midnight in British Summer Time is already the next day, where the UTC date is not', () => {
    const halfPastMidnightBst = new Date('2026-07-01T23:30:00Z');
    expect(halfPastMidnightBst.toISOString().slice(0, 10)).toBe('2026-07-01');
    expect(localIsoDate(halfPastMidnightBst)).toBe('2026-07-02');
  });

  it('in winter (GMT) agrees with the UTC date', () => {
    expect(localIsoDate(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
    expect(localIsoDate(new Date('2026-12-02T00:30:00Z'))).toBe('2026-12-02');
  });

  it('counts days forward by the calendar, across a year end and the clocks going forward', () => {
    expect(localIsoDateIn(1, new Date('2026-12-31T12:00:00Z'))).toBe('2027-01-01');
    expect(localIsoDateIn(28, new Date('2026-03-20T00:30:00Z'))).toBe('2026-04-17');
    // Clocks go forward on 29 March 2026: 00:30 local on the 28th plus one day is the 29th, not the 30th.
    expect(localIsoDateIn(1, new Date('2026-03-28T00:30:00Z'))).toBe('2026-03-29');
    expect(localIsoDateIn(-1, new Date('2026-03-01T00:30:00Z'))).toBe('2026-02-28');
  });
});

describe('isCalendarDate: the one test of a calendar date', () => {
  it('accepts days that exist, leap days included, and refuses the rest', async () => {
    const { isCalendarDate } = await import('../../shared/domain/calendar');
    for (const good of ['2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29', '2026-04-30']) expect(isCalendarDate(good), good).toBe(true);
    for (const bad of [
      '2026-02-31',
      '2026-13-45',
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-00-01',
      '2026-01-00',
      '2026-1-01',
      '26-01-01',
      '2026-01-01T00:00',
      '',
    ]) {
      expect(isCalendarDate(bad), bad).toBe(false);
    }
  });
});
