/**
 * A deterministic synthetic region for engine tests and benchmarks: Greater Manchester's ten
 * councils (real ONS codes and town centres), with children and homes invented from a seed. No real
 * child's data is ever used. The mix of kinds, prices, approvals and risks is shaped by the domain
 * primer so that hard rules exclude and scores separate homes roughly as they would in a region.
 */
import { addDays } from '../../shared/domain/calendar';
import type { ApprovalSex, HomeKind, OfstedGrade, Sex } from '../../shared/domain/homes';
import type { OfstedCategory } from '../../shared/domain/ofsted';
import type { WishKind } from '../../shared/domain/wishes';
import type { LivingCompanions, NeededBy, PetsAnswer, RiskToChild, RiskToOthers, Suitability } from '../../shared/domain/placements-standard';
import type { ChildForMatching, FeeTier, Housemate, Ownership, Place, SiblingToPlace, Specialism, VacancyForMatching } from '../../shared/scoring/types';
import { SeededRandom } from '../../db/seed/random';

export const SYNTHETIC_COUNCILS = [
  { id: 'E08000001', name: 'Bolton', lat: 53.5769, lon: -2.4282 },
  { id: 'E08000002', name: 'Bury', lat: 53.5933, lon: -2.2966 },
  { id: 'E08000003', name: 'Manchester', lat: 53.4808, lon: -2.2426 },
  { id: 'E08000004', name: 'Oldham', lat: 53.5409, lon: -2.1114 },
  { id: 'E08000005', name: 'Rochdale', lat: 53.6097, lon: -2.1561 },
  { id: 'E08000006', name: 'Salford', lat: 53.4875, lon: -2.2901 },
  { id: 'E08000007', name: 'Stockport', lat: 53.4106, lon: -2.1575 },
  { id: 'E08000008', name: 'Tameside', lat: 53.4806, lon: -2.0809 },
  { id: 'E08000009', name: 'Trafford', lat: 53.4215, lon: -2.3517 },
  { id: 'E08000010', name: 'Wigan', lat: 53.545, lon: -2.6325 },
] as const;

/** Homes outside the region that children are placed in (the primer's "placed at distance"). */
const OUT_OF_AREA = [
  { id: 'E06000008', lat: 53.7486, lon: -2.4875 }, // Blackburn
  { id: 'E10000017', lat: 54.0466, lon: -2.8007 }, // Lancaster
  { id: 'E06000050', lat: 53.1934, lon: -2.8931 }, // Chester
  { id: 'E08000019', lat: 53.3811, lon: -1.4701 }, // Sheffield
  { id: 'W06000005', lat: 53.2274, lon: -3.5346 }, // Denbighshire
  { id: 'E10000006', lat: 54.6641, lon: -2.7527 }, // Cumbria
] as const;

// A local approximation of the OS National Grid (true origin 49°N 2°W), accurate to a few hundred
// metres around Manchester: enough for synthetic data whose grid and lat/lon must agree.
const M_PER_DEG_LAT = 111_133;
function toGrid(lat: number, lon: number): { easting: number; northing: number } {
  return {
    easting: Math.round(400_000 + (lon + 2) * 111_320 * Math.cos((lat * Math.PI) / 180)),
    northing: Math.round(-100_000 + (lat - 49) * M_PER_DEG_LAT),
  };
}

/** A place from an OS grid reference, with lat/lon from the same local approximation (tests, demos). */
export function placeFromGrid(easting: number, northing: number): Place {
  const lat = 49 + (northing + 100_000) / M_PER_DEG_LAT;
  const lon = -2 + (easting - 400_000) / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5, grid: { easting, northing } };
}

