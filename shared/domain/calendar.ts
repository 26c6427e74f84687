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

// ---------------------------------------------------------------------------------------------
// Day arithmetic on ISO dates (YYYY-MM-DD; a longer timestamp counts as its date). Done in UTC,
// where every day has 24 hours, so no clock change can make a day count twice or not at all, and
// a region generated or a figure computed for a day is the same in every time zone.

/** Milliseconds in a day: for the few places that move a timestamp, not a date, by whole days. */
export const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01, so spans are plain integer arithmetic. */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** The ISO date of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The date `days` after `iso` (before it when negative); a fraction of a day rounds to the nearest day. */
export function addDays(iso: string, days: number): string {
  return isoOfDay(dayNumber(iso) + Math.round(days));
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The same day `years` later; 29 February becomes 28 February in a year without one. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCDate() !== d) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** Years between two dates as a fraction (for durations such as time in care, not ages). */
export function yearsBetween(from: string, to: string): number {
  return daysBetween(from, to) / 365.25;
}

/** A person's age in whole years on a day: their birthday counts from the day itself. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
