import {
  constellationCounts,
  countAcceptedBedNights,
  countRequestsWaiting,
  countUpcomingStaysFromHome,
  endingsByReason,
  getConstellation,
  getEvent,
  getFosterHome,
  getHubApproval,
  getPlacedChild,
  getRosterPack,
  getSleepover,
  insertEvent,
  insertNote,
  insertSleepoverRequest,
  listCandidateHouseholds,
  listCarers,
  listChildrenInHomes,
  listConstellationRecords,
  listEvents,
  listHouseholds,
  listNotes,
  listSleepoversOverlapping,
  replaceRosterPack,
  setEventAttendance,
  setHomeConstellation,
  setHub,
  updateSleepoverStatus,
  type ConstellationRecord,
  type EventRecord,
  type FosterHomeRecord,
  type HouseholdRecord,
  type PlacedChildRecord,
  type SleepoverRecord,
} from '../../db/repositories/constellations';
import { ApiError, type MethodName, type MethodOutput } from '../../shared/contract';
import { HUB_BEDS, MAX_SATELLITES, RosterView, type ConstellationOverview, type RosterChild, type SleepoverView } from '../../shared/contract/constellation';
import { endingReasonLabel } from '../../shared/domain/endings';
import type { Handlers, ServiceContext } from '../rpc/context';
import { checkBed, normaliseLivingCompanions, type BookedStay, type HubApproval, type StayChild } from './constellationRules';
import { decryptRosterPack, encryptRosterPack, packFromBase64 } from './rosterPack';
import { requireActor, requireConstellationInScope, requireCouncilInScope } from './scope';
import { addDays, ageOn, formatIsoDate, localIsoDate } from '../../shared/domain/calendar';
import { eventHasHappened, SATELLITE_KIND_LABELS } from '../../shared/domain/mockingbird';
import { isScopedToConstellation } from '../../shared/domain/roles';

type ConstellationMethod = Extract<MethodName, `constellation.${string}`>;

const today = (ctx: ServiceContext): string => localIsoDate(ctx.now());

/** The constellation, if it exists and is in the caller's scope. */
function constellationInScope(ctx: ServiceContext, constellationId: number): ConstellationRecord {
  const actor = requireActor(ctx);
  const constellation = getConstellation(ctx.db, constellationId);
  if (!constellation) {
    // A hub carer is told the same for a missing constellation as for someone else's.
    if (isScopedToConstellation(actor.role)) throw new ApiError('FORBIDDEN', 'You can only open your own constellation.');
    throw new ApiError('NOT_FOUND', `There is no constellation ${constellationId}.`, 'constellationId');
  }
  requireConstellationInScope(ctx, constellation);
  return constellation;
}

// ------------------------------------------------------------------ roster

/** "Girl, 14" from the household's list of other children, whatever shape the entries take. */
function describeHouseholdMembers(json: string): string[] {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry): string[] => {
    if (typeof entry === 'string') return entry.trim() ? [entry.trim()] : [];
    if (!entry || typeof entry !== 'object') return [];
    const e = entry as Record<string, unknown>;
    const who = typeof e.relation === 'string' && e.relation ? e.relation : e.sex === 'F' ? 'Girl' : e.sex === 'M' ? 'Boy' : 'Child';
    const label = who.charAt(0).toUpperCase() + who.slice(1);
    return [typeof e.age === 'number' ? `${label}, ${e.age}` : label];
  });
}

function rosterChild(child: PlacedChildRecord, on: string): RosterChild {
  return {
    childId: child.childId,
    firstName: child.firstName,
    age: ageOn(child.birthDate, on),
    school: child.school,
    careNotes: child.careNotes,
    caredForAlongside: normaliseLivingCompanions(child.livingCompanions),
  };
}

