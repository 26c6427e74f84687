/**
 * Properties that must hold for every input, checked with fast-check. The hard-rule oracle below
 * is written independently of hardRules.ts, from the list, so a bug has to be made twice
 * to pass unnoticed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { whyNot } from '../../../shared/scoring/explain';
import { DEFAULT_POLICY, type MatchingPolicy } from '../../../shared/scoring/policy';
import { rankVacanciesForReferral } from '../../../shared/scoring/rank';
import type { ChildForMatching, Place, VacancyForMatching } from '../../../shared/scoring/types';
import { childArb, place, vacanciesArb, vacancyArb } from './arbitraries';

const RUNS = { numRuns: 150, seed: 20260302 };

function miles(a: Place, b: Place): number {
  if (a.grid && b.grid) return Math.round((Math.hypot(a.grid.easting - b.grid.easting, a.grid.northing - b.grid.northing) / 1000 / 1.6093) * 10) / 10;
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return Math.round(2 * 3958.8 * Math.asin(Math.sqrt(h)) * 10) / 10;
}

/** Which of the hard rules a home breaks for a child, by a separate, plain reading of them. */
function oracleBreaks(c: ChildForMatching, v: VacancyForMatching, policy: MatchingPolicy): string[] {
  const broken: string[] = [];
  const group = [{ age: c.age, sex: c.sex }, ...c.siblings];
  const price = v.weeklyPrice.core + v.weeklyPrice.support + v.weeklyPrice.education + v.weeklyPrice.other;
  if (c.suitability[v.kind] === 'Unsuitable') broken.push('type');
  if (group.some((g) => g.age < v.approval.minAge || g.age > v.approval.maxAge)) broken.push('age');
  if (v.approval.sex && group.some((g) => g.sex !== v.approval.sex)) broken.push('sex');
  if (v.bedsFree < group.length) broken.push('beds');
  // Only children in care and beds held for them use approval places; the carers' own do not.
  if (v.otherChildren.length + v.placesHeld + group.length > v.approval.maxChildren) broken.push('approval places');
  if (group.length > 1 && !v.approval.siblingsAccepted) broken.push('siblings');
  // Everyone living there counts for who the child may live alongside.
  const housemates = [...v.otherChildren, ...v.household];
  if (c.livingCompanions === 'Solo placement recommended' && housemates.length > 0) broken.push('solo');
  if (c.livingCompanions === 'Only with other older children' && housemates.some((h) => h.age <= c.age)) broken.push('older');
  if (c.livingCompanions === 'Only with other younger children' && housemates.some((h) => h.age >= c.age)) broken.push('younger');
  if (c.onlyWithSameSex && housemates.some((h) => h.sex !== c.sex)) broken.push('same sex');
  if (v.kind === 'residential' && c.needs.ofstedCategories.some((x) => !v.registrationCategories.includes(x))) broken.push('category');
  if (c.risksToOthers.includes('riskToOthersSexual') && housemates.some((h) => h.age < c.age)) broken.push('sexual harm');
  if (c.risksToOthers.includes('riskToOthersAnimals') && v.petsInHome) broken.push('animals');
  if (c.pets === 'No' && v.petsInHome) broken.push('pets');
  if (c.pets === 'Yes - must' && !v.petsInHome) broken.push('must have pets');
  if (c.needs.wheelchairAdaptation && !v.wheelchairAdapted) broken.push('wheelchair');
  if (v.secure !== c.legal.secureOrder) broken.push('secure');
  if (v.availableFrom > c.neededByDate) broken.push('available');
  if (c.avoidCouncilIds.includes(v.councilId)) broken.push('avoid council');
  if (c.avoidPlaces.some((a) => miles(a.centre, v.location) <= a.radiusMiles)) broken.push('avoid place');
  if (policy.excludeInadequate && v.ofstedGrade === 'inadequate') broken.push('inadequate');
  if (miles(c.home, v.location) > policy.caps.maxMiles) broken.push('distance cap');
  if (price > policy.caps.maxWeeklyPence) broken.push('price cap');
  if (c.budgetCeilingWeeklyPence !== undefined && price * group.length > c.budgetCeilingWeeklyPence) broken.push('budget');
  return broken;
}

describe('ranking never offers a home that breaks a hard rule', () => {
  it('every ranked home passes the oracle; every excluded home has a reason; none is lost', () => {
    let offered = 0;
    fc.assert(
      fc.property(childArb, vacanciesArb(12), (c, vs) => {
        const result = rankVacanciesForReferral(c, vs, DEFAULT_POLICY, { explainTop: 0 });
        offered += result.ranked.length;
        for (const r of result.ranked) {
          const v = vs.find((x) => x.vacancyId === r.vacancyId)!;
          expect(oracleBreaks(c, v, DEFAULT_POLICY)).toEqual([]);
        }
        for (const e of result.excluded) expect(e.reasons.length).toBeGreaterThan(0);
        expect(result.ranked.length + result.excluded.length).toBe(vs.length);
        // The oracle's rules are a subset of the engine's, so whatever it rejects must be excluded.
        for (const v of vs) if (oracleBreaks(c, v, DEFAULT_POLICY).length > 0) expect(result.excluded.some((e) => e.vacancyId === v.vacancyId)).toBe(true);
      }),
      RUNS,
    );
    expect(offered).toBeGreaterThan(100);
  });
});

