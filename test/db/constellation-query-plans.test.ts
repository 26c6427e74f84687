import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadableDB } from '../../db/handle';
import { countAcceptedBedNights, endingsByReason, listChildrenInHomes, listHouseholds, listSleepoversOverlapping } from '../../db/repositories/constellations';
import { buildConstellationFixture, type ConstellationFixture } from '../helpers/constellation-fixture';
import { tempStore } from '../helpers/store';

/**
 * The queries behind the roster and the calendar, checked against the plans SQLite chooses for
 * the exact statements the repositories run: each must reach its rows through an index, never by
 * reading a whole table of sleepovers, children or placements.
 */
let store: ReturnType<typeof tempStore>;
let fx: ConstellationFixture;

beforeAll(() => {
  store = tempStore({ kind: 'real' });
  fx = buildConstellationFixture(store.db);
});
afterAll(() => store?.remove());

function plansOf(run: (db: ReadableDB) => unknown): string[] {
  const plans: string[] = [];
  const real = store.db;
  const recording = new Proxy(real, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          const capture =
            (name: 'all' | 'get') =>
            (...params: unknown[]) => {
              const rows = target.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
              plans.push(rows.map((r) => r.detail).join(' | '));
              return (stmt[name] as (...p: unknown[]) => unknown)(...params);
            };
          return new Proxy(stmt, {
            get(st, p) {
              if (p === 'all' || p === 'get') return capture(p);
              if (p === 'pluck') return () => ({ get: capture('get'), all: capture('all') });
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
  return plans;
}

const FULL_SCAN = /SCAN (sleepovers|children|placements|s|ch)\b(?! USING)/;

describe('query plans of the constellation screens', () => {
  it('the calendar reads sleepovers by constellation and date', () => {
    const plans = plansOf((db) => listSleepoversOverlapping(db, fx.ours.id, '2026-12-01', '2026-12-31', ['accepted']));
    expect(plans.join('\n')).toMatch(/SEARCH s USING INDEX sleepovers_by_dates/);
    expect(plans.join('\n')).not.toMatch(FULL_SCAN);
    const nights = plansOf((db) => countAcceptedBedNights(db, fx.ours.id, '2026-12-01', '2026-12-28'));
    expect(nights.join('\n')).toMatch(/USING INDEX sleepovers_by_dates/);
  });

  it('the roster reads households by constellation and children by their current home', () => {
    const households = plansOf((db) => listHouseholds(db, fx.ours.id));
    expect(households.join('\n')).not.toMatch(/SCAN h\b(?! USING)/);
    const children = plansOf((db) => listChildrenInHomes(db, [fx.ours.hubHomeId, ...fx.ours.satelliteIds]));
    expect(children.join('\n')).toMatch(/USING INDEX children_by_current_home/);
  });

  it('stability reads placements by home and end date', () => {
    const plans = plansOf((db) => endingsByReason(db, [fx.ours.hubHomeId, ...fx.ours.satelliteIds], '2025-11-25'));
    expect(plans.join('\n')).toMatch(/USING INDEX placements_by_home/);
  });
});
