import {
  countEndingsByProviderAndReason,
  getProviderFact,
  listProviderHomes,
  listProviderPlacementFacts,
  listStartedPlacementPrices,
  type ProviderFact,
} from '../../db/repositories/market';
import { ApiError } from '../../shared/contract';
import { WEEKS_PER_YEAR, type ProviderDetail, type ProviderRow } from '../../shared/contract/market';
import { endingReasonLabel, isPlannedEnding, REASON_NOT_RECORDED, tallyEndings } from '../../shared/domain/endings';
import { firstDayMonthsBefore } from './market-dates';
import { addDays } from '../../shared/domain/calendar';
import { medianOf, pct } from './market-stats';
import { groupBy } from '../../shared/domain/stats';
import { isRunningOn, type MarketData } from './market-data';

/** Per-provider figures for the whole region; the provider page reuses its own row. */
function providerRows(data: MarketData, only: ProviderFact[]): { rows: ProviderRow[]; regionWeekly: number } {
  const { db, today } = data;
  const current = data.currentPlacements(null);
  const regionWeekly = current.reduce((n, p) => n + p.total, 0);
  const currentBy = groupBy(current, (p) => p.providerId);
  const homesBy = groupBy(data.activeHomes(), (h) => h.providerId);
  const bedsBy = groupBy(data.openVacancies(), (v) => v.providerId);
  const yearAgo = addDays(today, -365);
  const started = groupBy(listStartedPlacementPrices(db, addDays(today, -730), today), (s) => s.providerId);
  const endings = groupBy(countEndingsByProviderAndReason(db, yearAgo, today), (e) => e.providerId);

  const rows = only.map((p): ProviderRow => {
    const placed = currentBy.get(p.id) ?? [];
    const weekly = placed.reduce((n, x) => n + x.total, 0);
    const median = medianOf(placed.map((x) => x.total));
    const prices = started.get(p.id) ?? [];
    const recentPrices = prices.filter((s) => s.startDate >= yearAgo).map((s) => s.total);
    const beforePrices = prices.filter((s) => s.startDate < yearAgo).map((s) => s.total);
    const recent = medianOf(recentPrices);
    const before = medianOf(beforePrices);
    const ended = endings.get(p.id) ?? [];
    const homes = homesBy.get(p.id) ?? [];
    return {
      providerId: p.id,
      name: p.name,
      providerType: p.providerType,
      sector: p.sector,
      grade: p.grade,
      homes: homes.length,
      approvedPlaces: homes.reduce((n, h) => n + h.places, 0),
      currentPlacements: placed.length,
      openBeds: (bedsBy.get(p.id) ?? []).reduce((n, v) => n + v.beds, 0),
      medianWeeklyPence: median === null ? null : Math.round(median),
      priceChangePct: recent === null || before === null || before === 0 ? null : Math.round(((recent - before) / before) * 1000) / 10,
      priceChangeBasis: Math.min(recentPrices.length, beforePrices.length),
      weeklySpendPence: weekly,
      spendSharePct: pct(weekly, regionWeekly),
      endingsLast12: ended.reduce((n, e) => n + e.n, 0),
      unplannedEndingsLast12: tallyEndings(
        ended,
        (e) => e.endReason,
        (e) => e.n,
      ).unplanned,
    };
  });
  return { rows, regionWeekly };
}

export function buildProviderRows(data: MarketData): ProviderRow[] {
  return providerRows(data, data.providers()).rows.sort((a, b) => b.weeklySpendPence - a.weeklySpendPence || a.name.localeCompare(b.name));
}

export function buildProviderDetail(data: MarketData, providerId: number): ProviderDetail {
  const { db, today } = data;
  const provider = getProviderFact(db, providerId);
  if (!provider) throw new ApiError('NOT_FOUND', `There is no provider ${providerId}.`, 'providerId');
  const { rows, regionWeekly } = providerRows(data, [provider]);
  const row = rows[0]!;

  const windowStart = firstDayMonthsBefore(today, 23); // 24 months including this one
  const history = listProviderPlacementFacts(db, providerId, windowStart);
  const yearAgo = addDays(today, -365);
  const current = history.filter((p) => isRunningOn(p, today));
  const currentByHome = groupBy(current, (p) => p.homeId);
  const bedsByHome = groupBy(
    data.openVacancies().filter((v) => v.providerId === providerId),
    (v) => v.homeId,
  );

  const pricesOverTime = [
    ...groupBy(
      history.filter((p) => p.startDate >= windowStart && p.startDate <= today),
      (p) => `${p.startDate.slice(0, 7)}|${p.kind}`,
    ),
  ]
    .map(([key, list]) => ({
      month: key.split('|')[0]!,
      kind: list[0]!.kind,
      n: list.length,
      medianWeeklyPence: Math.round(medianOf(list.map((p) => p.total))!),
    }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.kind.localeCompare(b.kind));

  const ended = history.filter((p) => p.endDate !== null && p.endDate >= yearAgo && p.endDate <= today);
  const endings = tallyEndings(ended, (p) => p.endReason);
  const byReason = groupBy(ended, (p) => p.endReason ?? REASON_NOT_RECORDED);
  const endingsByReason = [...byReason]
    .map(([code, list]) => ({
      code,
      label: endingReasonLabel(code),
      planned: isPlannedEnding(code),
      count: list.length,
    }))
    .sort((a, b) => Number(a.planned) - Number(b.planned) || b.count - a.count || a.code.localeCompare(b.code));

  const spendByCouncil = [...groupBy(current, (p) => p.placingCouncilId)]
    .map(([id, list]) => {
      const weekly = list.reduce((n, p) => n + p.total, 0);
      return {
        key: String(id),
        label: data.council(id).name,
        placements: list.length,
        weeklyPence: weekly,
        annualisedPence: weekly * WEEKS_PER_YEAR,
        sharePct: pct(weekly, row.weeklySpendPence),
      };
    })
    .sort((a, b) => b.weeklyPence - a.weeklyPence || a.label.localeCompare(b.label));

  return {
    asOf: today,
    provider: { ...row, ownership: provider.ownership, gradeDate: provider.gradeDate, urn: provider.urn },
    homes: listProviderHomes(db, providerId).map((h) => ({
      homeId: h.homeId,
      name: h.name,
      kind: h.kind,
      councilName: h.councilName,
      grade: h.grade,
      gradeDate: h.gradeDate,
      approvedPlaces: h.places,
      currentPlacements: currentByHome.get(h.homeId)?.length ?? 0,
      openBeds: (bedsByHome.get(h.homeId) ?? []).reduce((n, v) => n + v.beds, 0),
      active: h.active === 1,
    })),
    pricesOverTime,
    placements: {
      current: current.length,
      startedLast12: history.filter((p) => p.startDate >= yearAgo && p.startDate <= today).length,
      endedLast12: ended.length,
      plannedEndings: endings.planned,
      unplannedEndings: endings.unplanned,
      reasonNotRecorded: endings.notRecorded,
    },
    endingsByReason,
    spend: {
      weeklyPence: row.weeklySpendPence,
      annualisedPence: row.weeklySpendPence * WEEKS_PER_YEAR,
      regionWeeklyPence: regionWeekly,
      sharePct: row.spendSharePct,
    },
    spendByCouncil,
  };
}
