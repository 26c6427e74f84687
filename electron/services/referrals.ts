import { plural } from '../../shared/domain/words';
import { randomBytes } from 'node:crypto';
import { childRefTaken, getChild, getChildNeeds, insertChild, listSiblings } from '../../db/repositories/children';
import { refFor } from '../../db/importers/pseudonym';
import { resolvePostcode } from '../../db/repositories/places';
import { getCouncil } from '../../db/repositories/region';
import type { NewChild } from '../../shared/contract/children';
import { checkPostcode, looksLikePostcode } from '../../shared/geo/postcode';
import {
  addReferralHistory,
  getReferral,
  insertReferral,
  listAssignableOfficers,
  listReferralLines,
  referralHistory,
  setChildWishes,
  setReferralAssignee,
  setReferralStatus,
  updateReferralFields,
  type ReferralLineRow,
} from '../../db/repositories/referrals';
import { ApiError } from '../../shared/contract';
import type { ReferralDetail, ReferralFields, ReferralSummary } from '../../shared/contract/referrals';
import { RISKS_TO_CHILD, RISKS_TO_OTHERS } from '../../shared/domain/placements-standard';
import { ageOn, daysBetween } from '../../shared/domain/calendar';
import { OPEN_REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, REFERRAL_TRANSITIONS, urgencyOf } from '../../shared/domain/referrals';
import { STAYING_PUT_FROM_AGE } from '../../shared/domain/purposes';
import type { Handlers, ServiceContext } from '../rpc/context';
import { requireActor, requireCouncilInScope } from './scope';
import { localIsoDate } from '../../shared/domain/calendar';
import type { Reminder } from '../../shared/domain/officerDay';
import { remindersByReferral } from './referralDay';

function today(ctx: ServiceContext): string {
  return localIsoDate(ctx.now());
}

/** A line an officer can scan in the inbox: risks first, then needs and type preferences. */
export function needsSummary(f: ReferralLineRow['fields']): string {
  const parts: string[] = [];
  const risks = [
    ...Object.entries(RISKS_TO_CHILD)
      .filter(([k]) => f.risks[k as keyof typeof RISKS_TO_CHILD] === 'Risk Present')
      .map(([, label]) => label.toLowerCase()),
    ...Object.entries(RISKS_TO_OTHERS)
      .filter(([k]) => f.risks[k as keyof typeof RISKS_TO_OTHERS] === 'Risk Present')
      .map(([, label]) => `${label.toLowerCase()} (to others)`),
  ];
  if (risks.length > 0) parts.push(`Risks: ${risks.join(', ')}`);
  if (f.siblingCount > 0) parts.push(`with ${f.siblingCount} sibling${f.siblingCount > 1 ? 's' : ''}`);
  if (f.homeAdaptation) parts.push('adapted home');
  const comm = f.communicationRequirements.filter((c) => c !== 'None');
  if (comm.length > 0) parts.push(comm.join('/'));
  if (f.livingCompanions === 'Solo placement recommended') parts.push('solo');
  const preferred = [
    f.fosterSuitability === 'Preferred' && 'foster',
    f.residentialSuitability === 'Preferred' && 'residential',
    f.supportedSuitability === 'Preferred' && 'supported',
  ].filter(Boolean);
  if (preferred.length > 0) parts.push(`prefers ${preferred.join(' or ')}`);
  return parts.join('; ') || 'No particular needs recorded';
}

/** A referral's line in the inbox, as of today `t` (a full ReferralRow serves as well). */
function toSummary(t: string, r: ReferralLineRow, reminders: Reminder[]): ReferralSummary {
  return {
    id: r.id,
    childId: r.childId,
    childRef: r.childRef,
    childFirstName: r.childFirstName,
    age: ageOn(r.birthDate, t),
    sex: r.sex,
    councilId: r.councilId,
    councilName: r.councilName,
    neededBy: r.fields.neededBy,
    neededByDate: r.fields.neededByDate,
    urgency: urgencyOf(r.fields.neededByDate, t),
    overdue: (OPEN_REFERRAL_STATUSES as string[]).includes(r.status) && daysBetween(t, r.fields.neededByDate) < 0,
    status: r.status,
    needsSummary: needsSummary(r.fields),
    siblingCount: r.fields.siblingCount,
    receivedAt: r.receivedAt,
    daysWaiting: Math.max(0, daysBetween(r.receivedAt, t)),
    assignedUserId: r.assignedUserId,
    assignedName: r.assignedName,
    reminders,
  };
}

