/**
 * The child's wishes count only as recorded (issue 13, point 9): worked cases for each kind the
 * referral records, the "no wishes recorded" case, and how an unscored factor is weighted.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/scoring/policy';
import { rankVacanciesForReferral } from '../../../shared/scoring/rank';
import { prepareChild } from '../../../shared/scoring/context';
import { totalScore } from '../../../shared/scoring/evaluate';
import { vacancyTable } from '../../../shared/scoring/vacancyTable';
import { milesBetween } from '../../../shared/scoring/distance';
import type { RecordedWishForMatching } from '../../../shared/scoring/types';
import { placeNamedIn } from '../../../shared/geo/placeInWords';
import { child, placeAt, vacancy } from './fixtures';

const wish = (kind: RecordedWishForMatching['kind'], text: string, place?: RecordedWishForMatching['place']): RecordedWishForMatching => ({
  kind,
  text,
  place,
  placeName: place ? 'Wigan' : undefined,
});

const near = vacancy({ vacancyId: 'V-near', homeId: 'H-near', location: placeAt(1), petsInHome: true, religion: 'Muslim', languages: ['English', 'Urdu'] });
const far = vacancy({ vacancyId: 'V-far', homeId: 'H-far', location: placeAt(18), petsInHome: false, religion: undefined, languages: ['English'] });

describe('a child with no wishes recorded', () => {
  const quiet = child({ wishes: { text: '', recorded: [] } });
  const result = rankVacanciesForReferral(quiet, [near, far], DEFAULT_POLICY, { explainTop: 10 });

  it('has no wishes score: the card says so, and the factor has no share of the total', () => {
    expect(result.notScored).toEqual(['wishes']);
    expect(result.weightShares.wishes).toBe(0);
    for (const r of result.ranked) {
      expect(r.scores.wishes).toBe(0);
      expect(r.explanation!.factors.wishes[0]).toMatch(/^No wishes recorded: not scored/);
    }
  });

  it('shares the wishes weight among the other four, so the total is their mean and is not lifted by 10 points', () => {
    // Default weights 20/20/30/20/10: without wishes each other factor's share is its weight / 90.
    expect(result.weightShares.cost).toBeCloseTo(20 / 90, 10);
    expect(result.weightShares.stability).toBeCloseTo(30 / 90, 10);
    const sum = Object.values(result.weightShares).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 10);
    for (const r of result.ranked) {
      const s = r.scores;
      const byHand = (20 * s.cost + 20 * s.distance + 30 * s.stability + 20 * s.needs) / 90 + r.inHouseBonus;
      expect(r.total).toBeCloseTo(byHand, 0);
      // What the old rule (wishes 100 when none recorded) would have given: always higher unless every factor is 100.
      const old = (20 * s.cost + 20 * s.distance + 30 * s.stability + 20 * s.needs + 10 * 100) / 100 + r.inHouseBonus;
      expect(r.total).toBeLessThan(old);
    }
  });

  it('the planner scores each home exactly as the ranking does', () => {
    const ctx = prepareChild(quiet, DEFAULT_POLICY);
    const table = vacancyTable([near, far]);
    for (const r of result.ranked) {
      const i = r.vacancyId === 'V-near' ? 0 : 1;
      expect(totalScore(ctx, table, i, r.distance.homeMiles, r.distance.schoolMiles)).toBe(r.total);
    }
  });

  it('does not read wishes into their free-text words', () => {
    const talkative = child({ wishes: { text: 'I want a dog and to stay at my school near my nan', recorded: [] } });
    expect(rankVacanciesForReferral(talkative, [near], DEFAULT_POLICY).notScored).toEqual(['wishes']);
  });
});

describe('wishes scored only as recorded', () => {
  const scoreOf = (recorded: RecordedWishForMatching[], patch: Parameters<typeof child>[0] = {}) => {
    const result = rankVacanciesForReferral(child({ ...patch, wishes: { text: 'In my words', recorded } }), [near, far], DEFAULT_POLICY, {
      explainTop: 10,
    });
    const byId = new Map(result.ranked.map((r) => [r.vacancyId, r]));
    return { result, near: byId.get('V-near')!, far: byId.get('V-far')! };
  };

  it('pets: "a dog" is met where there are pets; "no dogs please" where there are none', () => {
    const want = scoreOf([wish('pets', 'A dog')]);
    expect([want.near.scores.wishes, want.far.scores.wishes]).toEqual([100, 0]);
    const against = scoreOf([wish('pets', 'No dogs please')]);
    expect([against.near.scores.wishes, against.far.scores.wishes]).toEqual([0, 100]);
    expect(against.near.explanation!.factors.wishes).toEqual(['“No dogs please”: there are pets here.']);
    expect(against.result.weightShares.wishes).toBeCloseTo(0.1, 10);
  });

  it('faith and language: met by the home’s recorded faith and languages named in the child’s words', () => {
    const faith = scoreOf([wish('faith', 'Go to the mosque with a Muslim family')]);
    expect([faith.near.scores.wishes, faith.far.scores.wishes]).toEqual([100, 0]);
    const language = scoreOf([wish('language', 'Someone who speaks Urdu')]);
    expect([language.near.scores.wishes, language.far.scores.wishes]).toEqual([100, 0]);
    expect(language.near.explanation!.factors.wishes).toEqual(['“Someone who speaks Urdu”: Urdu spoken here.']);
  });

  it('people and area: measured from the town named (or the child’s home): full within 5 miles, none at the 20-mile line', () => {
    const town = placeAt(18);
    const area = scoreOf([wish('area', 'Near Wigan', town)]);
    expect(area.far.scores.wishes).toBe(100);
    const fromNear = milesBetween(town, near.location);
    expect(area.near.scores.wishes).toBeCloseTo(fromNear >= 20 ? 0 : 100 * (1 - (fromNear - 5) / 15), 5);
    expect(area.far.explanation!.factors.wishes[0]).toMatch(/^“Near Wigan”: 0\.0 miles from Wigan, close\.$/);
    const people = scoreOf([wish('people', 'Near my nan')]);
    expect([people.near.scores.wishes, people.far.scores.wishes]).toEqual([100, 100 * (1 - (18 - 5) / 15)].map((x) => expect.closeTo(x, 0)));
  });

  it('a wish that cannot be checked is shown, not scored: an area naming no town, a school with none recorded, something else', () => {
    const unchecked = scoreOf([wish('area', 'somewhere by the sea'), wish('school', 'Stay at my school'), wish('other', 'A big garden')], {
      school: undefined,
    });
    expect(unchecked.result.notScored).toEqual(['wishes']);
    expect(unchecked.near.explanation!.factors.wishes).toEqual([
      'None of the wishes recorded can be checked against a home: not scored. The other factors make up the total.',
      '“somewhere by the sea”: it names no town the app knows, so it is not measured.',
      '“Stay at my school”: no school is recorded to measure from.',
      '“A big garden”: shown for the officer to weigh; not checked against a home.',
    ]);
  });

  it('averages the wishes that can be checked and leaves the others out of the mean', () => {
    const mixed = scoreOf([wish('pets', 'A cat'), wish('faith', 'Muslim'), wish('other', 'A trampoline')]);
    expect(mixed.near.scores.wishes).toBe(100);
    expect(mixed.far.scores.wishes).toBe(0);
    const half = scoreOf([wish('pets', 'No pets'), wish('faith', 'Muslim')]);
    expect([half.near.scores.wishes, half.far.scores.wishes]).toEqual([50, 50]);
  });
});

describe('the town a wish names', () => {
  const bolton = { lat: 53.578, lon: -2.429 };
  it('finds a capitalised town name in the words, nearest the child where names are shared', () => {
    expect(placeNamedIn('near my nan in Wigan', bolton)?.name).toBe('Wigan');
    expect(placeNamedIn('Live in Ashton-under-Lyne with my aunt', bolton)?.name).toBe('Ashton-under-Lyne');
  });
  it('never reads an ordinary word as a village', () => {
    expect(placeNamedIn('go to church near my school', bolton)).toBeNull();
    expect(placeNamedIn('', bolton)).toBeNull();
  });
});
