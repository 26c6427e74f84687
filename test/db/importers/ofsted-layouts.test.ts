import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importOfsted } from '../../../db/importers/ofsted';
import type { ImportOutcome } from '../../../db/importers/report';
import { importStore, snapshot, type ImportStore } from './helpers';
import { workbookOf, type BuiltCell } from './xlsx-builder';

/**
 * Ofsted's published provider-level lists, one per layout since 2023, as CSV and XLSX, with the
 * title rows, extra sheets and redactions of the real files; and lists that lack (or rename) a
 * column the store depends on. Every value is invented.
 */
const OVERALL = 'Overall experiences and progress of children and young people';
const LAYOUTS = {
  2023: {
    title: ['Provider level data at 31 March 2023', 'Source: Ofsted'],
    headers: [
      'URN',
      'Provision type',
      'Registration date',
      'Registration status',
      'Ofsted region',
      'Local authority',
      'Sector',
      'Places',
      'Organisation which owns the provider',
      'Latest full inspection date',
      OVERALL,
      'How well children and young people are helped and protected',
      'The effectiveness of leaders and managers',
    ],
  },
  2024: {
    title: ['Children’s social care in England 2024', 'Provider level data at 31 March 2024', 'Names and addresses of children’s homes are not published.'],
    headers: [
      'URN',
      'Provision type',
      'Provider subtype',
      'Setting name',
      'Registration status',
      'Ofsted region',
      'Local authority',
      'Sector',
      'Number of registered places',
      'Organisation which owns the provider',
      'Date of latest full inspection',
      OVERALL,
    ],
  },
  2025: {
    title: [],
    headers: [
      'Web link',
      'URN',
      'Provision type',
      'Registration date',
      'Registration status',
      'Name',
      'Address 1',
      'Town',
      'Postcode',
      'Ofsted Region',
      'Government Office Region',
      'Local authority',
      'Sector',
      'Places',
      'Organisation which owns the provider',
      'Event type',
      'Inspection date',
      'Publication date',
      OVERALL,
    ],
  },
} as const;
type Year = keyof typeof LAYOUTS;

/** One provider as every layout can say it; each layout takes the columns it has. */
interface Provider {
  urn: string;
  type: string;
  la: string;
  sector?: string;
  status?: string;
  places?: number | '';
  owner?: string;
  inspected?: string;
  grade?: string;
  name?: string;
  event?: string;
}

function cellsFor(year: Year, p: Provider): string[] {
  const byHeader: Record<string, string> = {
    URN: p.urn,
    'Provision type': p.type,
    'Registration status': p.status ?? 'Active',
    'Local authority': p.la,
    Sector: p.sector ?? 'Private',
    Places: String(p.places ?? 4),
    'Number of registered places': String(p.places ?? 4),
    'Organisation which owns the provider': p.owner ?? 'Elm Care Ltd',
    'Latest full inspection date': p.inspected ?? '',
    'Date of latest full inspection': p.inspected ?? '',
    'Inspection date': p.inspected ?? '',
    [OVERALL]: p.grade ?? '',
    'How well children and young people are helped and protected': p.grade ?? '',
    'The effectiveness of leaders and managers': p.grade ?? '',
    // Ofsted withholds children's homes' names and addresses.
    'Setting name': p.name ?? (p.type.includes('home') ? 'REDACTED' : ''),
    Name: p.name ?? (p.type.includes('home') ? 'REDACTED' : ''),
    'Address 1': 'REDACTED',
    Town: 'REDACTED',
    Postcode: 'REDACTED',
    'Web link': `https://reports.ofsted.gov.uk/provider/2/${p.urn}`,
    'Ofsted region': 'North West',
    'Ofsted Region': 'North West',
    'Government Office Region': 'North West',
    'Registration date': '01/04/2015',
    'Provider subtype': '',
    'Event type': p.event ?? 'Full inspection',
    'Publication date': '',
  };
  return LAYOUTS[year].headers.map((h) => byHeader[h] ?? '');
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvOf = (lines: string[][]) => lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** A list as Ofsted's CSV: title lines, a blank line, the header, the rows. */
function csvList(year: Year, providers: Provider[], headers: readonly string[] = LAYOUTS[year].headers): string {
  const title = LAYOUTS[year].title.map((t) => [t]);
  return csvOf([...title, ...(title.length > 0 ? [[]] : []), [...headers], ...providers.map((p) => cellsFor(year, p))]);
}

/** A list as Ofsted's workbook: a contents sheet, the provider-level sheet (titles above its header) and an in-year inspections sheet. */
function xlsxList(year: Year, providers: Provider[]): Uint8Array {
  const title: (BuiltCell[] | null)[] = LAYOUTS[year].title.map((t) => [t]);
  const inYear = ['URN', 'Provision type', 'Local authority', 'Inspection event type', 'Inspection date', OVERALL];
  return workbookOf([
    { name: 'Contents', rows: [['Contents'], ['Provider level: one row per provider registered at the date'], ['URN: unique reference number']] },
    { name: `Provider_level_at_31_Mar_${year}`, rows: [...title, null, [...LAYOUTS[year].headers], ...providers.map((p) => cellsFor(year, p))] },
    {
      name: `Provider_level_in_year_${year - 1}-${String(year).slice(2)}`,
      // The same home inspected twice in the year: read as the current list, it would be a duplicate URN.
      rows: [
        inYear,
        ['SC100001', "Children's home", 'Wigan', 'Full inspection', '2024-01-10', 'Good'],
        ['SC100001', "Children's home", 'Wigan', 'Monitoring visit', '2024-06-10', ''],
      ],
    },
  ]);
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
        "INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon, ofsted_urn, ofsted_grade, ofsted_grade_date, phone) VALUES (?, ?, 'Known House', 'residential', 'Wigan', 53.5, -2.6, 'SC100001', 'good', '2024-06-01', '01942 000000')",
      )
      .run(provider, store.otherCouncilId).lastInsertRowid,
  );
  db.prepare('INSERT INTO residential_homes (home_id, places, categories) VALUES (?, 3, \'["EBD","LD"]\')').run(homeId);
  db.prepare(
    "INSERT INTO providers (name, ownership, provider_type, ofsted_urn, ofsted_grade, ofsted_grade_date) VALUES ('Known Fostering', 'ifa', 'ifa', 'SC200001', 'outstanding', '2023-11-01')",
  ).run();
});
afterEach(() => store.remove());

