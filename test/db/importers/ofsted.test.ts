import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importOfsted } from '../../../db/importers/ofsted';
import type { ImportOutcome } from '../../../db/importers/report';
import { writeXlsx } from '../../../db/importers/xlsx';
import { fixture, importStore, snapshot, type ImportStore } from './helpers';
import { fileOf } from './ssda903-generator';

/** The "Providers" sheet's columns as Ofsted publishes them. */
const PROVIDER_HEADERS = [
  'Local authority',
  'URN',
  'Provider type',
  'Provider subtype',
  'Sector',
  'Provider name',
  'Registration date',
  'Registration status',
  'Deregistration date',
  'Placement code',
  'Provider town',
  'Provider postcode',
  'Provider telephone number',
  'Provider email address',
  'Owner name',
  'Date of last full inspection',
  'Overall effectiveness',
  'Number of registered places',
  'Emotional and behavioural difficulties',
  'Mental disorders',
  'Sensory impairment',
  'Present alcohol problems',
  'Present drug problems',
  'Learning difficulty',
  'Physical disabilities',
];
const SA_HEADERS = [
  'Provider local authority',
  'Setting Local Authority',
  'URN',
  'Provider type',
  'Sector',
  'Provider name',
  'Registration status',
  'Placement code',
  'Setting category',
  'Capacity',
  'Setting address town',
  'Setting address postcode',
  'Provider telephone number',
  'Provider email address',
  'Owner name',
];

type Row = Partial<Record<string, string | number | Date>>;

const home = (over: Row): Row => ({
  'Local authority': 'Salford',
  'Provider type': "Children's home",
  Sector: 'Private',
  'Registration status': 'Active',
  'Provider town': 'Eccles',
  'Provider postcode': 'M30 0AA',
  'Provider telephone number': '0161 000 0000',
  'Owner name': 'Elm Care Ltd',
  'Overall effectiveness': 'Good',
  'Date of last full inspection': '01/03/2025',
  'Number of registered places': 4,
  'Emotional and behavioural difficulties': 'Yes',
  'Mental disorders': 'No',
  'Sensory impairment': '0',
  'Present alcohol problems': 'No',
  'Present drug problems': '2',
  'Learning difficulty': 'No',
  'Physical disabilities': '',
  ...over,
});

const GOOD_ROWS: Row[] = [
  home({ URN: 'SC300001', 'Provider name': 'Elm House' }),
  home({
    URN: 'SC100001',
    'Provider name': 'Known House',
    'Local authority': 'Bolton',
    'Overall effectiveness': 'Requires improvement to be good',
    'Date of last full inspection': '10/04/2025',
  }),
  home({ URN: 'SC999999', 'Provider name': 'Far Away House', 'Local authority': 'Leeds' }),
  home({
    URN: 'SC400001',
    'Provider name': 'Bright Futures Fostering',
    'Provider type': 'Independent fostering agency',
    Sector: 'Voluntary',
    'Overall effectiveness': 'Outstanding',
    'Number of registered places': '',
  }),
  home({ URN: '130001', 'Provider name': 'Hill School', 'Provider type': 'Residential special school' }),
  home({
    URN: 'SC500001',
    'Provider name': 'Wigan Secure Unit',
    'Provider type': 'Secure children’s home',
    'Local authority': 'Wigan',
    Sector: 'Local Authority',
    'Provider town': 'Wigan',
    'Provider postcode': 'WN1 1AA',
  }),
];

const SA_ROWS: Row[] = [
  {
    'Provider local authority': 'Leeds',
    'Setting Local Authority': 'Salford',
    URN: '2000001',
    'Provider type': 'Supported accommodation',
    Sector: 'Private',
    'Provider name': 'Step Up Housing',
    'Registration status': 'Registered',
    'Setting category': 'Shared accommodation',
    Capacity: 5,
    'Setting address town': 'Salford',
    'Setting address postcode': 'M5 4WT',
    'Owner name': 'Step Up Housing Ltd',
  },
];

