import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketData } from '../../electron/services/market-data';
import { buildPricesView, priceStatsByKind } from '../../electron/services/market-prices';
import { DEFAULT_POLICY } from '../../shared/scoring';
import { buildProviderDetail, buildProviderRows } from '../../electron/services/market-providers';
import { buildMoveScenario, buildSpendView, buildTopPlacements, buildUnitCosts } from '../../electron/services/market-spend';
import { buildSufficiencyView, placeMapLabels } from '../../electron/services/market-sufficiency';
import { PriceFilter, type BoxStats } from '../../shared/contract/market';
import { tempStore } from '../helpers/store';
import {
  CHILDREN,
  COUNCILS,
  HOMES,
  PLACEMENTS,
  PROVIDERS,
  REFERRALS,
  seedMarketFixture,
  TODAY,
  total,
  VACANCIES,
  type FixtureHome,
  type FixturePlacement,
  type FixtureVacancy,
} from './market.fixture';

/*
 * Every figure on the market views, checked against a second computation written here in plain
 * code over the fixture's arrays (and, for the anchors, by hand in the comments). Nothing below
 * reads the database except through the views under test.
 */

let store: ReturnType<typeof tempStore>;
beforeAll(() => {
  store = tempStore({ kind: 'empty' });
  seedMarketFixture(store.db);
});
afterAll(() => store?.remove());
/** A fresh per-request view of the store, as the handlers make one. */
const md = () => new MarketData(store.db, TODAY);

// ------------------------------------------------------------------ independent helpers

const home = (id: number) => HOMES.find((h) => h.id === id)!;
const provider = (id: number) => PROVIDERS.find((p) => p.id === id)!;
const child = (id: number) => CHILDREN.find((c) => c.id === id)!;
const kindOf = (p: { home: number }) => home(p.home).kind;
const inHouse = (providerId: number) =>
  ['in_house', 'council'].includes(provider(providerId).ownership) || ['in_house', 'rcc', 'council_residential'].includes(provider(providerId).type);
const sectorOf = (p: { home: number }) => (inHouse(home(p.home).provider) ? 'in_house' : 'external');
const gradeOf = (p: { home: number }) => home(p.home).grade ?? provider(home(p.home).provider).grade;
const isCurrent = (p: FixturePlacement) => p.start <= TODAY && (p.end === null || p.end > TODAY);
const current = PLACEMENTS.filter(isCurrent);
const openVacancies = VACANCIES.filter((v) => v.status === 'open');

/** Age in whole years, by counting birthdays (written differently from the app's on purpose). */
function age(birth: string, on: string): number {
  let years = 0;
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  while (true) {
    const next = `${String(by + years + 1).padStart(4, '0')}-${String(bm).padStart(2, '0')}-${String(bd).padStart(2, '0')}`;
    if (next > on) return years;
    years++;
  }
}

/** Excel's QUARTILE.INC: the value at 1-based rank 1 + (n - 1) q, interpolated. */
function quartileInc(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = 1 + (s.length - 1) * q;
  const below = s[Math.floor(rank) - 1]!;
  const above = s[Math.min(s.length, Math.floor(rank) + 1) - 1]!;
  return below + (rank - Math.floor(rank)) * (above - below);
}

