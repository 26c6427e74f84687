/** Dates as the constellation screens show them; stays are counted in nights. */
import { daysBetween } from '../../../shared/domain/calendar';

const longDate = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "Sat 5 Dec 2026". */
export function formatDay(iso: string): string {
  return longDate.format(new Date(`${iso}T00:00:00Z`));
}

/** "5 Dec 2026, 10:00" in the user's time zone. */
export function formatMoment(isoTimestamp: string): string {
  return dateTime.format(new Date(isoTimestamp));
}

/** "Sat 5 Dec 2026" or "Sat 5 Dec 2026 to Mon 7 Dec 2026 (3 nights)". */
export function formatStay(startDate: string, endDate: string): string {
  if (startDate === endDate) return `${formatDay(startDate)} (1 night)`;
  const nights = daysBetween(startDate, endDate) + 1;
  return `${formatDay(startDate)} to ${formatDay(endDate)} (${nights} nights)`;
}
