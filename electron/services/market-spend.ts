import { listCostliestCurrentPlacements, type PlacementFact } from '../../db/repositories/market';
import { ApiError } from '../../shared/contract';
import {
  OVERHEAD_LABELS,
  OVERHEAD_PARTS,
  SECTOR_LABELS,
  SECTORS,
  UNIT_COST_CATEGORIES,
  UNIT_COST_LABELS,
  WEEKS_PER_YEAR,
  type MoveScenarioView,
  type SpendRow,
  type SpendView,
  type TopPlacement,
  type UnitCostCategory,
  type UnitCostRow,
} from '../../shared/contract/market';
import { HOME_KIND_LABELS, HOME_KINDS, type HomeKind } from '../../shared/domain/homes';
import { isRunningOn, type MarketData } from './market-data';
import type { InHouseOverheads } from '../../db/repositories/overheads';
import { formatPence } from '../../shared/domain/money';
import { monthStarts } from './market-dates';
import { dayNumber, isoOfDay } from '../../shared/domain/calendar';
import { medianOf, pct } from './market-stats';
import { groupBy } from '../../shared/domain/stats';

export function categoryOf(kind: HomeKind, sector: 'in_house' | 'external'): UnitCostCategory {
  return `${kind}:${sector}` as UnitCostCategory;
}

/**
 * What a unit cost includes, in words. In-house: the agreed weekly cost (for foster care, carer
 * payments) plus the overheads a commissioner entered, so it compares with an agency's all-in price.
 */
function unitCostIncludes(kind: HomeKind, sector: 'in_house' | 'external', o: InHouseOverheads | undefined): string {
  if (sector === 'external') return 'The agreed weekly price, which includes the provider’s own overheads.';
  const paid = kind === 'foster' ? 'Carer payments (fees and allowances)' : 'The recorded weekly cost of each placement';
  if (!o || o.totalPence === 0) return `${paid} only: no in-house overheads have been entered, so this is not yet like for like with external prices.`;
  const parts = OVERHEAD_PARTS.filter((k) => o[k] > 0).map((k) => `${OVERHEAD_LABELS[k].toLowerCase()} ${formatPence(o[k])}`);
  return `${paid} plus overheads of ${formatPence(o.totalPence)} a week per placement: ${parts.join(', ')}.`;
}

export function buildUnitCosts(data: MarketData, placingCouncilId: number | null): { asOf: string; rows: UnitCostRow[] } {
  const current = groupBy(data.currentPlacements(placingCouncilId), (p) => categoryOf(p.kind, data.sectorOf(p)));
  const vacancies = groupBy(data.openVacancies(), (v) => categoryOf(v.kind, v.sector));
  const overheads = new Map(data.inHouseOverheads().map((o) => [o.kind, o]));
  const rows = UNIT_COST_CATEGORIES.map((category): UnitCostRow => {
    const [kind, sector] = category.split(':') as [HomeKind, 'in_house' | 'external'];
    const placed = current.get(category) ?? [];
    const open = vacancies.get(category) ?? [];
    // Agreed prices are the evidence; where none exist yet, asking prices of open vacancies stand in.
    const prices = placed.length > 0 ? placed.map((p) => p.total) : open.map((v) => v.total);
    const payments = prices.length === 0 ? null : Math.round(prices.reduce((a, b) => a + b, 0) / prices.length);
    // In-house payments leave out what the region spends supporting its own carers and homes; an agency's price includes it.
    const extra = sector === 'in_house' ? (overheads.get(kind)?.totalPence ?? 0) : 0;
    const mean = payments === null ? null : payments + extra;
    const median = medianOf(prices);
    return {
      category,
      label: UNIT_COST_LABELS[category],
      kind,
      sector,
      currentPlacements: placed.length,
      meanWeeklyPence: mean,
      medianWeeklyPence: median === null ? null : Math.round(median) + extra,
      paymentsWeeklyPence: payments,
      overheadsWeeklyPence: extra,
      includes: unitCostIncludes(kind, sector, overheads.get(kind)),
      annualUnitCostPence: mean === null ? null : mean * WEEKS_PER_YEAR,
      basis: placed.length > 0 ? 'placements' : open.length > 0 ? 'vacancies' : 'none',
      openBeds: open.reduce((n, v) => n + v.beds, 0),
    };
  });
  return { asOf: data.today, rows };
}

