import { DEMO_COUNCILS } from './councils';
import { byIso, monthStart, nthWeekday, weekday } from './dates';
import { addDays } from '../../shared/domain/calendar';
import type { ChildRow, ConstellationRow, EventRow, HomeRow, SleepoverRow } from './model';
import { MAX_SATELLITES } from '../../shared/contract/constellation';
import { latLonToGrid } from '../../shared/geo/grid';
import type { SatelliteKind } from '../../shared/domain/mockingbird';
import { address, adultName, emailFor, landline, mobile, surname, workerName } from './names';
import { canLiveTogether } from './placement';
import type { Providers } from './providers';
import type { SeededRandom } from './random';
import { kmBetween } from './spatial';

/**
 * Mockingbird constellations (The Fostering Network's model): a hub home with two beds kept for
 * sleepovers and short breaks, 6-10 satellite households living nearby, a liaison worker and an
 * out-of-hours line, monthly meetings and social activities, and the hub's bookings, planned and
 * emergency, never two children in one bed on the same night.
 */

/** The councils that run the demo's constellations; the first is the demo hub carer's. */
const DEMO_CONSTELLATION_COUNCILS = ['Bolton', 'Oldham', 'Stockport'];

export function makeConstellations(rng: SeededRandom, homes: readonly HomeRow[], providers: Providers, scale: number): ConstellationRow[] {
  const councils =
    scale === 1
      ? DEMO_CONSTELLATION_COUNCILS.map((name) => DEMO_COUNCILS.findIndex((c) => c.name === name))
      : DEMO_COUNCILS.flatMap((_, i) => Array.from({ length: 3 * Math.max(1, Math.round(scale / 10)) }, () => i));
  const taken = new Set<HomeRow>();
  const names = new Set<string>();
  const constellations: ConstellationRow[] = [];

  for (const ci of councils) {
    const own = homes.filter(
      (h) =>
        h.kind === 'foster' &&
        h.active &&
        h.councilIndex === ci &&
        !taken.has(h) &&
        !h.foster!.kinship &&
        (h.provider === providers.inHouse[ci] || h.provider === providers.rcc),
    );
    const hubChoices = own.filter((h) => h.foster!.yearsApproved >= 4 && h.provider === providers.inHouse[ci]);
    const hub = rng.pick(hubChoices.length > 0 ? hubChoices : own);
    taken.add(hub);
    const satelliteCount = rng.int(6, 10);
    const satellites = own
      .filter((h) => !taken.has(h))
      .map((h) => [h, kmBetween(h, hub)] as const)
      .sort((a, b) => a[1] - b[1] || a[0].id - b[0].id)
      .slice(0, satelliteCount)
      .map(([h]) => h);
    for (const s of satellites) taken.add(s);

    const id = constellations.length + 1;
    const town = hub.placeLabel.split(',')[0]!;
    let name = `${town} Mockingbird constellation`;
    for (let n = 2; names.has(name); n++) name = `${town} Mockingbird constellation ${n}`;
    names.add(name);

    // The hub carer is experienced, at home full time, and keeps two beds for sleepovers.
    const f = hub.foster!;
    hub.isHub = true;
    hub.constellationId = id;
    f.approvalMinAge = 0;
    f.approvalMaxAge = 17;
    f.approvalMaxChildren = 3;
    f.approvalSiblings = true;
    f.approvalSex = null;
    f.feeTier = 4;
    f.skillsTier = 3;
    f.yearsApproved = Math.max(f.yearsApproved, rng.int(6, 15));
    if (!f.specialisms.includes('short_breaks')) f.specialisms.push('short_breaks');
    hub.capacity = 1;
    hub.addressShared = true;
    for (const s of satellites) {
      s.constellationId = id;
      s.addressShared = rng.chance(0.75);
    }
    constellations.push({
      id,
      name,
      councilId: ci + 1,
      hubHomeId: hub.id,
      liaisonWorker: workerName(rng),
      liaisonPhone: mobile(rng),
      outOfHoursPhone: landline(rng),
      hub,
      satellites,
    });
  }
  return constellations;
}

const MEETING_THEMES = [
  'Managing contact well',
  'Life story work',
  'Staying safe online',
  'Education and personal education plans',
  'Looking after yourself as a carer',
  'Moving up to secondary school',
  'Understanding trauma and behaviour',
  'Preparing for the holidays',
  'Allegations: what happens and how we support you',
  'Teenagers and independence',
  'Sleep and bedtime routines',
  'Working with birth families',
];
const ACTIVITIES: Record<number, readonly string[]> = {
  1: ['Bowling afternoon', 'Board games and hot chocolate'],
  2: ['Pancake party', 'Soft play morning'],
  3: ['Spring craft morning', 'Climbing wall taster'],
  4: ['Easter egg hunt', 'Farm visit'],
  5: ['Picnic in the park', 'Nature trail'],
  6: ['Rounders in the park', 'Sports day'],
  7: ['Summer barbecue', 'Water play afternoon'],
  8: ['Day at the seaside', 'Summer fun day'],
  9: ['Back-to-school pizza night', 'Woodland walk'],
  10: ['Halloween party', 'Pumpkin carving'],
  11: ['Bonfire night sparklers', 'Cinema trip'],
  12: ['Christmas party', 'Panto trip'],
};

