import type { LikeForLikeDetail, PlacementFact, VacancyFact } from '../../db/repositories/market';
import {
  AGE_BAND_RANGES,
  ageBandOf,
  FEE_TIER_LABELS,
  POINTS_LIMIT,
  SECTOR_LABELS,
  SECTORS,
  type BoxStats,
  type GroupStats,
  type PriceFilter,
  type PriceObservation,
  type PricesView,
  type ProviderPosition,
} from '../../shared/contract/market';
import { HOME_KIND_LABELS, HOME_KINDS, OFSTED_GRADES, type HomeKind, type OfstedGrade } from '../../shared/domain/homes';
import { ofstedGradeLabel } from '../../shared/domain/ofsted';
import type { MarketData } from './market-data';
import { boxStats, outlierSide } from './market-stats';
import { groupBy } from '../../shared/domain/stats';

export interface DistanceBand {
  key: string;
  label: string;
  /** Miles the band runs up to (not including). */
  below: number;
}

/**
 * Bands for "price against distance from the placing council": under 5 and 10 miles, then up to
 * the policy's distance line (DfE's 20 miles by default), to 50, and beyond, so one band edge is
 * always the line the sufficiency figures count from.
 */
export function distanceBands(lineMiles: number): DistanceBand[] {
  const edges = [...new Set([5, 10, lineMiles, 50])].filter((e) => e > 0).sort((a, b) => a - b);
  const bands: DistanceBand[] = edges.map((below, i) => {
    const from = i === 0 ? 0 : edges[i - 1]!;
    return { key: `${from}-${below}`, label: from === 0 ? `Under ${below} miles` : `${from} to ${below} miles`, below };
  });
  const last = edges.at(-1)!;
  bands.push({ key: `${last}+`, label: `${last} miles or more`, below: Infinity });
  return bands;
}

export function distanceBandOf(bands: readonly DistanceBand[], miles: number): DistanceBand {
  return bands.find((b) => miles < b.below)!;
}

export const SUPPORTED_LABELS: Record<string, string> = { solo: 'Solo', shared: 'Shared', lodgings: 'Supported lodgings' };

/** Fee tier for foster and children's homes, solo/shared/lodgings for supported accommodation: the "level" prices are compared at. */
function levelOf(kind: HomeKind, feeTier: number | null, supportedKind: string | null): string | null {
  if ((kind === 'foster' || kind === 'residential') && feeTier !== null) return FEE_TIER_LABELS[feeTier] ?? `Tier ${feeTier}`;
  if (kind === 'supported' && supportedKind !== null) return SUPPORTED_LABELS[supportedKind] ?? supportedKind;
  return null;
}

