/**
 * A child and a home that pass every hard rule with each other, for tests to change one thing at
 * a time. All synthetic: places are around Manchester town hall on the OS grid.
 */
import { DEFAULT_POLICY, type MatchingPolicy } from '../../../shared/scoring/policy';
import { placeFromGrid } from '../../generators/synthetic-region';
import type { ChildForMatching, Place, VacancyForMatching } from '../../../shared/scoring/types';

export const TOWN_HALL = { easting: 383_900, northing: 398_200 };
const METRES_PER_MILE = 1609.3;

/** A place `milesEast` and `milesNorth` of the town hall, on the grid (DfE method distances). */
export function placeAt(milesEast: number, milesNorth = 0): Place {
  return placeFromGrid(Math.round(TOWN_HALL.easting + milesEast * METRES_PER_MILE), Math.round(TOWN_HALL.northing + milesNorth * METRES_PER_MILE));
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

function merge<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (!patch) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] =
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current &&
      typeof current === 'object' &&
      !Array.isArray(current) &&
      !('lat' in (value as object))
        ? merge(current, value as DeepPartial<typeof current>)
        : value;
  }
  return out as T;
}

export function child(patch?: DeepPartial<ChildForMatching>): ChildForMatching {
  return merge<ChildForMatching>(
    {
      referralId: 'R1',
      childId: 'C1',
      referralDate: '2026-03-02',
      neededBy: 'in more than 5 days',
      neededByDate: '2026-03-16',
      age: 10,
      sex: 'F',
      home: placeAt(0),
      school: placeAt(0.5),
      homeCouncilId: 'E08000003',
      siblings: [],
      siblingHomeIds: undefined,
      kinshipHomeIds: undefined,
      suitability: { foster: 'Preferred', residential: 'Suitable but not preferred', supported: 'Unsuitable' },
      livingCompanions: 'No preference',
      onlyWithSameSex: false,
      pets: 'Yes - can',
      risksToChild: [],
      risksToOthers: [],
      needs: {
        disability: false,
        wheelchairAdaptation: false,
        communication: [],
        languages: [],
        religion: undefined,
        culturalNeeds: 'Not required',
        culture: undefined,
        uasc: false,
        therapeutic: false,
        parentAndChild: false,
        ofstedCategories: [],
        educationOnSite: false,
      },
      legal: { secureOrder: false },
      avoidCouncilIds: [],
      avoidPlaces: [],
      history: { movesLast12Months: 0, totalPlacements: 1, priorResidential: false, yearsInCare: 1 },
      wishes: { text: 'I want to stay at my school.', recorded: [] },
      budgetCeilingWeeklyPence: undefined,
    },
    patch,
  );
}

export function vacancy(patch?: DeepPartial<VacancyForMatching>): VacancyForMatching {
  return merge<VacancyForMatching>(
    {
      vacancyId: 'V1',
      homeId: 'H1',
      kind: 'foster',
      ownership: 'ifa',
      feeTier: 'mainstream',
      location: placeAt(2),
      councilId: 'E08000003',
      bedsFree: 1,
      availableFrom: '2026-03-01',
      approval: { minAge: 0, maxAge: 17, sex: undefined, maxChildren: 3, siblingsAccepted: true },
      registrationCategories: [],
      ofstedGrade: undefined,
      otherChildren: [],
      household: [],
      placesHeld: 0,
      petsInHome: false,
      specialisms: [],
      languages: ['English'],
      religion: undefined,
      cultures: undefined,
      wheelchairAdapted: false,
      carer: { yearsApproved: 5, skillsTier: 2 },
      pastEndings: { planned: 5, unplanned: 1 },
      mockingbird: false,
      weeklyPrice: { core: 45_000, support: 0, education: 0, other: 0 },
      supportedType: undefined,
      educationOnSite: false,
      secure: false,
      cannotManage: undefined,
    },
    patch,
  );
}

export const POLICY: MatchingPolicy = DEFAULT_POLICY;