function buildRoster(ctx: ServiceContext, constellation: ConstellationRecord): RosterView {
  const households = listHouseholds(ctx.db, constellation.id);
  const homeIds = households.map((h) => h.homeId);
  const carers = listCarers(ctx.db, homeIds);
  const children = listChildrenInHomes(ctx.db, homeIds);
  const on = today(ctx);
  ctx.audit('view', 'constellation_roster', String(constellation.id));
  // Each child on the roster is a consultation of that child's record.
  for (const child of children) ctx.audit('view', 'child', String(child.childId));
  return {
    constellation: {
      id: constellation.id,
      name: constellation.name,
      liaisonWorker: constellation.liaisonWorker,
      liaisonPhone: constellation.liaisonPhone,
      outOfHoursPhone: constellation.outOfHoursPhone,
    },
    households: households.map((h: HouseholdRecord) => ({
      homeId: h.homeId,
      name: h.name,
      role: h.isHub ? ('hub' as const) : ('satellite' as const),
      householdKind: h.householdKind,
      area: h.area,
      address: h.addressShared && h.address.trim() ? h.address : null,
      phone: h.phone,
      carers: carers.filter((c) => c.homeId === h.homeId).map(({ name, phone, email, isMain }) => ({ name, phone, email, isMain })),
      householdMembers: describeHouseholdMembers(h.otherChildrenJson),
      supervisingSocialWorker: h.supervisingSocialWorker,
      supervisingPhone: h.supervisingPhone,
      children: children.filter((c) => c.homeId === h.homeId).map((c) => rosterChild(c, on)),
    })),
  };
}

// ------------------------------------------------------------------ calendar

function stayChild(s: SleepoverRecord): StayChild {
  return { childId: s.childId, firstName: s.childFirstName, birthDate: s.childBirthDate, livingCompanions: normaliseLivingCompanions(s.childLivingCompanions) };
}

function placedStayChild(c: PlacedChildRecord): StayChild {
  return { childId: c.childId, firstName: c.firstName, birthDate: c.birthDate, livingCompanions: normaliseLivingCompanions(c.livingCompanions) };
}

function hubChildrenOf(ctx: ServiceContext, constellation: ConstellationRecord): PlacedChildRecord[] {
  return listChildrenInHomes(ctx.db, [constellation.hubHomeId]);
}

function hubApprovalOf(ctx: ServiceContext, constellation: ConstellationRecord): HubApproval | null {
  const approval = getHubApproval(ctx.db, constellation.hubHomeId);
  return approval && { hubName: constellation.hubHomeName, ...approval };
}

/** What accepting `stay` into each bed would meet, read inside the caller's transaction. */
function bedChecksFor(ctx: ServiceContext, constellation: ConstellationRecord, stay: SleepoverRecord, hubChildren: readonly StayChild[]) {
  const accepted: BookedStay[] = listSleepoversOverlapping(ctx.db, constellation.id, stay.startDate, stay.endDate, ['accepted']).map((s) => ({
    id: s.id,
    child: stayChild(s),
    bed: s.bed,
    startDate: s.startDate,
    endDate: s.endDate,
  }));
  const request = { id: stay.id, child: stayChild(stay), startDate: stay.startDate, endDate: stay.endDate };
  const approval = hubApprovalOf(ctx, constellation);
  return HUB_BEDS.map((bed) => {
    const reasons = checkBed(request, bed, accepted, hubChildren, approval);
    return { bed, ok: reasons.length === 0, reasons };
  });
}

function sleepoverView(stay: SleepoverRecord, bedChecks: SleepoverView['bedChecks'] = []): SleepoverView {
  return {
    id: stay.id,
    childId: stay.childId,
    childFirstName: stay.childFirstName,
    childAge: ageOn(stay.childBirthDate, stay.startDate),
    caredForAlongside: normaliseLivingCompanions(stay.childLivingCompanions),
    fromHomeId: stay.fromHomeId,
    fromHomeName: stay.fromHomeName,
    bed: stay.bed,
    startDate: stay.startDate,
    endDate: stay.endDate,
    kind: stay.kind,
    status: stay.status,
    note: stay.note,
    bedChecks,
  };
}

