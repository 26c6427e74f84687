/**
 * Calendar dates as the user's own clock has them. The app runs on the user's machine, so "today"
 * is the local day there. `toISOString()` gives the UTC date, which in a British summer is
 * yesterday's until 1 am: a placement started just after midnight would default to, and be checked
 * against, the wrong day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a string is YYYY-MM-DD and names a day that exists: 2026-02-29 and 2026-13-01 do not.
 * The one test of a calendar date, for the contract's date schema and for values read back from the store.
 */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC, so no clock change can move it).
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

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

// Every date on screen is written the UK way, from these few formats: a day as "5 Mar 2026", a
// month as "Mar 2026" or "March 2026", a moment as "3 Dec 2026, 10:02". Calendar dates are read as
// UTC midnight and written in UTC, so no time zone can move them to the day before.
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH_SHORT = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH_LONG = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** ISO YYYY-MM-DD to "5 Mar 2026", as UK readers expect. */
export function formatIsoDate(iso: string): string {
  return DAY.format(new Date(`${iso}T00:00:00Z`));
}

/** An ISO month (YYYY-MM, or any date in it) to "Mar 2026", or "March 2026" when `long`. */
export function formatMonth(isoMonth: string, length: 'short' | 'long' = 'short'): string {
  return (length === 'long' ? MONTH_LONG : MONTH_SHORT).format(new Date(`${isoMonth.slice(0, 7)}-01T00:00:00Z`));
}

/** A moment as "3 Dec 2026, 10:02", in the user's own time zone. */
export function formatDateTime(isoTimestamp: string): string {
  return DATE_TIME.format(new Date(isoTimestamp));
}