export function buildMoveScenario(
  data: MarketData,
  placingCouncilId: number | null,
  input: { from: UnitCostCategory; to: UnitCostCategory; children: number },
): MoveScenarioView {
  const today = data.today;
  const { rows } = buildUnitCosts(data, placingCouncilId);
  const from = rows.find((r) => r.category === input.from)!;
  const to = rows.find((r) => r.category === input.to)!;
  for (const [row, field] of [
    [from, 'from'],
    [to, 'to'],
  ] as const) {
    if (row.meanWeeklyPence === null) {
      throw new ApiError('CONFLICT', `There are no placements or open vacancies in ${row.label.toLowerCase()} to price the move from.`, field);
    }
  }
  const perChildWeekly = to.meanWeeklyPence! - from.meanWeeklyPence!;
  const year = data.financialYear;
  // Nights from today up to and including 31 March.
  const daysLeft = dayNumber(year.end) - dayNumber(today) + 1;
  const warnings: string[] = [];
  if (input.children > from.currentPlacements) {
    warnings.push(`Only ${from.currentPlacements} children are in ${from.label.toLowerCase()} today.`);
  }
  if (input.children > to.openBeds) {
    warnings.push(
      `${to.label} has ${to.openBeds} open bed${to.openBeds === 1 ? '' : 's'} today: the other ${input.children - to.openBeds} would need new homes.`,
    );
  }
  if (from.basis === 'vacancies' || to.basis === 'vacancies') warnings.push('Priced from open vacancies, as no current placements of that kind exist.');
  for (const row of [from, to]) {
    if (row.sector === 'in_house' && row.overheadsWeeklyPence === 0) {
      warnings.push(
        `No in-house overheads have been entered for ${row.label.toLowerCase()}: its cost is payments only, so the comparison is not like for like.`,
      );
    }
  }
  return {
    from,
    to,
    children: input.children,
    weeklyChangePence: input.children * perChildWeekly,
    annualChangePence: input.children * perChildWeekly * WEEKS_PER_YEAR,
    restOfYearChangePence: Math.round((input.children * perChildWeekly * daysLeft) / 7),
    daysLeftInYear: daysLeft,
    financialYearEnd: year.end,
    bedsAvailable: to.openBeds,
    warnings,
  };
}

function spendRows(list: readonly PlacementFact[], keyOf: (p: PlacementFact) => string, labelOf: (p: PlacementFact) => string, whole: number): SpendRow[] {
  return [...groupBy(list, keyOf)]
    .map(([key, ps]) => {
      const weekly = ps.reduce((n, p) => n + p.total, 0);
      return {
        key,
        label: labelOf(ps[0]!),
        placements: ps.length,
        weeklyPence: weekly,
        annualisedPence: weekly * WEEKS_PER_YEAR,
        sharePct: pct(weekly, whole),
      };
    })
    .sort((a, b) => b.weeklyPence - a.weeklyPence || a.label.localeCompare(b.label));
}

/**
 * Spend in the financial year: each placement costs its weekly price / 7 for every night from its start
 * to the day before it ends. Nights before today are spent; from today they are forecast, up to the
 * end date if one is recorded, else the planned end date if it is still ahead, else 31 March.
 */
