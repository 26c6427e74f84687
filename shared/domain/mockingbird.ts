import { localIsoDate } from './calendar';

/**
 * Mockingbird as practised (The Fostering Network): a constellation's satellite households may be
 * foster carers, special guardians or adoptive families. Only foster households are approved to
 * foster, so only they are offered vacancies; the others join for the support network.
 */
export const SATELLITE_KINDS = ['foster', 'special_guardianship', 'adoptive'] as const;
export type SatelliteKind = (typeof SATELLITE_KINDS)[number];

export const SATELLITE_KIND_LABELS: Record<SatelliteKind, string> = {
  foster: 'Foster household',
  special_guardianship: 'Special guardianship household',
  adoptive: 'Adoptive household',
};

/** A meeting or activity's time of day, 24-hour "HH:MM" as the hub carer enters it. */
export const EVENT_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The local "HH:MM" of `d`, on the user's own clock as localIsoDate's day is. */
export function localTime(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * Whether a meeting or activity has happened by `now`: its start time has come. One recorded
 * before times were kept (no time) counts from its day. Until then it is planned, and nobody's
 * attendance can be recorded.
 */
export function eventHasHappened(date: string, startTime: string, now: Date): boolean {
  const today = localIsoDate(now);
  if (date !== today) return date < today;
  return startTime === '' || startTime <= localTime(now);
}
