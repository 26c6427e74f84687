/**
 * fast-check generators for children and homes. Each field keeps the fixtures' passing value most
 * of the time and varies otherwise, so a good share of random pairs pass every hard rule (fully
 * random ones almost never do, which would leave properties about ranked homes untested) while
 * every rule is still broken often.
 */
import fc from 'fast-check';
import type { RiskToChild, RiskToOthers } from '../../../shared/domain/placements-standard';
import type { ChildForMatching, Housemate, Place, VacancyForMatching } from '../../../shared/scoring/types';
import { child, placeAt, vacancy } from './fixtures';

const sex = fc.constantFrom<'F' | 'M'>('F', 'M');

/** The base value four times in five, otherwise anything from `other`. */
function usually<T>(base: T, other: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: fc.constant(base), weight: 4 }, { arbitrary: other, weight: 1 });
}

export const place: fc.Arbitrary<Place> = fc
  .record({ east: fc.integer({ min: -50, max: 50 }), north: fc.integer({ min: -50, max: 50 }), grid: usually(true, fc.boolean()) })
  .map(({ east, north, grid }) => {
    const p = placeAt(east, north);
    return grid ? p : { lat: p.lat, lon: p.lon, grid: undefined };
  });

const housemate: fc.Arbitrary<Housemate> = fc.record({ age: fc.integer({ min: 0, max: 17 }), sex });
/** The carers' own children and young adults at home (to 24): no approval place, but housemates all the same. */
const householdMember: fc.Arbitrary<Housemate> = fc.record({ age: fc.integer({ min: 0, max: 24 }), sex });
const suitability = fc.constantFrom('Preferred', 'Suitable but not preferred', 'Unsuitable', 'Not specified' as const);
const riskToChild = fc.subarray<RiskToChild>(['riskSelfHarm', 'riskCriminalExploitation', 'riskMissing']);
const riskToOthers = fc.subarray<RiskToOthers>(['riskToOthersPhysical', 'riskToOthersSexual', 'riskToOthersAnimals', 'riskToOthersFire']);
const day = fc.integer({ min: 1, max: 20 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`);

export const childArb: fc.Arbitrary<ChildForMatching> = fc
  .record({
    age: fc.integer({ min: 0, max: 17 }),
    sex,
    home: usually(placeAt(0), place),
    school: usually<Place | undefined>(placeAt(0.5), fc.option(place, { nil: undefined })),
    siblings: usually([], fc.array(fc.record({ age: fc.integer({ min: 0, max: 17 }), sex }), { maxLength: 2 })),
    foster: usually('Preferred' as const, suitability),
    residential: usually('Suitable but not preferred' as const, suitability),
    supported: usually('Suitable but not preferred' as const, suitability),
    livingCompanions: usually(
      'No preference' as const,
      fc.constantFrom(
        'No preference',
        'Solo placement recommended',
        'Only with other older children',
        'Only with other younger children',
        'With other children recommended',
      ),
    ),
    sameSex: usually(false, fc.boolean()),
    pets: usually('Yes - can' as const, fc.constantFrom('Yes - must', 'Yes - can', 'No', 'Not Known')),
    risksToChild: usually<RiskToChild[]>([], riskToChild),
    risksToOthers: usually<RiskToOthers[]>([], riskToOthers),
    wheelchair: usually(false, fc.boolean()),
    disability: fc.boolean(),
    categories: usually<('EBD' | 'PD')[]>([], fc.subarray(['EBD', 'PD'] as const)),
    secureOrder: fc.integer({ min: 0, max: 19 }).map((x) => x === 0),
    neededByDate: usually('2026-03-20', day),
    avoidCouncil: usually(false, fc.boolean()),
    avoidPlace: usually<Place | undefined>(undefined, place),
    budget: usually<number | undefined>(undefined, fc.integer({ min: 30_000, max: 600_000 })),
    stayNearFamily: fc.boolean(),
  })
  .map((f) =>
    child({
      age: f.age,
      sex: f.sex,
      home: f.home,
      school: f.school,
      siblings: f.siblings.map((s, i) => ({ id: `S${i}`, age: s.age, sex: s.sex })),
      suitability: { foster: f.foster, residential: f.residential, supported: f.supported },
      livingCompanions: f.livingCompanions,
      onlyWithSameSex: f.sameSex,
      pets: f.pets,
      risksToChild: f.risksToChild,
      risksToOthers: f.risksToOthers,
      needs: { wheelchairAdaptation: f.wheelchair, disability: f.disability, ofstedCategories: f.categories },
      legal: { secureOrder: f.secureOrder },
      neededByDate: f.neededByDate,
      avoidCouncilIds: f.avoidCouncil ? ['E08000001'] : [],
      avoidPlaces: f.avoidPlace ? [{ label: 'a place', centre: f.avoidPlace, radiusMiles: 5 }] : [],
      budgetCeilingWeeklyPence: f.budget,
      wishes: {
        text: 'Somewhere kind.',
        recorded: f.stayNearFamily ? [{ kind: 'people' as const, text: 'Near my family', place: undefined, placeName: undefined }] : [],
      },
    }),
  );

export const vacancyArb: fc.Arbitrary<VacancyForMatching> = fc
  .record({
    kind: usually('foster' as const, fc.constantFrom('foster', 'residential', 'supported' as const)),
    ownership: fc.constantFrom('in_house', 'ifa', 'private' as const),
    feeTier: fc.constantFrom('mainstream', 'enhanced' as const),
    location: place,
    councilId: usually('E08000003', fc.constantFrom('E08000001', 'E08000003')),
    bedsFree: usually(3, fc.integer({ min: 0, max: 3 })),
    availableFrom: usually('2026-03-01', day),
    minAge: usually(0, fc.integer({ min: 0, max: 12 })),
    span: usually(17, fc.integer({ min: 2, max: 17 })),
    approvalSex: usually<'F' | 'M' | undefined>(undefined, sex),
    extraRoom: fc.integer({ min: 0, max: 2 }),
    siblingsAccepted: usually(true, fc.boolean()),
    categories: usually<('EBD' | 'PD' | 'MHD')[]>(['EBD', 'PD'], fc.subarray(['EBD', 'PD', 'MHD'] as const)),
    grade: fc.constantFrom('outstanding', 'good', 'requires_improvement', 'inadequate' as const),
    otherChildren: usually<Housemate[]>([], fc.array(housemate, { maxLength: 3 })),
    household: usually<Housemate[]>([], fc.array(householdMember, { minLength: 1, maxLength: 3 })),
    placesHeld: usually(0, fc.integer({ min: 1, max: 2 })),
    pets: usually(false, fc.boolean()),
    wheelchair: usually(true, fc.boolean()),
    skillsTier: fc.constantFrom(1, 2, 3 as const),
    years: fc.integer({ min: 0, max: 12 }),
    planned: fc.integer({ min: 0, max: 8 }),
    unplanned: fc.integer({ min: 0, max: 4 }),
    mockingbird: fc.boolean(),
    price: fc.integer({ min: 300, max: 13_000 }).map((p) => p * 100),
    cannotFire: usually(false, fc.boolean()),
    secure: fc.integer({ min: 0, max: 19 }).map((x) => x === 0),
  })
  .map((f) =>
    vacancy({
      kind: f.kind,
      ownership: f.ownership,
      feeTier: f.feeTier,
      location: f.location,
      councilId: f.councilId,
      bedsFree: f.bedsFree,
      availableFrom: f.availableFrom,
      // Room for the free beds (and sometimes more) once children placed and beds held are counted;
      // the household's own children take no place.
      approval: {
        minAge: f.minAge,
        maxAge: Math.min(17, f.minAge + f.span),
        sex: f.approvalSex,
        maxChildren: Math.max(1, f.otherChildren.length + f.placesHeld + f.bedsFree + f.extraRoom),
        siblingsAccepted: f.siblingsAccepted,
      },
      registrationCategories: f.categories,
      ofstedGrade: f.kind === 'foster' ? undefined : f.grade,
      otherChildren: f.otherChildren,
      household: f.kind === 'foster' ? f.household : [],
      placesHeld: f.placesHeld,
      petsInHome: f.pets,
      wheelchairAdapted: f.wheelchair,
      carer: { yearsApproved: f.years, skillsTier: f.skillsTier },
      pastEndings: { planned: f.planned, unplanned: f.unplanned },
      mockingbird: f.mockingbird,
      weeklyPrice: { core: f.price },
      cannotManage: f.cannotFire ? ['riskToOthersFire'] : undefined,
      secure: f.kind === 'residential' && f.secure,
    }),
  );

/**
 * Vacancies with distinct ids, as a region's list would have; about one in four is a second
 * vacancy of the home before it (same home, approval and people; its own beds, date and price).
 */
export const vacanciesArb = (maxLength: number): fc.Arbitrary<VacancyForMatching[]> =>
  fc.array(fc.tuple(vacancyArb, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength }).map((list) => {
    const out: VacancyForMatching[] = [];
    list.forEach(([v, second], i) => {
      const vacancyId = `V${String(i).padStart(3, '0')}`;
      const previous = out[i - 1];
      out.push(
        previous && second === 0
          ? { ...previous, vacancyId, bedsFree: v.bedsFree, availableFrom: v.availableFrom, weeklyPrice: v.weeklyPrice }
          : { ...v, vacancyId, homeId: `H${String(i).padStart(3, '0')}` },
      );
    });
    return out;
  });