function near(rng: SeededRandom, lat: number, lon: number, km: number, withGrid = true): Place {
  const angle = rng.next() * 2 * Math.PI;
  const r = km * Math.sqrt(rng.next());
  const pLat = lat + (r * Math.sin(angle)) / 111;
  const pLon = lon + (r * Math.cos(angle)) / (111 * Math.cos((lat * Math.PI) / 180));
  const lat2 = Math.round(pLat * 1e5) / 1e5;
  const lon2 = Math.round(pLon * 1e5) / 1e5;
  // Every object literal has all its keys in one order: spreads and optional keys would give each
  // object its own hidden class and make property reads in the engine's loops many times slower.
  return { lat: lat2, lon: lon2, grid: withGrid ? toGrid(lat2, lon2) : undefined };
}

const LANGUAGES = ['Arabic', 'Urdu', 'Polish', 'Tigrinya', 'Kurdish', 'Pashto', 'Romanian'] as const;
const RELIGIONS = ['Christian', 'Muslim', 'Jewish', 'Sikh', 'Hindu'] as const;
const CULTURES = ['Eritrean', 'Afghan', 'Pakistani', 'Polish', 'Kurdish', 'Caribbean'] as const;

const PRICE_BANDS: Record<HomeKind, Record<FeeTier, readonly [number, number]>> = {
  foster: { mainstream: [38_000, 55_000], enhanced: [68_000, 95_000], specialist: [95_000, 130_000], complex: [130_000, 180_000] },
  residential: { mainstream: [300_000, 450_000], enhanced: [420_000, 600_000], specialist: [580_000, 800_000], complex: [780_000, 1_250_000] },
  supported: { mainstream: [70_000, 110_000], enhanced: [110_000, 180_000], specialist: [180_000, 260_000], complex: [250_000, 350_000] },
};

export interface SyntheticOptions {
  seed: number;
  /** The day the referrals are made; needed-by and available-from dates are counted from it. */
  today?: string;
  /** Every child alone and free of rules about who they live with, so planning is a pure assignment. */
  singlesOnly?: boolean;
  /**
   * Share of vacancy rows that are a second vacancy of the home before them (same home, approval
   * and people; own beds, date and price), as a provider's feed or an officer can add. Default 0.
   */
  secondVacancyShare?: number;
}

const TODAY = '2026-03-02';

