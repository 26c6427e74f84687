import { z } from 'zod';
import { method } from './method';
import { Id, IsoDate, NoInput } from './common';
import { LIVING_COMPANIONS } from '../domain/placements-standard';
import { daysBetween } from '../domain/calendar';
import { EVENT_TIME_PATTERN, SATELLITE_KINDS } from '../domain/mockingbird';

/**
 * Mockingbird constellations: the hub carer's roster, the hub's two-bed sleepover calendar, the
 * constellation's meetings and note log, and the officers' management and roster packs.
 *
 * What a hub carer may see is decided here, structurally: the dispatcher parses every answer with
 * these schemas and zod drops any key not declared, so a repository that selected too much still
 * cannot leak it. test/contract/hub-carer-scope.test.ts keeps the allowlist of keys a hub carer
 * may receive, walks every method as a hub carer and fails on any other key.
 */

export const SLEEPOVER_KINDS = ['planned', 'emergency'] as const;
export type SleepoverKind = (typeof SLEEPOVER_KINDS)[number];
export const SLEEPOVER_STATUSES = ['requested', 'accepted', 'declined', 'cancelled'] as const;
export type SleepoverStatus = (typeof SLEEPOVER_STATUSES)[number];
export const HUB_BEDS = [1, 2] as const;
export const Bed = z.union([z.literal(1), z.literal(2)]).meta({ label: 'bed' });
export type Bed = z.infer<typeof Bed>;
export const EVENT_KINDS = ['meeting', 'activity'] as const;

/** The longest single stay the calendar takes: short breaks, not placements. */
export const MAX_STAY_NIGHTS = 14;
/** The widest calendar window one call returns. */
export const MAX_CALENDAR_DAYS = 62;
export const NOTE_MAX_CHARS = 1000;
/** Mockingbird's model: a hub supports 6-10 satellite households. */
export const MIN_SATELLITES = 6;
export const MAX_SATELLITES = 10;
export const PASSPHRASE_MIN_CHARS = 12;
/** A roster pack of a full constellation is a few tens of kilobytes; this leaves ample room. */
export const MAX_PACK_BASE64_CHARS = 4_000_000;

