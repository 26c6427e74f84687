/** Ofsted registration categories of need for children's homes. */
export const OFSTED_CATEGORIES = {
  EBD: 'Emotional and behavioural difficulties',
  MHD: 'Mental disorders',
  SI: 'Sensory impairment',
  ALC: 'Alcohol misuse',
  DRUG: 'Drug misuse',
  LD: 'Learning disability',
  PD: 'Physical disability',
} as const;
export type OfstedCategory = keyof typeof OFSTED_CATEGORIES;
export const OFSTED_CATEGORY_CODES = Object.keys(OFSTED_CATEGORIES) as OfstedCategory[];