const run = (fileName: string, bytes: Uint8Array | string, extra: { dryRun?: boolean } = {}): ImportOutcome =>
  importOfsted(store.db, [{ fileName, bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes }], {
    today: '2026-11-25',
    skipBadRows: false,
    dryRun: false,
    ...extra,
  });
const knownHome = () =>
  store.db
    .prepare(
      "SELECT h.name, h.ofsted_grade AS grade, h.ofsted_grade_date AS gradeDate, h.active, h.phone, r.places, r.categories FROM homes h JOIN residential_homes r ON r.home_id = h.id WHERE h.ofsted_urn = 'SC100001'",
    )
    .get() as Record<string, unknown>;
const knownAgency = () =>
  store.db.prepare("SELECT name, ofsted_grade AS grade, ofsted_grade_date AS gradeDate FROM providers WHERE ofsted_urn = 'SC200001'").get();
const fileWarnings = (o: ImportOutcome) => o.problems.filter((p) => p.row === null && p.severity === 'warning').map((p) => p.problem);

/** The same region in each layout: the known home re-graded, a new home, an agency, one elsewhere, one of another type. */
const REGION: Provider[] = [
  { urn: 'SC100001', type: "Children's home", la: 'Wigan', places: 4, grade: 'Outstanding', inspected: '12/03/2025' },
  { urn: 'SC300001', type: "Children's home", la: 'Salford', places: 3, grade: 'Good', inspected: '02/02/2025', owner: 'Elm Care Ltd' },
  { urn: 'SC200001', type: 'Independent fostering agency', la: 'Salford', name: 'Known Fostering', places: '', grade: 'Good', inspected: '05/01/2025' },
  { urn: 'SC999999', type: "Children's home", la: 'Leeds', grade: 'Good', inspected: '01/01/2025' },
  { urn: '130001', type: 'Residential special school', la: 'Salford', name: 'Hill School', grade: 'Good', inspected: '01/01/2025' },
];

