/**
 * An officer's day on a referral: notes of calls, e-mails and panel decisions; the providers asked
 * for a bed and who has answered; reminders of what is about to slip; and, in words, where the
 * referral stands and what to do next. Reminders are worked out from the record whenever they are
 * read (nothing runs on a timer), so they are never stale and never need a job to clear them.
 */
import { daysBetween, formatDateTime, formatIsoDate } from './calendar';
import { OPEN_REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, type ReferralStatus } from './referrals';

export const NOTE_KINDS = ['call', 'email', 'panel', 'other'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_KIND_LABELS: Record<NoteKind, string> = { call: 'Call', email: 'E-mail', panel: 'Panel decision', other: 'Other' };
/** A note is a record of a call or a decision, not a report: long enough for a panel's reasons. */
export const NOTE_MAX_CHARS = 4000;

/** The one home of every reminder threshold; the RCC's working conventions, not the matching policy. */
export const REMINDER_RULES = {
  /** A bed held while the provider is asked is held for this long, by the region's convention. */
  holdHours: 48,
  /** A hold is flagged this many hours before it lapses. */
  holdWarnHours: 12,
  /** A needed-by date is flagged this many days ahead (and every day it is past). */
  neededByWarnDays: 2,
  /** A provider asked this many working hours ago (weekends not counted) without an answer is chased. */
  chaseAfterWorkingHours: 24,
} as const;

/** One provider asked about one vacancy for a referral, and what (if anything) they answered. */
export interface ChaseLine {
  vacancyId: number;
  homeName: string;
  providerName: string;
  phone: string;
  /** Null when an answer was recorded without a hold or ask before it (a provider who wrote in unasked). */
  askedAt: string | null;
  answer: { status: 'offered' | 'refused' | 'accepted' | 'withdrawn'; at: string; reason: string } | null;
  /** The bed is held for this referral now. */
  held: boolean;
  /** When the hold lapses (held lines only). */
  heldUntil: string | null;
}

export type ReminderKind = 'holdLapsing' | 'holdLapsed' | 'neededBySoon' | 'neededByPassed' | 'notAnswered';

/** A reminder's kind in two or three words, for a chip on an inbox line (the full text is its title). */
export const REMINDER_SHORT_LABELS: Record<ReminderKind, string> = {
  holdLapsing: 'Hold lapses soon',
  holdLapsed: 'Hold lapsed',
  neededBySoon: 'Needed soon',
  neededByPassed: 'Past needed-by',
  notAnswered: 'Chase provider',
};

export interface Reminder {
  kind: ReminderKind;
  /** 'overdue' has already slipped; 'due' is about to. */
  severity: 'due' | 'overdue';
  text: string;
}

const HOUR_MS = 3_600_000;

/** When a hold made at `heldAt` lapses. */
export function holdLapsesAt(heldAt: string): string {
  return new Date(Date.parse(heldAt) + REMINDER_RULES.holdHours * HOUR_MS).toISOString();
}

/** Hours from one moment to another not counting Saturdays and Sundays (UTC days, as the store keeps time). */
export function workingHoursBetween(fromIso: string, toIso: string): number {
  let from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  let ms = 0;
  while (from < to) {
    const day = new Date(from);
    const nextMidnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1);
    const end = Math.min(nextMidnight, to);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) ms += end - from;
    from = end;
  }
  return ms / HOUR_MS;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What is about to slip on an open referral, most pressing first: holds lapsing or lapsed, the
 * needed-by date near or past, providers asked and not answered. Placed, closed and draft
 * referrals have none.
 */