function expectBox(actual: BoxStats | undefined, values: number[]): void {
  expect(actual, 'group missing').toBeDefined();
  const q1 = quartileInc(values, 0.25);
  const q3 = quartileInc(values, 0.75);
  expect(actual!.n).toBe(values.length);
  expect(actual!.min).toBe(Math.min(...values));
  expect(actual!.max).toBe(Math.max(...values));
  expect(actual!.q1).toBeCloseTo(q1, 6);
  expect(actual!.median).toBeCloseTo(quartileInc(values, 0.5), 6);
  expect(actual!.q3).toBeCloseTo(q3, 6);
  expect(actual!.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
  expect(actual!.upperFence).toBeCloseTo(q3 + 1.5 * (q3 - q1), 6);
}

/** The distance recorded with the placement; null when none was (never estimated). */
const milesOf = (p: FixturePlacement) => p.distance;
const prices = (list: readonly { price: readonly number[] }[]) => list.map((x) => total(x.price));
const ref = (p: FixturePlacement) => `P-${p.id}`;
const vref = (v: FixtureVacancy) => `V-${v.id}`;
const filter = (f: Partial<PriceFilter>) => PriceFilter.parse(f);
const bedsOf = (list: FixtureVacancy[]) => list.reduce((n, v) => n + v.beds, 0);

// ------------------------------------------------------------------ prices

describe('price comparison', () => {
  const view = () => buildPricesView(md(), filter({}));

  it('counts every current placement and open vacancy once, and nothing else', () => {
    const v = view();
    expect(v.total).toBe(current.length + openVacancies.length);
    expect(v.total).toBe(15);
    expect(v.points.map((p) => p.ref).sort()).toEqual([...current.map(ref), ...openVacancies.map(vref)].sort());
    expect(v.pointsSampled).toBe(false);
  });

  it("gives each type's distribution as a second computation does (foster by hand: median £765, Q1 £482.50)", () => {
    const v = view();
    for (const kind of ['foster', 'residential', 'supported'] as const) {
      const values = [...prices(current.filter((p) => kindOf(p) === kind)), ...prices(openVacancies.filter((x) => kindOf(x) === kind))];
      expectBox(v.byKind.find((g) => g.kind === kind)?.stats, values);
    }
    // The summary report's shortcut gives the same distributions.
    expect(priceStatsByKind(md())).toEqual(v.byKind);
    // Foster: 450, 460, 550, 980, 1000, 1050 pounds.
    expect(v.byKind.find((g) => g.kind === 'foster')!.stats).toMatchObject({ median: 76_500, q1: 48_250, q3: 99_500 });
  });

  it('flags only the £12,000 children’s home as an outlier (above Q3 + 1.5 IQR = £7,287.50)', () => {
    const v = view();
    expect(v.byKind.find((g) => g.kind === 'residential')!.stats.upperFence).toBe(728_750);
    expect(v.points.filter((p) => p.outlier !== null).map((p) => [p.ref, p.outlier])).toEqual([['P-7', 'high']]);
    expect(v.outliers).toBe(1);
  });

  it("places each provider against the region's median for the same type", () => {
    const v = view();
    const all = [...current.map((p) => ({ ...p, ref: ref(p) })), ...openVacancies.map((x) => ({ ...x, ref: vref(x) }))];
    const groups = new Map<string, typeof all>();
    for (const o of all) {
      const key = `${home(o.home).provider}:${kindOf(o)}`;
      groups.set(key, [...(groups.get(key) ?? []), o]);
    }
    expect(v.byProvider).toHaveLength(groups.size);
    for (const [key, list] of groups) {
      const [providerId, kind] = key.split(':') as [string, 'foster'];
      const row = v.byProvider.find((r) => r.providerId === Number(providerId) && r.kind === kind)!;
      const values = prices(list);
      expectBox(row.stats, values);
      const regionMedian = quartileInc(
        all.filter((o) => kindOf(o) === kind).map((o) => total(o.price)),
        0.5,
      );
      expect(row.vsRegionPct).toBeCloseTo(((quartileInc(values, 0.5) - regionMedian) / regionMedian) * 100, 1);
    }
    // Hearth's foster homes (980, 1000, 1050) against the region's £765: 30.7% above.
    expect(v.byProvider.find((r) => r.providerId === 2)!.vsRegionPct).toBe(30.7);
  });

  it('filters like for like: fee tier, age band, registration category, solo/shared, grade, council, sector, source', () => {
    const refs = (f: Partial<PriceFilter>) =>
      buildPricesView(md(), filter(f))
        .points.map((p) => p.ref)
        .sort();
    const expected = (pl: FixturePlacement[], vs: FixtureVacancy[]) => [...pl.map(ref), ...vs.map(vref)].sort();

    expect(refs({ kind: 'foster', feeTier: 2 })).toEqual(
      expected(
        current.filter((p) => home(p.home).tier === 2),
        openVacancies.filter((x) => home(x.home).tier === 2),
      ),
    );
    // A placement counts in the age band the child was in when the price was agreed; a vacancy in every band its home takes.
    const band = [10, 15] as const;
    expect(refs({ kind: 'residential', ageBand: '10 to 15' })).toEqual(
      expected(
        current.filter((p) => kindOf(p) === 'residential' && age(child(p.child).birth, p.start) >= band[0] && age(child(p.child).birth, p.start) <= band[1]),
        openVacancies.filter((x) => kindOf(x) === 'residential' && home(x.home).minAge <= band[1] && home(x.home).maxAge >= band[0]),
      ),
    );
    expect(refs({ kind: 'residential', ageBand: '10 to 15' })).toEqual(['P-5', 'P-6', 'P-8', 'V-3', 'V-4']);
    expect(refs({ category: 'LD' })).toEqual(['P-7']);
    expect(refs({ supportedKind: 'solo' })).toEqual(['P-10']);
    expect(refs({ supportedKind: 'shared' })).toEqual(['P-9', 'V-6']);
    expect(refs({ ofstedGrade: 'outstanding' })).toEqual(
      expected(
        current.filter((p) => gradeOf(p) === 'outstanding'),
        openVacancies.filter((x) => gradeOf(x) === 'outstanding'),
      ),
    );
    expect(refs({ councilId: 2 })).toEqual(
      expected(
        current.filter((p) => home(p.home).council === 2),
        openVacancies.filter((x) => home(x.home).council === 2),
      ),
    );
    expect(refs({ sector: 'in_house' })).toEqual(
      expected(
        current.filter((p) => sectorOf(p) === 'in_house'),
        openVacancies.filter((x) => sectorOf(x) === 'in_house'),
      ),
    );
    expect(refs({ providerId: 3, sources: ['placements'] })).toEqual(['P-5', 'P-6', 'P-7']);
    expect(refs({ sources: ['vacancies'] })).toEqual(openVacancies.map(vref).sort());
    // Foster tier 2 by hand: 550 and 980 pounds, median 765.
    expect(buildPricesView(md(), filter({ kind: 'foster', feeTier: 2 })).byKind[0]!.stats.median).toBe(76_500);
  });

  it('groups prices by Ofsted grade, council, sector, level and distance as a second computation does', () => {
    const v = view();
    const all = [...current, ...openVacancies];
    const res = all.filter((o) => kindOf(o) === 'residential');
    for (const grade of ['good', 'requires_improvement', 'outstanding']) {
      expectBox(v.byGrade.find((g) => g.kind === 'residential' && g.key === grade)?.stats, prices(res.filter((o) => gradeOf(o) === grade)));
    }
    for (const c of COUNCILS) {
      const values = prices(res.filter((o) => home(o.home).council === c.id));
      if (values.length > 0) expectBox(v.byCouncil.find((g) => g.kind === 'residential' && g.key === String(c.id))?.stats, values);
    }
    expectBox(
      v.bySector.find((g) => g.kind === 'foster' && g.key === 'external')?.stats,
      prices(all.filter((o) => kindOf(o) === 'foster' && sectorOf(o) === 'external')),
    );
    expectBox(v.byLevel.find((g) => g.kind === 'foster' && g.label === 'Enhanced')?.stats, prices(all.filter((o) => home(o.home).tier === 2)));

    // Distance from home as recorded with the placement; none recorded stays none, never estimated from the council's centre.
    const p6 = v.points.find((p) => p.ref === 'P-6')!;
    expect(p6.distanceMiles).toBeNull();
    const bands: [string, number][] = [
      ['0-5', 5],
      ['5-10', 10],
      ['10-20', 20],
      ['20-50', 50],
      ['50+', Infinity],
    ];
    const bandOf = (miles: number) => bands.find(([, below]) => miles < below)![0];
    for (const kind of ['foster', 'residential', 'supported'] as const) {
      const byBand = new Map<string, number[]>();
      for (const p of current.filter((x) => kindOf(x) === kind && milesOf(x) !== null))
        byBand.set(bandOf(milesOf(p)!), [...(byBand.get(bandOf(milesOf(p)!)) ?? []), total(p.price)]);
      expect(
        v.byDistance
          .filter((g) => g.kind === kind)
          .map((g) => g.key)
          .sort(),
      ).toEqual([...byBand.keys()].sort());
      for (const [band, values] of byBand) expectBox(v.byDistance.find((g) => g.kind === kind && g.key === band)?.stats, values);
    }
  });

  it('splits prices into core, support, education and other', () => {
    const v = view();
    const res = [...current, ...openVacancies].filter((o) => kindOf(o) === 'residential');
    const mean = (i: number) => Math.round(res.reduce((n, o) => n + o.price[i]! * 100, 0) / res.length);
    const row = v.split.find((s) => s.kind === 'residential')!;
    expect(row.n).toBe(res.length);
    expect(row.mean).toEqual({ core: mean(0), support: mean(1), education: mean(2), other: mean(3) });
    const whole = res.reduce((n, o) => n + total(o.price), 0);
    expect(row.sharePct.core).toBeCloseTo((res.reduce((n, o) => n + o.price[0]! * 100, 0) / whole) * 100, 1);
  });
});

// ------------------------------------------------------------------ unit costs and moves

describe('in-house against external unit costs', () => {
  it('gives each kind of home its mean weekly cost x 52 from current placements', () => {
    const { rows } = buildUnitCosts(md(), null);
    for (const row of rows) {
      const list = current.filter((p) => kindOf(p) === row.kind && sectorOf(p) === row.sector);
      const open = openVacancies.filter((x) => kindOf(x) === row.kind && sectorOf(x) === row.sector);
      expect(row.currentPlacements, row.category).toBe(list.length);
      expect(row.openBeds, row.category).toBe(open.reduce((n, x) => n + x.beds, 0));
      if (list.length > 0) {
        const mean = Math.round(prices(list).reduce((a, b) => a + b, 0) / list.length);
        expect(row.meanWeeklyPence, row.category).toBe(mean);
        expect(row.annualUnitCostPence, row.category).toBe(mean * 52);
        expect(row.basis).toBe('placements');
      }
    }
    // By hand: in-house foster (450 + 550) / 2 = £500 a week, £26,000 a year; external homes (4,900 + 5,600 + 12,000) / 3 = £7,500.
    expect(rows.find((r) => r.category === 'foster:in_house')).toMatchObject({ meanWeeklyPence: 50_000, annualUnitCostPence: 2_600_000 });
    expect(rows.find((r) => r.category === 'residential:external')).toMatchObject({ meanWeeklyPence: 750_000, annualUnitCostPence: 39_000_000 });
    expect(rows.find((r) => r.category === 'supported:in_house')).toMatchObject({ basis: 'none', meanWeeklyPence: null });
  });

  it("a council's unit costs come from its own placements", () => {
    const { rows } = buildUnitCosts(md(), 1);
    const mine = current.filter((p) => p.council === 1);
    for (const row of rows) expect(row.currentPlacements, row.category).toBe(mine.filter((p) => kindOf(p) === row.kind && sectorOf(p) === row.sector).length);
    expect(rows.find((r) => r.category === 'residential:external')!.meanWeeklyPence).toBe(560_000);
  });

  it('prices moving 2 children from external children’s homes to in-house foster care', () => {
    const move = buildMoveScenario(md(), null, { from: 'residential:external', to: 'foster:in_house', children: 2 });
    // 2 x (500 - 7,500) = -£14,000 a week; x 52 = -£728,000; 127 nights to 31 March: -£254,000.
    expect(move.weeklyChangePence).toBe(-1_400_000);
    expect(move.annualChangePence).toBe(-72_800_000);
    const nights = (Date.UTC(2027, 2, 31) - Date.UTC(2026, 10, 25)) / 86_400_000 + 1;
    expect(move.daysLeftInYear).toBe(nights);
    expect(move.restOfYearChangePence).toBe(Math.round((-1_400_000 * nights) / 7));
    expect(move.bedsAvailable).toBe(1);
    expect(move.warnings.join(' ')).toContain('1 open bed');
    expect(() => buildMoveScenario(md(), null, { from: 'foster:in_house', to: 'supported:in_house', children: 1 })).toThrow(/no placements or open vacancies/);
  });
});

// ------------------------------------------------------------------ spend

describe('spend', () => {
  it('sums current weekly spend and annualises it, by council, type, sector and provider', () => {
    const v = buildSpendView(md(), null, 'the region');
    const weekly = prices(current).reduce((a, b) => a + b, 0);
    expect(v.currentPlacements).toBe(current.length);
    expect(v.weeklyPence).toBe(weekly);
    expect(v.weeklyPence).toBe(3_188_000);
    expect(v.annualisedPence).toBe(weekly * 52);
    const check = (rows: typeof v.byCouncil, keyOf: (p: FixturePlacement) => string) => {
      const sums = new Map<string, number>();
      for (const p of current) sums.set(keyOf(p), (sums.get(keyOf(p)) ?? 0) + total(p.price));
      expect(Object.fromEntries(rows.map((r) => [r.key, r.weeklyPence]))).toEqual(Object.fromEntries(sums));
      for (const r of rows) expect(r.sharePct).toBeCloseTo((r.weeklyPence / weekly) * 100, 1);
    };
    check(v.byCouncil, (p) => String(p.council));
    check(v.byKind, (p) => kindOf(p));
    check(v.bySector, (p) => sectorOf(p));
    check(v.byProvider, (p) => String(home(p.home).provider));
  });

  it('forecasts to 31 March night by night from current placements and planned end dates', () => {
    const v = buildSpendView(md(), null, 'the region');
    // A second method: walk every night of the year and ask each placement whether it pays for it.
    const spent = new Map<string, number>();
    const forecast = new Map<string, number>();
    for (let t = Date.UTC(2026, 3, 1); t <= Date.UTC(2027, 2, 31); t += 86_400_000) {
      const night = new Date(t).toISOString().slice(0, 10);
      for (const p of PLACEMENTS) {
        const stop = p.end ?? (p.plannedEnd !== null && p.plannedEnd >= TODAY ? p.plannedEnd : '9999-12-31');
        if (night < p.start || night >= stop) continue;
        const bucket = night < TODAY ? spent : forecast;
        bucket.set(night.slice(0, 7), (bucket.get(night.slice(0, 7)) ?? 0) + total(p.price) / 7);
      }
    }
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    expect(v.forecast).toMatchObject({ yearStart: '2026-04-01', yearEnd: '2027-03-31' });
    expect(v.forecast.spentToDatePence).toBe(Math.round(sum(spent)));
    expect(v.forecast.remainingPence).toBe(Math.round(sum(forecast)));
    expect(v.forecast.outturnPence).toBe(Math.round(sum(spent)) + Math.round(sum(forecast)));
    for (const m of v.forecast.months) {
      expect(m.actualPence, m.month).toBe(Math.round(spent.get(m.month) ?? 0));
      expect(m.forecastPence, m.month).toBe(Math.round(forecast.get(m.month) ?? 0));
    }
    // Placements 2 (planned end 31 Jan) and 4 (20 Dec) stop before the year ends; 9 runs past it.
    expect(v.forecast.endingBeforeYearEnd).toBe(2);
  });

  it("gives the same spend when today's placements were already read for sufficiency (as the summary report does)", () => {
    for (const council of [null, 1, 2]) {
      const shared = md();
      buildSufficiencyView(shared, council, 'scope');
      expect(buildSpendView(shared, council, 'scope'), String(council)).toEqual(buildSpendView(md(), council, 'scope'));
      expect(buildUnitCosts(shared, council), String(council)).toEqual(buildUnitCosts(md(), council));
    }
  });

  it("a council's spend is its own placements only", () => {
    const v = buildSpendView(md(), 2, 'Brookmere');
    expect(v.currentPlacements).toBe(current.filter((p) => p.council === 2).length);
    expect(v.weeklyPence).toBe(prices(current.filter((p) => p.council === 2)).reduce((a, b) => a + b, 0));
  });

  it('lists the costliest current placements by pseudonymous reference, most expensive first', () => {
    const top = buildTopPlacements(md(), null, 3);
    const expected = [...current].sort((a, b) => total(b.price) - total(a.price)).slice(0, 3);
    expect(top.map((t) => [t.placementRef, t.childRef, t.weeklyPence])).toEqual(expected.map((p) => [ref(p), child(p.child).ref, total(p.price)]));
    expect(buildTopPlacements(md(), 1, 50).map((t) => t.childRef)).toEqual(
      [...current]
        .filter((p) => p.council === 1)
        .sort((a, b) => total(b.price) - total(a.price))
        .map((p) => child(p.child).ref),
    );
  });
});

// ------------------------------------------------------------------ sufficiency

describe('sufficiency', () => {
  const open = REFERRALS.filter((r) => ['new', 'searching', 'shortlisted', 'offered'].includes(r.status));
  const wanted = (r: (typeof REFERRALS)[number]) => {
    const kinds = ['foster', 'residential', 'supported'] as const;
    const i = r.suitability.indexOf('Preferred');
    if (i >= 0) return kinds[i];
    const j = r.suitability.indexOf('Suitable but not preferred');
    return j >= 0 ? kinds[j] : null;
  };

  it('sets demand against supply by type of home', () => {
    const v = buildSufficiencyView(md(), null, 'the region');
    expect(v.openReferrals).toBe(open.length);
    expect(v.currentPlacements).toBe(current.length);
    expect(v.openBeds).toBe(bedsOf(openVacancies));
    expect(v.approvedPlaces).toBe(HOMES.reduce((n, h) => n + h.places, 0));
    for (const kind of ['foster', 'residential', 'supported'] as const) {
      const row = v.byKind.find((r) => r.key === kind)!;
      expect(row.referrals, kind).toBe(open.filter((r) => wanted(r) === kind).length);
      expect(row.placements, kind).toBe(current.filter((p) => kindOf(p) === kind).length);
      expect(row.openBeds, kind).toBe(bedsOf(openVacancies.filter((x) => kindOf(x) === kind)));
      expect(row.approvedPlaces, kind).toBe(HOMES.filter((h) => h.kind === kind).reduce((n, h) => n + h.places, 0));
      expect(row.balance).toBe(row.openBeds - row.referrals);
    }
  });

  it('by age band, need and council', () => {
    const v = buildSufficiencyView(md(), null, 'the region');
    const bands: [string, number, number][] = [
      ['Under 1', 0, 0],
      ['1 to 4', 1, 4],
      ['5 to 9', 5, 9],
      ['10 to 15', 10, 15],
      ['16 and over', 16, 17],
    ];
    for (const [band, lo, hi] of bands) {
      const row = v.byAgeBand.find((r) => r.key === band)!;
      const inBand = (birth: string) => age(birth, TODAY) >= lo && age(birth, TODAY) <= hi;
      expect(row.referrals, band).toBe(open.filter((r) => inBand(child(r.child).birth)).length);
      expect(row.placements, band).toBe(current.filter((p) => inBand(child(p.child).birth)).length);
      expect(row.openBeds, band).toBe(bedsOf(openVacancies.filter((x) => home(x.home).minAge <= hi && home(x.home).maxAge >= lo)));
    }
    // Every need: referrals asking for it, children placed through a referral that recorded it, beds and places in homes registered for it.
    for (const need of ['EBD', 'MHD', 'SI', 'ALC', 'DRUG', 'LD', 'PD']) {
      const row = v.byNeed.find((r) => r.key === need)!;
      const registered = (h: FixtureHome) => (h.categories ?? []).includes(need);
      expect([need, row.referrals], need).toEqual([need, open.filter((r) => r.needs.includes(need)).length]);
      expect([need, row.openBeds], need).toEqual([need, bedsOf(openVacancies.filter((x) => registered(home(x.home))))]);
      expect([need, row.approvedPlaces], need).toEqual([need, HOMES.filter(registered).reduce((n, h) => n + h.places, 0)]);
    }
    for (const [band, lo, hi] of bands) {
      const takes = (h: FixtureHome) => h.minAge <= hi && h.maxAge >= lo;
      expect([band, v.byAgeBand.find((r) => r.key === band)!.approvedPlaces]).toEqual([band, HOMES.filter(takes).reduce((n, h) => n + h.places, 0)]);
    }
    const ebd = v.byNeed.find((r) => r.key === 'EBD')!;
    expect(ebd.referrals).toBe(open.filter((r) => r.needs.includes('EBD')).length);
    expect(ebd.placements).toBe(current.filter((p) => p.referral !== null && REFERRALS.find((r) => r.id === p.referral)!.needs.includes('EBD')).length);
    expect(ebd.openBeds).toBe(bedsOf(openVacancies.filter((x) => (home(x.home).categories ?? []).includes('EBD'))));
    expect(ebd.approvedPlaces).toBe(HOMES.filter((h) => (h.categories ?? []).includes('EBD')).reduce((n, h) => n + h.places, 0));
    const disability = v.byNeed.find((r) => r.key === 'DISABILITY')!;
    expect(disability.referrals).toBe(open.filter((r) => child(r.child).disability).length);
    // Homes for disabled children: home 3 (disability specialism, 2 places) and home 6 (LD, 2 places); neither has an open bed.
    expect(disability).toMatchObject({ approvedPlaces: 4, openBeds: 0, balance: -1 });
    for (const c of COUNCILS) {
      const row = v.byCouncil.find((r) => r.key === String(c.id))!;
      expect(row.referrals).toBe(open.filter((r) => r.council === c.id).length);
      expect(row.placements).toBe(current.filter((p) => p.council === c.id).length);
      expect(row.openBeds).toBe(bedsOf(openVacancies.filter((x) => home(x.home).council === c.id)));
    }
  });

  it('finds the gaps by council and type: Brookmere has a supported-accommodation referral and no open bed', () => {
    const v = buildSufficiencyView(md(), null, 'the region');
    for (const g of v.gaps) {
      expect(g.referrals).toBe(open.filter((r) => r.council === g.councilId && wanted(r) === g.kind).length);
      expect(g.openBeds).toBe(bedsOf(openVacancies.filter((x) => home(x.home).council === g.councilId && kindOf(x) === g.kind)));
    }
    expect(v.gaps[0]).toMatchObject({ councilName: 'Brookmere', kind: 'supported', referrals: 1, openBeds: 0, balance: -1 });
  });

  it('counts children placed out of area or over 20 miles, with the reasons', () => {
    const v = buildSufficiencyView(md(), null, 'the region');
    const away = current.filter((p) => home(p.home).council !== p.council);
    const far = current.filter((p) => milesOf(p) !== null && milesOf(p)! > 20);
    const known = current.filter((p) => p.distance !== null);
    expect(v.distance).toMatchObject({
      currentPlacements: current.length,
      outOfArea: away.length,
      over20Miles: far.length,
      noHomeLocation: current.length - known.length,
      countedForDistance: known.length,
      excludedUasc: 0,
      excludedShortBreaks: 0,
    });
    // The share is of the children whose distance is known.
    expect(v.distance.over20MilesPct).toBeCloseTo((far.length / known.length) * 100, 1);
    const reasons = new Map<string, number>();
    for (const p of new Set([...away, ...far])) reasons.set(p.distanceReason, (reasons.get(p.distanceReason) ?? 0) + 1);
    expect(Object.fromEntries(v.distance.reasons.map((r) => [r.reason, r.count]))).toEqual(Object.fromEntries(reasons));
    // Split: over 20 miles, else outside the council within 20 miles.
    const farBy = (reason: string) => far.filter((p) => p.distanceReason === reason).length;
    const nearAwayBy = (reason: string) => away.filter((p) => p.distanceReason === reason && !far.includes(p)).length;
    for (const r of v.distance.reasons) expect([r.reason, r.over20Miles, r.outOfAreaWithin20Miles]).toEqual([r.reason, farBy(r.reason), nearAwayBy(r.reason)]);
    // By hand: P-4 (Brookmere child in Calder Moss, 18 miles, safeguarding) is away but near; P-10 (33 miles, safeguarding) is far.
    expect(v.distance.reasons.find((r) => r.reason === 'Safeguarding')).toMatchObject({ count: 2, over20Miles: 1, outOfAreaWithin20Miles: 1 });
  });

  it('measures days from referral to placement over the last year (by hand: 2, 10, 11, 11; median 10.5)', () => {
    const v = buildSufficiencyView(md(), null, 'the region');
    const days = PLACEMENTS.filter((p) => p.referral !== null && p.start >= '2025-11-25' && p.start <= TODAY).map((p) => {
      const received = REFERRALS.find((r) => r.id === p.referral)!.receivedAt.slice(0, 10);
      return (Date.parse(p.start) - Date.parse(received)) / 86_400_000;
    });
    expect(v.timeToPlace.n).toBe(days.length);
    expect(v.timeToPlace.medianDays).toBe(quartileInc(days, 0.5));
    expect(v.timeToPlace.medianDays).toBe(10.5);
    expect(v.timeToPlace.meanDays).toBe(8.5);
    expect(v.timeToPlace.p90Days).toBe(Math.round(quartileInc(days, 0.9) * 10) / 10);
    expect(v.timeToPlace.histogram.reduce((n, h) => n + h.count, 0)).toBe(days.length);
    expect(v.timeToPlace.histogram.find((h) => h.label === '8 to 14 days')!.count).toBe(days.filter((d) => d >= 8 && d <= 14).length);
  });

  it("counts referrals no open vacancy can take under the engine's hard rules (by hand: only referral 6)", () => {
    const v = buildSufficiencyView(md(), null, 'the region');
    // Referral 5 (14, foster preferred): home 1's vacancy fits. Referral 7 (7, foster suitable): home 1 again.
    // Referral 8 (16, supported preferred): home 8's shared flat takes 16-17s. Referral 6 (15) needs a home
    // registered for EBD and SI: no children's home holds SI, foster care is unsuitable, supported takes 16+.
    expect(v.noSuitableMatch).toMatchObject({ status: 'computed', count: 1, openReferrals: open.length });
    expect(v.noSuitableMatch.note).toContain('hard rules');
    expect(buildSufficiencyView(md(), 1, 'Ashford Vale').noSuitableMatch).toMatchObject({ count: 1, openReferrals: 2 });
    expect(buildSufficiencyView(md(), 2, 'Brookmere').noSuitableMatch).toMatchObject({ count: 0, openReferrals: 1 });
  });

  it('follows the newest stored policy, as the officer search does', () => {
    const tight = { ...DEFAULT_POLICY, version: 2, caps: { maxMiles: 0.1, maxWeeklyPence: 1_200_000 } };
    // Stored as the newest version, it is the one the count follows: no home is within a tenth of a mile.
    store.db.exec('SAVEPOINT tight_policy');
    try {
      store.db.prepare("INSERT INTO policies (version, policy, created_at) VALUES (2, ?, '2026-11-25T09:00:00Z')").run(JSON.stringify(tight));
      expect(buildSufficiencyView(md(), null, 'the region').noSuitableMatch).toMatchObject({ count: 4, openReferrals: 4 });
      expect(buildSufficiencyView(md(), null, 'the region').noSuitableMatch.note).toContain('version 2');
    } finally {
      store.db.exec('ROLLBACK TO tight_policy; RELEASE tight_policy');
    }
  });

  it('maps councils and homes with open beds, coarsened to about a kilometre', () => {
    const v = buildSufficiencyView(md(), null, 'the region');
    expect(v.map.councils.map((c) => c.name).sort()).toEqual(COUNCILS.map((c) => c.name).sort());
    const cells = new Set(openVacancies.map((x) => `${Math.round(home(x.home).lat * 100)}:${Math.round(home(x.home).lon * 100)}:${kindOf(x)}`));
    expect(v.map.points).toHaveLength(cells.size);
    expect(v.map.points.reduce((n, p) => n + p.beds, 0)).toBe(bedsOf(openVacancies));
    for (const p of [...v.map.points, ...v.map.councils]) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(v.map.width);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(v.map.height);
    }
    // Circles in proportion to the larger of the two counts anywhere on the map (area, so radius by square root).
    const biggest = Math.max(...v.map.councils.flatMap((c) => [c.referrals, c.openBeds]));
    for (const c of v.map.councils) {
      expect(c.referralRadius).toBeCloseTo(c.referrals === 0 ? 0 : 4 + 20 * Math.sqrt(c.referrals / biggest), 1);
      expect(c.bedRadius).toBeCloseTo(c.openBeds === 0 ? 0 : 4 + 20 * Math.sqrt(c.openBeds / biggest), 1);
    }
    // North is up: Brookmere (53.6°N) is drawn above Calder Moss (53.4°N).
    const y = (name: string) => v.map.councils.find((c) => c.name === name)!.y;
    expect(y('Brookmere')).toBeLessThan(y('Calder Moss'));
  });

  it('places map labels clear of one another and of every council’s circles, even when councils crowd together', () => {
    // Five councils a few units apart, as the big city councils sit on the demo region's map.
    const marks = [0, 1, 2, 3, 4].map((i) => ({
      x: 300 + i * 30,
      y: 200 + (i % 2) * 20,
      name: `Council number ${i}`,
      detail: '7 waiting · 11 beds',
      referralRadius: 14,
      bedRadius: 18,
    }));
    const labels = placeMapLabels(marks, 640, 420);
    // A label is 10 units above its baseline and 16 below, and as wide as its longer line (the same metrics, restated).
    const box = (i: number) => {
      const w = Math.max(marks[i]!.name.length * 7, marks[i]!.detail.length * 5.4) + 6;
      return { l: labels[i]!.labelX - w / 2, r: labels[i]!.labelX + w / 2, t: labels[i]!.labelY - 10, b: labels[i]!.labelY + 16 };
    };
    const meets = (a: { l: number; r: number; t: number; b: number }, b: typeof a) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
    for (let i = 0; i < marks.length; i++) {
      const a = box(i);
      expect(a.l).toBeGreaterThanOrEqual(0);
      expect(a.r).toBeLessThanOrEqual(640);
      expect(a.t).toBeGreaterThanOrEqual(0);
      expect(a.b).toBeLessThanOrEqual(420);
      for (let j = 0; j < marks.length; j++) {
        if (j !== i) expect(meets(a, box(j)), `labels ${i} and ${j}`).toBe(false);
        const m = marks[j]!;
        for (const [r, dx] of [
          [m.referralRadius, -0.55],
          [m.bedRadius, 0.55],
        ] as const) {
          const circle = { l: m.x + dx * r - r, r: m.x + dx * r + r, t: m.y - r, b: m.y + r };
          expect(meets(a, circle), `label ${i} over council ${j}'s circle`).toBe(false);
        }
      }
    }
    // A council on its own keeps its label under its circles.
    expect(placeMapLabels([{ x: 100, y: 100, name: 'Alone', detail: '1 waiting · 2 beds', referralRadius: 10, bedRadius: 12 }], 640, 420)[0]).toEqual({
      labelX: 100,
      labelY: 124,
    });
  });

  it("a council's sufficiency narrows demand and supply to that council", () => {
    const v = buildSufficiencyView(md(), 2, 'Brookmere');
    expect(v.openReferrals).toBe(open.filter((r) => r.council === 2).length);
    expect(v.openBeds).toBe(bedsOf(openVacancies.filter((x) => home(x.home).council === 2)));
    expect(v.byCouncil.map((c) => c.label)).toEqual(['Brookmere']);
  });
});