export function makeEvents(rng: SeededRandom, constellations: readonly ConstellationRow[], today: string): EventRow[] {
  const events: EventRow[] = [];
  for (const c of constellations) {
    const meetingDay = rng.pick([2, 3, 4]); // Tuesday, Wednesday or Thursday
    // Monthly meetings keep one time and place, in school hours or after the children's bedtime.
    const town = c.hub.placeLabel.split(',')[0]!;
    const meetingTime = rng.pick(['10:00', '10:30', '19:00', '19:30']);
    const meetingPlace = rng.pick([`${town} Family Hub`, `${town} Community Centre`, `${c.hub.name} (the hub home)`]);
    const activityPlaces = [`${town} Leisure Centre`, `${town} Park`, `${c.hub.name} (the hub home)`, `${town} Library`];
    const households = [c.hub, ...c.satellites];
    for (let m = -6; m <= 3; m++) {
      const first = monthStart(today, m);
      const month = Number(first.slice(5, 7));
      const meeting = nthWeekday(first, meetingDay, 2);
      const activity = nthWeekday(first, 6, 3);
      const attendance = (date: string) => (date < today ? households.filter((h) => h === c.hub || rng.chance(0.72)).map((h) => h.id) : []);
      events.push({
        id: events.length + 1,
        constellationId: c.id,
        kind: 'meeting',
        title: `Monthly meeting: ${rng.pick(MEETING_THEMES)}`,
        date: meeting,
        startTime: meetingTime,
        place: meetingPlace,
        attendance: attendance(meeting),
      });
      events.push({
        id: events.length + 1,
        constellationId: c.id,
        kind: 'activity',
        title: rng.pick(ACTIVITIES[month]!),
        date: activity,
        startTime: rng.pick(['10:00', '13:00', '14:00']),
        place: rng.pick(activityPlaces),
        attendance: attendance(activity),
      });
    }
  }
  return events;
}

const PLANNED_NOTES = [
  'Regular monthly sleepover.',
  'Planned short break: carers at a family wedding.',
  'Respite weekend agreed at the last review.',
  'Sleepover so the carers can attend a training day.',
  'Birthday treat: wants to see the hub’s dog.',
  'Planned break while the carers’ own child moves to university.',
  '',
];
const EMERGENCY_NOTES = [
  'Carer admitted to hospital overnight.',
  'Family emergency: carer travelling to a funeral.',
  'A night apart agreed with the supervising social worker after a hard week.',
  'Carer unwell; partner working nights.',
  'Burst pipe at home: house uninhabitable for two nights.',
];

function nightsBetween(stay: { startDate: string; endDate: string }): string[] {
  const nights: string[] = [];
  for (let d = stay.startDate; d <= stay.endDate; d = addDays(d, 1)) nights.push(d);
  return nights;
}

/**
 * Mockingbird as practised: a constellation's satellites include special guardianship and adoptive
 * households, who foster nobody (no child in care lives there, no vacancy, no fostering approval),
 * and hubs' approved numbers differ, so on some nights one child living at the hub leaves room for
 * one visitor only. Such households join as new homes after every other (ids above the rest), and
 * this runs with a fork of its own after vacancies are made, so the rest of the region is unchanged.
 */