export function syntheticVacancies(count: number, options: SyntheticOptions): VacancyForMatching[] {
  const rng = new SeededRandom(options.seed ^ 0x5eed_0001);
  // Draws added since the datasets were first fixed come from their own stream, so the main one
  // (and every dataset a test or benchmark names by seed) stays as it was.
  const later = new SeededRandom(options.seed ^ 0x5eed_0003);
  const secondShare = options.secondVacancyShare ?? 0;
  const today = options.today ?? TODAY;
  const out: VacancyForMatching[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted<HomeKind>([
      ['foster', 65],
      ['residential', 25],
      ['supported', 10],
    ]);
    const ownership: Ownership =
      kind === 'foster'
        ? rng.weighted<Ownership>([
            ['in_house', 45],
            ['ifa', 55],
          ])
        : kind === 'residential'
          ? rng.weighted<Ownership>([
              ['private', 75],
              ['voluntary', 10],
              ['council', 10],
              ['in_house', 5],
            ])
          : rng.weighted<Ownership>([
              ['voluntary', 40],
              ['private', 50],
              ['in_house', 10],
            ]);
    const feeTier = rng.weighted<FeeTier>([
      ['mainstream', 45],
      ['enhanced', 30],
      ['specialist', 17],
      ['complex', 8],
    ]);
    const outOfArea = rng.chance(kind === 'residential' ? 0.35 : 0.12);
    const centre = outOfArea ? rng.pick(OUT_OF_AREA) : rng.pick(SYNTHETIC_COUNCILS);
    const location = near(rng, centre.lat, centre.lon, outOfArea ? 15 : 9, rng.chance(0.97));
    const [lo, hi] = PRICE_BANDS[kind][feeTier];
    const total = rng.int(lo / 100, hi / 100) * 100;
    const support = Math.round(total * (0.05 + rng.next() * 0.15));
    const educationOnSite = kind === 'residential' && rng.chance(0.3);
    const education = educationOnSite ? Math.round(total * 0.12) : 0;
    const other = Math.round(total * rng.next() * 0.04);
    const core = total - support - education - other;

    let minAge: number;
    let maxAge: number;
    if (kind === 'foster') {
      minAge = rng.int(0, 10);
      maxAge = Math.min(17, minAge + rng.int(4, 17));
    } else if (kind === 'residential') {
      minAge = rng.pick([8, 10, 11, 12, 13]);
      maxAge = 17;
    } else {
      minAge = 16;
      maxAge = 17;
    }
    const bedsFree =
      kind === 'foster'
        ? rng.weighted([
            [1, 60],
            [2, 30],
            [3, 10],
          ] as const)
        : kind === 'residential'
          ? rng.int(1, 2)
          : rng.int(1, 3);
    const othersCount =
      kind === 'foster'
        ? rng.weighted([
            [0, 45],
            [1, 35],
            [2, 20],
          ] as const)
        : kind === 'residential'
          ? rng.int(1, 4)
          : rng.int(0, 3);
    const otherChildren: Housemate[] = [];
    const household: Housemate[] = [];
    for (let c = 0; c < othersCount; c++) {
      const person = { age: rng.int(minAge, maxAge), sex: rng.pick<Sex>(['F', 'M']) };
      // In a foster home some are the carers' own children: they use no approval place, so the
      // approval below is smaller by as many and the home can take exactly the children it could.
      if (kind === 'foster' && later.chance(0.4)) household.push(person);
      else otherChildren.push(person);
    }
    const maxChildren = otherChildren.length + bedsFree + (rng.chance(0.2) ? 1 : 0);
    const categories: OfstedCategory[] = [];
    if (kind === 'residential') {
      if (rng.chance(0.9)) categories.push('EBD');
      if (rng.chance(0.4)) categories.push('MHD');
      if (rng.chance(0.25)) categories.push('LD');
      if (rng.chance(0.1)) categories.push('PD');
      if (rng.chance(0.1)) categories.push('SI');
      if (rng.chance(0.15)) categories.push('DRUG', 'ALC');
    }
    const ofstedGrade: OfstedGrade | undefined =
      kind === 'foster'
        ? undefined
        : rng.weighted<OfstedGrade>([
            ['outstanding', 15],
            ['good', 58],
            ['requires_improvement', 20],
            ['inadequate', 5],
            ['not_yet_inspected', 2],
          ]);
    const specialisms: Specialism[] = [];
    if (kind !== 'foster' || maxAge >= 13) if (rng.chance(kind === 'foster' ? 0.4 : 0.8)) specialisms.push('teenagers');
    if (rng.chance(0.1)) specialisms.push('disability');
    if (kind !== 'residential' && rng.chance(0.03)) specialisms.push('parent_and_child');
    if (maxAge >= 15 && rng.chance(0.12)) specialisms.push('uasc');
    if (rng.chance(kind === 'residential' ? 0.4 : 0.12)) specialisms.push('therapeutic');
    if (kind === 'foster' && rng.chance(0.1)) specialisms.push('short_breaks');
    const languages = ['English'];
    if (rng.chance(0.12)) languages.push(rng.pick(LANGUAGES));
    if (rng.chance(0.02)) languages.push('BSL');
    if (rng.chance(0.04)) languages.push('Makaton');
    const religion = rng.chance(0.5)
      ? rng.weighted<string>([
          ['Christian', 30],
          ['Muslim', 15],
          ['Jewish', 2],
          ['Sikh', 2],
          ['Hindu', 1],
        ])
      : undefined;
    const cannotManage: (RiskToChild | RiskToOthers)[] = [];
    if (rng.chance(kind === 'foster' ? 0.3 : 0.15)) cannotManage.push('riskToOthersFire');
    if (rng.chance(0.1)) cannotManage.push('riskMissing');

    const row: VacancyForMatching = {
      vacancyId: `V${String(i + 1).padStart(5, '0')}`,
      homeId: `H${String(i + 1).padStart(5, '0')}`,
      kind,
      ownership,
      feeTier,
      location,
      councilId: centre.id,
      bedsFree,
      availableFrom: addDays(today, rng.int(-30, 21)),
      approval: {
        minAge,
        maxAge,
        sex: rng.chance(0.1) ? rng.pick<ApprovalSex>(['F', 'M']) : undefined,
        maxChildren,
        siblingsAccepted: rng.chance(kind === 'foster' ? 0.5 : kind === 'residential' ? 0.3 : 0.2),
      },
      registrationCategories: categories,
      ofstedGrade,
      otherChildren,
      household,
      placesHeld: 0,
      petsInHome: rng.chance(kind === 'foster' ? 0.4 : 0.05),
      specialisms,
      languages,
      religion,
      cultures: rng.chance(0.15) ? [rng.pick(CULTURES)] : undefined,
      wheelchairAdapted: rng.chance(kind === 'foster' ? 0.05 : 0.1),
      carer: {
        yearsApproved: rng.int(0, 20),
        skillsTier: rng.weighted<1 | 2 | 3>([
          [1, 40],
          [2, 40],
          [3, 20],
        ]),
      },
      pastEndings: { planned: rng.int(0, 12), unplanned: rng.int(0, 5) },
      mockingbird: kind === 'foster' && rng.chance(0.15),
      weeklyPrice: { core, support, education, other },
      supportedType: kind === 'supported' ? rng.pick(['solo', 'shared', 'lodgings'] as const) : undefined,
      educationOnSite,
      secure: kind === 'residential' && rng.chance(0.01),
      cannotManage: cannotManage.length > 0 ? cannotManage : undefined,
    };
    const previous = out[i - 1];
    out.push(previous && secondShare > 0 && later.chance(secondShare) ? secondVacancy(previous, row) : row);
  }
  return out;
}

