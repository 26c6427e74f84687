import type { DistanceReason, PlacementType } from '../../shared/domain/placements-standard';
import { isUnplannedEnding } from '../../shared/domain/endings';
import { placeProviderFor } from '../../shared/domain/placing';
import { milesBetween } from '../../shared/scoring/distance';
import { DEFAULT_POLICY } from '../../shared/scoring/policy';
import type { Place } from '../../shared/scoring/types';
import { DEMO_COUNCILS } from './councils';
import { eighteenthBirthday } from './children';
import { byIso } from './dates';
import { addDays, addYears, ageOn, dayNumber, daysBetween, yearsBetween } from '../../shared/domain/calendar';
import type { ChildRow, EpisodeRow, HomeRow, MissingRow, PlacementRow, Setting } from './model';
import { schoolName, workerName } from './names';
import { neededCategories } from './placement';
import { priceOn, splitPrice } from './pricing';
import type { UrnRegister } from './providers';
import type { SeededRandom } from './random';
import type { HomeIndexes } from './spatial';

/**
 * Each child's time in care as SSDA903 episodes: a new episode at every change of placement or
 * legal status (RNE S, P, L, B, T, U), place and provider codes, the reason each placement ended,
 * the home where it was in the region and its distance in miles by the DfE method. Most children
 * have had one or two placements; older children, those with more complex needs and those in care
 * longer have had more, with a tail of many moves. Placements in the region's homes in the last
 * three years are also written as placements with their weekly cost, start, end and reason.
 */

/** Reason episode ceased: X1, the episode ended and a new one began (every child here is still in care). */
const REC_NEW_EPISODE = 'X1';
const FOREVER = '9999-12-31';
/** Placements that ended within this many days are kept in the placements table too. */
const PLACEMENT_TABLE_DAYS = 3 * 365;

type StintKind = Exclude<Setting, 'awaiting'>;

interface Stint {
  start: string;
  /** First day somewhere else; null while current. */
  end: string | null;
  kind: StintKind;
  home: HomeRow | null;
  outMiles: number | null;
  /** When a short-term arrangement became long-term with the same carers (RNE T). */
  longTermFrom: string | null;
  longTermAtStart: boolean;
  /** Why it ended (SSDA903 REASON_PLACE_CHANGE), for ended stints. */
  reason: string | null;
  urn: string | null;
}

export interface HistoryContext {
  rng: SeededRandom;
  today: string;
  indexes: HomeIndexes;
  urns: UrnRegister;
}

export interface HistoryResult {
  episodes: EpisodeRow[];
  placements: PlacementRow[];
  missing: MissingRow[];
}

function placeOf(child: { homeLat: number; homeLon: number; homeGrid: { easting: number; northing: number } }): Place {
  return { lat: child.homeLat, lon: child.homeLon, grid: child.homeGrid };
}

export function homePlace(home: HomeRow): Place {
  return { lat: home.lat, lon: home.lon, grid: { easting: home.easting, northing: home.northing } };
}

/** Placements in a home that overlap [start, end), as day numbers. */
function overlapCount(home: HomeRow, start: number, end: number): number {
  let n = 0;
  for (const [s, e, children] of home.stays) if (s < end && start < e) n += children;
  return n;
}

const FOREVER_DAY = dayNumber(FOREVER);

function previousKind(rng: SeededRandom, final: StintKind, ageAtStart: number): StintKind {
  let kind: StintKind;
  switch (final) {
    case 'foster':
      kind = rng.weighted<StintKind>([
        ['foster', 85],
        ['kinship', 4],
        ['residential', 5],
        ['parents', 4],
        ['other', 2],
      ]);
      break;
    case 'kinship':
      kind = rng.weighted<StintKind>([
        ['foster', 85],
        ['parents', 15],
      ]);
      break;
    case 'residential':
      kind = rng.weighted<StintKind>([
        ['foster', 62],
        ['residential', 33],
        ['secure', 3],
        ['kinship', 2],
      ]);
      break;
    case 'secure':
      kind = rng.weighted<StintKind>([
        ['residential', 60],
        ['foster', 40],
      ]);
      break;
    case 'supported':
      kind = rng.weighted<StintKind>([
        ['foster', 50],
        ['residential', 20],
        ['supported', 30],
      ]);
      break;
    case 'parents':
      kind = rng.weighted<StintKind>([
        ['foster', 90],
        ['kinship', 10],
      ]);
      break;
    default:
      kind = 'foster';
  }
  if (kind === 'supported' && ageAtStart < 16) kind = 'foster';
  if ((kind === 'residential' || kind === 'other') && ageAtStart < 8) kind = 'foster';
  if (kind === 'secure' && ageAtStart < 12) kind = 'residential';
  if (kind === 'residential' && ageAtStart < 8) kind = 'foster';
  return kind;
}

