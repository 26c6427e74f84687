/** ISO date arithmetic in UTC, so a region generated for a day is the same in every time zone. */

const DAY_MS = 86_400_000;

export function toMs(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
}

export function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromMs(toMs(iso) + Math.round(days) * DAY_MS);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / DAY_MS);
}

export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // 29 February becomes 28 February in a year without one.
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCDate() !== d) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** The first day of the month `months` after the month of `iso`. */
export function monthStart(iso: string, months: number): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

/** 0 for Sunday … 6 for Saturday. */
export function weekday(iso: string): number {
  return new Date(toMs(iso)).getUTCDay();
}

/** The nth given weekday (0 Sunday … 6 Saturday) of the month starting on `first`. */
export function nthWeekday(first: string, day: number, n: number): string {
  const offset = (day - weekday(first) + 7) % 7;
  return addDays(first, offset + (n - 1) * 7);
}

/** A timestamp on a day, as the app stores them (UTC, milliseconds). */
export function at(iso: string, hour: number, minute = 0): string {
  return `${iso}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
}

/** Years (fractional) between two dates. */
export function yearsBetween(from: string, to: string): number {
  return daysFrom(from, to) / 365.25;
}

/** Orders ISO dates and timestamps by code unit, the same in every locale (unlike localeCompare). */
export function byIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