/** The stay, if it exists and its constellation is in the caller's scope. */
function stayInScope(ctx: ServiceContext, sleepoverId: number): { stay: SleepoverRecord; constellation: ConstellationRecord } {
  const actor = requireActor(ctx);
  const stay = getSleepover(ctx.db, sleepoverId);
  if (!stay) {
    if (isScopedToConstellation(actor.role)) throw new ApiError('NOT_FOUND', `There is no stay ${sleepoverId} in your constellation.`, 'sleepoverId');
    throw new ApiError('NOT_FOUND', `There is no stay ${sleepoverId}.`, 'sleepoverId');
  }
  const constellation = constellationInScope(ctx, stay.constellationId);
  return { stay, constellation };
}

const STATUS_WORDS: Record<SleepoverRecord['status'], string> = {
  requested: 'still waiting for an answer',
  accepted: 'already accepted',
  declined: 'already declined',
  cancelled: 'cancelled',
};

// ------------------------------------------------------------------ life

function eventView(event: EventRecord, households: readonly HouseholdRecord[], now: Date): MethodOutput<'constellation.addEvent'> {
  const attended = new Set(parseAttendance(event.attendanceJson));
  return {
    id: event.id,
    kind: event.kind,
    title: event.title,
    date: event.date,
    startTime: event.startTime,
    place: event.place,
    status: eventHasHappened(event.date, event.startTime, now) ? 'happened' : 'planned',
    attendance: households.map((h) => ({ homeId: h.homeId, homeName: h.name, attended: attended.has(h.homeId) })),
  };
}

/** Home ids that attended: stored as a list of ids, or of {homeId, attended} entries. */
function parseAttendance(json: string): number[] {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry): number[] => {
    if (typeof entry === 'number') return [entry];
    if (!entry || typeof entry !== 'object') return [];
    const e = entry as Record<string, unknown>;
    const id = typeof e.homeId === 'number' ? e.homeId : typeof e.home_id === 'number' ? e.home_id : null;
    const came = e.attended ?? e.present ?? true;
    return id !== null && came !== false ? [id] : [];
  });
}

// ------------------------------------------------------------------ officers

function overviewOf(ctx: ServiceContext, c: ConstellationRecord): ConstellationOverview {
  const db = ctx.db;
  const on = today(ctx);
  const counts = constellationCounts(db, c.id);
  const homeIds = listHouseholds(db, c.id).map((h) => h.homeId);
  const endings = endingsByReason(db, homeIds, addDays(on, -365));
  return {
    id: c.id,
    name: c.name,
    councilId: c.councilId,
    councilName: c.councilName,
    hubHomeId: c.hubHomeId,
    hubHomeName: c.hubHomeName,
    liaisonWorker: c.liaisonWorker,
    satelliteCount: counts.satelliteCount,
    childrenPlaced: counts.childrenPlaced,
    bedNightsBookedNext28: countAcceptedBedNights(db, c.id, on, addDays(on, 27)),
    requestsWaiting: countRequestsWaiting(db, c.id, on),
    endingsLast12Months: endings.reduce((n, e) => n + e.count, 0),
    endingsByReason: endings.map((e) => ({ reason: e.reason, label: endingReasonLabel(e.reason), count: e.count })),
  };
}

function householdOption(h: FosterHomeRecord) {
  return {
    homeId: h.homeId,
    name: h.name,
    area: h.area,
    councilName: h.councilName,
    isHub: h.isHub,
    householdKind: h.householdKind,
    constellationId: h.constellationId,
    constellationName: h.constellationName,
    childrenPlaced: h.childrenPlaced,
  };
}

function fosterHomeInScope(ctx: ServiceContext, homeId: number): FosterHomeRecord {
  const home = getFosterHome(ctx.db, homeId);
  if (!home) throw new ApiError('NOT_FOUND', `There is no home ${homeId}.`, 'homeId');
  requireCouncilInScope(ctx, home.councilId);
  if (home.kind !== 'foster')
    throw new ApiError('CONFLICT', `${home.name} is not a foster household; only foster households can be in a constellation.`, 'homeId');
  return home;
}