function endingReason(rng: SeededRandom, from: StintKind, to: StintKind, child: ChildRow, ageAtEnd: number): string {
  const z = Math.max(0, child.complexity);
  const teen = ageAtEnd >= 12 ? 1 : 0;
  if (to === 'other' && child.legalStatus.startsWith('J')) return 'CUSTOD';
  if (from === 'residential' && to === 'foster') {
    return rng.weighted([
      ['CARPL', 60],
      ['CHILD', 10],
      ['LAREQ', 10],
      ['CLOSE', 5],
      ['CREQB', 10],
      ['OTHER', 5],
    ]);
  }
  if (from === 'foster' && (to === 'residential' || to === 'secure')) {
    return rng.weighted([
      ['CREQB', 45],
      ['CARPL', 25],
      ['LAREQ', 10],
      ['CHILD', 5],
      ['ALLEG', 5],
      ['STAND', 3],
      ['OTHER', 7],
    ]);
  }
  return rng.weighted([
    ['CARPL', 34],
    ['CREQB', 12 * (1 + z + teen)],
    ['CREQO', 9],
    ['CHILD', 5 * (1 + teen + z)],
    ['LAREQ', 11],
    ['ALLEG', 3],
    ['STAND', 3],
    ['APPRR', 3],
    ['CLOSE', 2],
    ['OTHER', 5],
  ]);
}

/** Sorted distinct move days strictly after the start and before today, at least a week apart. */
function moveDates(rng: SeededRandom, start: string, today: string, count: number): string[] {
  const days = daysBetween(start, today);
  if (count <= 0 || days < 10) return [];
  const picks = new Set<number>();
  for (let tries = 0; picks.size < count && tries < count * 8; tries++) picks.add(rng.int(7, days - 1));
  const sorted = [...picks].sort((a, b) => a - b);
  const kept: number[] = [];
  for (const d of sorted) if (kept.length === 0 || d - kept[kept.length - 1]! >= 7) kept.push(d);
  return kept.map((d) => addDays(start, d));
}

function moveCount(rng: SeededRandom, child: ChildRow, today: string): number {
  const years = yearsBetween(child.careStart, today);
  const ageAtEntry = ageOn(child.birthDate, child.careStart);
  const z = Math.max(0, child.complexity);
  let rate = child.uasc ? 0.35 : 0.2 + (ageAtEntry >= 11 ? 0.3 : 0) + 0.3 * z;
  if (child.setting === 'residential' || child.setting === 'secure') rate += 0.25;
  let moves = rng.poisson(rate * years);
  // The tail: children who entered older with the most complex needs move far more often.
  if (z > 1.2 && ageAtEntry >= 10 && years > 1) moves += rng.poisson(2 + 2 * z);
  const days = daysBetween(child.careStart, today);
  moves = Math.min(moves, Math.floor(days / 21), 24);
  const mustHaveMoved =
    child.setting === 'adoption' ||
    ((child.setting === 'residential' || child.setting === 'secure') && ageAtEntry < 11) ||
    (child.setting === 'supported' && ageAtEntry < 16);
  if (mustHaveMoved && days >= 30) moves = Math.max(1, moves);
  return moves;
}

