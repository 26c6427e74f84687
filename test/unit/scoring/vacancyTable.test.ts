import { describe, expect, it } from 'vitest';
import { whyNot } from '../../../shared/scoring/explain';
import { DEFAULT_POLICY, deriveBenchmarks, weeklyTotal } from '../../../shared/scoring/policy';
import { rankVacanciesForReferral } from '../../../shared/scoring/rank';
import { syntheticRegion } from '../../generators/synthetic-region';
import { HOME_KINDS } from '../../../shared/domain/homes';
import { isoDateNumber, vacancyTable } from '../../../shared/scoring/vacancyTable';

describe('vacancyTable', () => {
  const { referrals, vacancies } = syntheticRegion(10, 600, { seed: 8 });
  const policy = { ...DEFAULT_POLICY, benchmarks: deriveBenchmarks(vacancies) };

  it('reads an ISO date as the number YYYYMMDD, which orders the same way', () => {
    expect(isoDateNumber('2026-12-03')).toBe(20261203);
    expect(isoDateNumber('2027-01-01')).toBeGreaterThan(isoDateNumber('2026-12-31'));
  });

  it('holds each vacancy’s facts in its row', () => {
    const t = vacancyTable(vacancies);
    expect(t.size).toBe(vacancies.length);
    vacancies.forEach((v, i) => {
      expect(t.vacancyId[i]).toBe(v.vacancyId);
      expect(HOME_KINDS[t.kind[i]!]).toBe(v.kind);
      expect([t.minAge[i], t.maxAge[i], t.maxChildren[i], t.bedsFree[i], t.others[i], t.placesTaken[i]]).toEqual([
        v.approval.minAge,
        v.approval.maxAge,
        v.approval.maxChildren,
        v.bedsFree,
        v.otherChildren.length,
        v.otherChildren.length + v.placesHeld,
      ]);
      // Everyone living there, the household's own children included, for the rules about housemates.
      expect(t.housemates[i]).toEqual([...v.otherChildren, ...v.household]);
      expect(t.availableFrom[i]).toBe(isoDateNumber(v.availableFrom));
      expect(t.weekly[i]).toBe(weeklyTotal(v));
      expect(t.inHouse[i]).toBe(v.ownership === 'in_house' ? 1 : 0);
    });
  });

  it('visits rows in vacancy-id order when the list is not in it, and only then', () => {
    expect(vacancyTable([...vacancies].sort((a, b) => (a.vacancyId < b.vacancyId ? -1 : 1))).byId).toBeNull();
    const reversed = [...vacancies].reverse();
    const t = vacancyTable(reversed);
    const ids = Array.from(t.byId!, (row) => reversed[row]!.vacancyId);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('ranks the same from a table as from the plain list, and answers whyNot the same for every home', () => {
    const t = vacancyTable(vacancies);
    for (const c of referrals) {
      const fromTable = rankVacanciesForReferral(c, t, policy);
      expect(fromTable).toEqual(rankVacanciesForReferral(c, vacancies, policy));
      for (const e of fromTable.excluded.slice(0, 20)) {
        expect(
          whyNot(
            c,
            vacancies.find((v) => v.vacancyId === e.vacancyId)!,
            policy,
          ).reasons,
        ).toEqual(e.reasons);
      }
    }
  });
});
