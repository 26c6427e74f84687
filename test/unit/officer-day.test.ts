import { describe, expect, it } from 'vitest';
import { holdLapsesAt, remindersFor, whatNext, workingHoursBetween, type ChaseLine } from '../../shared/domain/officerDay';

/** Worked clock cases for the reminders an officer sees (issue 14, point 3); times are UTC, as the store keeps them. */
const line = (patch: Partial<ChaseLine> = {}): ChaseLine => ({
  vacancyId: 1,
  homeName: 'Oak House',
  providerName: 'Oak Care',
  phone: '0161 000 0000',
  askedAt: '2026-11-27T16:00:00.000Z',
  answer: null,
  held: false,
  heldUntil: null,
  ...patch,
});

describe('working hours', () => {
  it('leave out Saturdays and Sundays', () => {
    // Friday 16:00 to Monday 10:00: 8 hours on Friday, none at the weekend, 10 on Monday.
    expect(workingHoursBetween('2026-11-27T16:00:00.000Z', '2026-11-30T10:00:00.000Z')).toBe(18);
    expect(workingHoursBetween('2026-11-28T09:00:00.000Z', '2026-11-29T17:00:00.000Z')).toBe(0);
    expect(workingHoursBetween('2026-11-25T10:00:00.000Z', '2026-11-26T10:00:00.000Z')).toBe(24);
  });
});

describe('reminders', () => {
  const today = '2026-11-30';
  it('a provider asked on Friday afternoon is not chased on Monday morning, but is on Tuesday', () => {
    const r = { status: 'shortlisted' as const, neededByDate: '2026-12-20', chasing: [line()] };
    expect(remindersFor(r, new Date('2026-11-30T10:00:00.000Z'), today)).toEqual([]);
    expect(remindersFor(r, new Date('2026-12-01T10:00:00.000Z'), '2026-12-01').map((x) => x.kind)).toEqual(['notAnswered']);
  });

  it('a placed or closed referral has none, however late', () => {
    for (const status of ['placed', 'closed', 'draft'] as const) {
      expect(remindersFor({ status, neededByDate: '2026-01-01', chasing: [line()] }, new Date('2026-12-20T10:00:00.000Z'), '2026-12-20')).toEqual([]);
    }
  });

  it('needed today counts as overdue, three days ahead as nothing yet', () => {
    const at = new Date('2026-11-30T10:00:00.000Z');
    expect(remindersFor({ status: 'new', neededByDate: today, chasing: [] }, at, today)).toEqual([
      { kind: 'neededBySoon', severity: 'overdue', text: 'Needed today (30 Nov 2026).' },
    ]);
    expect(remindersFor({ status: 'new', neededByDate: '2026-12-03', chasing: [] }, at, today)).toEqual([]);
  });

  it('a hold lapses 48 hours after it was made', () => {
    expect(holdLapsesAt('2026-11-27T16:00:00.000Z')).toBe('2026-11-29T16:00:00.000Z');
  });
});

describe('what next', () => {
  const now = new Date('2026-11-30T10:00:00.000Z');
  it('new, searched, held, placed', () => {
    expect(whatNext({ status: 'new', chasing: [], placement: null, lastSearchAt: null }, now).next).toBe('Run a search for homes.');
    const held = line({ held: true, heldUntil: '2026-12-01T16:00:00.000Z' });
    expect(whatNext({ status: 'shortlisted', chasing: [held], placement: null, lastSearchAt: '2026-11-27T15:00:00.000Z' }, now)).toEqual({
      state: 'Bed held at Oak House until 1 Dec 2026, 16:00; asked 27 Nov 2026, 16:00.',
      next: "Wait for Oak Care's answer, or chase them on 0161 000 0000.",
      placed: null,
    });
    const unasked = line({ askedAt: null, answer: { status: 'offered', at: '2026-11-30T09:00:00.000Z', reason: '' } });
    expect(whatNext({ status: 'offered', chasing: [unasked], placement: null, lastSearchAt: null }, now)).toEqual({
      state: 'Oak House has offered a place (30 Nov 2026, 09:00); no bed is held there.',
      next: 'Hold the bed or place the child there, or record why not.',
      placed: null,
    });
    expect(remindersFor({ status: 'offered', neededByDate: '2026-12-20', chasing: [unasked] }, now, '2026-11-30')).toEqual([]);
    expect(whatNext({ status: 'placed', chasing: [], placement: { homeName: 'Oak House', startDate: '2026-12-02' }, lastSearchAt: null }, now)).toMatchObject({
      state: 'Placed at Oak House on 2 Dec 2026.',
      placed: { homeName: 'Oak House', startDate: '2026-12-02' },
    });
  });
});