/** `own`'s vacancy (id, beds, date, price) in `home`'s home: everything about the home is the earlier row's. */
function secondVacancy(home: VacancyForMatching, own: VacancyForMatching): VacancyForMatching {
  return {
    vacancyId: own.vacancyId,
    homeId: home.homeId,
    kind: home.kind,
    ownership: home.ownership,
    feeTier: home.feeTier,
    location: home.location,
    councilId: home.councilId,
    bedsFree: own.bedsFree,
    availableFrom: own.availableFrom,
    approval: home.approval,
    registrationCategories: home.registrationCategories,
    ofstedGrade: home.ofstedGrade,
    otherChildren: home.otherChildren,
    household: home.household,
    placesHeld: home.placesHeld,
    petsInHome: home.petsInHome,
    specialisms: home.specialisms,
    languages: home.languages,
    religion: home.religion,
    cultures: home.cultures,
    wheelchairAdapted: home.wheelchairAdapted,
    carer: home.carer,
    pastEndings: home.pastEndings,
    mockingbird: home.mockingbird,
    weeklyPrice: own.weeklyPrice,
    supportedType: home.supportedType,
    educationOnSite: home.educationOnSite,
    secure: home.secure,
    cannotManage: home.cannotManage,
  };
}

const WISHES_TEXT = [
  'I want to stay at my school with my friends.',
  'I want to live with my brother.',
  'Somewhere with a dog please.',
  'Near my nan so I can still see her.',
  'I don’t mind where as long as it is calm.',
  'I want to go to my mosque on Fridays.',
  '',
] as const;

/** The wishes a synthetic child's referral records, from the choices drawn for them. */
function syntheticWishes(
  text: string,
  nearFamily: boolean,
  school: boolean,
  siblings: boolean,
  pets: 'want' | 'none' | undefined,
  faith: boolean,
): ChildForMatching['wishes'] {
  const recorded: ChildForMatching['wishes']['recorded'][number][] = [];
  const wish = (kind: WishKind, words: string) => recorded.push({ kind, text: words, place: undefined, placeName: undefined });
  if (nearFamily) wish('people', 'Near my nan so I can still see her');
  if (school) wish('school', 'Stay at my school');
  if (siblings) wish('people', 'Live with my brothers and sisters');
  if (pets) wish('pets', pets === 'want' ? 'A dog' : 'No pets please');
  if (faith) wish('faith', 'Go to my place of worship');
  return { text, recorded };
}