/** A JSON list of codes from a TEXT column; anything unreadable counts as none. */
export function parseCodeList(json: string | null): string[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

interface Candidate {
  kind: HomeKind;
  feeTier: number | null;
  categories: string | null;
  supportedKind: string | null;
  grade: string;
  homeCouncilId: number;
  providerId: number;
  sector: string;
}

/** The like-for-like filters every price passes through, whether from a placement or a vacancy. */
function matchesCommon(c: Candidate, f: PriceFilter): boolean {
  if (f.kind !== undefined && c.kind !== f.kind) return false;
  if (f.feeTier !== undefined && c.feeTier !== f.feeTier) return false;
  if (f.category !== undefined && !parseCodeList(c.categories).includes(f.category)) return false;
  if (f.supportedKind !== undefined && c.supportedKind !== f.supportedKind) return false;
  if (f.ofstedGrade !== undefined && c.grade !== f.ofstedGrade) return false;
  if (f.councilId !== undefined && c.homeCouncilId !== f.councilId) return false;
  if (f.providerId !== undefined && c.providerId !== f.providerId) return false;
  if (f.sector !== undefined && c.sector !== f.sector) return false;
  return true;
}

function fromPlacement(p: PlacementFact & LikeForLikeDetail, data: MarketData): Omit<PriceObservation, 'outlier'> {
  return {
    ref: `P-${p.id}`,
    source: 'placements',
    providerId: p.providerId,
    providerName: data.provider(p.providerId).name,
    kind: p.kind,
    sector: data.sectorOf(p),
    feeTier: p.feeTier,
    level: levelOf(p.kind, p.feeTier, p.supportedKind),
    grade: data.gradeOf(p),
    councilId: p.homeCouncilId,
    councilName: data.council(p.homeCouncilId).name,
    // The distance recorded with the placement; none recorded stays none (never estimated from the council's centre).
    distanceMiles: p.distanceMiles,
    weeklyPence: p.total,
    split: { core: p.core, support: p.support, education: p.education, other: p.other },
  };
}

function fromVacancy(v: VacancyFact): Omit<PriceObservation, 'outlier'> {
  return {
    ref: `V-${v.id}`,
    source: 'vacancies',
    providerId: v.providerId,
    providerName: v.providerName,
    kind: v.kind,
    sector: v.sector,
    feeTier: v.feeTier,
    level: levelOf(v.kind, v.feeTier, v.supportedKind),
    grade: v.grade,
    councilId: v.homeCouncilId,
    councilName: v.homeCouncilName,
    distanceMiles: null,
    weeklyPence: v.total,
    split: { core: v.core, support: v.support, education: v.education, other: v.other },
  };
}

/** Every price that passes the filter: current placements' agreed prices and open vacancies' asking prices. */
export function collectPriceObservations(data: MarketData, f: PriceFilter): Omit<PriceObservation, 'outlier'>[] {
  const out: Omit<PriceObservation, 'outlier'>[] = [];
  if (f.sources.includes('placements')) {
    for (const p of data.currentLikeForLike(f.kind, f.providerId)) {
      if (!matchesCommon({ ...p, grade: data.gradeOf(p), sector: data.sectorOf(p) }, f)) continue;
      if (f.ageBand !== undefined && ageBandOf(p.ageAtStart) !== f.ageBand) continue;
      out.push(fromPlacement(p, data));
    }
  }
  if (f.sources.includes('vacancies')) {
    for (const v of data.openVacancies()) {
      if (!matchesCommon(v, f)) continue;
      if (f.ageBand !== undefined) {
        const [lo, hi] = AGE_BAND_RANGES[f.ageBand];
        if (v.maxAge < lo || v.minAge > hi) continue;
      }
      out.push(fromVacancy(v));
    }
  }
  return out;
}

function groupStats(
  obs: readonly Omit<PriceObservation, 'outlier'>[],
  keyOf: (o: Omit<PriceObservation, 'outlier'>) => string | null,
  labelOf: (key: string) => string,
  order: readonly string[] = [],
): GroupStats[] {
  const rows: GroupStats[] = [];
  for (const kind of HOME_KINDS) {
    const groups = groupBy(
      obs.filter((o) => o.kind === kind && keyOf(o) !== null),
      (o) => keyOf(o)!,
    );
    const keys = [...groups.keys()].sort((a, b) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      return ia >= 0 && ib >= 0 ? ia - ib : ia >= 0 ? -1 : ib >= 0 ? 1 : labelOf(a).localeCompare(labelOf(b));
    });
    for (const key of keys) {
      rows.push({ kind, key, label: labelOf(key), stats: boxStats(groups.get(key)!.map((o) => o.weeklyPence))! });
    }
  }
  return rows;
}

/** Spreads a sample evenly over a list: every k-th item. */
function evenSample<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}

/**
 * The region's distribution of weekly prices by type with no filter: the same prices as the prices
 * view's "by type" (current placements and open vacancies), from the plain placement facts, so the
 * summary report needs no like-for-like detail.
 */
export function priceStatsByKind(data: MarketData): GroupStats[] {
  const placed = data.currentPlacements(null);
  const open = data.openVacancies();
  return HOME_KINDS.flatMap((kind) => {
    const stats = boxStats([...placed.filter((p) => p.kind === kind).map((p) => p.total), ...open.filter((v) => v.kind === kind).map((v) => v.total)]);
    return stats ? [{ kind, key: kind, label: HOME_KIND_LABELS[kind], stats }] : [];
  });
}