/** The legal statuses a child has had, from the day they came into care, oldest first. */
function legalTimeline(rng: SeededRandom, child: ChildRow, today: string): { date: string; ls: string }[] {
  const start = child.careStart;
  const days = daysBetween(start, today);
  const final = child.legalStatus;
  const within = (d: number) => (d > 0 && d < days ? addDays(start, d) : null);
  if (final === 'C2' && days > 200 && !child.uasc) {
    const first = rng.weighted([
      ['C1', 60],
      ['V2', 28],
      ['L2', 12],
    ]);
    const events = [{ date: start, ls: first }];
    if (first === 'L2') {
      const c1 = within(rng.int(3, 8));
      if (c1) events.push({ date: c1, ls: 'C1' });
    }
    const c2 = within(Math.min(days - 1, rng.int(150, 330)));
    if (c2 && c2 > events[events.length - 1]!.date) events.push({ date: c2, ls: 'C2' });
    return events;
  }
  if (final === 'E1') {
    const events = [{ date: start, ls: 'C1' }];
    const e1 = within(Math.min(days - 30, rng.int(240, 330)));
    if (e1) events.push({ date: e1, ls: 'E1' });
    else events[0]!.ls = 'E1';
    return events;
  }
  if (final === 'C1' && days > 10 && rng.chance(0.15)) {
    const c1 = within(rng.int(3, 8));
    return c1
      ? [
          { date: start, ls: 'L2' },
          { date: c1, ls: 'C1' },
        ]
      : [{ date: start, ls: 'C1' }];
  }
  return [{ date: start, ls: final }];
}

/** The SSDA903 PLACE code for a stint on a day. */
function placeCode(stint: Stint, child: ChildRow, on: string): string {
  const longTerm = stint.longTermAtStart || (stint.longTermFrom !== null && on >= stint.longTermFrom);
  switch (stint.kind) {
    case 'foster':
      return longTerm ? 'U4' : 'U6';
    case 'kinship':
      return longTerm ? 'U1' : 'U3';
    case 'residential':
      return 'K2';
    case 'secure':
      return 'K1';
    case 'supported':
      return 'K3';
    case 'parents':
      return 'P1';
    case 'adoption':
      return 'A6';
    default:
      return child.disability ? 'S1' : child.legalStatus.startsWith('J') ? 'R5' : 'Z14';
  }
}

function placeProvider(rng: SeededRandom, stint: Stint, child: ChildRow, code: string): string {
  const home = stint.home;
  // The app's own rule (shared/domain/placing.ts), with council indexes standing in for ids.
  if (home)
    return placeProviderFor(
      { ownership: home.provider.ownership, regional: home.provider.providerType === 'rcc', councilId: home.councilIndex },
      child.councilIndex,
    );
  if (code === 'P1') return 'PR0';
  if (code === 'R5') return 'PR3';
  if (code.startsWith('U1') || code === 'U3' || code.startsWith('A')) return 'PR1';
  return rng.weighted([
    ['PR4', 80],
    ['PR5', 15],
    ['PR2', 5],
  ]);
}

const SETTING_TYPE: Partial<Record<StintKind, PlacementType>> = {
  foster: 'Foster',
  kinship: 'Foster',
  residential: 'Residential',
  secure: 'Residential',
  supported: 'Supported Accommodation',
};

/** The demo region is generated under the default policy, so its distance line is the policy's default. */
const DISTANCE_LINE_MILES = DEFAULT_POLICY.distance.twentyMileLine;

function distanceReason(rng: SeededRandom, miles: number, child: ChildRow): DistanceReason {
  if (miles <= DISTANCE_LINE_MILES) return 'Not applicable';
  if (child.risks.includes('riskCriminalExploitation') || child.risks.includes('riskSexualExploitation'))
    return rng.chance(0.7) ? 'Safeguarding' : 'Provision within distance exists but unavailable';
  return rng.weighted<DistanceReason>([
    ['Provision within distance exists but unavailable', 40],
    ['Provision within distance does not exist', 25],
    ['Safeguarding', 15],
    ['Child or parent preference', 10],
    ['Carer moving', 5],
    ['Legal', 5],
  ]);
}

