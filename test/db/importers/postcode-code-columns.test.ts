/**
 * An invalid value in every coded column the postcode directory import reads, in each layout it
 * accepts: the ONS Postcode Directory's classic layout (to 2024), its 2025 layout, the NSPL's names,
 * and OS Code-Point Open. Each is refused (the import is all-or-nothing) naming the record, the
 * column as the file names it and the value, and the store is left exactly as it was.
 *
 * The columns are classed from the importer's own field lists (ONSPD_FIELDS, CODE_POINT_NAMES), so
 * a field added there fails the listing test until it is classed here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_POINT_NAMES, importPostcodeFile, ONSPD_FIELDS } from '../../../db/importers/postcodes';
import { gridToLatLon } from '../../../shared/geo/grid';
import { codePointRow, ONSPD_2025_HEADER, ONSPD_CLASSIC_HEADER, onspd2025Row, onspdClassicRow, type SyntheticPostcode } from '../../bench/postcodes.generate';
import { coded, Exercised, expectClassesExactly, notCoded, wholeStore, type CodedColumn, type ColumnRole } from './code-columns';
import { importStore, type ImportStore } from './helpers';

type OnspdField = keyof typeof ONSPD_FIELDS;

const laCode = (invalid: string) => coded('E08000003', invalid, /is not an ONS area code \(a letter and eight digits/);
const ONSPD_ROLES: Record<OnspdField, ColumnRole> = {
  postcode: notCoded('a postcode, checked by the shared postcode checker'),
  doterm: notCoded('a date: any value marks a terminated postcode, skipped before anything else is read'),
  easting: notCoded('a number of metres'),
  northing: notCoded('a number of metres'),
  lat: notCoded('a number'),
  lon: notCoded('a number'),
  gridIndicator: coded('1', 'X', /is not an ONSPD grid indicator \(1 to 9\)/),
  county: laCode('Lancashire'),
  district: laCode('E0800003'),
  country: coded('E92000001', 'England', /is not an ONS country code/),
};

const notRead = notCoded('not read by the import');
const CODE_POINT_ROLES: Record<string, ColumnRole> = {
  Postcode: notCoded('a postcode, checked by the shared postcode checker'),
  Positional_quality_indicator: coded('10', '15', /is not a positional quality indicator \(10, 20, 30, 40, 50, 60 or 90\)/),
  Eastings: notCoded('a number of metres'),
  Northings: notCoded('a number of metres'),
  // Code-Point Open covers Great Britain only; the country decides nothing there.
  Country_code: notRead,
  NHS_regional_HA_code: notRead,
  NHS_HA_code: notRead,
  Admin_county_code: laCode('Lancashire'),
  Admin_district_code: laCode('E0800003'),
  Admin_ward_code: notRead,
};

/** A live postcode in Salford with a grid reference; a county of 'none', so the district is the council. */
const grid = { easting: 381_000, northing: 398_500 };
const BASE: SyntheticPostcode = {
  pcds: 'M5 4WT',
  ...grid,
  ...gridToLatLon(grid.easting, grid.northing),
  terminated: false,
  county: 'E99999999',
  district: 'E08000006',
  country: 'E92000001',
};
/** The same postcode in a county area: the county's code is the one kept, and the district's is still checked. */
const IN_COUNTY: SyntheticPostcode = { ...BASE, pcds: 'BB1 1AA', county: 'E10000017', district: 'E07000117' };

interface Layout {
  name: string;
  /** The header row, or null for Code-Point Open, which has none. */
  header: readonly string[] | null;
  row: (p: SyntheticPostcode) => string;
  /** Which field of the row each coded column is. */
  columns: Record<string, number>;
  roles: Record<string, ColumnRole>;
}

/** The file's name for each ONSPD field: the first of the importer's names that this header has. */
function onspdColumns(header: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [field, names] of Object.entries(ONSPD_FIELDS) as [OnspdField, (string | RegExp)[]][]) {
    const i = header.findIndex((h) => names.some((n) => (typeof n === 'string' ? n === h : n.test(h))));
    if (i >= 0) out[field] = i;
  }
  return out;
}

/** The NSPL names the counties and districts cty and laua where the ONSPD says oscty and oslaua. */
const NSPL_HEADER = ONSPD_CLASSIC_HEADER.map((h) => (h === 'oscty' ? 'cty' : h === 'oslaua' ? 'laua' : h));

