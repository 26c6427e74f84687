import { z } from 'zod';
import { method } from './method';
import { Id, IsoDate } from './common';
import { NOTE_KINDS, NOTE_MAX_CHARS } from '../domain/officerDay';

export const ReminderSchema = z.object({
  kind: z.enum(['holdLapsing', 'holdLapsed', 'neededBySoon', 'neededByPassed', 'notAnswered']),
  severity: z.enum(['due', 'overdue']),
  text: z.string(),
});

export const ReferralNote = z.object({
  id: Id,
  kind: z.enum(NOTE_KINDS),
  text: z.string(),
  providerId: Id.nullable(),
  providerName: z.string().nullable(),
  at: z.string(),
  by: z.string(),
});
export type ReferralNote = z.infer<typeof ReferralNote>;

export const ChasingLine = z.object({
  vacancyId: Id,
  homeName: z.string(),
  providerId: Id,
  providerName: z.string(),
  phone: z.string(),
  /** Null when the answer came without a recorded ask. */
  askedAt: z.string().nullable(),
  answer: z.object({ status: z.enum(['offered', 'refused', 'accepted', 'withdrawn']), at: z.string(), reason: z.string() }).nullable(),
  held: z.boolean(),
  heldUntil: z.string().nullable(),
  /** Working hours (weekends not counted) since the provider was asked; null once they answered. */
  waitingWorkingHours: z.number().nullable(),
  /** The last note that names this provider, when there is one. */
  lastNoteAt: z.string().nullable(),
});
export type ChasingLine = z.infer<typeof ChasingLine>;

export const ReferralProgress = z.object({
  /** Where the referral stands, and the next step, in words. */
  state: z.string(),
  next: z.string(),
  placed: z.object({ homeName: z.string(), startDate: IsoDate }).nullable(),
  reminders: z.array(ReminderSchema),
  chasing: z.array(ChasingLine),
});
export type ReferralProgress = z.infer<typeof ReferralProgress>;

const NoteText = z
  .string()
  .trim()
  .min(1, 'Write what was said or decided')
  .max(NOTE_MAX_CHARS, `Keep a note under ${NOTE_MAX_CHARS.toLocaleString('en-GB')} characters`);

export const referralDayContract = {
  'referrals.notes': method({
    doc: "A referral's notes (calls, e-mails, panel decisions), newest first, with who wrote each and when.",
    input: z.object({ referralId: Id }).strict(),
    output: z.array(ReferralNote),
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
  'referrals.addNote': method({
    doc: 'Adds a note to a referral; who and when are recorded by the server. Answers the notes, newest first.',
    input: z
      .object({
        referralId: Id,
        kind: z.enum(NOTE_KINDS, { error: 'Choose call, e-mail, panel decision or other' }),
        text: NoteText.meta({ label: 'note' }),
        /** The provider the call or e-mail was with, if any. */
        providerId: Id.nullable().default(null).meta({ label: 'provider' }),
      })
      .strict(),
    output: z.array(ReferralNote),
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'child',
  }),
  'referrals.progress': method({
    doc: 'Where a referral stands and what next, its reminders, and its chasing list: providers asked, who answered, who has not and since when.',
    input: z.object({ referralId: Id }).strict(),
    output: ReferralProgress,
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
};