function rationale(rng: SeededRandom, home: HomeRow, child: ChildRow, together: number, miles: number, schoolKept: boolean): string {
  const parts: string[] = [];
  if (home.foster?.kinship) parts.push('Family and friends carers assessed and approved for this child.');
  else if (home.kind === 'foster')
    parts.push(home.provider.providerType === 'ifa' ? 'No in-house carer available who could meet the plan; IFA carer matched.' : 'In-house carer matched.');
  else if (home.kind === 'residential')
    parts.push(
      home.residential!.secure
        ? 'Secure accommodation order granted.'
        : 'Needs a children’s home registered for their needs; foster care considered and not suitable at this time.',
    );
  else parts.push('Ready to build independence skills with staff support.');
  if (together > 0) parts.push(together === 1 ? 'Keeps the child with a brother or sister.' : `Keeps ${together + 1} siblings together.`);
  if (schoolKept && child.schoolLabel) parts.push('Keeps the same school.');
  if (miles <= 5) parts.push('Close to family and friends.');
  else if (miles > DISTANCE_LINE_MILES) parts.push('Placed at a distance: see the reason recorded.');
  if (parts.length < 3 && rng.chance(0.5))
    parts.push(rng.pick(['The child met the carers first and chose to go ahead.', 'Matched at the placement panel.', 'Emergency placement later confirmed.']));
  return parts.join(' ');
}

/** Officers who agree placements and costs, a few per council, invented. */
export class OfficerPool {
  private readonly byCouncil: string[][];
  private readonly socialWorkers = new Map<number, string>();

  constructor(private readonly rng: SeededRandom) {
    this.byCouncil = DEMO_COUNCILS.map(() => [workerName(rng), workerName(rng), workerName(rng)]);
  }

  placementOfficer(councilIndex: number): string {
    return this.rng.pick(this.byCouncil[councilIndex]!);
  }

  /** The child's social worker (kept for the child's time here). */
  socialWorker(child: ChildRow): string {
    let name = this.socialWorkers.get(child.id);
    if (!name) {
      name = workerName(this.rng);
      this.socialWorkers.set(child.id, name);
    }
    return name;
  }
}

interface Unit {
  children: ChildRow[];
  stints: Stint[];
}

