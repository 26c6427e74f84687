import type { ReferralFields } from '../../shared/contract/referrals';

/** A complete, valid referral for a child (Friday-afternoon emergency shape), with any fields replaced. */
export function validFields(childId: number, overrides: Partial<ReferralFields> = {}): ReferralFields {
  return {
    childId,
    neededBy: 'in less than 5 days',
    neededByDate: '2026-11-28',
    siblingCount: 1,
    siblingIds: [],
    preferredLocation: 'Near Bolton School',
    preferredLocationReason: 'Keeps the same school',
    avoidCouncilIds: [],
    fosterSuitability: 'Preferred',
    residentialSuitability: 'Suitable but not preferred',
    supportedSuitability: 'Unsuitable',
    communicationNeeds: 'N',
    communicationRequirements: ['None'],
    homeAdaptation: false,
    culturalNeeds: 'Not required',
    livingCompanions: 'Only with other younger children',
    pets: 'Yes - can',
    additionalSupport: ['taxis to school'],
    deprivationOfLiberty: false,
    ofstedNeeds: [],
    risks: {
      riskSelfHarm: 'No known risk', riskSexualExploitation: 'No known risk', riskCriminalExploitation: 'Risk Present', riskDrugAlcohol: 'No known risk',
      riskEatingDisorder: 'No known risk', riskMissing: 'Risk Present', riskToOthersPhysical: 'No known risk', riskToOthersSexual: 'No known risk',
      riskToOthersFire: 'No known risk', riskToOthersAnimals: 'No known risk', riskToOthersCriminal: 'No known risk',
    },
    riskOther: '',
    riskToOthersOther: '',
    budgetCeilingPence: 120_000,
    childWishes: 'I want to stay near my little brother and keep going to my school.',
    ...overrides,
  };
}