/**
 * A hub carer's packs are their own constellation's, matched by name (ids differ between copies
 * of the app); null for an administrator, who on a carer's own laptop is the carer themselves.
 */
function ownConstellationName(ctx: ServiceContext): string | null {
  const actor = requireActor(ctx);
  if (!isScopedToConstellation(actor.role)) return null;
  const own = actor.constellationId === null ? null : getConstellation(ctx.db, actor.constellationId);
  if (!own) throw new ApiError('FORBIDDEN', 'Your account is not linked to a constellation in this copy of the app.');
  return own.name;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'constellation'
  );
}

// ------------------------------------------------------------------ handlers

export const constellationHandlers: Handlers<ConstellationMethod> = {
  'constellation.roster': (ctx, input) => buildRoster(ctx, constellationInScope(ctx, input.constellationId)),

  'constellation.calendar': (ctx, input) => {
    const constellation = constellationInScope(ctx, input.constellationId);
    const hubPlaced = hubChildrenOf(ctx, constellation);
    const hubChildren = hubPlaced.map(placedStayChild);
    const households = listHouseholds(ctx.db, constellation.id).filter((h) => !h.isHub);
    const satelliteChildren = listChildrenInHomes(
      ctx.db,
      households.map((h) => h.homeId),
    );
    const stays = listSleepoversOverlapping(ctx.db, constellation.id, input.from, input.to, ['requested', 'accepted', 'declined']);
    const on = today(ctx);
    ctx.audit('view', 'constellation_calendar', `${constellation.id}:${input.from}..${input.to}`);
    const seen = new Set<number>();
    for (const c of [...hubPlaced, ...satelliteChildren]) seen.add(c.childId);
    for (const s of stays) seen.add(s.childId);
    for (const childId of seen) ctx.audit('view', 'child', String(childId));
    return {
      constellationId: constellation.id,
      hubHomeName: constellation.hubHomeName,
      hubApprovedChildren: getHubApproval(ctx.db, constellation.hubHomeId)?.maxChildren ?? null,
      from: input.from,
      to: input.to,
      hubChildren: hubPlaced.map((c) => ({
        childId: c.childId,
        firstName: c.firstName,
        age: ageOn(c.birthDate, on),
        caredForAlongside: normaliseLivingCompanions(c.livingCompanions),
      })),
      requestableChildren: satelliteChildren.map((c) => ({
        childId: c.childId,
        firstName: c.firstName,
        age: ageOn(c.birthDate, on),
        homeId: c.homeId,
        homeName: households.find((h) => h.homeId === c.homeId)?.name ?? '',
      })),
      stays: stays.map((s) => sleepoverView(s, s.status === 'requested' ? bedChecksFor(ctx, constellation, s, hubChildren) : [])),
    };
  },

  'constellation.requestSleepover': (ctx, input) => {
    const constellation = constellationInScope(ctx, input.constellationId);
    const satellites = listHouseholds(ctx.db, constellation.id).filter((h) => !h.isHub);
    const child = getPlacedChild(ctx.db, input.childId);
    const home = child && satellites.find((h) => h.homeId === child.homeId);
    if (!child || !home) {
      throw new ApiError('NOT_FOUND', 'That child is not placed in one of your satellite households, so a stay cannot be requested for them here.', 'childId');
    }
    if (input.startDate < today(ctx)) throw new ApiError('BAD_INPUT', 'A stay cannot start in the past', 'startDate');
    const clash = listSleepoversOverlapping(ctx.db, constellation.id, input.startDate, input.endDate, ['requested', 'accepted']).find(
      (s) => s.childId === child.childId,
    );
    if (clash) {
      throw new ApiError(
        'CONFLICT',
        `${child.firstName} already has a stay ${clash.status === 'accepted' ? 'booked' : 'requested'} from ${clash.startDate} to ${clash.endDate}; change or cancel that one instead.`,
      );
    }
    const id = insertSleepoverRequest(ctx.db, {
      constellationId: constellation.id,
      fromHomeId: home.homeId,
      childId: child.childId,
      startDate: input.startDate,
      endDate: input.endDate,
      kind: input.kind,
      note: input.note,
    });
    ctx.audit('create', 'sleepover', String(id));
    ctx.audit('change', 'child', String(child.childId));
    const stay = getSleepover(ctx.db, id)!;
    return sleepoverView(stay, bedChecksFor(ctx, constellation, stay, hubChildrenOf(ctx, constellation).map(placedStayChild)));
  },

  'constellation.acceptSleepover': (ctx, input) => {
    // The dispatcher runs this in one transaction: the checks below and the write see the same
    // data, so two acceptances can never both take a bed (SQLite has one writer at a time).
    const { stay, constellation } = stayInScope(ctx, input.sleepoverId);
    if (stay.status !== 'requested') throw new ApiError('CONFLICT', `That stay is ${STATUS_WORDS[stay.status]}, so it cannot be accepted.`);
    const checks = bedChecksFor(ctx, constellation, stay, hubChildrenOf(ctx, constellation).map(placedStayChild));
    const check = checks.find((c) => c.bed === input.bed)!;
    if (!check.ok) {
      throw new ApiError('CONFLICT', `${stay.childFirstName}'s stay cannot go in bed ${input.bed}: ${check.reasons.join(' ')}`, 'bed');
    }
    if (!updateSleepoverStatus(ctx.db, stay.id, 'requested', { status: 'accepted', bed: input.bed, note: stay.note })) {
      throw new ApiError('CONFLICT', 'That stay changed while you were looking at it; refresh the calendar and try again.');
    }
    ctx.audit('accept', 'sleepover', String(stay.id));
    ctx.audit('change', 'child', String(stay.childId));
    return sleepoverView(getSleepover(ctx.db, stay.id)!);
  },

  'constellation.declineSleepover': (ctx, input) => {
    const { stay } = stayInScope(ctx, input.sleepoverId);
    if (stay.status !== 'requested') throw new ApiError('CONFLICT', `That stay is ${STATUS_WORDS[stay.status]}, so it cannot be declined.`);
    updateSleepoverStatus(ctx.db, stay.id, 'requested', { status: 'declined', bed: null, note: input.reason });
    ctx.audit('decline', 'sleepover', String(stay.id));
    ctx.audit('change', 'child', String(stay.childId));
    return sleepoverView(getSleepover(ctx.db, stay.id)!);
  },

  'constellation.cancelSleepover': (ctx, input) => {
    const { stay } = stayInScope(ctx, input.sleepoverId);
    if (stay.status !== 'requested' && stay.status !== 'accepted') {
      throw new ApiError('CONFLICT', `That stay is ${STATUS_WORDS[stay.status]}, so there is nothing to cancel.`);
    }
    updateSleepoverStatus(ctx.db, stay.id, stay.status, { status: 'cancelled', bed: null, note: input.reason });
    ctx.audit('cancel', 'sleepover', String(stay.id));
    ctx.audit('change', 'child', String(stay.childId));
    return sleepoverView(getSleepover(ctx.db, stay.id)!);
  },

  'constellation.life': (ctx, input) => {
    const constellation = constellationInScope(ctx, input.constellationId);
    const households = listHouseholds(ctx.db, constellation.id);
    ctx.audit('view', 'constellation_life', String(constellation.id));
    return {
      constellationId: constellation.id,
      events: listEvents(ctx.db, constellation.id).map((e) => eventView(e, households, ctx.now())),
      notes: listNotes(ctx.db, constellation.id),
    };
  },

  'constellation.addEvent': (ctx, input) => {
    const constellation = constellationInScope(ctx, input.constellationId);
    const id = insertEvent(ctx.db, {
      constellationId: constellation.id,
      kind: input.kind,
      title: input.title,
      date: input.date,
      startTime: input.startTime,
      place: input.place,
    });
    ctx.audit('create', 'constellation_event', String(id));
    return eventView(getEvent(ctx.db, id)!, listHouseholds(ctx.db, constellation.id), ctx.now());
  },

  'constellation.setAttendance': (ctx, input) => {
    const event = getEvent(ctx.db, input.eventId);
    if (!event) throw new ApiError('NOT_FOUND', `There is no meeting or activity ${input.eventId}.`, 'eventId');
    const constellation = constellationInScope(ctx, event.constellationId);
    // Attendance is a record of what happened: a planned meeting has no one at it yet.
    if (!eventHasHappened(event.date, event.startTime, ctx.now())) {
      throw new ApiError(
        'CONFLICT',
        `${event.title} is planned for ${formatIsoDate(event.date)}${event.startTime ? ` at ${event.startTime}` : ''}; attendance can be recorded once it has happened.`,
        'eventId',
      );
    }
    const households = listHouseholds(ctx.db, constellation.id);
    const stranger = input.attendedHomeIds.find((id) => !households.some((h) => h.homeId === id));
    if (stranger !== undefined) throw new ApiError('BAD_INPUT', `Household ${stranger} is not in this constellation`, 'attendedHomeIds');
    setEventAttendance(ctx.db, event.id, [...new Set(input.attendedHomeIds)]);
    ctx.audit('change', 'constellation_event', String(event.id));
    return eventView(getEvent(ctx.db, event.id)!, households, ctx.now());
  },

  'constellation.addNote': (ctx, input) => {
    const actor = requireActor(ctx);
    const constellation = constellationInScope(ctx, input.constellationId);
    const note = insertNote(ctx.db, { constellationId: constellation.id, at: ctx.now().toISOString(), userId: actor.id, text: input.text });
    ctx.audit('create', 'constellation_note', String(note.id));
    return note;
  },

  'constellation.overview': (ctx) => {
    const actor = requireActor(ctx);
    const list = listConstellationRecords(ctx.db, actor.councilId).map((c) => overviewOf(ctx, c));
    ctx.audit('list', 'constellation', `scope=${actor.councilId ?? 'region'};count=${list.length}`);
    return list;
  },

  'constellation.households': (ctx, input) => {
    const actor = requireActor(ctx);
    const constellation = constellationInScope(ctx, input.constellationId);
    const members = listHouseholds(ctx.db, constellation.id).map((h) => householdOption(getFosterHome(ctx.db, h.homeId)!));
    const candidates = listCandidateHouseholds(ctx.db, constellation.id, actor.councilId).map(householdOption);
    ctx.audit('view', 'constellation_households', String(constellation.id));
    return { members, candidates };
  },

  'constellation.moveHousehold': (ctx, input) => {
    const home = fosterHomeInScope(ctx, input.homeId);
    const on = today(ctx);
    if (home.isHub) {
      throw new ApiError(
        'CONFLICT',
        `${home.name} is the hub of ${home.constellationName ?? 'its constellation'}; make another household the hub first.`,
        'homeId',
      );
    }
    if (home.constellationId === input.constellationId) return householdOption(home);
    if (home.constellationId !== null && countUpcomingStaysFromHome(ctx.db, home.homeId, on) > 0) {
      throw new ApiError(
        'CONFLICT',
        `${home.name} has sleepovers requested or booked at ${home.constellationName ?? 'its hub'}; let them finish or cancel them before moving the household.`,
        'homeId',
      );
    }
    if (input.constellationId !== null) {
      const target = constellationInScope(ctx, input.constellationId);
      const satellites = constellationCounts(ctx.db, target.id).satelliteCount;
      if (satellites >= MAX_SATELLITES) {
        throw new ApiError(
          'CONFLICT',
          `${target.name} already has ${satellites} satellite households; a Mockingbird hub supports at most ${MAX_SATELLITES}.`,
          'constellationId',
        );
      }
    }
    setHomeConstellation(ctx.db, home.homeId, input.constellationId);
    ctx.audit('change', 'home', String(home.homeId));
    return householdOption(getFosterHome(ctx.db, home.homeId)!);
  },

  'constellation.assignHub': (ctx, input) => {
    const constellation = constellationInScope(ctx, input.constellationId);
    const home = fosterHomeInScope(ctx, input.homeId);
    if (home.homeId === constellation.hubHomeId) return overviewOf(ctx, constellation);
    if (home.isHub) throw new ApiError('CONFLICT', `${home.name} is already the hub of ${home.constellationName ?? 'another constellation'}.`, 'homeId');
    if (home.householdKind !== 'foster') {
      throw new ApiError(
        'CONFLICT',
        `${home.name} is recorded as: ${SATELLITE_KIND_LABELS[home.householdKind]}. A hub home must be a foster household, approved for the sleepovers it offers.`,
        'homeId',
      );
    }
    if (home.constellationId !== null && home.constellationId !== constellation.id) {
      throw new ApiError(
        'CONFLICT',
        `${home.name} is a satellite of ${home.constellationName ?? 'another constellation'}; move it into ${constellation.name} first.`,
        'homeId',
      );
    }
    setHub(ctx.db, constellation.id, home.homeId);
    ctx.audit('change', 'constellation', String(constellation.id));
    return overviewOf(ctx, getConstellation(ctx.db, constellation.id)!);
  },

  'constellation.exportRosterPack': (ctx, input) => {
    const constellation = constellationInScope(ctx, input.constellationId);
    const roster = buildRoster(ctx, constellation);
    const exportedAt = ctx.now().toISOString();
    const pack = encryptRosterPack({ constellationName: constellation.name, exportedAt, roster }, input.passphrase);
    ctx.audit('export', 'constellation_roster', String(constellation.id));
    return {
      constellationName: constellation.name,
      exportedAt,
      fileName: `roster-${slug(constellation.name)}-${exportedAt.slice(0, 10)}.rccpack`,
      packBase64: pack.toString('base64'),
    };
  },

  'constellation.importRosterPack': (ctx, input) => {
    const contents = decryptRosterPack(packFromBase64(input.packBase64), input.passphrase);
    const own = ownConstellationName(ctx);
    if (own !== null && contents.constellationName !== own) {
      throw new ApiError(
        'FORBIDDEN',
        `This pack is the roster of ${contents.constellationName}; you can only import your own constellation's roster. Nothing was imported.`,
      );
    }
    const sameConstellation = getRosterPack(ctx.db, contents.constellationName);
    if (sameConstellation && sameConstellation.exportedAt > contents.exportedAt) {
      throw new ApiError(
        'CONFLICT',
        `This pack was exported on ${contents.exportedAt.slice(0, 10)}, before the one already imported (${sameConstellation.exportedAt.slice(0, 10)}); ask the officer for the newest pack. Nothing was imported.`,
      );
    }
    // On a carer's own laptop (own === null) the copy keeps one roster, whichever constellation the
    // old pack was for; in a region copy a hub carer's pack replaces only their constellation's.
    const previous = own === null ? getRosterPack(ctx.db, null) : sameConstellation;
    const importedAt = ctx.now().toISOString();
    replaceRosterPack(
      ctx.db,
      { constellationName: contents.constellationName, exportedAt: contents.exportedAt, importedAt, rosterJson: JSON.stringify(contents.roster) },
      own === null ? 'every' : 'same-constellation',
    );
    ctx.audit('import', 'roster_pack', contents.constellationName.slice(0, 80));
    for (const h of contents.roster.households) for (const c of h.children) ctx.audit('import', 'child', `pack:${c.childId}`);
    return {
      constellationName: contents.constellationName,
      exportedAt: contents.exportedAt,
      importedAt,
      replaced: previous ? { constellationName: previous.constellationName, exportedAt: previous.exportedAt } : null,
    };
  },

  'constellation.importedRoster': (ctx) => {
    const pack = getRosterPack(ctx.db, ownConstellationName(ctx));
    ctx.audit('view', 'roster_pack', pack ? pack.constellationName.slice(0, 80) : 'none');
    if (!pack) return null;
    const roster = RosterView.parse(JSON.parse(pack.rosterJson));
    return { constellationName: pack.constellationName, exportedAt: pack.exportedAt, importedAt: pack.importedAt, roster };
  },
};
