import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadableDB } from '../../db/handle';
import { MIGRATIONS } from '../../db/migrations';
import { MarketData } from '../../electron/services/market-data';
import { buildPricesView } from '../../electron/services/market-prices';
import { buildProviderDetail, buildProviderRows } from '../../electron/services/market-providers';
import { buildMoveScenario, buildSpendView, buildTopPlacements, buildUnitCosts } from '../../electron/services/market-spend';
import { buildSufficiencyView } from '../../electron/services/market-sufficiency';
import { PriceFilter } from '../../shared/contract/market';
import { tempStore } from '../helpers/store';
import { seedMarketFixture, TODAY } from './market.fixture';

/*
 * Every statement the market screens run, captured as the services run them, then EXPLAINed:
 * none may walk the whole placements, referrals or vacancies table (the homes and councils lists
 * are read whole on purpose: every active home is supply).
 */

let store: ReturnType<typeof tempStore>;
beforeAll(() => {
  store = tempStore({ kind: 'empty' });
  seedMarketFixture(store.db);
});
afterAll(() => store?.remove());

interface Captured {
  sql: string;
  params: unknown[];
}

function capture(run: (db: ReadableDB) => unknown): Captured[] {
  const statements: Captured[] = [];
  const real = store.db;
  const recording = new Proxy(real, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          return new Proxy(stmt, {
            get(st, p) {
              if (p === 'all' || p === 'get' || p === 'iterate') {
                return (...params: unknown[]) => {
                  statements.push({ sql, params });
                  return (st[p] as (...a: unknown[]) => unknown).apply(st, params);
                };
              }
              const value = Reflect.get(st, p, st) as unknown;
              return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(st) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as ReadableDB;
  run(recording);
  return statements;
}

function plan(c: Captured): string[] {
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.params as never[])) as { detail: string }[]).map((r) => r.detail);
}

const VIEWS: [string, (db: ReadableDB) => unknown][] = [
  ['prices', (db) => buildPricesView(new MarketData(db, TODAY), PriceFilter.parse({}))],
  ['prices, one provider', (db) => buildPricesView(new MarketData(db, TODAY), PriceFilter.parse({ providerId: 3, kind: 'residential' }))],
  ['unit costs', (db) => buildUnitCosts(new MarketData(db, TODAY), null)],
  ['move scenario, one council', (db) => buildMoveScenario(new MarketData(db, TODAY), 1, { from: 'residential:external', to: 'foster:in_house', children: 1 })],
  ['spend', (db) => buildSpendView(new MarketData(db, TODAY), null, 'region')],
  ['spend, one council', (db) => buildSpendView(new MarketData(db, TODAY), 2, 'Brookmere')],
  ['costliest placements', (db) => buildTopPlacements(new MarketData(db, TODAY), null, 25)],
  ['costliest placements, one council', (db) => buildTopPlacements(new MarketData(db, TODAY), 1, 25)],
  ['sufficiency', (db) => buildSufficiencyView(new MarketData(db, TODAY), null, 'region')],
  ['sufficiency, one council', (db) => buildSufficiencyView(new MarketData(db, TODAY), 1, 'Ashford Vale')],
  [
    'sufficiency then spend, as the summary report reads them',
    (db) => {
      const data = new MarketData(db, TODAY);
      buildSufficiencyView(data, null, 'region');
      return buildSpendView(data, null, 'region');
    },
  ],
  [
    'sufficiency then spend, one council',
    (db) => {
      const data = new MarketData(db, TODAY);
      buildSufficiencyView(data, 2, 'Brookmere');
      return buildSpendView(data, 2, 'Brookmere');
    },
  ],
  ['providers', (db) => buildProviderRows(new MarketData(db, TODAY))],
  ['one provider', (db) => buildProviderDetail(new MarketData(db, TODAY), 3)],
];

describe('query plans of the market screens', () => {
  it('the market indexes migration is registered in order', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toContain(70);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    const indexes = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'placements'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['placements_by_start', 'placements_by_council']));
  });

  it.each(VIEWS)('%s: no statement scans placements, referrals or vacancies', (_name, run) => {
    const statements = capture(run);
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      const steps = plan(s);
      const scans = steps.filter((d) => /^SCAN (pl|r|v|placements|referrals|vacancies)\b/.test(d));
      expect(scans, `${s.sql.replace(/\s+/g, ' ').slice(0, 160)}\n${steps.join('\n')}`).toEqual([]);
    }
  });

  it('the no-suitable-match count reads children, their episodes and housemates by index, never a scan', () => {
    const statements = capture((db) => buildSufficiencyView(new MarketData(db, TODAY), null, 'region'));
    const plans = statements.map((s) => ({ sql: s.sql.replace(/\s+/g, ' ').trim(), steps: plan(s) }));
    for (const { sql, steps } of plans) {
      const scans = steps.filter((d) => /^SCAN (ch|children|episodes)\b|AUTOMATIC (COVERING )?INDEX/.test(d));
      expect(scans, `${sql.slice(0, 160)}\n${steps.join('\n')}`).toEqual([]);
    }
    const all = plans.flatMap((p) => p.steps).join('\n');
    // The open referrals' children in one read by id, their episodes in another, and only the housemates in homes with an open vacancy.
    expect(all).toMatch(/SEARCH ch USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(all).toMatch(/SEARCH episodes USING INDEX episodes_by_child \(child_id=\?\)/);
    expect(all).toMatch(/SEARCH children USING INDEX children_by_current_home \(current_home_id=\?\)/);
  });

  it('current placements are found through their end date, and a council’s through placements_by_council', () => {
    const region = capture((db) => buildSpendView(new MarketData(db, TODAY), null, 'region'))
      .flatMap(plan)
      .join('\n');
    expect(region).toMatch(/placements_current \(end_date=\?\)/);
    expect(region).toMatch(/placements_current \(end_date>\?\)/);
    const council = capture((db) => buildSpendView(new MarketData(db, TODAY), 2, 'Brookmere'))
      .flatMap(plan)
      .join('\n');
    expect(council).toMatch(/placements_by_council \(council_id=\? AND end_date=\?\)/);
    const waits = capture((db) => buildSufficiencyView(new MarketData(db, TODAY), null, 'region'))
      .flatMap(plan)
      .join('\n');
    expect(waits).toMatch(/placements_by_start \(start_date>\? AND start_date<\?\)/);
  });
});
