/**
 * Worked examples from the domain primer, each with the ranking an experienced placement officer
 * would expect and why. The engine must agree, and its reasons must say so in words.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/scoring/policy';
import { rankVacanciesForReferral } from '../../../shared/scoring/rank';
import { child, placeAt, vacancy } from './fixtures';

describe('a 15-year-old with criminal-exploitation risk, placed with his 12-year-old sister', () => {
  const boy = child({
    referralId: 'R-CE',
    childId: 'C-CE',
    age: 15,
    sex: 'M',
    siblings: [{ id: 'C-SIS', age: 12, sex: 'F' }],
    suitability: { foster: 'Preferred', residential: 'Suitable but not preferred', supported: 'Unsuitable' },
    risksToChild: ['riskCriminalExploitation', 'riskMissing'],
    needs: { ofstedCategories: ['EBD'] },
    // The care plan keeps him 3 miles from the estate where he was exploited (his home area).
    avoidPlaces: [{ label: 'the estate where he was exploited', centre: placeAt(0), radiusMiles: 3 }],
    history: { movesLast12Months: 2, totalPlacements: 4, priorResidential: false, yearsInCare: 3 },
    wishes: { text: 'I want to stay with my sister.', recorded: [{ kind: 'people', text: 'With my sister', place: undefined, placeName: undefined }] },
  });
  const homes = [
    // Close, the RCC's own, takes teenagers and two children: but inside the area to avoid.
    vacancy({ vacancyId: 'A-near-inhouse', homeId: 'HA', ownership: 'in_house', location: placeAt(1.5), bedsFree: 2, specialisms: ['teenagers'] }),
    // An experienced tier-3 IFA carer in a Mockingbird constellation, 12 miles away, two beds.
    vacancy({
      vacancyId: 'B-ifa-mockingbird',
      homeId: 'HB',
      feeTier: 'enhanced',
      location: placeAt(12),
      bedsFree: 2,
      specialisms: ['teenagers'],
      carer: { yearsApproved: 8, skillsTier: 3 },
      mockingbird: true,
      weeklyPrice: { core: 80_000, support: 15_000 },
    }),
    // Only one bed: taking him would split him from his sister.
    vacancy({ vacancyId: 'C-one-bed', homeId: 'HC', ownership: 'in_house', location: placeAt(9), bedsFree: 1, specialisms: ['teenagers'] }),
    // A children's home registered for EBD with two beds, 15 miles away: suitable, not preferred.
    vacancy({
      vacancyId: 'D-residential',
      homeId: 'HD',
      kind: 'residential',
      ownership: 'private',
      ofstedGrade: 'good',
      registrationCategories: ['EBD'],
      location: placeAt(0, 15),
      bedsFree: 2,
      approval: { minAge: 11, maxAge: 17, maxChildren: 4, siblingsAccepted: true },
      otherChildren: [{ age: 16, sex: 'M' }],
      specialisms: ['teenagers'],
      carer: { yearsApproved: 6, skillsTier: 3 },
      weeklyPrice: { core: 380_000, support: 40_000 },
    }),
    // Its statement of purpose says it cannot manage children who go missing.
    vacancy({ vacancyId: 'E-cannot-manage-missing', homeId: 'HE', location: placeAt(8), bedsFree: 2, cannotManage: ['riskMissing'] }),
    // A foster home 30 miles away, beyond the 20-mile line, with a less experienced tier-2 carer.
    vacancy({
      vacancyId: 'F-far',
      homeId: 'HF',
      feeTier: 'enhanced',
      location: placeAt(30),
      bedsFree: 2,
      specialisms: ['teenagers'],
      carer: { yearsApproved: 3, skillsTier: 2 },
      weeklyPrice: { core: 82_000 },
    }),
  ];
  const result = rankVacanciesForReferral(boy, homes, DEFAULT_POLICY);

  it('excludes the near home in the area to avoid, the one-bed home and the home that cannot manage missing', () => {
    // Nearness cannot buy back safety: the avoid area is a hard rule, whatever the score would be.
    expect(result.excluded.map((e) => [e.vacancyId, e.reasons.map((r) => r.rule)])).toEqual([
      ['A-near-inhouse', ['areaToAvoid']],
      ['C-one-bed', ['bedsForGroup']],
      ['E-cannot-manage-missing', ['statementOfPurpose']],
    ]);
  });

  it('ranks the experienced Mockingbird foster home first, the children’s home second, the far home last', () => {
    // B: foster is preferred (needs 100), tier-3 carer at or above his need, 8 years approved,
    // Mockingbird support, inside 20 miles; it costs more than the foster benchmark.
    // D: equally skilled and nearer than F, but residential is only "suitable" (needs 75) and its
    // stability lacks Mockingbird support. F: preferred type, but 30 miles away (beyond the
    // 20-mile line, distance 30) with a tier-2, 3-year carer, so stability is lowest.
    expect(result.ranked.map((r) => r.vacancyId)).toEqual(['B-ifa-mockingbird', 'D-residential', 'F-far']);
    const [b, d, f] = result.ranked;
    expect(b!.scores.stability).toBeGreaterThan(d!.scores.stability);
    expect(d!.scores.distance).toBeGreaterThan(f!.scores.distance);
    expect(f!.distance.withinTwentyMiles).toBe(false);
  });

  it('explains the top home in words, keeps the siblings together and never predicts for the child', () => {
    const top = result.ranked[0]!;
    const words = [...top.explanation!.summary, ...Object.values(top.explanation!.factors).flat()].join('\n');
    expect(words).toContain('Keeps both siblings in this referral together');
    expect(words).toContain('Part of a Mockingbird constellation');
    expect(words).toContain('In the child’s words: “I want to stay with my sister.”');
    expect(words).toContain('they are not a prediction about this child');
    expect(words).not.toMatch(/\bwill (break down|last|succeed|fail)\b/i);
    expect(top.weeklyPence).toBe(2 * 95_000);
  });
});

describe('an unaccompanied asylum-seeking 16-year-old', () => {
  const uasc = child({
    referralId: 'R-UASC',
    childId: 'C-UASC',
    age: 16,
    sex: 'M',
    school: undefined,
    suitability: { foster: 'Suitable but not preferred', residential: 'Unsuitable', supported: 'Preferred' },
    needs: { uasc: true, languages: ['Tigrinya'], communication: ['ESOL'], religion: 'Christian', culturalNeeds: 'Required', culture: 'Eritrean' },
    wishes: {
      text: 'I want to live with people who speak my language and go to church.',
      recorded: [{ kind: 'faith', text: 'Go to church', place: undefined, placeName: undefined }],
    },
  });
  const homes = [
    vacancy({
      vacancyId: 'A-supported-uasc',
      homeId: 'HA',
      kind: 'supported',
      ownership: 'voluntary',
      ofstedGrade: 'good',
      supportedType: 'shared',
      location: placeAt(4),
      approval: { minAge: 16, maxAge: 17, maxChildren: 4 },
      otherChildren: [{ age: 17, sex: 'M' }],
      specialisms: ['uasc', 'teenagers'],
      languages: ['English', 'Tigrinya'],
      cultures: ['Eritrean'],
      religion: 'Christian',
      weeklyPrice: { core: 90_000 },
    }),
    vacancy({
      vacancyId: 'B-supported-plain',
      homeId: 'HB',
      kind: 'supported',
      ownership: 'private',
      ofstedGrade: 'good',
      supportedType: 'shared',
      location: placeAt(3),
      approval: { minAge: 16, maxAge: 17, maxChildren: 4 },
      specialisms: ['teenagers'],
      weeklyPrice: { core: 80_000 },
    }),
    vacancy({
      vacancyId: 'C-foster-uasc',
      homeId: 'HC',
      location: placeAt(6),
      feeTier: 'enhanced',
      specialisms: ['uasc', 'teenagers'],
      languages: ['English', 'Tigrinya'],
      cultures: ['Eritrean'],
      religion: 'Christian',
      weeklyPrice: { core: 82_000 },
    }),
    vacancy({
      vacancyId: 'D-residential',
      homeId: 'HD',
      kind: 'residential',
      ownership: 'private',
      ofstedGrade: 'good',
      location: placeAt(5),
      approval: { minAge: 12, maxAge: 17 },
      weeklyPrice: { core: 383_000 },
    }),
    vacancy({
      vacancyId: 'E-supported-inadequate',
      homeId: 'HE',
      kind: 'supported',
      ownership: 'private',
      ofstedGrade: 'inadequate',
      location: placeAt(2),
      approval: { minAge: 16, maxAge: 17 },
      specialisms: ['uasc'],
      weeklyPrice: { core: 70_000 },
    }),
  ];
  const result = rankVacanciesForReferral(uasc, homes, DEFAULT_POLICY);

  it('excludes residential care (marked unsuitable) and the Inadequate home', () => {
    expect(result.excluded.map((e) => [e.vacancyId, e.reasons.map((r) => r.rule)])).toEqual([
      ['D-residential', ['typeUnsuitable']],
      ['E-supported-inadequate', ['ofstedInadequate']],
    ]);
  });

  it('ranks the UASC supported home first, the Tigrinya-speaking foster home second, the plain supported home last', () => {
    // A and C both specialise in UASC, speak Tigrinya, share his faith and heritage; A is the
    // preferred type (supported) and C only suitable, so A leads on needs (100 against 91.7), both
    // priced at their benchmarks. B is the preferred type and a little nearer and cheaper, but
    // meets none of his language, faith, culture or UASC needs (33.3) nor his wish for a faith
    // community, so it comes last despite being cheapest.
    expect(result.ranked.map((r) => r.vacancyId)).toEqual(['A-supported-uasc', 'C-foster-uasc', 'B-supported-plain']);
    const [a, c, b] = result.ranked;
    expect(a!.scores.needs).toBeGreaterThan(c!.scores.needs);
    expect(b!.scores.cost).toBeGreaterThan(a!.scores.cost);
    expect(b!.scores.wishes).toBe(0);
    expect(b!.explanation!.factors.needs).toContain('Nobody in the home speaks Tigrinya.');
  });
});

describe('a 7-year-old who needs a wheelchair-adapted home', () => {
  const girl = child({
    referralId: 'R-WC',
    childId: 'C-WC',
    age: 7,
    sex: 'F',
    suitability: { foster: 'Preferred', residential: 'Unsuitable', supported: 'Unsuitable' },
    needs: { disability: true, wheelchairAdaptation: true, communication: ['Makaton'] },
    wishes: { text: 'A house with a ramp and a garden.' },
  });
  const homes = [
    vacancy({
      vacancyId: 'A-adapted-specialist',
      homeId: 'HA',
      ownership: 'in_house',
      location: placeAt(5),
      wheelchairAdapted: true,
      specialisms: ['disability'],
      languages: ['English', 'Makaton'],
      carer: { yearsApproved: 9, skillsTier: 3 },
      weeklyPrice: { core: 52_000 },
    }),
    vacancy({ vacancyId: 'B-adapted-only', homeId: 'HB', ownership: 'ifa', location: placeAt(2), wheelchairAdapted: true, weeklyPrice: { core: 45_000 } }),
    vacancy({
      vacancyId: 'C-not-adapted',
      homeId: 'HC',
      ownership: 'in_house',
      location: placeAt(1),
      specialisms: ['disability'],
      languages: ['English', 'Makaton'],
    }),
    vacancy({
      vacancyId: 'D-residential',
      homeId: 'HD',
      kind: 'residential',
      ownership: 'private',
      ofstedGrade: 'outstanding',
      location: placeAt(4),
      wheelchairAdapted: true,
      registrationCategories: ['PD', 'LD'],
      approval: { minAge: 5, maxAge: 17 },
      weeklyPrice: { core: 500_000 },
    }),
    vacancy({
      vacancyId: 'E-adapted-older',
      homeId: 'HE',
      location: placeAt(3),
      wheelchairAdapted: true,
      approval: { minAge: 10, maxAge: 17 },
      specialisms: ['disability'],
    }),
  ];
  const result = rankVacanciesForReferral(girl, homes, DEFAULT_POLICY);

  it('excludes the nearest home (not adapted), residential care and the home approved from age 10', () => {
    // C is the closest and has every specialism, but she could not get around it: a hard rule.
    expect(result.excluded.map((e) => [e.vacancyId, e.reasons.map((r) => r.rule)])).toEqual([
      ['C-not-adapted', ['wheelchair']],
      ['D-residential', ['typeUnsuitable']],
      ['E-adapted-older', ['ageRange']],
    ]);
  });

  it('ranks the adapted home with disability and Makaton skills above the nearer, cheaper adapted home', () => {
    // B is 3 miles nearer and £70 a week cheaper: about 1.2 points of distance and 2 of cost at
    // the default weights. A meets her disability and Makaton needs (needs 100 against 33.3,
    // worth 13.3 points) and is the RCC's own (+3), so A leads.
    expect(result.ranked.map((r) => r.vacancyId)).toEqual(['A-adapted-specialist', 'B-adapted-only']);
    const [a, b] = result.ranked;
    expect(b!.scores.distance).toBeGreaterThan(a!.scores.distance);
    expect(b!.scores.cost).toBeGreaterThan(a!.scores.cost);
    expect(a!.scores.needs - b!.scores.needs).toBeGreaterThan(60);
    expect(a!.inHouseBonus).toBe(3);
  });
});