export function remindersFor(r: { status: ReferralStatus; neededByDate: string; chasing: readonly ChaseLine[] }, now: Date, today: string): Reminder[] {
  if (!OPEN_REFERRAL_STATUSES.includes(r.status)) return [];
  const out: Reminder[] = [];
  const nowMs = now.getTime();
  const rules = REMINDER_RULES;
  for (const line of r.chasing) {
    if (!line.held || !line.heldUntil) continue;
    const left = (Date.parse(line.heldUntil) - nowMs) / HOUR_MS;
    if (left <= 0) {
      out.push({
        kind: 'holdLapsed',
        severity: 'overdue',
        text: `The hold at ${line.homeName} lapsed ${formatDateTime(line.heldUntil)}: ask the provider again or release the bed.`,
      });
    } else if (left <= rules.holdWarnHours) {
      out.push({
        kind: 'holdLapsing',
        severity: 'due',
        text: `The hold at ${line.homeName} lapses ${formatDateTime(line.heldUntil)} (in ${plural(Math.ceil(left), 'hour')}).`,
      });
    }
  }
  const days = daysBetween(today, r.neededByDate);
  const by = formatIsoDate(r.neededByDate);
  if (days < 0) out.push({ kind: 'neededByPassed', severity: 'overdue', text: `Needed by ${by}: ${plural(-days, 'day')} past.` });
  else if (days === 0) out.push({ kind: 'neededBySoon', severity: 'overdue', text: `Needed today (${by}).` });
  else if (days <= rules.neededByWarnDays) out.push({ kind: 'neededBySoon', severity: 'due', text: `Needed by ${by} (in ${plural(days, 'day')}).` });
  for (const line of r.chasing) {
    if (line.answer || line.askedAt === null) continue;
    const hours = workingHoursBetween(line.askedAt, now.toISOString());
    if (hours > rules.chaseAfterWorkingHours) {
      out.push({
        kind: 'notAnswered',
        severity: 'due',
        text: `${line.providerName} (${line.homeName}) has not answered since ${formatDateTime(line.askedAt)}: ${plural(Math.floor(hours), 'working hour')}.`,
      });
    }
  }
  return out;
}

/** Where a referral stands and what to do next, in words. */
export interface WhatNext {
  state: string;
  next: string;
  /** Placed: the ranked list is put away behind "show the search again". */
  placed: { homeName: string; startDate: string } | null;
}

/** The referral's standing in words, from its status, its chasing list and its placement. */
export function whatNext(
  r: { status: ReferralStatus; chasing: readonly ChaseLine[]; placement: { homeName: string; startDate: string } | null; lastSearchAt: string | null },
  now: Date,
): WhatNext {
  if (r.status === 'placed' && r.placement) {
    return {
      state: `Placed at ${r.placement.homeName} on ${formatIsoDate(r.placement.startDate)}.`,
      next: 'Nothing more to do here: the search is kept, and can be shown again.',
      placed: r.placement,
    };
  }
  if (r.status === 'closed') return { state: 'Closed.', next: 'Nothing more to do: the record stays for reference.', placed: null };
  if (r.status === 'draft') return { state: 'A draft, not yet sent to the placement team.', next: 'Finish the referral and send it.', placed: null };
  const held = r.chasing.find((l) => l.held);
  if (held) {
    const until = held.heldUntil ? formatDateTime(held.heldUntil) : 'until released';
    const asked = held.askedAt ? `; asked ${formatDateTime(held.askedAt)}` : '';
    const lapsed = held.heldUntil !== null && Date.parse(held.heldUntil) <= now.getTime();
    if (held.answer?.status === 'offered') {
      return {
        state: `${held.homeName} has offered a place (${formatDateTime(held.answer.at)}); the bed is held ${lapsed ? `but the hold lapsed ${until}` : `until ${until}`}.`,
        next: 'Place the child there, or record why not and release the bed.',
        placed: null,
      };
    }
    return {
      state: lapsed ? `Bed held at ${held.homeName}, but the hold lapsed ${until}${asked}.` : `Bed held at ${held.homeName} until ${until}${asked}.`,
      next: lapsed
        ? `Ask ${held.providerName} again (${held.phone || 'no phone on record'}) or release the bed.`
        : `Wait for ${held.providerName}'s answer, or chase them on ${held.phone || 'their usual number'}.`,
      placed: null,
    };
  }
  const lastAnswer = [...r.chasing].filter((l) => l.answer).sort((a, b) => Date.parse(b.answer!.at) - Date.parse(a.answer!.at))[0];
  if (lastAnswer?.answer?.status === 'offered') {
    return {
      state: `${lastAnswer.homeName} has offered a place (${formatDateTime(lastAnswer.answer.at)}); no bed is held there.`,
      next: 'Hold the bed or place the child there, or record why not.',
      placed: null,
    };
  }
  if (lastAnswer?.answer?.status === 'refused') {
    return {
      state: `${lastAnswer.homeName} said no (${formatDateTime(lastAnswer.answer.at)})${lastAnswer.answer.reason ? `: ${lastAnswer.answer.reason}` : ''}.`,
      next: 'Hold the next home on the search, or search again.',
      placed: null,
    };
  }
  if (r.lastSearchAt === null || r.status === 'new') return { state: 'New: no search run yet.', next: 'Run a search for homes.', placed: null };
  return {
    state: `${REFERRAL_STATUS_LABELS[r.status]}: last search ${formatDateTime(r.lastSearchAt)}.`,
    next: 'Hold a bed at the home that fits best while the provider is asked.',
    placed: null,
  };
}
