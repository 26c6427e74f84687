import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { openStore } from '../../db/open';
import { listAgreedPrices } from '../../db/repositories/benchmarks';
import { currentPolicy } from '../../db/repositories/policies';
import { exportPlacementsStandard } from '../../db/exporters/placements-standard';
import { withRegionBenchmarks } from '../../electron/services/costBenchmarks';
import { MarketData } from '../../electron/services/market-data';
import { buildPricesView } from '../../electron/services/market-prices';
import { buildSpendView } from '../../electron/services/market-spend';
import { buildSufficiencyView } from '../../electron/services/market-sufficiency';
import { PriceFilter } from '../../shared/contract/market';
import { signInAs } from '../helpers/as-user';
import { childIdForRef } from '../../shared/domain/ssda903';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { NOW, PASSWORD, PLACEMENTS, seedMarketFixture, TODAY, total } from './market.fixture';

/*
 * Costs like for like and DfE's distance figure on a real encrypted store (issue 13, points 7 and 8),
 * every expected figure worked out here by hand or from the fixture's own arrays.
 */

describe('a sibling group placed together', () => {
  let store: ReturnType<typeof tempStore>;
  beforeAll(async () => {
    store = tempStore({ kind: 'empty' });
    seedMarketFixture(store.db);
    // Referral 5 (child 15, Ashford Vale) now places their sister, child 20, with them.
    store.db.exec(`
      UPDATE children SET sibling_group = 'G-15' WHERE id IN (15, 20);
      UPDATE referrals SET sibling_count = 1, sibling_ids = '[20]' WHERE id = 5;
    `);
    const officer = await signInAs(testBackend(store.db, testClock(NOW).now), 'fx.officer', PASSWORD);
    // Vacancy 4: two beds in the RCC's children's home 7; the group's price is £8,000.01 a week.
    await officer.ok('placement.place', {
      referralId: 5,
      vacancyId: 4,
      startDate: TODAY,
      price: { core: 780_001, support: 20_000, education: 0, other: 0 },
      rationale: 'Keeps the two together near school.',
      distanceReason: 'Not applicable',
    });
  });
  afterAll(() => store?.remove());

  const placed = () =>
    store.db
      .prepare(
        `SELECT child_id AS childId, price_core_pence AS core, price_support_pence AS support, price_education_pence AS education, price_other_pence AS other
           FROM placements WHERE referral_id = 5 ORDER BY child_id`,
      )
      .all() as { childId: number; core: number; support: number }[];

  it('records each child’s share of the group’s price, the odd penny on the first child, adding up to what was agreed', () => {
    // By hand: 780,001 / 2 = 390,000 r 1; 20,000 / 2 = 10,000.
    expect(placed()).toEqual([
      { childId: 15, core: 390_001, support: 10_000, education: 0, other: 0 },
      { childId: 20, core: 390_000, support: 10_000, education: 0, other: 0 },
    ]);
    // The accepted offer keeps the group's price as agreed.
    expect(store.db.prepare("SELECT price_core_pence FROM offers WHERE referral_id = 5 AND status = 'accepted'").pluck().get()).toBe(780_001);
  });

  it('is the same per child in the Placements Standard export, spend, market prices and the benchmark’s agreed prices', () => {
    const csv = exportPlacementsStandard(store.db, { councilId: null, detail: 'full', today: TODAY }).content.toString('utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const header = lines[0]!.split(',');
    const cost = header.indexOf('totalWeeklyCost');
    const child = header.indexOf('childId');
    // The full export names each child by the council's own ID where one is on record.
    const councilIdOf = (id: number) =>
      (store.db.prepare('SELECT council_child_id FROM ssda903_children WHERE child_id = ?').pluck().get(id) as string | undefined) ??
      childIdForRef(store.db.prepare('SELECT ref FROM children WHERE id = ?').pluck().get(id) as string);
    const costOf = (id: number) =>
      lines
        .slice(1)
        .find((l) => l.split(',')[child] === councilIdOf(id))!
        .split(',')[cost];
    expect([costOf(15), costOf(20)]).toEqual(['4000', '4000']);

    const md = new MarketData(store.db, TODAY);
    const before = PLACEMENTS.filter((p) => p.start <= TODAY && (p.end === null || p.end > TODAY)).reduce((n, p) => n + total(p.price), 0);
    const spend = buildSpendView(md, null, 'the region');
    expect(spend.weeklyPence).toBe(before + 800_001);

    const prices = buildPricesView(new MarketData(store.db, TODAY), PriceFilter.parse({ kind: 'residential', sources: ['placements'] }));
    const ids = store.db.prepare('SELECT id FROM placements WHERE referral_id = 5 ORDER BY child_id').pluck().all() as number[];
    expect(ids.map((id) => prices.points.find((p) => p.ref === `P-${id}`)!.weeklyPence)).toEqual([400_001, 400_000]);

    const agreed = listAgreedPrices(store.db, TODAY, TODAY);
    expect(agreed).toEqual([
      { kind: 'residential', tier: 'mainstream', weeklyPence: 400_001, startDate: TODAY },
      { kind: 'residential', tier: 'mainstream', weeklyPence: 400_000, startDate: TODAY },
    ]);
  });
});

describe('the benchmark from the store’s agreed prices', () => {
  let store: ReturnType<typeof tempStore>;
  beforeAll(() => {
    store = tempStore({ kind: 'empty' });
    seedMarketFixture(store.db);
  });
  afterAll(() => store?.remove());

  it('reads children’s homes at their tier, and uses the median where there are 5 prices in the twelve months, the published figure otherwise', () => {
    // Home 7 becomes a tier 2 children's home with five placements started this year at known prices.
    store.db.exec(`UPDATE residential_homes SET fee_tier = 2 WHERE home_id = 7`);
    const add = store.db.prepare(
      `INSERT INTO placements (child_id, home_id, council_id, placement_type, start_date, price_core_pence, location_label, placement_date, cost_date)
       VALUES (?, 7, 1, 'Residential', ?, ?, 'Ashtown', ?, ?)`,
    );
    const prices = [520_000, 480_000, 610_000, 550_000, 505_000];
    prices.forEach((p, i) => add.run(15 + i, `2026-0${i + 3}-01`, p, `2026-0${i + 3}-01`, `2026-0${i + 3}-01`));
    // The fixture's own placement P-8 at home 7 started on 1 Feb 2026 at £3,900, inside the window.
    const fromFixture = PLACEMENTS.filter((p) => p.home === 7 && p.start >= '2025-11-26' && p.start <= TODAY).map((p) => total(p.price));
    expect(fromFixture).toEqual([390_000]);
    const policy = withRegionBenchmarks(store.db, currentPolicy(store.db), TODAY);
    // By hand: 3,900, 4,800, 5,050, 5,200, 5,500, 6,100; the middle two are 5,050 and 5,200, so £5,125.
    expect(policy.benchmarks.find((b) => b.kind === 'residential' && b.tier === 'enhanced')).toEqual({
      kind: 'residential',
      tier: 'enhanced',
      weeklyPence: 512_500,
      basis: { source: 'region', prices: 6, from: '2025-11-26', to: TODAY },
    });
    // Complex children's homes: no agreed prices, so the policy's published figure, saying so.
    expect(policy.benchmarks.find((b) => b.kind === 'residential' && b.tier === 'complex')).toMatchObject({
      weeklyPence: 850_000,
      basis: { source: 'published', prices: 0 },
    });
  });
});

describe('DfE’s distance figure on the store', () => {
  let store: ReturnType<typeof tempStore>;
  beforeAll(() => {
    store = tempStore({ kind: 'empty' });
    seedMarketFixture(store.db);
  });
  afterAll(() => store?.remove());

  it('leaves out a UASC child and a child on short breaks, and counts placements with no distance apart', () => {
    const current = PLACEMENTS.filter((p) => p.start <= TODAY && (p.end === null || p.end > TODAY));
    const far = current.filter((p) => p.distance !== null && p.distance > 20);
    const uascChild = far[0]!.child;
    const shortBreaksChild = current.find((p) => p.distance !== null && p.child !== uascChild)!.child;
    store.db.prepare('UPDATE children SET uasc = 1 WHERE id = ?').run(uascChild);
    // The child's 903 episode running today is under short breaks (V3), whatever the child record says.
    store.db.prepare(`INSERT INTO episodes (child_id, decom, rne, ls, cin, place) VALUES (?, '2026-01-01', 'S', 'V3', 'N1', 'U4')`).run(shortBreaksChild);
    const v = buildSufficiencyView(new MarketData(store.db, TODAY), null, 'the region').distance;
    const counted = current.filter((p) => p.child !== uascChild && p.child !== shortBreaksChild && p.distance !== null);
    const over = counted.filter((p) => p.distance! > 20);
    expect(v).toMatchObject({
      currentPlacements: current.length,
      excludedUasc: 1,
      excludedShortBreaks: 1,
      noHomeLocation: current.filter((p) => p.distance === null && p.child !== uascChild && p.child !== shortBreaksChild).length,
      countedForDistance: counted.length,
      over20Miles: over.length,
    });
    expect(v.over20MilesPct).toBe(Math.round((over.length / counted.length) * 1000) / 10);
    expect(v.noHomeLocation).toBeGreaterThan(0);

    // A UASC child whose status ceased before today counts again.
    store.db.prepare("UPDATE children SET uasc_ceased = '2026-10-01' WHERE id = ?").run(uascChild);
    expect(buildSufficiencyView(new MarketData(store.db, TODAY), null, 'the region').distance).toMatchObject({ excludedUasc: 0, over20Miles: over.length + 1 });
  });
});

describe('migration 0240 on a store with sibling groups placed before it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rcc-0240-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shares the price the first child held across the group, and leaves single placements and already-shared groups alone', () => {
    const db = openStore({ file: join(dir, 'store.db'), key: randomBytes(32), migrateTo: 190 });
    try {
      db.exec(`
        INSERT INTO councils (id, name, ons_code, lat, lon) VALUES (1, 'Testshire', 'E08000901', 53.5, -2.4);
        INSERT INTO providers (id, name, ownership) VALUES (1, 'Testshire Homes', 'in_house');
        INSERT INTO homes (id, provider_id, council_id, name, kind, place_label, lat, lon) VALUES (1, 1, 1, 'Elm Lodge', 'residential', 'Southtown', 53.49, -2.39);
        INSERT INTO residential_homes (home_id, places) VALUES (1, 6);
        INSERT INTO children (id, ref, first_name, birth_date, sex, council_id, place_label) VALUES
          (1, 'T1', 'A', '2012-01-01', 'F', 1, 'X'), (2, 'T2', 'B', '2013-01-01', 'M', 1, 'X'), (3, 'T3', 'C', '2014-01-01', 'F', 1, 'X'),
          (4, 'T4', 'D', '2012-01-01', 'F', 1, 'X'), (5, 'T5', 'E', '2012-01-01', 'F', 1, 'X'), (6, 'T6', 'F', '2013-01-01', 'F', 1, 'X');
        INSERT INTO vacancies (id, home_id, beds, available_from, status, price_core_pence, updated_at) VALUES (1, 1, 6, '2026-01-01', 'filled', 0, '${NOW}');
        INSERT INTO referrals (id, child_id, council_id, received_at, needed_by, needed_by_date, status, updated_at) VALUES
          (1, 1, 1, '${NOW}', 'Today', '2026-01-05', 'placed', '${NOW}'), (2, 4, 1, '${NOW}', 'Today', '2026-01-05', 'placed', '${NOW}'),
          (3, 5, 1, '${NOW}', 'Today', '2026-01-05', 'placed', '${NOW}');
      `);
      const add = db.prepare(
        `INSERT INTO placements (id, child_id, referral_id, vacancy_id, home_id, council_id, placement_type, start_date, price_core_pence, price_support_pence,
           price_other_pence, location_label, placement_date, cost_date) VALUES (?, ?, ?, 1, 1, 1, 'Residential', '2026-01-05', ?, ?, ?, 'Southtown', '2026-01-05', '2026-01-05')`,
      );
      // Three siblings on referral 1 at £9,000.02 for the group (plus £3.01 support and 2p other) held on the first; child 4 alone; 5 and 6 already shared.
      add.run(1, 1, 1, 900_002, 301, 2);
      add.run(2, 2, 1, 0, 0, 0);
      add.run(3, 3, 1, 0, 0, 0);
      add.run(4, 4, 2, 450_000, 0, 0);
      add.run(5, 5, 3, 300_000, 0, 0);
      add.run(6, 6, 3, 300_000, 0, 0);
      migrate(db);
      const rows = db
        .prepare('SELECT id, price_core_pence AS core, price_support_pence AS support, price_other_pence AS other FROM placements ORDER BY id')
        .all();
      // By hand: 900,002 = 3 × 300,000 + 2; 301 = 3 × 100 + 1; 2 = 3 × 0 + 2.
      expect(rows).toEqual([
        { id: 1, core: 300_002, support: 101, other: 2 },
        { id: 2, core: 300_000, support: 100, other: 0 },
        { id: 3, core: 300_000, support: 100, other: 0 },
        { id: 4, core: 450_000, support: 0, other: 0 },
        { id: 5, core: 300_000, support: 0, other: 0 },
        { id: 6, core: 300_000, support: 0, other: 0 },
      ]);
      expect(db.prepare('SELECT fee_tier FROM residential_homes WHERE home_id = 1').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});