function detail(ctx: ServiceContext, id: number): ReferralDetail {
  const r = getReferral(ctx.db, id);
  if (!r) throw new ApiError('NOT_FOUND', `There is no referral ${id}.`, 'referralId');
  requireCouncilInScope(ctx, r.councilId);
  const reminders = remindersByReferral(ctx, [r]).get(r.id) ?? [];
  return {
    summary: toSummary(today(ctx), r, reminders),
    fields: { ...r.fields, childId: r.childId, childWishes: r.childWishes },
    history: referralHistory(ctx.db, id),
  };
}

/** Rules that need more than one field or today's date; zod has checked each field alone. */
function checkFields(ctx: ServiceContext, f: ReferralFields, isNew: boolean): void {
  if (isNew && daysBetween(today(ctx), f.neededByDate) < 0) {
    throw new ApiError('BAD_INPUT', 'A new referral cannot be needed by a date in the past', 'fields.neededByDate');
  }
  if (f.fosterSuitability === 'Unsuitable' && f.residentialSuitability === 'Unsuitable' && f.supportedSuitability === 'Unsuitable') {
    throw new ApiError('BAD_INPUT', 'At least one type of home must not be Unsuitable', 'fields.fosterSuitability');
  }
  if (f.communicationRequirements.includes('None') && f.communicationRequirements.length > 1) {
    throw new ApiError('BAD_INPUT', '"None" cannot be chosen with other requirements', 'fields.communicationRequirements');
  }
  if (f.preferredLocation && !f.preferredLocationReason) {
    throw new ApiError('BAD_INPUT', 'Say why this location is preferred', 'fields.preferredLocationReason');
  }
}

/** The siblings chosen must be this child's, on record, and as many as the count says. */
function checkSiblings(ctx: ServiceContext, f: ReferralFields, childId: number, siblingGroup: string | null): void {
  if (f.siblingIds.length === 0) return;
  const onRecord = siblingGroup ? listSiblings(ctx.db, siblingGroup, childId) : [];
  const known = new Set(onRecord.map((s) => s.id));
  const stranger = f.siblingIds.find((id) => !known.has(id));
  if (stranger !== undefined) {
    throw new ApiError('BAD_INPUT', `Child ${stranger} is not recorded as this child's brother or sister`, 'fields.siblingIds');
  }
  if (new Set(f.siblingIds).size !== f.siblingIds.length) throw new ApiError('BAD_INPUT', 'A sibling is listed twice', 'fields.siblingIds');
  if (f.siblingCount !== f.siblingIds.length) {
    throw new ApiError(
      'BAD_INPUT',
      `${plural(f.siblingIds.length, 'sibling is', 'siblings are')} chosen, so siblings to place with must be ${f.siblingIds.length}`,
      'fields.siblingCount',
    );
  }
}

/** Staying put is for a care leaver of 18 or over (shared/domain/purposes.ts); a younger child's referral asks for something else. */
function checkPurpose(f: ReferralFields, birthDate: string | null): void {
  if (f.purpose !== 'staying_put') return;
  const age = birthDate === null ? null : ageOn(birthDate, f.neededByDate);
  if (age === null || age < STAYING_PUT_FROM_AGE) {
    throw new ApiError(
      'BAD_INPUT',
      `Staying put is for a young person of ${STAYING_PUT_FROM_AGE} or over with the foster carers they live with now${age === null ? '' : `; this child is ${age} on the needed-by date`}`,
      'fields.purpose',
    );
  }
}

/** A referral the actor may see, or NOT_FOUND / FORBIDDEN. */
function referralInScope(ctx: ServiceContext, referralId: number) {
  const existing = getReferral(ctx.db, referralId);
  if (!existing) throw new ApiError('NOT_FOUND', `There is no referral ${referralId}.`, 'referralId');
  requireCouncilInScope(ctx, existing.councilId);
  return existing;
}