/** Builds every child's history; children placed together share theirs. */
export function makeHistories(ctx: HistoryContext, children: readonly ChildRow[], officers: OfficerPool): HistoryResult {
  const { rng, today } = ctx;

  // Units: children of one family in the same current home share one timeline.
  const units: Unit[] = [];
  const unitByKey = new Map<string, Unit>();
  for (const c of children) {
    if (c.setting === 'awaiting') continue;
    const key = c.home ? `${c.familyId}:${c.home.id}` : `child:${c.id}`;
    let unit = unitByKey.get(key);
    if (!unit) {
      unit = { children: [], stints: [] };
      unitByKey.set(key, unit);
      units.push(unit);
    }
    unit.children.push(c);
  }

  // Pass 1: move dates and the current stint of every unit, so homes know who lives there now.
  for (const unit of units) {
    unit.children.sort((a, b) => byIso(a.careStart, b.careStart) || byIso(a.birthDate, b.birthDate));
    const lead = unit.children[0]!;
    const final = lead.setting as StintKind;
    const dates = [lead.careStart, ...moveDates(rng, lead.careStart, today, moveCount(rng, lead, today))];
    // Supported accommodation (K3) is for 16 and 17 year olds: the move there came at 16 or later.
    const sixteen = addYears(lead.birthDate, 16);
    if (final === 'supported' && dates[dates.length - 1]! < sixteen) {
      const move = addDays(sixteen, rng.int(0, 120));
      dates.push(move < today ? move : sixteen);
    }
    for (let i = 0; i < dates.length; i++) {
      const start = dates[i]!;
      const end = dates[i + 1] ?? null;
      const kind = end === null ? final : previousKind(rng, final, ageOn(lead.birthDate, start));
      unit.stints.push({ start, end, kind, home: null, outMiles: null, longTermFrom: null, longTermAtStart: false, reason: null, urn: null });
    }
    const current = unit.stints[unit.stints.length - 1]!;
    current.home = lead.home;
    current.outMiles = lead.home
      ? null
      : (lead.outOfRegionMiles ?? (final === 'parents' ? 0 : Math.round(rng.float(final === 'adoption' ? 5 : 8, final === 'adoption' ? 45 : 60) * 10) / 10));
    if (lead.home) lead.home.stays.push([dayNumber(current.start), FOREVER_DAY, unit.children.length]);
    for (const c of unit.children) c.placedSince = current.start < c.careStart ? c.careStart : current.start;
  }

  // Pass 2: homes for earlier stints, within each home's places at the time, and why each ended.
  for (const unit of units) {
    const lead = unit.children[0]!;
    const at = { lat: lead.homeLat, lon: lead.homeLon };
    for (let i = 0; i < unit.stints.length - 1; i++) {
      const stint = unit.stints[i]!;
      const next = unit.stints[i + 1]!;
      const end = stint.end!;
      const ageAtStart = ageOn(lead.birthDate, stint.start);
      const members = unit.children.filter((c) => c.careStart < end);
      const ages = members.map((c) => ageOn(c.birthDate, stint.start < c.careStart ? c.careStart : stint.start));
      // A child rarely goes back to carers they have left, so each earlier stint is somewhere new.
      const avoid = new Set([lead.home, ...unit.stints.slice(0, i).map((s) => s.home)]);
      const needs = neededCategories(lead);
      if (stint.kind === 'foster' || stint.kind === 'residential' || stint.kind === 'supported' || stint.kind === 'secure') {
        const outChance = stint.kind === 'residential' ? 0.35 : stint.kind === 'supported' ? 0.05 : stint.kind === 'secure' ? 0.5 : 0.07;
        const from = dayNumber(stint.start);
        const to = dayNumber(end);
        const room = (h: HomeRow) => !avoid.has(h) && h.capacity - overlapCount(h, from, to) >= members.length;
        const fits = (h: HomeRow): boolean => {
          if (stint.kind === 'foster') {
            const f = h.foster;
            if (!f || f.kinship || h.isHub) return false;
            if (members.length > 1 && !f.approvalSiblings) return false;
            return (
              ages.every((a) => a >= f.approvalMinAge && a <= f.approvalMaxAge) && members.every((c) => !f.approvalSex || f.approvalSex === c.sex) && room(h)
            );
          }
          if (stint.kind === 'supported') return h.supported !== null && ageAtStart >= 16 && room(h);
          const r = h.residential;
          if (!r || r.secure !== (stint.kind === 'secure') || ageAtStart < r.minAge) return false;
          for (const c of needs) if (!(r.categories as string[]).includes(c)) return false;
          return room(h);
        };
        const index = stint.kind === 'foster' ? ctx.indexes.foster : stint.kind === 'supported' ? ctx.indexes.supported : ctx.indexes.residential;
        stint.home = rng.chance(outChance) ? null : index.best(at, fits, (h, km) => km + rng.float(0, 6) + (h.provider.providerType === 'ifa' ? 3 : 0), 4, 8);
        if (stint.home) stint.home.stays.push([from, to, members.length]);
        // Out of the region's homes: beyond the distance line.
        else stint.outMiles = Math.round(rng.float(DISTANCE_LINE_MILES + 1, stint.kind === 'residential' || stint.kind === 'secure' ? 150 : 80) * 10) / 10;
      } else if (stint.kind === 'kinship') stint.outMiles = Math.round(rng.float(0.3, 6) * 10) / 10;
      else if (stint.kind === 'parents') stint.outMiles = 0;
      else stint.outMiles = Math.round(rng.float(8, 60) * 10) / 10;
      stint.reason = endingReason(rng, stint.kind, next.kind, lead, ageOn(lead.birthDate, end));
    }
    // Short-term arrangements that lasted often became long-term with the same carers (RNE T).
    for (const stint of unit.stints) {
      if (stint.kind !== 'foster' && stint.kind !== 'kinship') continue;
      const length = daysBetween(stint.start, stint.end ?? today);
      if (stint !== unit.stints[0] && lead.legalStatus === 'C2' && rng.chance(0.3)) stint.longTermAtStart = true;
      else if (length > 320 && rng.chance(0.55)) stint.longTermFrom = addDays(stint.start, rng.int(200, Math.min(length - 20, 420)));
    }
    for (const stint of unit.stints) {
      if (!stint.home && stint.kind !== 'parents' && stint.kind !== 'adoption' && stint.kind !== 'kinship') stint.urn = ctx.urns.next();
    }
  }

  // Pass 3: episodes, placements and missing episodes, child by child.
  const episodes: EpisodeRow[] = [];
  const placements: PlacementRow[] = [];
  const missing: MissingRow[] = [];
  for (const unit of units) {
    for (const child of unit.children) {
      writeChildHistory(ctx, child, unit, episodes, placements, officers);
      child.priorResidential = unit.stints.some((s) => s.end !== null && s.end > child.careStart && (s.kind === 'residential' || s.kind === 'secure'));
    }
  }
  for (const c of children) {
    if (!c.risks.includes('riskMissing') || c.setting === 'awaiting') continue;
    const days = Math.min(365, daysBetween(c.careStart, today));
    if (days < 3) continue;
    const starts = new Set<number>();
    for (let n = rng.poisson(2.5) + 1; n > 0; n--) starts.add(rng.int(1, days));
    for (const d of [...starts].sort((a, b) => b - a)) {
      const start = addDays(today, -d);
      const length = rng.weighted([
        [0, 45],
        [1, 35],
        [2, 12],
        [3, 8],
      ]);
      const end = d - length <= 0 ? null : addDays(start, length);
      missing.push({ id: missing.length + 1, childId: c.id, kind: rng.chance(0.8) ? 'M' : 'A', startDate: start, endDate: end });
    }
  }
  episodes.sort((a, b) => a.childId - b.childId || byIso(a.decom, b.decom));
  episodes.forEach((e, i) => (e.id = i + 1));
  placements.sort((a, b) => byIso(a.startDate, b.startDate) || a.childId - b.childId);
  placements.forEach((p, i) => (p.id = i + 1));
  return { episodes, placements, missing };
}