export function syntheticReferrals(count: number, options: SyntheticOptions): ChildForMatching[] {
  const rng = new SeededRandom(options.seed ^ 0x5eed_0002);
  const today = options.today ?? TODAY;
  const singles = options.singlesOnly ?? false;
  const out: ChildForMatching[] = [];
  for (let i = 0; i < count; i++) {
    const age = rng.weighted([
      [rng.int(0, 4), 15],
      [rng.int(5, 9), 20],
      [rng.int(10, 15), 40],
      [rng.int(16, 17), 25],
    ] as const);
    const sex = rng.pick<Sex>(['F', 'M']);
    const council = rng.pick(SYNTHETIC_COUNCILS);
    const home = near(rng, council.lat, council.lon, 7, rng.chance(0.97));
    const school = age >= 4 && rng.chance(0.65) ? near(rng, home.lat, home.lon, 3, rng.chance(0.97)) : undefined;
    const siblings: SiblingToPlace[] = [];
    if (!singles && age < 16 && rng.chance(0.18)) {
      const n = rng.weighted([
        [1, 70],
        [2, 25],
        [3, 5],
      ] as const);
      for (let s = 0; s < n; s++)
        siblings.push({
          id: `C${String(i + 1).padStart(5, '0')}-${s + 1}`,
          age: Math.max(0, Math.min(17, age + rng.int(-6, 4))),
          sex: rng.pick<Sex>(['F', 'M']),
        });
    }
    const teen = age >= 12;
    const uasc = age >= 15 && rng.chance(0.12);
    const risksToChild: RiskToChild[] = [];
    if (teen) {
      for (const r of ['riskSelfHarm', 'riskSexualExploitation', 'riskCriminalExploitation', 'riskDrugAlcohol', 'riskEatingDisorder', 'riskMissing'] as const) {
        if (rng.chance(r === 'riskMissing' ? 0.25 : 0.12)) risksToChild.push(r);
      }
    }
    const risksToOthers: RiskToOthers[] = [];
    if (!singles && age >= 10) {
      for (const r of ['riskToOthersPhysical', 'riskToOthersSexual', 'riskToOthersFire', 'riskToOthersAnimals', 'riskToOthersCriminal'] as const) {
        if (rng.chance(0.05)) risksToOthers.push(r);
      }
    }
    const foster: Suitability = age < 16 ? 'Preferred' : rng.pick<Suitability>(['Preferred', 'Suitable but not preferred']);
    const residential: Suitability =
      age < 10
        ? 'Unsuitable'
        : risksToOthers.length > 0 || risksToChild.length >= 2
          ? rng.pick<Suitability>(['Preferred', 'Suitable but not preferred'])
          : rng.pick<Suitability>(['Unsuitable', 'Suitable but not preferred', 'Not specified']);
    const supported: Suitability = age >= 16 ? rng.pick<Suitability>(['Preferred', 'Suitable but not preferred']) : 'Unsuitable';
    const livingCompanions: LivingCompanions = singles
      ? 'No preference'
      : rng.weighted<LivingCompanions>([
          ['No preference', 72],
          ['Solo placement recommended', 8],
          ['Only with other older children', 5],
          ['Only with other younger children', 5],
          ['With other children recommended', 10],
        ]);
    const pets: PetsAnswer = rng.weighted<PetsAnswer>([
      ['Yes - can', 60],
      ['No', 10],
      ['Not Known', 28],
      ['Yes - must', 2],
    ]);
    const disability = rng.chance(0.08);
    const ofstedCategories: OfstedCategory[] = [];
    if (teen && (risksToOthers.length > 0 || risksToChild.length >= 2)) ofstedCategories.push('EBD');
    if (teen && risksToChild.includes('riskSelfHarm') && rng.chance(0.5)) ofstedCategories.push('MHD');
    if (disability && rng.chance(0.4)) ofstedCategories.push(rng.pick(['LD', 'PD', 'SI'] as const));
    const exploited = risksToChild.includes('riskCriminalExploitation') || risksToChild.includes('riskSexualExploitation');
    const neededBy: NeededBy = rng.weighted<NeededBy>([
      ['Today', 20],
      ['in less than 5 days', 30],
      ['in more than 5 days', 50],
    ]);
    const referralDate = addDays(today, -rng.int(0, 20));
    const religion = rng.chance(0.35) ? rng.pick(RELIGIONS) : undefined;
    const language = uasc || rng.chance(0.04) ? rng.pick(LANGUAGES) : undefined;
    out.push({
      referralId: `R${String(i + 1).padStart(5, '0')}`,
      childId: `C${String(i + 1).padStart(5, '0')}`,
      referralDate,
      neededBy,
      neededByDate: addDays(today, neededBy === 'Today' ? 0 : neededBy === 'in less than 5 days' ? 4 : 14),
      age,
      sex,
      home,
      school,
      homeCouncilId: council.id,
      siblings,
      suitability: { foster, residential, supported },
      livingCompanions,
      onlyWithSameSex: !singles && risksToChild.includes('riskSexualExploitation') && rng.chance(0.5),
      pets,
      risksToChild,
      risksToOthers,
      needs: {
        disability,
        wheelchairAdaptation: disability && rng.chance(0.3),
        communication: rng.chance(0.01) ? ['BSL'] : rng.chance(0.02) ? ['Makaton'] : language ? ['ESOL'] : [],
        languages: language ? [language] : [],
        religion,
        culturalNeeds: uasc || rng.chance(0.1) ? 'Required' : 'Not required',
        culture: uasc || rng.chance(0.1) ? rng.pick(CULTURES) : undefined,
        uasc,
        therapeutic: rng.chance(0.1),
        parentAndChild: age >= 15 && rng.chance(0.01),
        ofstedCategories,
        educationOnSite: teen && !school && rng.chance(0.3),
      },
      siblingHomeIds: undefined,
      kinshipHomeIds: undefined,
      legal: { secureOrder: !singles && rng.chance(0.004) },
      avoidCouncilIds: exploited && rng.chance(0.5) ? [council.id] : [],
      avoidPlaces: exploited && rng.chance(0.5) ? [{ label: 'the area where the child was exploited', centre: home, radiusMiles: 3 }] : [],
      history: {
        movesLast12Months: rng.weighted([
          [0, 50],
          [1, 25],
          [2, 15],
          [3, 10],
        ] as const),
        totalPlacements: rng.int(0, 8),
        priorResidential: teen && rng.chance(0.15),
        yearsInCare: rng.int(0, Math.min(age, 10)),
      },
      wishes: syntheticWishes(
        rng.pick(WISHES_TEXT),
        // The same draws, in the same order, as before wishes were recorded one by one, so the
        // rest of the region (and every figure benchmarked on it) is unchanged.
        rng.chance(0.4),
        school !== undefined && rng.chance(0.5),
        siblings.length > 0,
        rng.chance(0.2) ? rng.pick(['want', 'none'] as const) : undefined,
        religion !== undefined && rng.chance(0.5),
      ),
      budgetCeilingWeeklyPence: rng.chance(0.2) ? rng.pick([60_000, 100_000, 450_000, 700_000]) * (1 + siblings.length) : undefined,
    });
  }
  return out;
}

export interface SyntheticRegion {
  referrals: ChildForMatching[];
  vacancies: VacancyForMatching[];
}

export function syntheticRegion(referrals: number, vacancies: number, options: SyntheticOptions): SyntheticRegion {
  return { referrals: syntheticReferrals(referrals, options), vacancies: syntheticVacancies(vacancies, options) };
}
