import { describe, expect, it } from 'vitest';
import { whyNot } from '../../../shared/scoring/explain';
import { DEFAULT_POLICY } from '../../../shared/scoring/policy';
import type { ChildForMatching, HardRuleId, VacancyForMatching } from '../../../shared/scoring/types';
import { child, placeAt, vacancy } from './fixtures';

function reasons(c: ChildForMatching, v: VacancyForMatching, policy = DEFAULT_POLICY) {
  const answer = whyNot(c, v, policy);
  return answer.reasons;
}

/** The one reason a home is excluded for, checked by rule and by its exact words. */
function expectOnly(c: ChildForMatching, v: VacancyForMatching, rule: HardRuleId, text: string, policy = DEFAULT_POLICY) {
  expect(reasons(c, v, policy)).toEqual([{ rule, reason: text }]);
}

describe('hard rules: the base child and home pass', () => {
  it('has no reason to exclude', () => {
    const answer = whyNot(child(), vacancy(), DEFAULT_POLICY);
    expect(answer.excluded).toBe(false);
    expect(answer.reasons).toEqual([]);
  });
});

describe('each hard rule excludes with its own plain-English reason', () => {
  it('type suitability: Unsuitable excludes', () => {
    expectOnly(
      child({ suitability: { residential: 'Unsuitable' } }),
      vacancy({ kind: 'residential', ofstedGrade: 'good' }),
      'typeUnsuitable',
      'The referral marks residential care as unsuitable for this child.',
    );
  });

  it('approval age range, for one child and for a sibling group', () => {
    expectOnly(child({ age: 15 }), vacancy({ approval: { minAge: 0, maxAge: 11 } }), 'ageRange', 'Approved for ages 0-11; this child is 15.');
    expectOnly(
      child({ age: 9, siblings: [{ id: 'C2', age: 15, sex: 'M' }] }),
      vacancy({ bedsFree: 2, approval: { minAge: 0, maxAge: 11 } }),
      'ageRange',
      'Approved for ages 0-11; the sibling group is aged 9-15.',
    );
    expectOnly(
      child({ age: 12 }),
      vacancy({ kind: 'residential', ofstedGrade: 'good', approval: { minAge: 13, maxAge: 17 } }),
      'ageRange',
      'Registered for ages 13-17; this child is 12.',
    );
  });

  it('approval sex', () => {
    expectOnly(child({ sex: 'M' }), vacancy({ approval: { sex: 'F' } }), 'approvalSex', 'Approved for girls only; this child is a boy.');
  });

  it('free beds for the whole sibling group, and the approved number of children, as two checks with their own reasons', () => {
    const siblings = child({ siblings: [{ id: 'C2', age: 8, sex: 'M' }] });
    expectOnly(siblings, vacancy({ bedsFree: 1 }), 'bedsForGroup', 'Has 1 free bed; the 2 siblings need 2 in one home.');
    expectOnly(
      siblings,
      vacancy({
        bedsFree: 2,
        approval: { maxChildren: 3 },
        otherChildren: [
          { age: 4, sex: 'F' },
          { age: 6, sex: 'M' },
        ],
      }),
      'approvalPlaces',
      'Approved for 3 fostered children, with 2 already placed here; the 2 siblings need 2 in one home.',
    );
    expectOnly(
      child(),
      vacancy({ bedsFree: 1, approval: { maxChildren: 1 }, otherChildren: [{ age: 4, sex: 'F' }] }),
      'approvalPlaces',
      'Approved for 1 fostered child, with 1 already placed here; the child needs 1.',
    );
    expectOnly(
      child({ age: 14 }),
      vacancy({
        kind: 'residential',
        ofstedGrade: 'good',
        approval: { maxChildren: 4 },
        otherChildren: [
          { age: 15, sex: 'F' },
          { age: 16, sex: 'F' },
          { age: 13, sex: 'M' },
          { age: 15, sex: 'M' },
        ],
      }),
      'approvalPlaces',
      'Registered for 4 children, with 4 already living here; the child needs 1.',
    );
    // Both at once: each check says its own thing.
    expect(reasons(siblings, vacancy({ bedsFree: 1, approval: { maxChildren: 1 } })).map((r) => r.rule)).toEqual(['bedsForGroup', 'approvalPlaces']);
  });

  it('the carers’ own children, adults to 24 included, use no approval place (Children Act 1989 Sch. 7; FSR 2011 reg 27)', () => {
    const own = [
      { age: 22, sex: 'M' as const },
      { age: 15, sex: 'F' as const },
    ];
    // Approved for one fostered child, no child in care there: two of the carers' own do not fill it.
    expect(reasons(child(), vacancy({ bedsFree: 1, approval: { maxChildren: 1 }, household: own }))).toEqual([]);
    // They still count for who the child may live with.
    expectOnly(
      child({ livingCompanions: 'Solo placement recommended' }),
      vacancy({ household: own }),
      'caredForAlongside',
      'The referral recommends a solo placement; 2 other children live here.',
    );
    expectOnly(
      child({ age: 10, livingCompanions: 'Only with other younger children' }),
      vacancy({ household: [{ age: 19, sex: 'F' }] }),
      'caredForAlongside',
      'The child should live only with younger children; a 19-year-old lives here.',
    );
  });

  it('beds held at the home’s other vacancies use approval places, as children on their way', () => {
    expectOnly(
      child(),
      vacancy({ bedsFree: 1, approval: { maxChildren: 1 }, placesHeld: 1 }),
      'approvalPlaces',
      'Approved for 1 fostered child, with 1 bed held for a child on the way; the child needs 1.',
    );
    expectOnly(
      child(),
      vacancy({ bedsFree: 1, approval: { maxChildren: 3 }, otherChildren: [{ age: 4, sex: 'F' }], placesHeld: 2 }),
      'approvalPlaces',
      'Approved for 3 fostered children, with 1 placed here and 2 beds held for children on the way; the child needs 1.',
    );
    expect(reasons(child(), vacancy({ bedsFree: 1, approval: { maxChildren: 2 }, placesHeld: 1 }))).toEqual([]);
  });

  it('sibling groups only where the approval allows them', () => {
    expectOnly(
      child({ siblings: [{ id: 'C2', age: 8, sex: 'M' }] }),
      vacancy({ bedsFree: 2, approval: { siblingsAccepted: false } }),
      'siblingsNotAccepted',
      'Not approved for sibling groups; this referral is for 2 siblings to live together.',
    );
  });

  it('cared for alongside: solo, only older, only younger', () => {
    expectOnly(
      child({ livingCompanions: 'Solo placement recommended' }),
      vacancy({ otherChildren: [{ age: 12, sex: 'F' }] }),
      'caredForAlongside',
      'The referral recommends a solo placement; another child lives here.',
    );
    expectOnly(
      child({ age: 10, livingCompanions: 'Only with other older children' }),
      vacancy({
        otherChildren: [
          { age: 14, sex: 'F' },
          { age: 8, sex: 'M' },
        ],
      }),
      'caredForAlongside',
      'The child should live only with older children; an 8-year-old lives here.',
    );
    expectOnly(
      child({ age: 10, livingCompanions: 'Only with other younger children' }),
      vacancy({ otherChildren: [{ age: 12, sex: 'F' }] }),
      'caredForAlongside',
      'The child should live only with younger children; a 12-year-old lives here.',
    );
  });

  it('sex of the other children, where the care plan asks for a single-sex household', () => {
    expectOnly(
      child({ age: 14, sex: 'F', onlyWithSameSex: true }),
      vacancy({
        otherChildren: [
          { age: 15, sex: 'F' },
          { age: 12, sex: 'M' },
        ],
      }),
      'housemateSex',
      'The care plan says the child should live only with other girls; a 12-year-old boy lives here.',
    );
    expect(reasons(child({ age: 14, sex: 'F', onlyWithSameSex: true }), vacancy({ otherChildren: [{ age: 15, sex: 'F' }] }))).toEqual([]);
  });

  it('Ofsted registration category against the child’s needs (children’s homes)', () => {
    expectOnly(
      child({ age: 14, needs: { ofstedCategories: ['EBD', 'PD'] } }),
      vacancy({ kind: 'residential', ofstedGrade: 'good', registrationCategories: ['EBD'] }),
      'ofstedCategory',
      'Not registered with Ofsted for physical disability (PD), which this child needs.',
    );
  });

  it('risks to others against who lives there', () => {
    expectOnly(
      child({ age: 14, risksToOthers: ['riskToOthersSexual'] }),
      vacancy({ otherChildren: [{ age: 9, sex: 'F' }] }),
      'riskToOthers',
      'The child presents a risk of sexual harm; a 9-year-old, younger than the child, lives here.',
    );
    expectOnly(
      child({ age: 14, risksToOthers: ['riskToOthersPhysical'] }),
      vacancy({ otherChildren: [{ age: 10, sex: 'M' }] }),
      'riskToOthers',
      'The child presents a risk of physical harm; a 10-year-old, 3 or more years younger, lives here.',
    );
    expectOnly(
      child({ risksToOthers: ['riskToOthersAnimals'] }),
      vacancy({ petsInHome: true }),
      'riskToOthers',
      'The child presents a risk of harm to animals; this home has pets.',
    );
    // Older children in the home are not at risk from a younger child's sexual-harm risk here.
    expect(reasons(child({ age: 14, risksToOthers: ['riskToOthersSexual'] }), vacancy({ otherChildren: [{ age: 16, sex: 'F' }] }))).toEqual([]);
  });

  it('the home’s statement of purpose', () => {
    expectOnly(
      child({ age: 14, risksToOthers: ['riskToOthersFire'] }),
      vacancy({ cannotManage: ['riskToOthersFire'] }),
      'statementOfPurpose',
      'The home’s statement of purpose says it cannot manage fire-setting, which the referral records.',
    );
  });

  it('pets, both ways', () => {
    expectOnly(child({ pets: 'No' }), vacancy({ petsInHome: true }), 'pets', 'The referral says the child cannot live with pets; this home has pets.');
    expectOnly(child({ pets: 'Yes - must' }), vacancy({ petsInHome: false }), 'pets', 'The referral says the child must live with a pet; this home has none.');
  });

  it('wheelchair adaptation and parent-and-child', () => {
    expectOnly(
      child({ needs: { wheelchairAdaptation: true } }),
      vacancy(),
      'wheelchair',
      'The child needs a wheelchair-adapted home; this home is not adapted.',
    );
    expectOnly(
      child({ age: 17, needs: { parentAndChild: true } }),
      vacancy(),
      'parentAndChild',
      'The referral is for a parent-and-child placement; this home does not offer one.',
    );
  });

  it('secure homes only under a secure accommodation order, and such an order only in a secure home', () => {
    const secureHome = vacancy({ kind: 'residential', ofstedGrade: 'good', secure: true });
    expectOnly(
      child({ age: 14 }),
      secureHome,
      'secure',
      'A secure children’s home can only be used under a secure accommodation order (Children Act 1989 s25), which this child does not have.',
    );
    expectOnly(
      child({ age: 14, legal: { secureOrder: true } }),
      vacancy(),
      'secure',
      'The child is subject to a secure accommodation order (Children Act 1989 s25): only a secure children’s home can take them, and secure welfare beds are allocated nationally by the Secure Welfare Coordination Unit, not from the region’s vacancies.',
    );
  });

  it('a Deprivation of Liberty order is not a secure order: a DoL-capable home, never a secure one', () => {
    const dolChild = child({ age: 14, legal: { secureOrder: false, deprivationOfLiberty: true } });
    expectOnly(
      dolChild,
      vacancy({ kind: 'residential', ofstedGrade: 'good', secure: true, dolCapable: true }),
      'secure',
      'A secure children’s home can only be used under a secure accommodation order (Children Act 1989 s25), which this child does not have: a Deprivation of Liberty order does not authorise secure accommodation.',
    );
    expectOnly(
      dolChild,
      vacancy({ kind: 'residential', ofstedGrade: 'good' }),
      'deprivationOfLiberty',
      'The child is subject to a Deprivation of Liberty order; this home has not recorded that it is willing and able to meet the order’s conditions.',
    );
    const capable = whyNot(dolChild, vacancy({ kind: 'residential', ofstedGrade: 'good', dolCapable: true }), DEFAULT_POLICY);
    expect(capable.excluded).toBe(false);
    if (!capable.excluded) {
      const summary = capable.match.explanation!.summary.join(' ');
      expect(summary).toContain('willing and able to meet a Deprivation of Liberty order’s conditions');
      expect(summary).not.toMatch(/secure/i);
    }
  });

  it('a secure-order match says secure beds are allocated nationally', () => {
    const answer = whyNot(
      child({ age: 14, legal: { secureOrder: true } }),
      vacancy({ kind: 'residential', ofstedGrade: 'good', secure: true }),
      DEFAULT_POLICY,
    );
    expect(answer.excluded).toBe(false);
    if (!answer.excluded)
      expect(answer.match.explanation!.summary).toContain(
        'Secure welfare beds are allocated nationally by the Secure Welfare Coordination Unit, not from the region’s vacancies: ask the Unit for this bed.',
      );
  });

  it('a home whose Ofsted registration is suspended, cancelled or resigned takes no child, with the date', () => {
    const home = (registrationStatus: 'suspended' | 'cancelled' | 'resigned' | 'closed') =>
      vacancy({ kind: 'residential', ofstedGrade: 'good', registrationStatus, registrationSince: '2026-12-01' });
    const teen = child({ age: 14 });
    expectOnly(teen, home('suspended'), 'registration', 'Ofsted registration suspended on 1 Dec 2026; the home cannot take a child.');
    expectOnly(teen, home('cancelled'), 'registration', 'Ofsted registration cancelled on 1 Dec 2026; the home cannot take a child.');
    expectOnly(teen, home('resigned'), 'registration', 'Ofsted registration resigned on 1 Dec 2026; the home cannot take a child.');
    expectOnly(teen, home('closed'), 'registration', 'Closed: no longer registered with Ofsted on 1 Dec 2026; the home cannot take a child.');
  });

  it('unregistered provision never for a child under 16, nor for a group with one', () => {
    const unregistered = vacancy({ kind: 'supported', ofstedGrade: 'good', bedsFree: 2, registrationStatus: 'unregistered', approval: { minAge: 0 } });
    const supported = { suitability: { supported: 'Suitable but not preferred' as const } };
    expectOnly(
      child({ age: 15, ...supported }),
      unregistered,
      'unregisteredUnder16',
      'Unregistered provision: placing a child under 16 here would be unlawful; this child is 15.',
    );
    expect(reasons(child({ age: 16, ...supported }), unregistered)).toEqual([]);
    expectOnly(
      child({ age: 17, siblings: [{ id: 'C2', age: 15, sex: 'M' }], ...supported }),
      unregistered,
      'unregisteredUnder16',
      'Unregistered provision: placing a child under 16 here would be unlawful; the sibling group is aged 15-17.',
    );
  });

  it('available by the needed-by date', () => {
    expectOnly(
      child({ neededBy: 'Today', neededByDate: '2026-03-02' }),
      vacancy({ availableFrom: '2026-03-09' }),
      'availability',
      'Free from 9 Mar 2026; the child needs a home by 2 Mar 2026 (today).',
    );
  });

  it('areas the plan says to avoid: a council, or a place and radius', () => {
    expectOnly(
      child({ avoidCouncilIds: ['E08000003'] }),
      vacancy(),
      'areaToAvoid',
      'In council area E08000003, which the care plan says the child should be kept away from.',
    );
    expectOnly(
      child({ avoidPlaces: [{ label: 'the park where the child was exploited', centre: placeAt(2.5), radiusMiles: 1 }] }),
      vacancy(),
      'areaToAvoid',
      '0.5 miles from the park where the child was exploited the care plan says the child should be kept away from (within 1.0 miles).',
    );
  });

  it('Ofsted Inadequate, when the policy excludes it', () => {
    const inadequate = vacancy({ kind: 'residential', ofstedGrade: 'inadequate' });
    expectOnly(child({ age: 14 }), inadequate, 'ofstedInadequate', 'Rated Inadequate by Ofsted; the RCC policy does not place children in Inadequate homes.');
    expect(reasons(child({ age: 14 }), inadequate, { ...DEFAULT_POLICY, excludeInadequate: false })).toEqual([]);
  });

  it('the policy’s distance and price caps, and the child’s budget', () => {
    expectOnly(child(), vacancy({ location: placeAt(80) }), 'distanceCap', '80.0 miles from the child’s home; the RCC policy’s limit is 75.0 miles.');
    expectOnly(child(), vacancy({ weeklyPrice: { core: 1_250_000 } }), 'priceCap', '£12,500 a week; the RCC policy’s limit is £12,000 a week.');
    expectOnly(child({ budgetCeilingWeeklyPence: 40_000 }), vacancy(), 'budgetCeiling', '£450 a week; the budget agreed for this referral is £400 a week.');
  });

  it('lists every rule a home breaks, not just the first', () => {
    const r = reasons(child({ age: 15, sex: 'M' }), vacancy({ approval: { minAge: 0, maxAge: 11, sex: 'F' }, availableFrom: '2026-04-01' }));
    expect(r.map((x) => x.rule)).toEqual(['ageRange', 'approvalSex', 'availability']);
  });
});
