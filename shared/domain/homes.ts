/** Kinds of home a vacancy can be in (the domain primer's "kinds of home"). */
export const HOME_KINDS = ['foster', 'residential', 'supported'] as const;
export type HomeKind = (typeof HOME_KINDS)[number];
export const HOME_KIND_LABELS: Record<HomeKind, string> = {
  foster: 'Foster home',
  residential: "Children's home",
  supported: 'Supported accommodation',
};

export const VACANCY_STATUSES = ['open', 'held', 'filled', 'withdrawn'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];
export const VACANCY_STATUS_LABELS: Record<VacancyStatus, string> = {
  open: 'Open',
  held: 'Held',
  filled: 'Filled',
  withdrawn: 'Withdrawn',
};

/** Ofsted overall effectiveness grades, best first. */
export const OFSTED_GRADES = ['outstanding', 'good', 'requires_improvement', 'inadequate', 'not_yet_inspected'] as const;
export type OfstedGrade = (typeof OFSTED_GRADES)[number];
export const OFSTED_GRADE_LABELS: Record<OfstedGrade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement to be good',
  inadequate: 'Inadequate',
  not_yet_inspected: 'Not yet inspected',
};

export const SEXES = ['F', 'M'] as const;
export type Sex = (typeof SEXES)[number];
