import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endingsByReason } from '../../db/repositories/constellations';
import { loadVacancyForMatching } from '../../db/repositories/matching';
import { MarketData } from '../../electron/services/market-data';
import { buildProviderDetail, buildProviderRows } from '../../electron/services/market-providers';
import { addDays } from '../../shared/domain/calendar';
import { endingReasonLabel, PLACEMENT_CHANGE_CLASS, REASON_NOT_RECORDED } from '../../shared/domain/endings';
import { REASON_PLACE_CHANGE_CODES } from '../../shared/domain/ssda903';
import { tempStore } from '../helpers/store';
import { HOMES, seedMarketFixture, TODAY, VACANCIES } from './market.fixture';

/*
 * Every reason for placement change, ended once at one children's home, read back by each consumer
 * of the classification in the store: the commissioners' provider views and the matching engine's
 * stability factor (its past endings). Each must give every code the class shared/domain/endings.ts
 * gives it. (The demo generator's use is checked in demo-region.test.ts.)
 */

const HOME = HOMES.find((h) => h.kind === 'residential' && VACANCIES.some((v) => v.home === h.id && v.status === 'open'))!;
const VACANCY = VACANCIES.find((v) => v.home === HOME.id && v.status === 'open')!;
const CODES = Object.keys(REASON_PLACE_CHANGE_CODES);

let store: ReturnType<typeof tempStore>;
beforeAll(() => {
  store = tempStore({ kind: 'empty' });
  seedMarketFixture(store.db);
  const childId = store.db.prepare('SELECT min(id) FROM children').pluck().get() as number;
  const insert = store.db.prepare(
    `INSERT INTO placements (child_id, home_id, council_id, placement_type, start_date, planned_end_date, end_date, end_reason,
                             price_core_pence, price_support_pence, price_education_pence, price_other_pence, location_label,
                             distance_miles, distance_reason, placement_date, cost_date)
     VALUES (?, ?, ?, 'Residential', ?, NULL, ?, ?, 400000, 0, 0, 0, 'Somewhere', 5, 'Not applicable', ?, ?)`,
  );
  // One ending a month ago per code, all within the views' last twelve months, and one with no reason.
  const end = addDays(TODAY, -30);
  const start = addDays(TODAY, -200);
  store.db.transaction(() => {
    for (const code of [...CODES, null]) insert.run(childId, HOME.id, HOME.council, start, end, code, start, start);
  })();
});
afterAll(() => store?.remove());

describe('one classification of endings, in every consumer', () => {
  it('the provider page marks each reason planned or unplanned as the classification does', () => {
    const detail = buildProviderDetail(new MarketData(store.db, TODAY), HOME.provider);
    for (const code of CODES) {
      const row = detail.endingsByReason.find((r) => r.code === code);
      expect(row, code).toBeDefined();
      expect(row!.planned, code).toBe(PLACEMENT_CHANGE_CLASS[code] === 'planned');
    }
    expect(detail.endingsByReason.find((r) => r.code === 'NOT_RECORDED')?.planned).toBe(false);
  });

  it('the provider page and the providers table count the same planned, unplanned and unrecorded endings', () => {
    const data = new MarketData(store.db, TODAY);
    const detail = buildProviderDetail(data, HOME.provider);
    const byClass = (cls: string) =>
      detail.endingsByReason.filter((r) => r.code !== 'NOT_RECORDED' && PLACEMENT_CHANGE_CLASS[r.code] === cls).reduce((n, r) => n + r.count, 0);
    expect(detail.placements.plannedEndings).toBe(byClass('planned'));
    expect(detail.placements.unplannedEndings).toBe(byClass('unplanned'));
    expect(detail.placements.plannedEndings + detail.placements.unplannedEndings + detail.placements.reasonNotRecorded).toBe(detail.placements.endedLast12);
    const row = buildProviderRows(new MarketData(store.db, TODAY)).find((r) => r.providerId === HOME.provider)!;
    expect(row.unplannedEndingsLast12).toBe(detail.placements.unplannedEndings);
  });

  it('the stability factor reads the home’s past endings from the store by the same classification', () => {
    const v = loadVacancyForMatching(store.db, VACANCY.id, TODAY)!;
    const ended = store.db.prepare('SELECT end_reason AS reason FROM placements WHERE home_id = ? AND end_date IS NOT NULL').all(HOME.id) as {
      reason: string | null;
    }[];
    const count = (cls: string) => ended.filter((e) => e.reason !== null && PLACEMENT_CHANGE_CLASS[e.reason] === cls).length;
    expect(v.pastEndings).toEqual({ planned: count('planned'), unplanned: count('unplanned') });
    expect(v.pastEndings.planned).toBeGreaterThanOrEqual(2);
    expect(v.pastEndings.unplanned).toBeGreaterThanOrEqual(10);
  });

  it('the constellation overview counts a missing reason as not recorded, never as OTHER', () => {
    const rows = endingsByReason(store.db, [HOME.id], addDays(TODAY, -365));
    expect(rows.find((r) => r.reason === REASON_NOT_RECORDED)?.count).toBe(1);
    expect(rows.find((r) => r.reason === 'OTHER')?.count).toBe(1);
    expect(endingReasonLabel(REASON_NOT_RECORDED)).toBe('Reason not recorded');
    expect(endingReasonLabel('LAREQ')).toBe(REASON_PLACE_CHANGE_CODES.LAREQ!.label);
  });
});