describe.each([2023, 2024, 2025] as const)('Ofsted provider-level list, %s layout', (year) => {
  const check = (o: ImportOutcome, fileName: string) => {
    expect(o.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(o.imported).toBe(true);
    expect(o.files.find((f) => f.fileName.startsWith(fileName))!.content).toContain(`${year} layout`);
    // The known home: grade and date from the list; its name (redacted there), categories and phone (not in the list) as they were.
    expect(knownHome()).toEqual({
      name: 'Known House',
      grade: 'outstanding',
      gradeDate: '2025-03-12',
      active: 1,
      phone: '01942 000000',
      places: 4,
      categories: '["EBD","LD"]',
    });
    expect(knownAgency()).toEqual({ name: 'Known Fostering', grade: 'good', gradeDate: '2025-01-05' });
    // The new home in the region, named for what it is because Ofsted withholds the name.
    const added = store.db
      .prepare(
        "SELECT h.name, h.ofsted_grade AS grade, h.ofsted_grade_date AS gradeDate, p.name AS owner, r.places FROM homes h JOIN providers p ON p.id = h.provider_id JOIN residential_homes r ON r.home_id = h.id WHERE h.ofsted_urn = 'SC300001'",
      )
      .get();
    expect(added).toEqual({ name: 'Children’s home SC300001', grade: 'good', gradeDate: '2025-02-02', owner: 'Elm Care Ltd', places: 3 });
    expect(o.changes.find((c) => c.record === 'rows outside the region, left out')!.unchanged).toBe(1);
    expect(o.changes.find((c) => c.record === 'rows of other provider types, left out')!.unchanged).toBe(1);
    // The columns this layout does not publish are named, with what therefore stays as stored.
    expect(fileWarnings(o).join(' ')).toMatch(/Columns not in this list, so what is stored for them is left unchanged: .*Telephone number: telephone numbers/);
  };

  it('as CSV, title lines above the header', () => {
    check(run(`providers_${year}.csv`, csvList(year, REGION)), `providers_${year}.csv`);
  });

  it('as XLSX: the provider-level sheet is read, the contents and in-year sheets are not', () => {
    const o = run(`providers_${year}.xlsx`, xlsxList(year, REGION));
    check(o, `providers_${year}.xlsx › Provider_level_at`);
    expect(o.files.map((f) => f.fileName)).toEqual([`providers_${year}.xlsx › Provider_level_at_31_Mar_${year}`]);
    expect(fileWarnings(o)).toContainEqual(expect.stringMatching(/The sheet Provider_level_in_year_.* is not read/));
  });
});

describe('a list that does not say something leaves it as stored', () => {
  const without = (drop: string, rename?: string) => {
    const headers = LAYOUTS[2023].headers.map((h) => (h === drop ? (rename ?? '') : h));
    const rows = REGION.slice(0, 3).map((p) => cellsFor(2023, p).map((c, i) => (LAYOUTS[2023].headers[i] === drop && !rename ? '' : c)));
    return csvOf([headers, ...rows]);
  };

  it('no grade column: grades and inspection dates stay, and the report says which column was missing', () => {
    const before = knownHome();
    const o = run('no-grade.csv', without(OVERALL));
    expect(o.imported).toBe(true);
    expect(knownHome()).toMatchObject({ grade: before.grade, gradeDate: before.gradeDate, places: 4 });
    expect(knownAgency()).toEqual({ name: 'Known Fostering', grade: 'outstanding', gradeDate: '2023-11-01' });
    const warning = fileWarnings(o).join(' ');
    expect(warning).toMatch(/Overall grade: Ofsted grades, and with them inspection dates/);
    // A new home's grade is unknown, not "not yet inspected".
    expect(store.db.prepare("SELECT ofsted_grade, ofsted_grade_date FROM homes WHERE ofsted_urn = 'SC300001'").get()).toEqual({
      ofsted_grade: null,
      ofsted_grade_date: null,
    });
  });

  it('a renamed grade column is not guessed at: grades stay, and the report names the column it did not know', () => {
    const o = run('renamed.csv', without(OVERALL, 'Overall grade (new framework)'));
    expect(o.imported).toBe(true);
    expect(knownHome()).toMatchObject({ grade: 'good', gradeDate: '2024-06-01' });
    expect(fileWarnings(o).join(' ')).toMatch(
      /Overall grade \(this list has 'Overall grade \(new framework\)', which the app does not know as that column\): Ofsted grades, and with them inspection dates/,
    );
  });

  it('no inspection date column: grades are not changed without their dates', () => {
    const o = run('no-date.csv', without('Latest full inspection date'));
    expect(knownHome()).toMatchObject({ grade: 'good', gradeDate: '2024-06-01' });
    expect(fileWarnings(o).join(' ')).toMatch(/Date of the latest full inspection: inspection dates, and with them Ofsted grades/);
  });

  it('a blank or redacted cell erases nothing; a later event that is not a full inspection moves no date', () => {
    const csv = csvOf([
      [...LAYOUTS[2025].headers],
      cellsFor(2025, { urn: 'SC100001', type: "Children's home", la: 'Wigan', places: '', grade: '', inspected: '' }),
      cellsFor(2025, {
        urn: 'SC200001',
        type: 'Independent fostering agency',
        la: 'Salford',
        name: 'REDACTED',
        places: '',
        grade: 'Outstanding',
        inspected: '20/10/2025',
        event: 'Monitoring visit',
      }),
    ]);
    const o = run('blanks.csv', csv);
    expect(o.errorCount).toBe(0);
    expect(knownHome()).toMatchObject({ name: 'Known House', grade: 'good', gradeDate: '2024-06-01', places: 3 });
    expect(knownAgency()).toEqual({ name: 'Known Fostering', grade: 'outstanding', gradeDate: '2023-11-01' });
  });

  it('a suspended registration closes the home to placements and is reported with its wording', () => {
    const o = run(
      'suspended.csv',
      csvList(2025, [{ urn: 'SC100001', type: "Children's home", la: 'Wigan', status: 'Suspended', grade: 'Good', inspected: '01/06/2024' }]),
    );
    expect(knownHome()).toMatchObject({ active: 0, grade: 'good', gradeDate: '2024-06-01' });
    expect(o.problems).toContainEqual(
      expect.objectContaining({
        row: 2,
        column: 'Registration status',
        severity: 'warning',
        problem: expect.stringMatching(/^Registration status 'Suspended': the home takes no child, and its open and held vacancies are withdrawn/),
      }),
    );
  });

  it('a supported accommodation provider in a provider-level list adds the provider, not a setting', () => {
    const o = run('sa.csv', csvList(2025, [{ urn: '2000002', type: 'Supported accommodation', la: 'Salford', name: 'Step Up Housing', places: 12 }]));
    expect(o.errorCount).toBe(0);
    expect(store.db.prepare("SELECT name, provider_type AS type, ownership FROM providers WHERE ofsted_urn = '2000002'").get()).toEqual({
      name: 'Step Up Housing',
      type: 'supported',
      ownership: 'private',
    });
    expect(store.db.prepare("SELECT count(*) FROM homes WHERE kind = 'supported'").pluck().get()).toBe(0);
  });
});

describe('lists in other encodings', () => {
  const names: Provider[] = [
    {
      urn: 'SC300002',
      type: 'Children’s home',
      la: 'Salford',
      name: 'St Mary’s House – Eccles',
      owner: '“Bright Futures” Care Ltd',
      places: 2,
      grade: 'Good',
      inspected: '01/02/2025',
    },
  ];

  it('Windows-1252 (older Excel "CSV"): curly quotes, dashes and £ arrive intact', () => {
    const text = csvList(2024, names).replace('Elm Care Ltd', 'Elm Care £ Ltd');
    const bytes = iconv.encode(text, 'windows-1252');
    expect(bytes.includes(0x92)).toBe(true);
    const o = run('providers-1252.csv', bytes);
    expect(o.errorCount).toBe(0);
    expect(
      store.db.prepare("SELECT h.name, p.name AS owner FROM homes h JOIN providers p ON p.id = h.provider_id WHERE h.ofsted_urn = 'SC300002'").get(),
    ).toEqual({ name: 'St Mary’s House – Eccles', owner: '“Bright Futures” Care Ltd' });
  });

  it('UTF-16 without a byte-order mark, tab-separated', () => {
    const text = csvList(2024, names)
      .split('\r\n')
      .map((line) => line.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\t'))
      .join('\r\n');
    const o = run('providers-utf16.txt', Buffer.from(text, 'utf16le'));
    expect(o.errorCount).toBe(0);
    expect(store.db.prepare("SELECT name FROM homes WHERE ofsted_urn = 'SC300002'").pluck().get()).toBe('St Mary’s House – Eccles');
  });
});

describe('a CSV row with a field too many', () => {
  it('is named with both counts, nothing is imported, and its shifted values raise nothing else', () => {
    const lines = csvList(2023, REGION.slice(0, 2)).split('\r\n');
    lines[lines.length - 2] = lines[lines.length - 2]!.replace('Elm Care Ltd', 'Elm Care, Ltd');
    const before = snapshot(store.db);
    const o = run('stray-comma.csv', lines.join('\r\n'));
    expect(o.imported).toBe(false);
    expect(snapshot(store.db)).toEqual(before);
    const row = LAYOUTS[2023].title.length + 4;
    expect(o.problems.filter((p) => p.row === row)).toEqual([
      expect.objectContaining({ severity: 'error', problem: expect.stringMatching(`^This row has 14 fields but the header \\(row ${row - 2}\\) has 13`) }),
    ]);
  });
});
