/**
 * Calendar dates as the user's own clock has them. The app runs on the user's machine, so "today"
 * is the local day there. `toISOString()` gives the UTC date, which in a British summer is
 * yesterday's until 1 am: a placement started just after midnight would default to, and be checked
 * against, the wrong day.
 */

/** The ISO date (YYYY-MM-DD) of the local calendar day of `d`. */
export function localIsoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The local date `days` after `from` (default now). */
export function localIsoDateIn(days: number, from: Date = new Date()): string {
  const d = new Date(from);
  d.setDate(d.getDate() + days);
  return localIsoDate(d);
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** A moment as "3 Dec 2026, 10:02", in the user's own time zone. */
export function formatDateTime(isoTimestamp: string): string {
  return DATE_TIME.format(new Date(isoTimestamp));
}
