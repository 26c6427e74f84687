import { OFSTED_GRADE_LABELS, type OfstedGrade } from './homes';

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

/**
 * THE Ofsted grade of a home, the one every screen, table, filter, chart and score shows for it:
 * the overall effectiveness grade of the latest full inspection of the home itself, as the Ofsted
 * list gives it. Children's homes are inspected one by one; a foster household is not, and carries
 * the grade of its agency (the provider's own inspection). The store's SQL follows this rule through
 * db/repositories/ofsted-grade.ts, whose test holds the two equal.
 */
export function homeOfstedGrade<G extends string>(homeGrade: G | null, providerGrade: G): G {
  return homeGrade ?? providerGrade;
}

/** Ofsted's grades as every screen writes them: "Requires improvement" fits a table column and an axis. */
export function ofstedGradeLabel(grade: OfstedGrade): string {
  return grade === 'requires_improvement' ? 'Requires improvement' : OFSTED_GRADE_LABELS[grade];
}
