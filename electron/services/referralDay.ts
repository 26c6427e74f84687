import { getReferral, type ReferralRow } from '../../db/repositories/referrals';
import { chasingLines, insertNote, lastSearchAt, listNotes, placementOfReferral, providerExists } from '../../db/repositories/referralDay';
import { ApiError } from '../../shared/contract';
import type { ChasingLine } from '../../shared/contract/referralDay';
import { remindersFor, whatNext, workingHoursBetween, type Reminder } from '../../shared/domain/officerDay';
import type { ReferralStatus } from '../../shared/domain/referrals';
import { localIsoDate } from '../../shared/domain/calendar';
import type { Handlers, ServiceContext } from '../rpc/context';
import { requireActor, requireCouncilInScope } from './scope';

/** A referral the actor may see, or NOT_FOUND / FORBIDDEN (the refusal is audited by the dispatcher). */
function referralInScope(ctx: ServiceContext, referralId: number): ReferralRow {
  const r = getReferral(ctx.db, referralId);
  if (!r) throw new ApiError('NOT_FOUND', `There is no referral ${referralId}.`, 'referralId');
  requireCouncilInScope(ctx, r.councilId);
  return r;
}

/** Reminders for many referrals at once (the inbox), from one read of their offers. */
export function remindersByReferral(
  ctx: ServiceContext,
  referrals: readonly { id: number; status: ReferralStatus; fields: { neededByDate: string } }[],
): Map<number, Reminder[]> {
  const chasing = chasingLines(
    ctx.db,
    referrals.map((r) => r.id),
  );
  const now = ctx.now();
  const today = localIsoDate(now);
  return new Map(
    referrals.map((r) => [r.id, remindersFor({ status: r.status, neededByDate: r.fields.neededByDate, chasing: chasing.get(r.id) ?? [] }, now, today)]),
  );
}

export const referralDayHandlers: Handlers<'referrals.notes' | 'referrals.addNote' | 'referrals.progress'> = {
  'referrals.notes': (ctx, input) => {
    const r = referralInScope(ctx, input.referralId);
    ctx.audit('view-notes', 'referral', String(r.id));
    return listNotes(ctx.db, r.id);
  },

  'referrals.addNote': (ctx, input) => {
    const actor = requireActor(ctx);
    const r = referralInScope(ctx, input.referralId);
    if (input.providerId !== null && !providerExists(ctx.db, input.providerId)) {
      throw new ApiError('BAD_INPUT', `There is no provider ${input.providerId} on record`, 'providerId');
    }
    insertNote(ctx.db, { referralId: r.id, kind: input.kind, text: input.text, providerId: input.providerId, at: ctx.now().toISOString(), userId: actor.id });
    ctx.audit('add-note', 'referral', String(r.id));
    return listNotes(ctx.db, r.id);
  },

  'referrals.progress': (ctx, input) => {
    const r = referralInScope(ctx, input.referralId);
    const now = ctx.now();
    const lines = chasingLines(ctx.db, [r.id]).get(r.id) ?? [];
    const notes = listNotes(ctx.db, r.id);
    const chasing: ChasingLine[] = lines.map((l) => ({
      ...l,
      waitingWorkingHours: l.answer || l.askedAt === null ? null : Math.round(workingHoursBetween(l.askedAt, now.toISOString()) * 10) / 10,
      // Notes are newest first, so the first naming the provider is the last word with them.
      lastNoteAt: notes.find((n) => n.providerId === l.providerId)?.at ?? null,
    }));
    const standing = whatNext(
      { status: r.status, chasing: lines, placement: placementOfReferral(ctx.db, r.id), lastSearchAt: lastSearchAt(ctx.db, r.id) },
      now,
    );
    ctx.audit('view', 'referral', String(r.id));
    return {
      ...standing,
      reminders: remindersFor({ status: r.status, neededByDate: r.fields.neededByDate, chasing: lines }, now, localIsoDate(now)),
      chasing,
    };
  },
};