function writeChildHistory(ctx: HistoryContext, child: ChildRow, unit: Unit, episodes: EpisodeRow[], placements: PlacementRow[], officers: OfficerPool): void {
  const { rng, today } = ctx;
  const stints = unit.stints.filter((s) => s.end === null || s.end > child.careStart);
  const stintStart = (s: Stint) => (s.start < child.careStart ? child.careStart : s.start);
  const legal = legalTimeline(rng, child, today);
  const childPlace = placeOf(child);

  // Episode boundaries: every placement start, legal change and change to long-term, merged by day.
  const marks = new Map<string, { placement: boolean; legal: boolean; sameCarer: boolean }>();
  const mark = (date: string, what: 'placement' | 'legal' | 'sameCarer') => {
    const m = marks.get(date) ?? { placement: false, legal: false, sameCarer: false };
    m[what] = true;
    marks.set(date, m);
  };
  stints.forEach((s) => mark(stintStart(s), 'placement'));
  legal.forEach((l) => mark(l.date, 'legal'));
  stints.forEach((s) => s.longTermFrom && s.longTermFrom > stintStart(s) && (s.end === null || s.longTermFrom < s.end) && mark(s.longTermFrom, 'sameCarer'));
  const dates = [...marks.keys()].sort();
  const stintOn = (d: string) => stints.find((s) => stintStart(s) <= d && (s.end === null || d < s.end))!;
  const lsOn = (d: string) => legal.filter((l) => l.date <= d).at(-1)!.ls;

  dates.forEach((d, i) => {
    const m = marks.get(d)!;
    const stint = stintOn(d);
    const next = dates[i + 1] ?? null;
    const nextMark = next ? marks.get(next)! : null;
    const place = placeCode(stint, child, d);
    const rne = i === 0 ? 'S' : m.placement && m.legal ? 'B' : m.placement ? 'P' : m.sameCarer && m.legal ? 'U' : m.sameCarer ? 'T' : 'L';
    const miles = stint.home ? milesBetween(childPlace, homePlace(stint.home)) : stint.outMiles;
    episodes.push({
      id: 0,
      childId: child.id,
      decom: d,
      rne,
      ls: lsOn(d),
      cin: child.categoryOfNeed,
      place,
      placeProvider: placeProvider(rng, stint, child, place),
      dec: next,
      rec: next ? REC_NEW_EPISODE : null,
      reasonPlaceChange: nextMark?.placement ? stint.reason : nextMark?.sameCarer ? 'PLACE' : null,
      urn: stint.home ? (stint.home.urn ?? stint.home.provider.urn) : stint.urn,
      homeId: stint.home?.id ?? null,
      distanceMiles: miles,
    });
  });

  // Placements in the region's homes: the current one, and those that ended in the last three years.
  const siblingsWith = (stint: Stint) => unit.children.filter((c) => c !== child && (stint.end === null || c.careStart < stint.end)).length;
  for (const stint of stints) {
    const home = stint.home;
    if (!home) continue;
    if (stint.end !== null && daysBetween(stint.end, today) > PLACEMENT_TABLE_DAYS) continue;
    const start = stintStart(stint);
    const miles = milesBetween(childPlace, homePlace(home));
    const schoolKept =
      child.schoolLat === null || child.schoolLon === null || milesBetween({ lat: child.schoolLat, lon: child.schoolLon }, homePlace(home)) <= 8;
    const together = siblingsWith(stint);
    placements.push(placementRow(ctx, child, home, stint, start, miles, schoolKept, together, officers));
  }
  // A child placed far from their school for a while has usually moved school by now.
  const current = stints[stints.length - 1]!;
  if (current.home && child.schoolLat !== null && child.age >= 4 && child.age <= 15 && daysBetween(stintStart(current), today) > 120) {
    if (milesBetween({ lat: child.schoolLat, lon: child.schoolLon! }, homePlace(current.home)) > 12) {
      const town = current.home.placeLabel.split(',')[0]!;
      child.schoolLabel = schoolName(rng, child.age, town);
      const near = rng.near(current.home.lat, current.home.lon, 1.5);
      child.schoolLat = near.lat;
      child.schoolLon = near.lon;
    }
  }
}