export function practiseMockingbird(rng: SeededRandom, constellations: readonly ConstellationRow[], homes: HomeRow[]): void {
  let nextHomeId = Math.max(...homes.map((h) => h.id)) + 1;
  let nextCarerId = Math.max(0, ...homes.flatMap((h) => h.carers.map((c) => c.id))) + 1;
  constellations.forEach((c, i) => {
    // The demo hub carer's (first) constellation is approved for 2, so its calendar shows the limit at work.
    if (c.hub.foster) c.hub.foster.approvalMaxChildren = i % 2 === 0 ? Math.max(2, c.hub.placed.length + 1) : 3;
    const kinds: SatelliteKind[] = ['special_guardianship', 'adoptive', ...(rng.chance(0.5) ? (['special_guardianship'] as const) : [])];
    const room = Math.max(0, MAX_SATELLITES - c.satellites.length);
    for (const kind of kinds.slice(0, room)) {
      const near = rng.pick(c.satellites);
      const family = surname(rng);
      // A few streets from the satellite it is placed beside: nearby, as Mockingbird asks.
      const lat = near.lat + rng.int(-20, 20) / 10_000;
      const lon = near.lon + rng.int(-20, 20) / 10_000;
      const grid = latLonToGrid(lat, lon);
      const carerName = adultName(rng, rng.chance(0.7) ? 'F' : 'M', family);
      const home: HomeRow = {
        ...near,
        id: nextHomeId++,
        name: `${family} household`,
        lat,
        lon,
        easting: grid.easting,
        northing: grid.northing,
        phone: '',
        address: address(rng, near.placeLabel.split(',')[0]!),
        addressShared: rng.chance(0.5),
        supervisingSocialWorker: workerName(rng),
        supervisingPhone: mobile(rng),
        householdKind: kind,
        foster: null,
        carers: [],
        placed: [],
      };
      home.carers.push({ id: nextCarerId++, homeId: home.id, name: carerName, phone: mobile(rng), email: emailFor(carerName), isMain: true });
      homes.push(home);
      c.satellites.push(home);
    }
  });
}

function overlaps(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}

/** Stays at each hub over the last eight weeks and the next six; start and end are the first and last nights. */
export function makeSleepovers(rng: SeededRandom, constellations: readonly ConstellationRow[], today: string): SleepoverRow[] {
  const stays: SleepoverRow[] = [];
  for (const c of constellations) {
    const visitors: { child: ChildRow; home: HomeRow }[] = c.satellites.flatMap((home) => home.placed.map((child) => ({ child, home })));
    if (visitors.length === 0) continue;
    const hubChildren = c.hub.placed;
    const accepted: (SleepoverRow & { child: ChildRow })[] = [];
    const first = addDays(today, -56);
    const requests: { start: string; nights: number; kind: 'planned' | 'emergency' }[] = [];
    for (let week = 0; week < 14; week++) {
      const monday = addDays(first, week * 7 + ((8 - weekday(first)) % 7));
      for (let n = rng.int(1, 3); n > 0; n--) requests.push({ start: addDays(monday, rng.pick([4, 4, 5, 2])), nights: rng.pick([1, 1, 2]), kind: 'planned' });
      if (rng.chance(0.35)) requests.push({ start: addDays(monday, rng.int(0, 6)), nights: rng.int(1, 3), kind: 'emergency' });
    }
    for (const req of requests) {
      const { child, home } = rng.pick(visitors);
      const stay = { startDate: req.start, endDate: addDays(req.start, req.nights - 1) };
      const past = stay.endDate < today;
      const mine = stays.filter((s) => s.childId === child.id && s.constellationId === c.id && s.status !== 'declined' && s.status !== 'cancelled');
      if (mine.some((s) => overlaps(s, stay))) continue;
      let status: SleepoverRow['status'] = past
        ? rng.weighted([
            ['accepted', 86],
            ['cancelled', 10],
            ['declined', 4],
          ])
        : req.kind === 'emergency' && stay.startDate <= addDays(today, 1)
          ? 'accepted'
          : rng.weighted([
              ['accepted', 62],
              ['requested', 38],
            ]);
      let bed: 1 | 2 | null = null;
      let note = rng.pick(req.kind === 'planned' ? PLANNED_NOTES : EMERGENCY_NOTES);
      if (status === 'accepted') {
        const during = accepted.filter((s) => overlaps(s, stay));
        const company = [...hubChildren, ...during.map((s) => s.child)];
        const free = ([1, 2] as const).filter((b) => !during.some((s) => s.bed === b));
        // The hub's approved number counts its own children and every child staying, night by night.
        const approved = c.hub.foster?.approvalMaxChildren ?? Infinity;
        const overApproval = nightsBetween(stay).some(
          (night) => hubChildren.length + during.filter((s) => s.startDate <= night && night <= s.endDate).length + 1 > approved,
        );
        if (free.length === 0 || overApproval || !canLiveTogether([child], company)) {
          status = 'declined';
          note =
            free.length === 0
              ? 'Both hub beds were already booked those nights.'
              : overApproval
                ? 'The hub was already at its approved number of children those nights.'
                : 'Could not share the hub with the children already staying those nights.';
        } else bed = free[0]!;
      }
      if (status === 'declined' && note === '') note = 'Hub carers away that weekend.';
      const row: SleepoverRow = { id: 0, constellationId: c.id, fromHomeId: home.id, childId: child.id, bed, ...stay, kind: req.kind, status, note };
      stays.push(row);
      if (status === 'accepted') accepted.push({ ...row, child });
    }
  }
  stays.sort((a, b) => a.constellationId - b.constellationId || byIso(a.startDate, b.startDate));
  stays.forEach((s, i) => (s.id = i + 1));
  return stays;
}
