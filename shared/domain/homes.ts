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

/**
 * A child's recorded sex. U is unknown or indeterminate (SSDA903 SEX 'U' from 2024-25): it is
 * carried as recorded, never guessed as F or M.
 */
export const SEXES = ['F', 'M', 'U'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Record<Sex, string> = { F: 'Female', M: 'Male', U: 'Unknown or indeterminate' };

/** A carer's or home's approval for one sex only: girls (F) or boys (M). */
export const APPROVAL_SEXES = ['F', 'M'] as const;
export type ApprovalSex = (typeof APPROVAL_SEXES)[number];