describe('determinism', () => {
  it('identical inputs give identical output, and input order does not matter', () => {
    fc.assert(
      fc.property(childArb, vacanciesArb(10), fc.integer(), (c, vs, seed) => {
        const once = rankVacanciesForReferral(c, vs, DEFAULT_POLICY);
        const again = rankVacanciesForReferral(c, vs, DEFAULT_POLICY);
        expect(again).toEqual(once);
        const shuffled = [...vs].sort((a, b) => ((a.vacancyId.charCodeAt(3) * 31 + seed) % 7) - ((b.vacancyId.charCodeAt(3) * 31 + seed) % 7));
        expect(rankVacanciesForReferral(c, shuffled, DEFAULT_POLICY)).toEqual(once);
        // Ranks are 1..n and totals never increase down the list.
        once.ranked.forEach((r, i) => {
          expect(r.rank).toBe(i + 1);
          if (i > 0) expect(r.total).toBeLessThanOrEqual(once.ranked[i - 1]!.total);
        });
      }),
      { ...RUNS, numRuns: 80 },
    );
  });
});

describe('bedrooms and approval places', () => {
  it('the household’s own children never use an approval place, and a home is excluded on places exactly when the oracle says', () => {
    let withHousehold = 0;
    fc.assert(
      fc.property(childArb, vacancyArb, (c, v) => {
        const rules = (x: VacancyForMatching) => whyNot(c, x, DEFAULT_POLICY).reasons.map((r) => r.rule);
        const withOwn = rules(v);
        const without = rules({ ...v, household: [] });
        if (v.household.length > 0) withHousehold++;
        // Taking the carers' own children away changes neither check on room.
        for (const rule of ['bedsForGroup', 'approvalPlaces'] as const) expect(withOwn.includes(rule)).toBe(without.includes(rule));
        const broken = oracleBreaks(c, v, DEFAULT_POLICY);
        expect(withOwn.includes('bedsForGroup')).toBe(broken.includes('beds'));
        expect(withOwn.includes('approvalPlaces')).toBe(broken.includes('approval places'));
      }),
      { ...RUNS, numRuns: 300 },
    );
    expect(withHousehold).toBeGreaterThan(20);
  });
});

describe('monotonic scores: all else equal', () => {
  it('a closer home never scores worse on distance, nor in total', () => {
    let compared = 0;
    fc.assert(
      fc.property(childArb, vacancyArb, place, place, (c, v, p1, p2) => {
        const a = { ...v, vacancyId: 'VA', location: p1 };
        const b = { ...v, vacancyId: 'VB', location: p2 };
        const closerHome = miles(c.home, p1) <= miles(c.home, p2);
        const closerSchool = !c.school || miles(c.school, p1) <= miles(c.school, p2);
        fc.pre(closerHome && closerSchool);
        const result = rankVacanciesForReferral(c, [a, b], DEFAULT_POLICY, { explainTop: 0 });
        const ra = result.ranked.find((r) => r.vacancyId === 'VA');
        const rb = result.ranked.find((r) => r.vacancyId === 'VB');
        if (!ra || !rb) return;
        compared++;
        expect(ra.scores.distance).toBeGreaterThanOrEqual(rb.scores.distance);
        expect(ra.total).toBeGreaterThanOrEqual(rb.total);
      }),
      { ...RUNS, numRuns: 400 },
    );
    // Guards against a vacuous pass: enough random pairs were both offered to compare.
    expect(compared).toBeGreaterThan(30);
  });

  it('a cheaper home never scores worse on cost, nor in total', () => {
    let compared = 0;
    fc.assert(
      fc.property(childArb, vacancyArb, fc.integer({ min: 0, max: 500_000 }), (c, v, saving) => {
        const pricier = { ...v, vacancyId: 'VB' };
        const cheaper = { ...v, vacancyId: 'VA', weeklyPrice: { ...v.weeklyPrice, core: Math.max(0, v.weeklyPrice.core - saving) } };
        const result = rankVacanciesForReferral(c, [cheaper, pricier], DEFAULT_POLICY, { explainTop: 0 });
        const ra = result.ranked.find((r) => r.vacancyId === 'VA');
        const rb = result.ranked.find((r) => r.vacancyId === 'VB');
        // A cheaper home can never be excluded where the dearer one is allowed (price cap, budget).
        if (rb) expect(ra).toBeDefined();
        if (!ra || !rb) return;
        compared++;
        expect(ra.scores.cost).toBeGreaterThanOrEqual(rb.scores.cost);
        expect(ra.total).toBeGreaterThanOrEqual(rb.total);
      }),
      { ...RUNS, numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(30);
  });
});
