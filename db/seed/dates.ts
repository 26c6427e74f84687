/**
 * The demo generator's own date helpers (month starts, weekdays, timestamps); adding days, years
 * and ages is shared/domain/calendar.ts's, as everywhere else.
 */
import { addDays } from '../../shared/domain/calendar';

/** The first day of the month `months` after the month of `iso`. */
export function monthStart(iso: string, months: number): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

/** 0 for Sunday … 6 for Saturday. */
export function weekday(iso: string): number {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`).getUTCDay();
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

/** Orders ISO dates and timestamps by code unit, the same in every locale (unlike localeCompare). */
export function byIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