// ------------------------------------------------------------------ providers

describe('providers', () => {
  const yearAgo = '2025-11-25';
  it('gives each provider its homes, places, placements, spend share, endings and price change', () => {
    const rows = buildProviderRows(md());
    const regionWeekly = prices(current).reduce((a, b) => a + b, 0);
    expect(rows).toHaveLength(PROVIDERS.length);
    for (const pr of PROVIDERS) {
      const row = rows.find((r) => r.providerId === pr.id)!;
      const theirs = (p: { home: number }) => home(p.home).provider === pr.id;
      const placed = current.filter(theirs);
      const weekly = prices(placed).reduce((a, b) => a + b, 0);
      const ended = PLACEMENTS.filter((p) => theirs(p) && p.end !== null && p.end >= yearAgo && p.end <= TODAY);
      expect(row, pr.name).toMatchObject({
        homes: HOMES.filter((h) => h.provider === pr.id).length,
        approvedPlaces: HOMES.filter((h) => h.provider === pr.id).reduce((n, h) => n + h.places, 0),
        currentPlacements: placed.length,
        weeklySpendPence: weekly,
        openBeds: bedsOf(openVacancies.filter(theirs)),
        endingsLast12: ended.length,
        unplannedEndingsLast12: ended.filter((p) => p.endReason !== null && !['CARPL', 'PLACE'].includes(p.endReason)).length,
      });
      expect(row.spendSharePct).toBeCloseTo((weekly / regionWeekly) * 100, 1);
    }
    // Ashford Vale Fostering: placements started in the 12 months before last cost 450 and 430 (median 440); since, 550: +25%.
    expect(rows.find((r) => r.providerId === 1)!.priceChangePct).toBe(25);
    expect(rows.find((r) => r.providerId === 3)!.priceChangePct).toBeNull();
  });

  it("shows one provider's homes, prices over time, endings by reason and share of spend", () => {
    const d = buildProviderDetail(md(), 3);
    expect(d.homes.map((h) => h.homeId)).toEqual([5, 6]);
    expect(d.homes.map((h) => [h.grade, h.approvedPlaces, h.currentPlacements, h.openBeds])).toEqual([
      ['good', 4, 2, 1],
      ['requires_improvement', 2, 1, 0],
    ]);
    const started = PLACEMENTS.filter((p) => home(p.home).provider === 3 && p.start >= '2024-12-01');
    expect(d.pricesOverTime.map((m) => [m.month, m.medianWeeklyPence])).toEqual(
      [...started].sort((a, b) => a.start.localeCompare(b.start)).map((p) => [p.start.slice(0, 7), total(p.price)]),
    );
    expect(d.endingsByReason).toEqual([{ code: 'CARPL', label: 'Change to the care plan', planned: true, count: 1 }]);
    expect(d.placements).toMatchObject({ current: 3, endedLast12: 1, plannedEndings: 1, unplannedEndings: 0 });
    expect(d.spend.sharePct).toBeCloseTo((2_250_000 / 3_188_000) * 100, 1);
    expect(d.spendByCouncil.map((c) => [c.label, c.weeklyPence])).toEqual([
      ['Calder Moss', 1_200_000],
      ['Ashford Vale', 560_000],
      ['Brookmere', 490_000],
    ]);
    const ashford = buildProviderDetail(md(), 1);
    expect(ashford.endingsByReason).toEqual([expect.objectContaining({ code: 'CREQB', planned: false, count: 1 })]);
    expect(buildProviderDetail(md(), 2).placements).toMatchObject({ endedLast12: 1, reasonNotRecorded: 1, unplannedEndings: 0 });
    expect(() => buildProviderDetail(md(), 999)).toThrow(/no provider 999/);
  });
});
