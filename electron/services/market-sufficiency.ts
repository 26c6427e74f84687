import { listReferralToPlacementDays, type HomeSupply, type OpenReferralFact, type VacancyFact } from '../../db/repositories/market';
import { AGE_BAND_RANGES, AGE_BANDS, ageBandOf, NEEDS, type DemandSupplyRow, type GapRow, type Need, type SufficiencyView } from '../../shared/contract/market';
import { HOME_KIND_LABELS, HOME_KINDS, type HomeKind } from '../../shared/domain/homes';
import { OFSTED_CATEGORIES } from '../../shared/domain/ofsted';
import { addDays } from '../../shared/domain/calendar';
import { parseCodeList } from './market-prices';
import { countsOverLine, dfeDistanceFigure } from '../../shared/domain/dfeDistance';
import type { MarketData } from './market-data';
import { pct, quantileSorted, sortNumbers } from './market-stats';
import { groupBy } from '../../shared/domain/stats';
import { countReferralsWithoutMatch } from './market-matching';

/**
 * The kind of home a referral asks for: the first type the social worker marked Preferred (foster,
 * then residential, then supported), else the first marked Suitable, else none stated.
 */
export function wantedKind(r: Pick<OpenReferralFact, 'fosterSuitability' | 'residentialSuitability' | 'supportedSuitability'>): HomeKind | null {
  const answers: [HomeKind, string][] = [
    ['foster', r.fosterSuitability],
    ['residential', r.residentialSuitability],
    ['supported', r.supportedSuitability],
  ];
  return answers.find(([, s]) => s === 'Preferred')?.[0] ?? answers.find(([, s]) => s === 'Suitable but not preferred')?.[0] ?? null;
}

/** The needs a home (or its vacancy) can meet: its Ofsted registration categories, and disability if it specialises in it or is registered LD/PD. */
export function needsMet(home: { categories: string | null; specialisms: string | null }): Set<Need> {
  const categories = parseCodeList(home.categories).filter((c): c is Need => (NEEDS as readonly string[]).includes(c));
  const met = new Set<Need>(categories);
  if (parseCodeList(home.specialisms).includes('disability') || met.has('LD') || met.has('PD')) met.add('DISABILITY');
  return met;
}

const NEED_LABELS: Record<Need, string> = { ...OFSTED_CATEGORIES, DISABILITY: 'Disability (any)' };

/** Time-to-place histogram bins, in days. */
export const WAIT_BINS = [
  { label: 'Same day', max: 0 },
  { label: '1 to 2 days', max: 2 },
  { label: '3 to 7 days', max: 7 },
  { label: '8 to 14 days', max: 14 },
  { label: '15 to 28 days', max: 28 },
  { label: 'Over 28 days', max: Infinity },
] as const;

const MAP_WIDTH = 640;
const MAP_PADDING = 48;

/**
 * An equirectangular projection fitted to everything drawn, council centres and homes (at a
 * region's scale the distortion is a few per cent), so the map needs no tiles and no network.
 */
export function projectRegion(places: readonly { lat: number; lon: number }[]): {
  width: number;
  height: number;
  project(lat: number, lon: number): { x: number; y: number };
} {
  if (places.length === 0) return { width: MAP_WIDTH, height: MAP_WIDTH / 2, project: () => ({ x: MAP_WIDTH / 2, y: MAP_WIDTH / 4 }) };
  const lats = places.map((c) => c.lat);
  const lons = places.map((c) => c.lon);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const minX = Math.min(...lons) * k;
  const maxX = Math.max(...lons) * k;
  const minY = -Math.max(...lats);
  const maxY = -Math.min(...lats);
  const spanX = Math.max(maxX - minX, 0.05);
  const spanY = Math.max(maxY - minY, 0.05);
  const scale = (MAP_WIDTH - 2 * MAP_PADDING) / Math.max(spanX, spanY * 1.2);
  const width = MAP_WIDTH;
  const height = Math.round(spanY * scale + 2 * MAP_PADDING);
  const offsetX = (width - spanX * scale) / 2;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    width,
    height,
    project: (lat, lon) => ({ x: round(offsetX + (lon * k - minX) * scale), y: round(MAP_PADDING + (-lat - minY) * scale) }),
  };
}