const LAYOUTS: Layout[] = [
  { name: 'ONSPD classic (to 2024)', header: ONSPD_CLASSIC_HEADER, row: onspdClassicRow, columns: onspdColumns(ONSPD_CLASSIC_HEADER), roles: ONSPD_ROLES },
  { name: 'ONSPD 2025', header: ONSPD_2025_HEADER, row: onspd2025Row, columns: onspdColumns(ONSPD_2025_HEADER), roles: ONSPD_ROLES },
  { name: 'NSPL', header: NSPL_HEADER, row: onspdClassicRow, columns: onspdColumns(NSPL_HEADER), roles: ONSPD_ROLES },
  { name: 'Code-Point Open', header: null, row: codePointRow, columns: Object.fromEntries(CODE_POINT_NAMES.map((n, i) => [n, i])), roles: CODE_POINT_ROLES },
];

/** The name the report gives a column: the file's own header, or Code-Point's field name. */
const columnName = (layout: Layout, key: string) => (layout.header ? layout.header[layout.columns[key]!]! : key);

let dir: string;
let store: ImportStore;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rcc-postcode-codes-'));
  store = importStore();
});
afterAll(() => {
  store.remove();
  rmSync(dir, { recursive: true, force: true });
});

let fileSerial = 0;
function writeFile(layout: Layout, rows: string[]): string {
  const path = join(dir, `directory-${fileSerial++}.csv`);
  writeFileSync(path, [...(layout.header ? [layout.header.join(',')] : []), ...rows].join('\r\n') + '\r\n');
  return path;
}

/** A row with one field replaced (quoted, as the directories write their codes). */
function withField(layout: Layout, p: SyntheticPostcode, key: string, value: string): string {
  const fields = layout.row(p).split(',');
  fields[layout.columns[key]!] = `"${value}"`;
  return fields.join(',');
}

const exercised = new Exercised();
const expected: string[][] = [];

describe('postcode directory: every coded column the import reads, in every layout it accepts', () => {
  it('classes every field of the importer’s ONSPD and Code-Point lists, and each layout has every ONSPD field', () => {
    expectClassesExactly(ONSPD_ROLES, Object.keys(ONSPD_FIELDS), 'ONSPD');
    expectClassesExactly(CODE_POINT_ROLES, CODE_POINT_NAMES, 'Code-Point Open');
    for (const layout of LAYOUTS.filter((l) => l.header)) expect(Object.keys(layout.columns).sort(), layout.name).toEqual(Object.keys(ONSPD_FIELDS).sort());
  });

  for (const layout of LAYOUTS) {
    const first = layout.header ? 2 : 1;
    it(`${layout.name}: the base rows import`, async () => {
      const report = await importPostcodeFile(store.db, writeFile(layout, [layout.row(BASE), layout.row(IN_COUNTY)]));
      expect(report.problems).toEqual([]);
      expect(report.imported).toBe(true);
      expect(store.db.prepare('SELECT postcode, la_code FROM postcodes ORDER BY postcode').all()).toEqual([
        { postcode: 'BB1 1AA', la_code: 'E10000017' },
        { postcode: 'M5 4WT', la_code: 'E08000006' },
      ]);
    });

    const cases = (Object.entries(layout.roles) as [string, ColumnRole][]).filter((e): e is [string, { coded: CodedColumn }] => 'coded' in e[1]);
    for (const [key, { coded: c }] of cases) {
      // The district is checked on a row where it is the council, and on one where the county is.
      for (const [where, p] of [
        ['', BASE],
        [' in a county area', IN_COUNTY],
      ] as const) {
        if (where !== '' && !/district/i.test(key)) continue;
        const name = columnName(layout, key);
        expected.push([layout.name, key, where]);
        it(`${layout.name}: ${name} '${c.invalid}'${where} is refused`, async () => {
          const before = wholeStore(store.db);
          // A good row first: the bad one is the second record, and the file as a whole is refused.
          const report = await importPostcodeFile(store.db, writeFile(layout, [layout.row({ ...BASE, pcds: 'M5 4WU' }), withField(layout, p, key, c.invalid)]));
          expect(report.imported).toBe(false);
          expect(report.postcodes).toBe(0);
          expect(report.problems).toEqual([{ row: first + 1, column: name, problem: expect.stringMatching(c.words) as string, value: c.invalid }]);
          expect(report.message).toMatch(/nothing was imported|not imported|unchanged/i);
          expect(wholeStore(store.db)).toEqual(before);
          exercised.add(layout.name, key, where);
        });
      }
    }
  }

  it('ran an invalid-code case for every coded column of every layout', () => {
    expect(expected.length).toBeGreaterThanOrEqual(19);
    exercised.expectAll(expected);
  });
});
