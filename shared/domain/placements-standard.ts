/**
 * Code lists of the national Placements Data Standard (v2 draft, Data Standards for Social Care).
 * The option strings are the standard's own, so exports need no translation; a test checks them
 * against the standard's machine-readable spec when ../shared/fixtures is present.
 */
export const NEEDED_BY = ['Today', 'in less than 5 days', 'in more than 5 days'] as const;
export type NeededBy = (typeof NEEDED_BY)[number];

export const COMMUNICATION_NEEDS = ['Y', 'N', 'Not Specified'] as const;
export const COMMUNICATION_REQUIREMENTS = ['ESOL', 'BSL', 'Makaton', 'Other', 'None'] as const;
export type CommunicationRequirement = (typeof COMMUNICATION_REQUIREMENTS)[number];

export const CULTURAL_NEEDS = ['Required', 'Not required', 'Not Known', 'Other'] as const;
export type CulturalNeeds = (typeof CULTURAL_NEEDS)[number];

export const LIVING_COMPANIONS = [
  'Solo placement recommended',
  'With other children recommended',
  'Only with other older children',
  'Only with other younger children',
  'No preference',
] as const;
export type LivingCompanions = (typeof LIVING_COMPANIONS)[number];

export const PETS = ['Yes - must', 'Yes - can', 'No', 'Not Known'] as const;
export type PetsAnswer = (typeof PETS)[number];

export const ADDITIONAL_SUPPORT = [
  'additional supervision',
  'therapeutic support',
  'a worker for respite',
  'taxis to school',
  'NA',
  'other (please specify)',
] as const;
export type AdditionalSupport = (typeof ADDITIONAL_SUPPORT)[number];

export const SUITABILITY = ['Preferred', 'Suitable but not preferred', 'Unsuitable', 'Not specified'] as const;
export type Suitability = (typeof SUITABILITY)[number];

export const RISK_LEVELS = ['No known risk', 'Risk Present'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Risks to the child, keyed by the standard's field names. */
export const RISKS_TO_CHILD = {
  riskSelfHarm: 'Self-harm',
  riskSexualExploitation: 'Sexual exploitation',
  riskCriminalExploitation: 'Criminal exploitation',
  riskDrugAlcohol: 'Drug and alcohol use',
  riskEatingDisorder: 'Eating disorder',
  riskMissing: 'Going missing',
} as const;
export type RiskToChild = keyof typeof RISKS_TO_CHILD;

/** Risks to others or property. */
export const RISKS_TO_OTHERS = {
  riskToOthersPhysical: 'Physical harm',
  riskToOthersSexual: 'Sexual harm',
  riskToOthersFire: 'Fire-setting',
  riskToOthersAnimals: 'Harm to animals',
  riskToOthersCriminal: 'Criminal exploitation of others',
} as const;
export type RiskToOthers = keyof typeof RISKS_TO_OTHERS;

export const PLACEMENT_TYPES = ['Residential', 'Foster', 'Supported Accommodation'] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

/** Placing-at-distance reasons (Placements North West census). */
export const DISTANCE_REASONS = [
  'Child or parent preference',
  'Safeguarding',
  'Provision within distance exists but unavailable',
  'Provision within distance does not exist',
  'Carer moving',
  'Legal',
  'Not applicable',
] as const;
export type DistanceReason = (typeof DISTANCE_REASONS)[number];

/** A child's special educational needs provision, as the store codes it, in words. */
export const SEND_LABELS: Record<string, string> = {
  none: 'None',
  support: 'SEN support',
  ehcp: 'Education, health and care plan (EHCP)',
};