export function buildSpendView(data: MarketData, placingCouncilId: number | null, scope: string): SpendView {
  const today = data.today;
  const year = data.financialYear;
  const facts = data.yearPlacements(placingCouncilId);
  const current = data.currentPlacements(placingCouncilId);
  const weekly = current.reduce((n, p) => n + p.total, 0);

  const yearStart = dayNumber(year.start);
  const yearStop = dayNumber(year.end) + 1;
  const todayN = dayNumber(today);
  const months = monthStarts(year.start.slice(0, 7), 12).map((m) => dayNumber(m));
  const monthStops = [...months.slice(1), yearStop];
  const actual = new Array<number>(12).fill(0);
  const forecast = new Array<number>(12).fill(0);
  let endingBeforeYearEnd = 0;

  for (const p of facts) {
    let stop: number;
    if (p.endDate !== null) stop = dayNumber(p.endDate);
    else if (p.plannedEndDate !== null && p.plannedEndDate >= today) stop = dayNumber(p.plannedEndDate);
    else stop = yearStop;
    if (isRunningOn(p, today) && stop < yearStop) endingBeforeYearEnd++;
    const start = Math.max(dayNumber(p.startDate), yearStart);
    stop = Math.min(stop, yearStop);
    if (stop <= start) continue;
    const perNight = p.total / 7;
    for (let m = 0; m < 12; m++) {
      const a = Math.max(start, months[m]!);
      const b = Math.min(stop, monthStops[m]!);
      if (b <= a) continue;
      const spentStop = Math.min(b, todayN);
      if (spentStop > a) actual[m]! += (spentStop - a) * perNight;
      const forecastStart = Math.max(a, todayN);
      if (b > forecastStart) forecast[m]! += (b - forecastStart) * perNight;
    }
  }
  const spentToDate = Math.round(actual.reduce((a, b) => a + b, 0));
  const remaining = Math.round(forecast.reduce((a, b) => a + b, 0));

  return {
    asOf: today,
    scope,
    currentPlacements: current.length,
    weeklyPence: weekly,
    annualisedPence: weekly * WEEKS_PER_YEAR,
    byCouncil: spendRows(
      current,
      (p) => String(p.placingCouncilId),
      (p) => data.council(p.placingCouncilId).name,
      weekly,
    ),
    byKind: spendRows(
      current,
      (p) => p.kind,
      (p) => HOME_KIND_LABELS[p.kind],
      weekly,
    ).sort((a, b) => HOME_KINDS.indexOf(a.key as HomeKind) - HOME_KINDS.indexOf(b.key as HomeKind)),
    bySector: spendRows(
      current,
      (p) => data.sectorOf(p),
      (p) => SECTOR_LABELS[data.sectorOf(p)],
      weekly,
    ).sort((a, b) => SECTORS.indexOf(a.key as 'in_house') - SECTORS.indexOf(b.key as 'in_house')),
    byProvider: spendRows(
      current,
      (p) => String(p.providerId),
      (p) => data.provider(p.providerId).name,
      weekly,
    ),
    forecast: {
      yearStart: year.start,
      yearEnd: year.end,
      spentToDatePence: spentToDate,
      remainingPence: remaining,
      outturnPence: spentToDate + remaining,
      endingBeforeYearEnd,
      months: months.map((m, i) => ({ month: isoOfDay(m).slice(0, 7), actualPence: Math.round(actual[i]!), forecastPence: Math.round(forecast[i]!) })),
    },
  };
}

export function buildTopPlacements(data: MarketData, placingCouncilId: number | null, limit: number): TopPlacement[] {
  return listCostliestCurrentPlacements(data.db, data.today, placingCouncilId, limit).map((r) => ({
    placementRef: `P-${r.id}`,
    childRef: r.childRef,
    councilName: r.councilName,
    providerName: r.providerName,
    kind: r.kind,
    sector: r.sector,
    grade: r.grade,
    weeklyPence: r.total,
    split: { core: r.core, support: r.support, education: r.education, other: r.other },
    annualisedPence: r.total * WEEKS_PER_YEAR,
    distanceMiles: r.distanceMiles,
  }));
}