const Text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} can have at most ${max} characters`);

/** What a carer's placement plan would tell them about a child: nothing more. */
export const RosterChild = z.object({
  childId: Id,
  firstName: z.string(),
  age: z.number().int(),
  school: z.string(),
  careNotes: z.string(),
  caredForAlongside: z.enum(LIVING_COMPANIONS),
});
export type RosterChild = z.infer<typeof RosterChild>;

export const RosterCarer = z.object({ name: z.string(), phone: z.string(), email: z.string(), isMain: z.boolean() });

export const RosterHousehold = z.object({
  homeId: Id,
  name: z.string(),
  role: z.enum(['hub', 'satellite']),
  /** Foster, special guardianship or adoptive: Mockingbird satellites may be any of these. Packs from before say foster. */
  householdKind: z.enum(SATELLITE_KINDS).default('foster'),
  /** The town or area; never the street address unless the household chose to share it. */
  area: z.string(),
  address: z.string().nullable(),
  phone: z.string(),
  carers: z.array(RosterCarer),
  /** Other people living there, as the household describes them ("birth son, 14"). */
  householdMembers: z.array(z.string()),
  supervisingSocialWorker: z.string(),
  supervisingPhone: z.string(),
  children: z.array(RosterChild),
});
export type RosterHousehold = z.infer<typeof RosterHousehold>;

export const RosterView = z.object({
  constellation: z.object({
    id: Id,
    name: z.string(),
    liaisonWorker: z.string(),
    liaisonPhone: z.string(),
    outOfHoursPhone: z.string(),
  }),
  households: z.array(RosterHousehold),
});
export type RosterView = z.infer<typeof RosterView>;

/** Whether one bed can take a requested stay, and if not, why, in plain English. */
export const BedCheck = z.object({ bed: Bed, ok: z.boolean(), reasons: z.array(z.string()) });

export const SleepoverView = z.object({
  id: Id,
  childId: Id,
  childFirstName: z.string(),
  childAge: z.number().int(),
  caredForAlongside: z.enum(LIVING_COMPANIONS),
  fromHomeId: Id,
  fromHomeName: z.string(),
  bed: Bed.nullable(),
  startDate: IsoDate,
  /** The last night of the stay (a one-night sleepover starts and ends on the same date). */
  endDate: IsoDate,
  kind: z.enum(SLEEPOVER_KINDS),
  status: z.enum(SLEEPOVER_STATUSES),
  note: z.string(),
  /** For requests only: what accepting into each bed would meet. */
  bedChecks: z.array(BedCheck),
});
export type SleepoverView = z.infer<typeof SleepoverView>;

export const CalendarView = z.object({
  constellationId: Id,
  hubHomeName: z.string(),
  /** The hub household's approved number of children (its fostering approval); null when none is recorded. */
  hubApprovedChildren: z.number().int().nullable(),
  from: IsoDate,
  to: IsoDate,
  /** Children placed in the hub home itself, who are there every night. */
  hubChildren: z.array(z.object({ childId: Id, firstName: z.string(), age: z.number().int(), caredForAlongside: z.enum(LIVING_COMPANIONS) })),
  /** Children in satellite households, for whom a stay can be requested. */
  requestableChildren: z.array(z.object({ childId: Id, firstName: z.string(), age: z.number().int(), homeId: Id, homeName: z.string() })),
  stays: z.array(SleepoverView),
});
export type CalendarView = z.infer<typeof CalendarView>;

export const EventView = z.object({
  id: Id,
  kind: z.enum(EVENT_KINDS),
  title: z.string(),
  date: IsoDate,
  /** "HH:MM", or '' for an event recorded before times were kept. */
  startTime: z.string(),
  place: z.string(),
  /** Planned until its start time has come; only then can attendance be recorded. */
  status: z.enum(['planned', 'happened']),
  attendance: z.array(z.object({ homeId: Id, homeName: z.string(), attended: z.boolean() })),
});
export const NoteView = z.object({ id: Id, at: z.string(), author: z.string(), text: z.string() });
export const LifeView = z.object({ constellationId: Id, events: z.array(EventView), notes: z.array(NoteView) });

export const EndingCount = z.object({ reason: z.string(), label: z.string(), count: z.number().int() });

export const ConstellationOverview = z.object({
  id: Id,
  name: z.string(),
  councilId: Id,
  councilName: z.string(),
  hubHomeId: Id,
  hubHomeName: z.string(),
  liaisonWorker: z.string(),
  satelliteCount: z.number().int(),
  childrenPlaced: z.number().int(),
  /** Accepted hub bed-nights in the next 28 days, out of 56. */
  bedNightsBookedNext28: z.number().int(),
  requestsWaiting: z.number().int(),
  endingsLast12Months: z.number().int(),
  endingsByReason: z.array(EndingCount),
});
export type ConstellationOverview = z.infer<typeof ConstellationOverview>;

export const HouseholdOption = z.object({
  homeId: Id,
  name: z.string(),
  area: z.string(),
  councilName: z.string(),
  isHub: z.boolean(),
  householdKind: z.enum(SATELLITE_KINDS),
  constellationId: Id.nullable(),
  constellationName: z.string().nullable(),
  childrenPlaced: z.number().int(),
});
export type HouseholdOption = z.infer<typeof HouseholdOption>;

export const PackSummary = z.object({ constellationName: z.string(), exportedAt: z.string() });
export const ImportedRoster = PackSummary.extend({ importedAt: z.string(), roster: RosterView });

const ConstellationRef = z.object({ constellationId: Id }).strict();
const Passphrase = z
  .string()
  .min(PASSPHRASE_MIN_CHARS, `A passphrase needs at least ${PASSPHRASE_MIN_CHARS} characters`)
  .max(256, 'A passphrase can have at most 256 characters')
  .meta({ label: 'passphrase' });

const HUB_CARER_AND_OFFICERS = ['hub_carer', 'placement_officer', 'administrator'] as const;
const OFFICERS = ['placement_officer', 'administrator'] as const;

export const constellationContract = {
  'constellation.roster': method({
    doc: "A constellation's hub and satellite households, their carers, the children placed there (as a carer's plan would tell) and who to call.",
    input: ConstellationRef,
    output: RosterView,
    access: HUB_CARER_AND_OFFICERS,
    writes: false,
    sensitivity: 'child',
  }),
  'constellation.calendar': method({
    doc: "The hub's two spare beds between two dates: accepted stays, requests waiting with each bed's check, and the hub's own children.",
    input: z
      .object({ constellationId: Id, from: IsoDate.meta({ label: 'first day' }), to: IsoDate.meta({ label: 'last day' }) })
      .strict()
      .refine((v) => v.from <= v.to, { message: 'The calendar must end on or after the day it starts', path: ['to'] })
      .refine((v) => daysBetween(v.from, v.to) < MAX_CALENDAR_DAYS, { message: `Ask for at most ${MAX_CALENDAR_DAYS} days at a time`, path: ['to'] }),
    output: CalendarView,
    access: HUB_CARER_AND_OFFICERS,
    writes: false,
    sensitivity: 'child',
  }),
  'constellation.requestSleepover': method({
    doc: "Records a satellite household's request for a sleepover or short break at the hub, for one night or a range.",
    input: z
      .object({
        constellationId: Id,
        childId: Id.meta({ label: 'child' }),
        startDate: IsoDate.meta({ label: 'first night' }),
        endDate: IsoDate.meta({ label: 'last night' }),
        kind: z.enum(SLEEPOVER_KINDS).meta({ label: 'kind of sleepover' }),
        note: z.string().trim().max(300, 'A note can have at most 300 characters').default('').meta({ label: 'note' }),
      })
      .strict()
      .refine((v) => v.startDate <= v.endDate, { message: 'The last night must be on or after the first night', path: ['endDate'] })
      .refine((v) => daysBetween(v.startDate, v.endDate) < MAX_STAY_NIGHTS, { message: `A stay can be at most ${MAX_STAY_NIGHTS} nights`, path: ['endDate'] }),
    output: SleepoverView,
    access: HUB_CARER_AND_OFFICERS,
    writes: true,
    sensitivity: 'child',
  }),
  'constellation.acceptSleepover': method({
    doc: 'Accepts a requested stay into bed 1 or 2, refusing (with the reason) a bed already taken or children who cannot share the house.',
    input: z.object({ sleepoverId: Id.meta({ label: 'sleepover' }), bed: Bed }).strict(),
    output: SleepoverView,
    access: HUB_CARER_AND_OFFICERS,
    writes: true,
    sensitivity: 'child',
  }),
  'constellation.declineSleepover': method({
    doc: 'Declines a requested stay, with the reason the satellite household will be given.',
    input: z.object({ sleepoverId: Id.meta({ label: 'sleepover' }), reason: Text(300, 'a reason').meta({ label: 'reason' }) }).strict(),
    output: SleepoverView,
    access: HUB_CARER_AND_OFFICERS,
    writes: true,
    sensitivity: 'child',
  }),
  'constellation.cancelSleepover': method({
    doc: 'Cancels a requested or accepted stay, freeing its bed; the record is kept.',
    input: z.object({ sleepoverId: Id.meta({ label: 'sleepover' }), reason: Text(300, 'a reason').meta({ label: 'reason' }) }).strict(),
    output: SleepoverView,
    access: HUB_CARER_AND_OFFICERS,
    writes: true,
    sensitivity: 'child',
  }),
  'constellation.life': method({
    doc: "The constellation's meetings and activities with attendance, and the hub carer's note log.",
    input: ConstellationRef,
    output: LifeView,
    access: HUB_CARER_AND_OFFICERS,
    writes: false,
    sensitivity: 'none',
  }),
  'constellation.addEvent': method({
    doc: 'Plans a monthly meeting or a social activity of the constellation: its day, time and place.',
    input: z
      .object({
        constellationId: Id,
        kind: z.enum(EVENT_KINDS).meta({ label: 'kind of event' }),
        title: Text(120, 'a title').meta({ label: 'title' }),
        date: IsoDate.meta({ label: "event's date" }),
        startTime: z.string().regex(EVENT_TIME_PATTERN, 'Enter the time as HH:MM, for example 19:00').meta({ label: 'start time' }),
        place: Text(120, 'where it is held').meta({ label: 'place' }),
      })
      .strict(),
    output: EventView,
    access: HUB_CARER_AND_OFFICERS,
    writes: true,
    sensitivity: 'none',
  }),
  'constellation.setAttendance': method({
    doc: "Records which of the constellation's households came to a meeting or activity, once it has happened.",
    input: z
      .object({
        eventId: Id.meta({ label: 'event' }),
        attendedHomeIds: z.array(Id).max(20, 'At most 20 households').meta({ label: 'households that attended' }),
      })
      .strict(),
    output: EventView,
    access: HUB_CARER_AND_OFFICERS,
    writes: true,
    sensitivity: 'none',
  }),
  'constellation.addNote': method({
    doc: "Adds a line to the hub carer's log of constellation life (no case recording: nothing about a child's needs or history).",
    input: z.object({ constellationId: Id, text: Text(NOTE_MAX_CHARS, 'a note').meta({ label: 'note' }) }).strict(),
    output: NoteView,
    access: HUB_CARER_AND_OFFICERS,
    writes: true,
    sensitivity: 'none',
  }),
  'constellation.overview': method({
    doc: "Every constellation in the officer's scope with its capacity and stability (placements ended in the last 12 months, by SSDA903 reason).",
    input: NoInput,
    output: z.array(ConstellationOverview),
    access: ['placement_officer', 'commissioner', 'administrator'],
    writes: false,
    sensitivity: 'none',
  }),
  'constellation.households': method({
    doc: "A constellation's households and the foster households that could join it, for officers managing it.",
    input: ConstellationRef,
    output: z.object({ members: z.array(HouseholdOption), candidates: z.array(HouseholdOption) }),
    access: OFFICERS,
    writes: false,
    sensitivity: 'none',
  }),
  'constellation.moveHousehold': method({
    doc: 'Moves a foster household into a constellation as a satellite, or out of its constellation (constellationId null).',
    input: z.object({ homeId: Id.meta({ label: 'household' }), constellationId: Id.nullable() }).strict(),
    output: HouseholdOption,
    access: OFFICERS,
    writes: true,
    sensitivity: 'none',
  }),
  'constellation.assignHub': method({
    doc: "Makes a foster household the constellation's hub home; the previous hub stays on as a satellite.",
    input: z.object({ constellationId: Id, homeId: Id.meta({ label: 'hub household' }) }).strict(),
    output: ConstellationOverview,
    access: OFFICERS,
    writes: true,
    sensitivity: 'none',
  }),
  'constellation.exportRosterPack': method({
    doc: "Exports a constellation's roster as a pack encrypted with a passphrase the officer gives the hub carer separately.",
    input: z.object({ constellationId: Id, passphrase: Passphrase }).strict(),
    output: PackSummary.extend({ fileName: z.string(), packBase64: z.string() }),
    access: OFFICERS,
    writes: false,
    sensitivity: 'child',
  }),
  'constellation.importRosterPack': method({
    doc: 'Imports a roster pack into this copy of the app, replacing the previous one; a wrong passphrase or altered file changes nothing.',
    input: z
      .object({
        packBase64: z
          .string()
          .min(1, 'Choose a roster pack file')
          .max(MAX_PACK_BASE64_CHARS, 'That file is too large to be a roster pack')
          .meta({ label: 'roster pack file' }),
        passphrase: z.string().min(1, 'Enter the passphrase').max(256, 'A passphrase can have at most 256 characters'),
      })
      .strict(),
    output: PackSummary.extend({ importedAt: z.string(), replaced: PackSummary.nullable() }),
    access: ['hub_carer', 'administrator'],
    writes: true,
    sensitivity: 'child',
  }),
  'constellation.importedRoster': method({
    doc: 'The roster pack imported into this copy of the app, if any.',
    input: NoInput,
    output: ImportedRoster.nullable(),
    access: ['hub_carer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
};
