import { formatIsoDate } from './calendar';

/**
 * A home's Ofsted registration, as the app records it (homes.registration_status). Children's
 * homes and supported accommodation must be registered with Ofsted (supported accommodation since
 * 2023-24); a foster household is approved by its fostering service instead and stays 'registered'
 * here. "Registration matters" (docs/domain.md): a suspended, cancelled, resigned or closed home
 * cannot take a child, and placing a child under 16 in unregistered provision is unlawful.
 */
export const REGISTRATION_STATUSES = ['registered', 'suspended', 'cancelled', 'resigned', 'closed', 'unregistered'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  registered: 'Registered',
  suspended: 'Suspended',
  cancelled: 'Cancelled',
  resigned: 'Resigned',
  closed: 'Closed',
  unregistered: 'Unregistered',
};

/** Statuses under which a home may take no child at all: its vacancies are withdrawn and it is never offered. */
export const BARRED_REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['suspended', 'cancelled', 'resigned', 'closed'];

export function registrationBars(status: RegistrationStatus): boolean {
  return BARRED_REGISTRATION_STATUSES.includes(status);
}

/** The age from which unregistered provision may be used at all (under it, placing there is unlawful). */
export const UNREGISTERED_MIN_AGE = 16;

const STATUS_WORDS: Record<Exclude<RegistrationStatus, 'registered' | 'unregistered'>, string> = {
  suspended: 'Ofsted registration suspended',
  cancelled: 'Ofsted registration cancelled',
  resigned: 'Ofsted registration resigned',
  closed: 'Closed: no longer registered with Ofsted',
};

/**
 * Why a barred home takes no child, in the words the vacancies board and the search both show:
 * "Ofsted registration suspended on 1 Dec 2026". The one wording, so a withdrawn vacancy and an
 * excluded home give the same reason.
 */
export function barredRegistrationWords(status: RegistrationStatus, since: string | null | undefined): string {
  if (status === 'registered' || status === 'unregistered') return '';
  return since ? `${STATUS_WORDS[status]} on ${formatIsoDate(since)}` : STATUS_WORDS[status];
}

/**
 * The registration status an Ofsted list's "Registration status" cell gives, or undefined when the
 * cell is not one the app knows. Ofsted writes Active or Registered for a home that may operate.
 */
export function registrationStatusFromOfsted(cell: string): RegistrationStatus | undefined {
  return OFSTED_STATUS_WORDS[cell.trim().toLowerCase()];
}

const OFSTED_STATUS_WORDS: Record<string, RegistrationStatus> = {
  active: 'registered',
  registered: 'registered',
  yes: 'registered',
  open: 'registered',
  suspended: 'suspended',
  cancelled: 'cancelled',
  resigned: 'resigned',
  closed: 'closed',
  deregistered: 'closed',
  inactive: 'closed',
  no: 'closed',
  refused: 'closed',
};
