import type { NeededBy } from './placements-standard';
import { daysBetween } from './calendar';

/** A referral's workflow; 'draft' is saved but not yet sent to the placement team. */
export const REFERRAL_STATUSES = ['draft', 'new', 'searching', 'shortlisted', 'offered', 'placed', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  draft: 'Draft',
  new: 'New',
  searching: 'Searching',
  shortlisted: 'Shortlisted',
  offered: 'Offered',
  placed: 'Placed',
  closed: 'Closed',
};
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['new', 'searching', 'shortlisted', 'offered'];

/** Which moves the workflow allows; anything else is refused with the allowed next steps named. */
export const REFERRAL_TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  draft: ['new', 'closed'],
  new: ['searching', 'closed'],
  searching: ['shortlisted', 'offered', 'closed'],
  shortlisted: ['searching', 'offered', 'closed'],
  offered: ['shortlisted', 'searching', 'placed', 'closed'],
  placed: ['closed'],
  closed: [],
};

export const URGENCIES = ['today', 'under5', 'later'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { today: 'Today', under5: 'Under 5 days', later: 'Later' };

/** Urgency from the needed-by date against today; the form's category is only the social worker's first answer. */
export function urgencyOf(neededByDate: string, today: string): Urgency {
  const days = daysBetween(today, neededByDate);
  if (days <= 0) return 'today';
  return days < 5 ? 'under5' : 'later';
}

/** The Placements Standard's needed-by category for a date, used to pre-fill the form. */
export function neededByFor(neededByDate: string, today: string): NeededBy {
  const u = urgencyOf(neededByDate, today);
  return u === 'today' ? 'Today' : u === 'under5' ? 'in less than 5 days' : 'in more than 5 days';
}