function csvOf(headers: string[], rows: Row[], titleLines: string[] = []): string {
  const cell = (v: Row[string]) => {
    const s = v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [...titleLines, headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\r\n');
}

function xlsxOf(sheets: { name: string; headers: string[]; rows: Row[] }[]): { fileName: string; bytes: Uint8Array } {
  return {
    fileName: 'providers.xlsx',
    bytes: writeXlsx(
      sheets.map((s) => ({ name: s.name, columns: s.headers.map((header) => ({ header })), rows: s.rows.map((r) => s.headers.map((h) => r[h] ?? null)) })),
    ),
  };
}

let store: ImportStore;
beforeEach(() => {
  store = importStore();
  const db = store.db;
  const provider = Number(
    db.prepare("INSERT INTO providers (name, ownership, provider_type) VALUES ('Known Care Ltd', 'private', 'private_residential')").run().lastInsertRowid,
  );
  const homeId = Number(
    db
      .prepare(
        "INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon, ofsted_urn, ofsted_grade) VALUES (?, ?, 'Known House', 'residential', 'Wigan', 53.5, -2.6, 'SC100001', 'good')",
      )
      .run(provider, store.otherCouncilId).lastInsertRowid,
  );
  db.prepare('INSERT INTO residential_homes (home_id, places, categories) VALUES (?, 3, \'["EBD"]\')').run(homeId);
});
afterEach(() => store.remove());

const run = (files: { fileName: string; bytes: Uint8Array }[], extra: { skipBadRows?: boolean; dryRun?: boolean } = {}): ImportOutcome =>
  importOfsted(store.db, files, { today: '2026-11-25', skipBadRows: false, dryRun: false, ...extra });
const changes = (o: ImportOutcome, record: string) => o.changes.find((c) => c.record === record);

describe('Ofsted providers list import', () => {
  it('reads the XLSX list: new homes and agencies in the region, grades of known homes by URN, the rest left out and counted', () => {
    const o = run([
      xlsxOf([
        { name: 'Providers', headers: PROVIDER_HEADERS, rows: GOOD_ROWS },
        { name: 'SA Providers', headers: SA_HEADERS, rows: SA_ROWS },
      ]),
    ]);
    expect(o.errorCount).toBe(0);
    expect(o.imported).toBe(true);
    expect(o.files.map((f) => f.fileName)).toEqual(['providers.xlsx › Providers', 'providers.xlsx › SA Providers']);
    expect(changes(o, 'homes')).toMatchObject({ created: 3, updated: 1 });
    expect(changes(o, 'rows outside the region, left out')!.unchanged).toBe(1);
    expect(changes(o, 'rows of other provider types, left out')!.unchanged).toBe(1);

    const elm = store.db
      .prepare(
        "SELECT h.name, h.kind, h.ofsted_grade AS grade, h.ofsted_grade_date AS gradeDate, h.postcode, p.name AS provider, p.ownership, r.places, r.categories, r.secure FROM homes h JOIN providers p ON p.id = h.provider_id JOIN residential_homes r ON r.home_id = h.id WHERE h.ofsted_urn = 'SC300001'",
      )
      .get();
    expect(elm).toEqual({
      name: 'Elm House',
      kind: 'residential',
      grade: 'good',
      gradeDate: '2025-03-01',
      postcode: 'M30 0AA',
      provider: 'Elm Care Ltd',
      ownership: 'private',
      places: 4,
      categories: '["EBD","DRUG"]',
      secure: 0,
    });
    const known = store.db.prepare("SELECT ofsted_grade AS grade, ofsted_grade_date AS gradeDate FROM homes WHERE ofsted_urn = 'SC100001'").get();
    expect(known).toEqual({ grade: 'requires_improvement', gradeDate: '2025-04-10' });
    expect(store.db.prepare("SELECT secure FROM residential_homes r JOIN homes h ON h.id = r.home_id WHERE h.ofsted_urn = 'SC500001'").pluck().get()).toBe(1);
    const ifa = store.db.prepare("SELECT name, ownership, provider_type AS type, ofsted_grade AS grade FROM providers WHERE ofsted_urn = 'SC400001'").get();
    expect(ifa).toEqual({ name: 'Bright Futures Fostering', ownership: 'ifa', type: 'ifa', grade: 'outstanding' });
    const sa = store.db
      .prepare(
        "SELECT h.name, s.kind, s.places, p.provider_type AS type FROM homes h JOIN supported_homes s ON s.home_id = h.id JOIN providers p ON p.id = h.provider_id WHERE p.ofsted_urn = '2000001'",
      )
      .get();
    expect(sa).toEqual({ name: 'Step Up Housing', kind: 'shared', places: 5, type: 'supported' });
    expect(store.db.prepare("SELECT count(*) FROM homes WHERE ofsted_urn = 'SC999999'").pluck().get()).toBe(0);

    // The same list again changes nothing.
    const before = snapshot(store.db);
    const again = run([
      xlsxOf([
        { name: 'Providers', headers: PROVIDER_HEADERS, rows: GOOD_ROWS },
        { name: 'SA Providers', headers: SA_HEADERS, rows: SA_ROWS },
      ]),
    ]);
    expect(again.changes.every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(snapshot(store.db)).toEqual(before);
  });

  it('reads the CSV form too, finding the header below title lines', () => {
    const csv = csvOf(PROVIDER_HEADERS, GOOD_ROWS, ["Children's social care providers and inspections", 'As at 31 March 2025', '']);
    const o = run([fileOf('providers.csv', csv)]);
    expect(o.errorCount).toBe(0);
    expect(changes(o, 'homes')).toMatchObject({ created: 2, updated: 1 });
  });

  it('names each bad row and imports nothing; with "skip bad rows" the good rows go in', () => {
    const rows = [
      home({ URN: 'SC300001', 'Provider name': 'Elm House' }), // row 2: good
      home({ URN: 'SC300002', 'Provider name': 'Ash House', 'Overall effectiveness': 'Excellent' }), // row 3
      home({ URN: '1', 'Provider name': 'Oak House' }), // row 4
      home({ URN: 'SC300004', 'Provider name': 'Yew House', 'Sensory impairment': 'Blind' }), // row 5
      home({ URN: 'SC300005', 'Provider name': 'Fir House', 'Number of registered places': '' }), // row 6
      home({ URN: 'SC300006', 'Provider name': 'Bay House', Sector: 'Mutual' }), // row 7
      home({ URN: 'SC300007', 'Provider name': 'Box House', 'Provider type': 'Provider' }), // row 8
      home({ URN: 'SC300001', 'Provider name': 'Elm House again' }), // row 9: duplicate URN
      home({ URN: 'SC300009', 'Provider name': 'Ivy House', 'Placement code': 'H5' }), // row 10: retired code, a warning only
      home({ URN: 'SC300010', 'Provider name': 'Rowan House', 'Date of last full inspection': '31/02/2025' }), // row 11
    ];
    const before = snapshot(store.db);
    const o = run([fileOf('providers.csv', csvOf(PROVIDER_HEADERS, rows))]);
    expect(o.imported).toBe(false);
    expect(snapshot(store.db)).toEqual(before);
    const at = (row: number, column: string) =>
      o.problems.find((p) => p.row === row && p.column === column)?.problem ?? `nothing at row ${row} ${column}: ${JSON.stringify(o.problems)}`;
    expect(at(3, 'Overall effectiveness')).toMatch(/'Excellent' is not an Ofsted overall effectiveness grade/);
    expect(at(4, 'URN')).toMatch(/'1' is not an Ofsted URN/);
    expect(at(5, 'Sensory impairment')).toMatch(/'Blind' is not Yes, No or a number/);
    expect(at(6, 'Number of registered places')).toMatch(/needs its number of registered places/);
    expect(at(7, 'Sector')).toMatch(/'Mutual' is not a sector/);
    expect(at(8, 'Provider type')).toMatch(/'Provider' is not an Ofsted provider type/);
    expect(at(9, 'URN')).toMatch(/already in providers.csv, row 2/);
    expect(at(10, 'Placement code')).toMatch(/'H5' .* is a retired code/);
    expect(o.problems.find((p) => p.row === 10)!.severity).toBe('warning');
    expect(at(11, 'Date of last full inspection')).toMatch(/not a real date/);

    const skipped = run([fileOf('providers.csv', csvOf(PROVIDER_HEADERS, rows))], { skipBadRows: true });
    expect(skipped.imported).toBe(true);
    expect(changes(skipped, 'homes')!.created).toBe(2);
    expect(store.db.prepare("SELECT name FROM homes WHERE ofsted_urn IN ('SC300001', 'SC300009') ORDER BY name").pluck().all()).toEqual([
      'Elm House',
      'Ivy House',
    ]);
  });

  it('refuses a file without the list’s columns', () => {
    const o = run([fileOf('other.csv', 'Name,Town\nA,B\n')]);
    expect(o.imported).toBe(false);
    expect(o.problems[0]).toMatchObject({ row: null, severity: 'error' });
  });
});

describe('Ofsted fixture (../shared/fixtures)', () => {
  const path = fixture('ssda903', 'ofsted_providers_2025_fake.xlsx');
  it.skipIf(path === null)('reads both sheets of the published layout and names the fixture’s invented values', () => {
    const before = snapshot(store.db);
    const o = run([{ fileName: 'ofsted_providers_2025_fake.xlsx', bytes: readFileSync(path!) }]);
    expect(o.files.map((f) => f.fileName)).toEqual(['ofsted_providers_2025_fake.xlsx › Providers', 'ofsted_providers_2025_fake.xlsx › SA Providers']);
    expect(o.rowsRead).toBe(2);
    // The fixture's values are invented: a one-digit URN, "Excellent", a type "Provider"; each is named, nothing written.
    const providers = o.problems.filter((p) => p.file === 'ofsted_providers_2025_fake.xlsx › Providers');
    expect(providers.map((p) => p.column)).toEqual(expect.arrayContaining(['URN', 'Overall effectiveness', 'Provider type', 'Sensory impairment']));
    expect(providers.every((p) => p.row === 2)).toBe(true);
    expect(o.imported).toBe(false);
    expect(snapshot(store.db)).toEqual(before);
  });
});