function placementRow(
  ctx: HistoryContext,
  child: ChildRow,
  home: HomeRow,
  stint: Stint,
  start: string,
  miles: number,
  schoolKept: boolean,
  together: number,
  officers: OfficerPool,
): PlacementRow {
  const { rng, today } = ctx;
  const ageFactor = home.kind === 'foster' && !home.foster!.kinship ? (child.age >= 16 ? 1.08 : child.age >= 11 ? 1.05 : 1) : 1;
  const needFactor =
    home.kind === 'residential' ? 1 + 0.08 * Math.max(0, child.complexity) + (child.livingCompanions === 'Solo placement recommended' ? 0.25 : 0) : 1;
  const total = priceOn(home.weeklyPence * ageFactor * needFactor * rng.float(0.97, 1.06), home.provider.priceGrowth, start, today);
  const price = splitPrice(rng, home.kind, home.provider.providerType, total, home.residential?.educationOnSite ?? false);
  const eighteen = eighteenthBirthday(child);
  const longTerm = stint.longTermAtStart || stint.longTermFrom !== null || home.foster?.kinship === true;
  let planned: string;
  if (home.kind === 'supported' || longTerm) planned = eighteen;
  else if (home.kind === 'residential') planned = addDays(start, rng.int(270, 450));
  else planned = addDays(start, rng.int(90, 540));
  if (stint.end === null && planned < addDays(today, 14)) planned = addDays(today, rng.int(14, 120));
  if (stint.end !== null && !isUnplannedEnding(stint.reason)) planned = stint.end;
  // An unplanned ending came before the plan said it would.
  else if (stint.end !== null && planned <= stint.end) planned = addDays(stint.end, rng.int(30, 300));
  if (planned > eighteen) planned = eighteen;
  const officer = officers.placementOfficer(child.councilIndex);
  const referralDate = addDays(start, -(start === child.careStart ? 0 : rng.int(1, 21)));
  const costDate = addDays(start, rng.int(0, 7));
  return {
    id: 0,
    childId: child.id,
    referralId: null,
    vacancyId: null,
    homeId: home.id,
    councilId: child.councilId,
    placementType: SETTING_TYPE[stint.kind] ?? 'Foster',
    startDate: start,
    plannedEndDate: planned,
    endDate: stint.end,
    endReason: stint.end ? stint.reason : null,
    price,
    locationLabel: home.placeLabel,
    locationPreferable: miles <= 5 || (miles <= 10 && home.councilIndex === child.councilIndex),
    educationContinuity: schoolKept,
    siblingsTogether: together,
    providerUrn: home.urn ?? home.provider.urn,
    distanceMiles: miles,
    distanceReason: distanceReason(rng, miles, child),
    rationale: rationale(rng, home, child, together, miles, schoolKept),
    referralOfficerName: officers.socialWorker(child),
    placementOfficerName: officer,
    costOfficerName: rng.chance(0.7) ? officer : officers.placementOfficer(child.councilIndex),
    referralDate: referralDate < child.careStart ? child.careStart : referralDate,
    placementDate: start,
    costDate: costDate > today ? today : costDate,
    child,
    home,
  };
}