type ReferralMethod =
  'referrals.inbox' | 'referrals.get' | 'referrals.save' | 'referrals.setStatus' | 'referrals.assignees' | 'referrals.assign' | 'referrals.saveForNewChild';

/** A new child's facts checked against today and the region; zod has checked each field alone. */
function checkNewChild(ctx: ServiceContext, child: NewChild): { councilName: string; postcode: string | null; lat: number | null; lon: number | null } {
  const council = getCouncil(ctx.db, child.councilId);
  if (!council) throw new ApiError('BAD_INPUT', `There is no council ${child.councilId} in the region`, 'child.councilId');
  requireCouncilInScope(ctx, council.id);
  const t = today(ctx);
  if (child.birthDate > t) throw new ApiError('BAD_INPUT', 'The date of birth is in the future', 'child.birthDate');
  if (ageOn(child.birthDate, t) >= 18) {
    throw new ApiError('BAD_INPUT', 'This date of birth makes them 18 or over; a referral is for a child under 18', 'child.birthDate');
  }
  if (!looksLikePostcode(child.homeArea)) return { councilName: council.name, postcode: null, lat: null, lon: null };
  const check = checkPostcode(child.homeArea);
  if (!check.ok) throw new ApiError('BAD_INPUT', check.message, 'child.homeArea');
  // Placed from the postcode directory when it has the postcode; kept unplaced (but recorded) when not.
  const row = resolvePostcode(ctx.db, check.postcode);
  return { councilName: council.name, postcode: check.postcode, lat: row?.lat ?? null, lon: row?.lon ?? null };
}

/** A pseudonymous reference no other child has (the same shape as an imported child's). */
function newChildRef(ctx: ServiceContext): string {
  for (;;) {
    const ref = refFor(randomBytes(12).toString('hex'));
    if (!childRefTaken(ctx.db, ref)) return ref;
  }
}

