import { describe, expect, it } from 'vitest';
import { checkBed, nightsLabel, nightsOf, normaliseLivingCompanions, type BookedStay, type StayChild } from '../../electron/services/constellationRules';

const child = (childId: number, firstName: string, birthDate: string, livingCompanions: StayChild['livingCompanions'] = 'No preference'): StayChild => ({
  childId,
  firstName,
  birthDate,
  livingCompanions,
});
const booked = (id: number, c: StayChild, bed: 1 | 2, startDate: string, endDate = startDate): BookedStay => ({ id, child: c, bed, startDate, endDate });

describe("the hub's house rules", () => {
  const noah = child(1, 'Noah', '2017-06-10');
  const ava = child(2, 'Ava', '2015-02-20');

  it('a bed is free when no accepted stay shares a night with the request', () => {
    const request = { id: 9, child: ava, startDate: '2026-12-07', endDate: '2026-12-08' };
    expect(checkBed(request, 1, [booked(1, noah, 1, '2026-12-05', '2026-12-06')], [])).toEqual([]);
    expect(checkBed(request, 1, [booked(1, noah, 1, '2026-12-09')], [])).toEqual([]);
    expect(checkBed(request, 1, [booked(1, noah, 1, '2026-12-08', '2026-12-10')], [])).toEqual(['Bed 1 is already booked for Noah on the night of Tue 8 Dec.']);
    expect(checkBed(request, 2, [booked(1, noah, 1, '2026-12-08', '2026-12-10')], [])).toEqual([]);
  });

  it('names the overlapping nights of a longer clash', () => {
    const request = { id: 9, child: ava, startDate: '2026-12-05', endDate: '2026-12-09' };
    expect(checkBed(request, 2, [booked(1, noah, 2, '2026-12-07', '2026-12-12')], [])).toEqual([
      'Bed 2 is already booked for Noah on the nights of Mon 7 Dec to Wed 9 Dec.',
    ]);
  });

  it('compares ages by birth date: a same-day birth is neither older nor younger', () => {
    const twinA = child(3, 'Remi', '2016-01-01', 'Only with other older children');
    const twinB = child(4, 'Sol', '2016-01-01');
    const reasons = checkBed({ id: 9, child: twinA, startDate: '2026-12-05', endDate: '2026-12-05' }, 1, [], [twinB]);
    expect(reasons).toEqual(['Remi (10) should only be cared for alongside older children, but Sol (10) lives at the hub and is not older.']);
  });

  it('refuses a child outside the ages the hub household is approved for, counting a birthday during the stay', () => {
    const approval = { hubName: 'Larkfield Hub', minAge: 5, maxAge: 11, maxChildren: 3 };
    const stay = (c: StayChild, startDate: string, endDate = startDate) => ({ id: 9, child: c, startDate, endDate });
    expect(checkBed(stay(noah, '2026-12-05'), 1, [], [], approval)).toEqual([]);
    const toddler = child(5, 'Tia', '2023-01-01');
    expect(checkBed(stay(toddler, '2026-12-05'), 1, [], [], approval)).toEqual(['Larkfield Hub is approved for children aged 5 to 11, and Tia would be 3.']);
    // Eleven on the first night, twelve by the last: the stay is refused.
    const nearly12 = child(6, 'Ola', '2014-12-07');
    expect(checkBed(stay(nearly12, '2026-12-05'), 2, [], [], approval)).toEqual([]);
    expect(checkBed(stay(nearly12, '2026-12-05', '2026-12-08'), 2, [], [], approval)).toEqual([
      'Larkfield Hub is approved for children aged 5 to 11, and Ola would be 12.',
    ]);
    // No approval recorded: no age limit imposed.
    expect(checkBed(stay(toddler, '2026-12-05'), 1, [], [], null)).toEqual([]);
  });

  it('refuses a stay that takes the hub over its approved number of children on any night, in words', () => {
    // Approved for 3: Mia lives at the hub, Noah is booked Fri-Sat in bed 1.
    const approval = { hubName: 'Larkfield Hub', minAge: 0, maxAge: 17, maxChildren: 3 };
    const mia = child(7, 'Mia', '2012-04-04');
    const ava2 = child(8, 'Ava', '2015-02-20');
    const noahStay = booked(1, noah, 1, '2026-12-04', '2026-12-05');
    const request = (c: StayChild, startDate: string, endDate = startDate) => ({ id: 9, child: c, startDate, endDate });
    // Mia + Noah + Ava = 3 on Friday: at the approved number, not over it.
    expect(checkBed(request(ava2, '2026-12-04'), 2, [noahStay], [mia], approval)).toEqual([]);
    // Approved for 2: the same stay would make 3 on Friday and Saturday; Sunday alone is fine.
    const two = { ...approval, maxChildren: 2 };
    expect(checkBed(request(ava2, '2026-12-04', '2026-12-06'), 2, [noahStay], [mia], two)).toEqual([
      'Larkfield Hub is approved for 2 children at a time; on the night of Fri 4 Dec, 2 would already be there (Mia (lives there), Noah (staying)), so Ava would take it over its approved number. It would be over on 1 more night of this stay too.',
    ]);
    expect(checkBed(request(ava2, '2026-12-06'), 2, [noahStay], [mia], two)).toEqual([]);
    // A stay already cancelled or in the other constellation is not passed in, so it never counts.
    expect(checkBed(request(ava2, '2026-12-04'), 2, [], [mia], two)).toEqual([]);
  });

  it('maps free-text answers onto the Placements Standard options, and unknown ones to no preference', () => {
    expect(normaliseLivingCompanions('Solo')).toBe('Solo placement recommended');
    expect(normaliseLivingCompanions('Only with older')).toBe('Only with other older children');
    expect(normaliseLivingCompanions('only with younger children')).toBe('Only with other younger children');
    expect(normaliseLivingCompanions('With other children recommended')).toBe('With other children recommended');
    expect(normaliseLivingCompanions('whatever')).toBe('No preference');
  });

  it('lists and labels nights across a month end', () => {
    expect(nightsOf('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(nightsLabel('2026-12-31', '2026-12-31')).toBe('the night of Thu 31 Dec');
  });
});