export function buildPricesView(data: MarketData, f: PriceFilter): PricesView {
  const obs = collectPriceObservations(data, f);
  const byKind = groupStats(
    obs,
    (o) => o.kind,
    (k) => k,
  );
  const kindStats = new Map<HomeKind, BoxStats>(byKind.map((g) => [g.kind, g.stats]));

  // Outliers are judged within their own type: a £5,000 children's home is normal, a £5,000 foster home is not.
  const points: PriceObservation[] = obs.map((o) => ({ ...o, outlier: outlierSide(o.weeklyPence, kindStats.get(o.kind)!) }));

  const byProvider: ProviderPosition[] = [];
  for (const [, list] of groupBy(points, (p) => `${p.providerId}:${p.kind}`)) {
    const first = list[0]!;
    const stats = boxStats(list.map((p) => p.weeklyPence))!;
    const regionMedian = kindStats.get(first.kind)!.median;
    byProvider.push({
      providerId: first.providerId,
      providerName: first.providerName,
      kind: first.kind,
      sector: first.sector,
      grade: first.grade,
      stats,
      vsRegionPct: regionMedian === 0 ? 0 : Math.round(((stats.median - regionMedian) / regionMedian) * 1000) / 10,
      outliers: list.filter((p) => p.outlier !== null).length,
    });
  }
  byProvider.sort((a, b) => HOME_KINDS.indexOf(a.kind) - HOME_KINDS.indexOf(b.kind) || b.stats.median - a.stats.median || a.providerId - b.providerId);

  const split = HOME_KINDS.flatMap((kind) => {
    const list = obs.filter((o) => o.kind === kind);
    if (list.length === 0) return [];
    const sum = { core: 0, support: 0, education: 0, other: 0 };
    for (const o of list) {
      sum.core += o.split.core;
      sum.support += o.split.support;
      sum.education += o.split.education;
      sum.other += o.split.other;
    }
    const whole = sum.core + sum.support + sum.education + sum.other;
    const share = (part: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);
    return [
      {
        kind,
        n: list.length,
        mean: {
          core: Math.round(sum.core / list.length),
          support: Math.round(sum.support / list.length),
          education: Math.round(sum.education / list.length),
          other: Math.round(sum.other / list.length),
        },
        sharePct: { core: share(sum.core), support: share(sum.support), education: share(sum.education), other: share(sum.other) },
      },
    ];
  });

  const outliers = points.filter((p) => p.outlier !== null);
  const pointsSampled = points.length > POINTS_LIMIT;
  const shown = pointsSampled
    ? [
        ...outliers,
        ...evenSample(
          points.filter((p) => p.outlier === null),
          POINTS_LIMIT - Math.min(outliers.length, POINTS_LIMIT),
        ),
      ].slice(0, POINTS_LIMIT)
    : points;

  const bands = distanceBands(data.distanceLineMiles);
  return {
    asOf: data.today,
    total: obs.length,
    outliers: outliers.length,
    byKind: byKind.map((g) => ({ ...g, label: HOME_KIND_LABELS[g.kind] })),
    byProvider,
    byLevel: groupStats(
      obs,
      (o) => o.level,
      (k) => k,
      [...Object.values(FEE_TIER_LABELS), ...Object.values(SUPPORTED_LABELS)],
    ),
    byGrade: groupStats(
      obs,
      (o) => o.grade,
      (k) => ((OFSTED_GRADES as readonly string[]).includes(k) ? ofstedGradeLabel(k as OfstedGrade) : k),
      OFSTED_GRADES,
    ),
    byCouncil: groupStats(
      obs,
      (o) => String(o.councilId),
      (k) => obs.find((o) => String(o.councilId) === k)!.councilName,
    ),
    bySector: groupStats(
      obs,
      (o) => o.sector,
      (k) => SECTOR_LABELS[k as keyof typeof SECTOR_LABELS] ?? k,
      SECTORS,
    ),
    byDistance: groupStats(
      obs,
      (o) => (o.distanceMiles === null ? null : distanceBandOf(bands, o.distanceMiles).key),
      (k) => bands.find((b) => b.key === k)!.label,
      bands.map((b) => b.key),
    ),
    split,
    points: shown,
    pointsSampled,
  };
}