export const referralHandlers: Handlers<ReferralMethod> = {
  'referrals.inbox': (ctx, input) => {
    const actor = requireActor(ctx);
    const rows = listReferralLines(ctx.db, {
      councilId: actor.councilId,
      statuses: input.statuses ?? OPEN_REFERRAL_STATUSES,
      text: input.search || null,
      assignedUserId: input.mine ? actor.id : null,
    });
    ctx.audit('list', 'referral', `scope=${actor.councilId ?? 'region'};count=${rows.length}${input.mine ? ';mine' : ''}${input.search ? ';search' : ''}`);
    const t = today(ctx);
    const reminders = remindersByReferral(ctx, rows);
    return rows.map((r) => toSummary(t, r, reminders.get(r.id) ?? []));
  },

  'referrals.get': (ctx, input) => {
    const result = detail(ctx, input.referralId);
    ctx.audit('view', 'referral', String(input.referralId));
    return result;
  },

  'referrals.save': (ctx, input) => {
    const actor = requireActor(ctx);
    const child = getChild(ctx.db, input.fields.childId);
    if (!child) throw new ApiError('BAD_INPUT', `There is no child record ${input.fields.childId}`, 'fields.childId');
    requireCouncilInScope(ctx, child.councilId);
    checkSiblings(ctx, input.fields, child.id, getChildNeeds(ctx.db, child.id)?.siblingGroup ?? null);
    checkPurpose(input.fields, child.birthDate);
    const at = ctx.now().toISOString();
    let id: number;
    if (input.referralId === null) {
      checkFields(ctx, input.fields, true);
      id = insertReferral(ctx.db, input.fields, child.councilId, input.asDraft ? 'draft' : 'new', at, actor.id);
      ctx.audit('create', 'referral', String(id));
    } else {
      const existing = getReferral(ctx.db, input.referralId);
      if (!existing) throw new ApiError('NOT_FOUND', `There is no referral ${input.referralId}.`, 'referralId');
      requireCouncilInScope(ctx, existing.councilId);
      if (existing.childId !== input.fields.childId) throw new ApiError('BAD_INPUT', 'A referral cannot be moved to another child', 'fields.childId');
      if (existing.status === 'placed' || existing.status === 'closed') {
        throw new ApiError('CONFLICT', `This referral is ${existing.status}; it can no longer be edited.`);
      }
      checkFields(ctx, input.fields, false);
      id = existing.id;
      updateReferralFields(ctx.db, id, input.fields, at);
      if (existing.status === 'draft' && !input.asDraft) setReferralStatus(ctx.db, id, 'new', at, actor.id, 'Draft sent to the placement team');
      ctx.audit('change', 'referral', String(id));
    }
    setChildWishes(ctx.db, child.id, input.fields.childWishes);
    ctx.audit('change', 'child', String(child.id));
    return detail(ctx, id);
  },

  'referrals.assignees': (ctx, input) => {
    const existing = referralInScope(ctx, input.referralId);
    return listAssignableOfficers(ctx.db, existing.councilId);
  },

  'referrals.assign': (ctx, input) => {
    const actor = requireActor(ctx);
    const existing = referralInScope(ctx, input.referralId);
    const to = listAssignableOfficers(ctx.db, existing.councilId).find((u) => u.id === input.userId);
    if (!to) {
      throw new ApiError('BAD_INPUT', `User ${input.userId} is not an officer of ${existing.councilName} or of the whole region`, 'userId');
    }
    if (existing.assignedUserId !== to.id) {
      const at = ctx.now().toISOString();
      setReferralAssignee(ctx.db, existing.id, to.id, at);
      addReferralHistory(ctx.db, existing.id, existing.status, at, actor.id, `Assigned to ${to.displayName}`);
      ctx.audit('change', 'referral', String(existing.id));
    }
    return detail(ctx, existing.id);
  },

  'referrals.saveForNewChild': (ctx, input) => {
    const actor = requireActor(ctx);
    const place = checkNewChild(ctx, input.child);
    // Every referral rule is checked before anything is written; the method's transaction still holds both writes.
    if (input.fields.siblingIds.length > 0) {
      throw new ApiError('BAD_INPUT', 'A child not yet on record has no brothers or sisters on record to choose', 'fields.siblingIds');
    }
    checkFields(ctx, { ...input.fields, childId: 1 }, true);
    checkPurpose({ ...input.fields, childId: 1 }, input.child.birthDate);
    const childId = insertChild(ctx.db, {
      ref: newChildRef(ctx),
      firstName: input.child.firstName,
      birthDate: input.child.birthDate,
      sex: input.child.sex,
      councilId: input.child.councilId,
      placeLabel: place.postcode === null && input.child.homeArea ? input.child.homeArea : place.councilName,
      homePostcode: place.postcode,
      homeLat: place.lat,
      homeLon: place.lon,
    });
    ctx.audit('create', 'child', String(childId));
    const fields: ReferralFields = { ...input.fields, childId };
    const id = insertReferral(ctx.db, fields, input.child.councilId, input.asDraft ? 'draft' : 'new', ctx.now().toISOString(), actor.id);
    ctx.audit('create', 'referral', String(id));
    setChildWishes(ctx.db, childId, fields.childWishes);
    return detail(ctx, id);
  },

  'referrals.setStatus': (ctx, input) => {
    const actor = requireActor(ctx);
    const existing = getReferral(ctx.db, input.referralId);
    if (!existing) throw new ApiError('NOT_FOUND', `There is no referral ${input.referralId}.`, 'referralId');
    requireCouncilInScope(ctx, existing.councilId);
    const allowed = REFERRAL_TRANSITIONS[existing.status];
    if (!allowed.includes(input.status)) {
      const next = allowed.map((s) => REFERRAL_STATUS_LABELS[s].toLowerCase()).join(' or ') || 'nothing (it is closed)';
      throw new ApiError('CONFLICT', `A ${existing.status} referral can move to ${next}, not to ${input.status}.`, 'status');
    }
    setReferralStatus(ctx.db, existing.id, input.status, ctx.now().toISOString(), actor.id, input.note);
    ctx.audit('change', 'referral', String(existing.id));
    return detail(ctx, existing.id);
  },
};