/** A council on the map before its label is placed: centre and circle radii, in map units. */
interface MapMark {
  x: number;
  y: number;
  name: string;
  detail: string;
  referralRadius: number;
  bedRadius: number;
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

/** The two circles of a council as boxes: open referrals left of the centre, open beds right of it. */
function circleBoxes(m: MapMark): Rect[] {
  const boxes: Rect[] = [];
  for (const [r, dx] of [
    [m.referralRadius, -0.55],
    [m.bedRadius, 0.55],
  ] as const) {
    if (r > 0) boxes.push({ left: m.x + dx * r - r, top: m.y - r, right: m.x + dx * r + r, bottom: m.y + r });
  }
  return boxes;
}

/** Label metrics in map units, as the screen draws them (11 px bold name over a 9 px line of counts); the report's type is smaller. */
const NAME_CHAR = 7;
const DETAIL_CHAR = 5.4;
/** From the name's baseline: the label reaches 10 units above it and 16 below (the second line). */
const LABEL_ABOVE = 10;
const LABEL_BELOW = 16;

/**
 * Places each council's label where it covers no other label and no council's circles: below its
 * circles if that is clear, else above, right, left, or further out; failing all, where it overlaps
 * least. Greedy, biggest circles first, so the busiest councils keep the usual place under their circles.
 */
export function placeMapLabels(marks: readonly MapMark[], width: number, height: number): { labelX: number; labelY: number }[] {
  const circles = marks.flatMap(circleBoxes);
  const placed: Rect[] = [];
  const result = new Array<{ labelX: number; labelY: number }>(marks.length);
  const order = marks
    .map((_, i) => i)
    .sort((a, b) => marks[b]!.referralRadius + marks[b]!.bedRadius - (marks[a]!.referralRadius + marks[a]!.bedRadius) || a - b);
  for (const i of order) {
    const m = marks[i]!;
    const w = Math.max(m.name.length * NAME_CHAR, m.detail.length * DETAIL_CHAR) + 6;
    const reach = Math.max(m.referralRadius, m.bedRadius, 6);
    const rightEdge = m.x + 1.55 * m.bedRadius;
    const leftEdge = m.x - 1.55 * m.referralRadius;
    const candidates: [number, number][] = [
      [m.x, m.y + reach + 12],
      [m.x, m.y - reach - LABEL_BELOW - 2],
      [Math.max(rightEdge, m.x + 4) + 6 + w / 2, m.y - 3],
      [Math.min(leftEdge, m.x - 4) - 6 - w / 2, m.y - 3],
      [m.x, m.y + reach + 12 + 26],
      [m.x, m.y - reach - LABEL_BELOW - 2 - 26],
      [Math.max(rightEdge, m.x + 4) + 6 + w / 2, m.y + 23],
      [Math.min(leftEdge, m.x - 4) - 6 - w / 2, m.y + 23],
    ];
    let best: { score: number; x: number; y: number; rect: Rect } | null = null;
    for (const [cx, cy] of candidates) {
      const rect = { left: cx - w / 2, top: cy - LABEL_ABOVE, right: cx + w / 2, bottom: cy + LABEL_BELOW };
      const outside = Math.max(0, -rect.left) + Math.max(0, rect.right - width) + Math.max(0, -rect.top) + Math.max(0, rect.bottom - height);
      let score = outside * 1000;
      for (const p of placed) score += 3 * overlap(rect, p);
      for (const c of circles) score += overlap(rect, c);
      if (best === null || score < best.score) best = { score, x: cx, y: cy, rect };
      if (score === 0) break;
    }
    placed.push(best!.rect);
    result[i] = { labelX: Math.round(best!.x * 10) / 10, labelY: Math.round(best!.y * 10) / 10 };
  }
  return result;
}

/** The second line of a council's label on the map (the screen and the report print the same words). */
export function mapDetail(referrals: number, openBeds: number): string {
  return `${referrals} waiting · ${openBeds} bed${openBeds === 1 ? '' : 's'}`;
}

/**
 * A function of two values (a code list and a flag, or two code lists) worked out once per distinct
 * pair; the answer is shared between the rows that ask, so it must not be changed.
 */
function onePerPair<A, B, T>(work: (a: A, b: B) => T): (a: A, b: B) => T {
  const answers = new Map<A, Map<B, T>>();
  return (a, b) => {
    let byB = answers.get(a);
    if (byB === undefined) answers.set(a, (byB = new Map()));
    if (!byB.has(b)) byB.set(b, work(a, b));
    return byB.get(b)!;
  };
}

const oneDecimal = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

function row(key: string, label: string, referrals: number, placements: number, openBeds: number, approvedPlaces: number): DemandSupplyRow {
  return { key, label, referrals, placements, openBeds, approvedPlaces, balance: openBeds - referrals };
}

const beds = (list: readonly VacancyFact[]) => list.reduce((n, v) => n + v.beds, 0);
const places = (list: readonly HomeSupply[]) => list.reduce((n, h) => n + h.places, 0);

/**
 * Demand (open referrals and children placed today) against supply (open vacancy beds and the
 * places homes are approved or registered for). Scoped to a council, both sides narrow to it:
 * its referrals and placements, and the homes within its boundary.
 */
export function buildSufficiencyView(data: MarketData, councilId: number | null, scope: string): SufficiencyView {
  const { db, today } = data;
  const referrals = data.openReferrals(councilId);
  const placed = data.currentWithNeeds(councilId);
  const vacancies = data.openVacancies().filter((v) => councilId === null || v.homeCouncilId === councilId);
  const homes = data.homeSupply().filter((h) => councilId === null || h.councilId === councilId);
  const councils = data.councils().filter((c) => councilId === null || c.id === councilId);

  const byKind = HOME_KINDS.map((kind) =>
    row(
      kind,
      HOME_KIND_LABELS[kind],
      referrals.filter((r) => wantedKind(r) === kind).length,
      placed.filter((p) => p.kind === kind).length,
      beds(vacancies.filter((v) => v.kind === kind)),
      places(homes.filter((h) => h.kind === kind)),
    ),
  );
  const unstated = referrals.filter((r) => wantedKind(r) === null).length;
  if (unstated > 0) byKind.push(row('unstated', 'No type stated', unstated, 0, 0, 0));

  const byAgeBand = AGE_BANDS.map((band) => {
    const [lo, hi] = AGE_BAND_RANGES[band];
    return row(
      band,
      band,
      referrals.filter((r) => ageBandOf(r.ageToday) === band).length,
      placed.filter((p) => ageBandOf(p.ageToday) === band).length,
      beds(vacancies.filter((v) => v.minAge <= hi && v.maxAge >= lo)),
      places(homes.filter((h) => h.minAge <= hi && h.maxAge >= lo)),
    );
  });

  // Code lists are parsed once each, and the same list once only: the need table asks every row
  // eight questions, and thousands of children and homes share a few dozen lists between them.
  const childNeeds = onePerPair(
    (list: string | null, disability: number) => new Set<string>([...parseCodeList(list), ...(disability === 1 ? ['DISABILITY'] : [])]),
  );
  const homeNeeds = onePerPair((categories: string | null, specialisms: string | null) => needsMet({ categories, specialisms }));
  const refNeeds = referrals.map((r) => childNeeds(r.ofstedNeeds, r.disability === 1 ? 1 : 0));
  const placedNeeds = placed.map((p) => childNeeds(p.referralNeeds, p.disability === 1 ? 1 : 0));
  const vacancyMeets = vacancies.map((v) => homeNeeds(v.categories, v.specialisms));
  const homeMeets = homes.map((h) => homeNeeds(h.categories, h.specialisms));
  const byNeed = NEEDS.map((need) =>
    row(
      need,
      NEED_LABELS[need],
      refNeeds.filter((n) => n.has(need)).length,
      placedNeeds.filter((n) => n.has(need)).length,
      vacancies.reduce((n, v, i) => n + (vacancyMeets[i]!.has(need) ? v.beds : 0), 0),
      homes.reduce((n, h, i) => n + (homeMeets[i]!.has(need) ? h.places : 0), 0),
    ),
  );

  const refByCouncil = groupBy(referrals, (r) => r.councilId);
  const placedByCouncil = groupBy(placed, (p) => p.placingCouncilId);
  const vacByCouncil = groupBy(vacancies, (v) => v.homeCouncilId);
  const homesByCouncil = groupBy(homes, (h) => h.councilId);
  const byCouncil = councils.map((c) =>
    row(
      String(c.id),
      c.name,
      refByCouncil.get(c.id)?.length ?? 0,
      placedByCouncil.get(c.id)?.length ?? 0,
      beds(vacByCouncil.get(c.id) ?? []),
      places(homesByCouncil.get(c.id) ?? []),
    ),
  );

  const gaps: GapRow[] = [];
  for (const c of councils) {
    for (const kind of HOME_KINDS) {
      const wanting = (refByCouncil.get(c.id) ?? []).filter((r) => wantedKind(r) === kind).length;
      const open = beds((vacByCouncil.get(c.id) ?? []).filter((v) => v.kind === kind));
      if (wanting === 0 && open === 0) continue;
      gaps.push({ councilId: c.id, councilName: c.name, kind, referrals: wanting, openBeds: open, balance: open - wanting });
    }
  }
  gaps.sort((a, b) => a.balance - b.balance || a.councilName.localeCompare(b.councilName) || HOME_KINDS.indexOf(a.kind) - HOME_KINDS.indexOf(b.kind));

  // Distance from home: out of the placing council's area, or beyond the policy's distance line,
  // counted as DfE counts it (shared/domain/dfeDistance.ts): UASC and short breaks left out, an
  // unknown distance counted apart and never estimated.
  const line = data.distanceLineMiles;
  const rows = placed.map((p) => ({ uasc: p.uasc === 1, legalStatus: p.legalStatus, miles: p.distanceMiles }));
  const figure = dfeDistanceFigure(rows, line);
  let outOfArea = 0;
  const reasons = new Map<string, { over20Miles: number; outOfAreaWithin20Miles: number }>();
  placed.forEach((p, i) => {
    const away = p.homeCouncilId !== p.placingCouncilId;
    const far = countsOverLine(rows[i]!, line);
    if (away) outOfArea++;
    if (!away && !far) return;
    const counts = reasons.get(p.distanceReason) ?? { over20Miles: 0, outOfAreaWithin20Miles: 0 };
    if (far) counts.over20Miles++;
    else counts.outOfAreaWithin20Miles++;
    reasons.set(p.distanceReason, counts);
  });

  const waits = listReferralToPlacementDays(db, addDays(today, -365), today, councilId).map((w) => ({ ...w, days: Math.max(0, w.days) }));
  const sortedWaits = sortNumbers(waits.map((w) => w.days));
  const meanWait = waits.length === 0 ? null : Math.round((waits.reduce((n, w) => n + w.days, 0) / waits.length) * 10) / 10;
  const waitsByKind = groupBy(waits, (w) => w.kind);

  const cells = new Map<string, { lat: number; lon: number; kind: HomeKind; beds: number }>();
  for (const v of vacancies) {
    // About a kilometre: enough to see where beds are, too coarse to find a carer's house.
    const lat = Math.round(v.homeLat * 100) / 100;
    const lon = Math.round(v.homeLon * 100) / 100;
    const key = `${lat}:${lon}:${v.kind}`;
    const cell = cells.get(key);
    if (cell) cell.beds += v.beds;
    else cells.set(key, { lat, lon, kind: v.kind, beds: v.beds });
  }

  const projection = projectRegion([...councils, ...cells.values()]);
  const maxCount = Math.max(1, ...byCouncil.flatMap((r) => [r.referrals, r.openBeds]));
  const radius = (n: number) => (n <= 0 ? 0 : Math.round((4 + 20 * Math.sqrt(n / maxCount)) * 10) / 10);
  const marks: MapMark[] = byCouncil.map((r, i) => ({
    ...projection.project(councils[i]!.lat, councils[i]!.lon),
    name: r.label,
    detail: mapDetail(r.referrals, r.openBeds),
    referralRadius: radius(r.referrals),
    bedRadius: radius(r.openBeds),
  }));
  const labels = placeMapLabels(marks, projection.width, projection.height);

  return {
    asOf: today,
    scope,
    openReferrals: referrals.length,
    currentPlacements: placed.length,
    openBeds: beds(vacancies),
    approvedPlaces: places(homes),
    byKind,
    byAgeBand,
    byNeed,
    byCouncil,
    gaps,
    distance: {
      lineMiles: line,
      currentPlacements: placed.length,
      outOfArea,
      over20Miles: figure.overLine,
      excludedUasc: figure.excludedUasc,
      excludedShortBreaks: figure.excludedShortBreaks,
      noHomeLocation: figure.noHomeLocation,
      countedForDistance: figure.counted,
      outOfAreaPct: pct(outOfArea, placed.length),
      over20MilesPct: figure.overLinePct,
      reasons: [...reasons]
        .map(([reason, c]) => ({ reason, count: c.over20Miles + c.outOfAreaWithin20Miles, ...c }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    },
    timeToPlace: {
      n: waits.length,
      medianDays: oneDecimal(quantileSorted(sortedWaits, 0.5)),
      meanDays: meanWait,
      p90Days: oneDecimal(quantileSorted(sortedWaits, 0.9)),
      byKind: HOME_KINDS.map((kind) => {
        const list = sortNumbers((waitsByKind.get(kind) ?? []).map((w) => w.days));
        return { kind, n: list.length, medianDays: oneDecimal(quantileSorted(list, 0.5)) };
      }),
      histogram: WAIT_BINS.map((bin, i) => ({
        label: bin.label,
        count: waits.filter((w) => w.days <= bin.max && (i === 0 || w.days > WAIT_BINS[i - 1]!.max)).length,
      })),
    },
    noSuitableMatch: countReferralsWithoutMatch(data, councilId),
    map: {
      width: projection.width,
      height: projection.height,
      councils: byCouncil.map((r, i) => ({
        councilId: councils[i]!.id,
        name: r.label,
        x: marks[i]!.x,
        y: marks[i]!.y,
        referrals: r.referrals,
        placements: r.placements,
        openBeds: r.openBeds,
        referralRadius: marks[i]!.referralRadius,
        bedRadius: marks[i]!.bedRadius,
        ...labels[i]!,
      })),
      points: [...cells.values()].map((c) => ({ ...projection.project(c.lat, c.lon), kind: c.kind, beds: c.beds })),
    },
  };
}
