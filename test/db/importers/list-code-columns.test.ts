/**
 * An invalid value in every coded column of the provider and region lists the app imports: Ofsted's
 * provider lists in each layout it accepts (the council list's two sheets, the 2023, 2024 and 2025
 * published layouts), the vacancy feed, foster households and partner councils, each as CSV and as
 * XLSX. Each is refused naming the file, the row, the column and the value in the field's words, and
 * leaves every table of the store as it was; the Ofsted list's placement code, which the importer
 * documents as informational, is reported as a warning and goes nowhere.
 *
 * Each importer's columns are classed here from its own exported column list, so a column added to
 * an importer fails the listing test until it is classed, and a coded one then gets its cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/handle';
import { COUNCIL_LIST_COLUMNS, importCouncils } from '../../../db/importers/councils';
import { FOSTER_HOUSEHOLD_COLUMNS, importFosterHouseholds } from '../../../db/importers/foster-households';
import { importOfsted } from '../../../db/importers/ofsted';
import { OFSTED_COLUMNS, OFSTED_FIELDS, OFSTED_LAYOUTS, type OfstedField, type OfstedLayout } from '../../../db/importers/ofsted-layouts';
import type { ImportOutcome } from '../../../db/importers/report';
import { importVacancies, VACANCY_TEMPLATE_COLUMNS } from '../../../db/importers/vacancies';
import { writeXlsx } from '../../../db/importers/xlsx';
import { PLACE_CODES } from '../../../shared/domain/ssda903';
import { coded, codedColumns, errorAt, Exercised, expectClassesExactly, notCoded, wholeStore, type ColumnRole, type CodedColumn } from './code-columns';
import { importStore, type ImportStore } from './helpers';
import { fileOf } from './ssda903-generator';

type Form = 'csv' | 'xlsx';
type File = { fileName: string; bytes: Uint8Array };

function tableFile(form: Form, name: string, headers: readonly string[], rows: Record<string, string>[]): File {
  if (form === 'xlsx') {
    return {
      fileName: `${name}.xlsx`,
      bytes: writeXlsx([{ name: 'Sheet1', columns: headers.map((header) => ({ header })), rows: rows.map((r) => headers.map((h) => r[h] ?? null)) }]),
    };
  }
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return fileOf(`${name}.csv`, [headers.map(cell).join(','), ...rows.map((r) => headers.map((h) => cell(r[h] ?? '')).join(','))].join('\r\n') + '\r\n');
}

/** How a table's source is named in the report: the file, with the sheet for a workbook. */
const sourceOf = (f: File) => (f.fileName.endsWith('.xlsx') ? `${f.fileName} › Sheet1` : f.fileName);

let store: ImportStore;
let db: WritableDB;
let vacancyHomeId: number;
beforeAll(() => {
  store = importStore();
  db = store.db;
  const provider = Number(db.prepare("INSERT INTO providers (name, ownership, provider_type) VALUES ('Oak Fostering', 'ifa', 'ifa')").run().lastInsertRowid);
  vacancyHomeId = Number(
    db
      .prepare(
        "INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon, ofsted_urn) VALUES (?, ?, 'Oak House', 'residential', 'Eccles', 53.5, -2.3, 'SC111111')",
      )
      .run(provider, store.councilId).lastInsertRowid,
  );
});
afterAll(() => store.remove());

/** Runs an import that must be refused; checks nothing in the store changed. */
function refused(run: () => ImportOutcome): ImportOutcome {
  const before = wholeStore(db);
  const o = run();
  expect(o.imported).toBe(false);
  expect(o.summary).toMatch(/^Nothing was imported/);
  expect(wholeStore(db)).toEqual(before);
  return o;
}

/** The value named (quoted where the message quotes values) and the field's words. */
function expectNames(problem: string, c: CodedColumn): void {
  expect(problem).toMatch(new RegExp(`['"]${c.invalid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]|^${c.invalid} `));
  expect(problem).toMatch(c.words);
}

const exercised = new Exercised();
const expected: (string | number)[][] = [];

interface OneCase {
  /** How the exercised list names the case. */
  tag: (string | number)[];
  header: string;
  c: CodedColumn;
  /** The importer's documented policy for this column is a warning, not a refusal. */
  warns?: boolean;
}

/**
 * The XLSX form of a list's cases, all in one workbook: a valid row first (row 2), then one row per
 * coded column with only that cell wrong. Writing and reading a workbook costs seconds on a busy
 * machine, so one workbook carries them all; each row's problem is still found at its own row and
 * column, and the import as a whole is refused with the store unchanged.
 */
function xlsxAllAtOnce(
  name: string,
  headers: readonly string[],
  base: (n: number) => Record<string, string>,
  cases: OneCase[],
  run: (f: File) => ImportOutcome,
): void {
  it(`xlsx: every coded column at once, one wrong cell per row, each refused at its own row and column`, () => {
    const rows = [base(0), ...cases.map((k, i) => ({ ...base(i + 1), [k.header]: k.c.invalid }))];
    const file = tableFile('xlsx', name, headers, rows);
    const o = refused(() => run(file));
    const source = sourceOf(file);
    expect(o.problems.filter((p) => p.row === 2 && p.severity === 'error')).toEqual([]);
    cases.forEach((k, i) => {
      const row = i + 3;
      const problem = k.warns
        ? o.problems.find((p) => p.file === source && p.row === row && p.column === k.header && p.severity === 'warning')?.problem
        : errorAt(o, source, row, k.header).problem;
      expect(problem, `${k.header}: ${JSON.stringify(o.problems)}`).toBeDefined();
      expectNames(problem!, k.c);
      exercised.add(...k.tag);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Ofsted's provider lists.

type OfstedRole = ColumnRole | { warns: CodedColumn };
const category = coded('No', 'Maybe', /is not Yes, No or a number of places/);

const OFSTED_ROLES: Record<OfstedField, OfstedRole> = {
  la: notCoded("a local authority's name: a list names every council in England, and a row outside the region is counted, not refused"),
  urn: notCoded('an identifier (SC and six digits, or six or seven digits), checked for its form'),
  type: coded("Children's home", 'Nursery', /is not an Ofsted provider type the app knows/),
  sector: coded('Private', 'Charity', /is not a sector \(expected Private, Voluntary or Local Authority\)/),
  name: notCoded('a name'),
  event: notCoded('Ofsted’s latest event of any kind: only a full (or standard) inspection’s date goes with the grade; other events are not refused'),
  status: coded('Active', 'Pending', /is not a registration status/),
  statusDate: notCoded('a date'),
  placeCode: { warns: { valid: 'K2', invalid: 'QQ7', words: /is not an SSDA903 placement type code; the column is not stored, so the row is still imported/ } },
  town: notCoded('a town'),
  postcode: notCoded('a postcode, checked by the shared postcode checker'),
  phone: notCoded('a telephone number'),
  email: notCoded('an email address'),
  owner: notCoded('a name'),
  inspected: notCoded('a date'),
  grade: coded('Good', 'Excellent', /is not an Ofsted overall effectiveness grade/),
  places: notCoded('a number'),
  setting: coded('Shared accommodation', 'Tent', /is not a supported accommodation category/),
  EBD: category,
  MHD: category,
  SI: category,
  ALC: category,
  DRUG: category,
  LD: category,
  PD: category,
};

const OFSTED_VALID: Record<OfstedField, string> = {
  la: 'Salford',
  urn: '',
  type: "Children's home",
  sector: 'Private',
  name: 'Elm House',
  event: 'Full inspection',
  status: 'Active',
  statusDate: '',
  placeCode: 'K2',
  town: 'Eccles',
  postcode: 'M30 0AA',
  phone: '0161 000 0000',
  email: 'office@example.org',
  owner: 'Elm Care Ltd',
  inspected: '01/03/2025',
  grade: 'Good',
  places: '4',
  setting: 'Shared accommodation',
  EBD: 'Yes',
  MHD: 'No',
  SI: 'No',
  ALC: 'No',
  DRUG: 'No',
  LD: 'No',
  PD: 'No',
};

interface OfstedSheet {
  name: string;
  layout: OfstedLayout;
  fields: OfstedField[];
  /** The header a field is written under: the layout's own first spelling unless said here. */
  headers: Partial<Record<OfstedField, string>>;
  values: Partial<Record<OfstedField, string>>;
}

const spellingsIn = (field: OfstedField, layout: OfstedLayout): readonly string[] =>
  (OFSTED_COLUMNS[field].layouts as Partial<Record<OfstedLayout, readonly string[]>>)[layout] ?? [];
const fieldsOf = (layout: OfstedLayout) => OFSTED_FIELDS.filter((f) => spellingsIn(f, layout).length > 0);
const LAYOUTS = Object.keys(OFSTED_LAYOUTS) as OfstedLayout[];

/** Each layout's sheet; the council list has two: its providers, and its supported accommodation settings. */
const OFSTED_SHEETS: OfstedSheet[] = [
  // 'Setting Local Authority' marks a settings sheet, so the providers sheet uses the list's other spelling.
  {
    name: 'council list, Providers',
    layout: 'councilList',
    fields: fieldsOf('councilList').filter((f) => f !== 'setting'),
    headers: { la: 'Local authority' },
    values: {},
  },
  {
    name: 'council list, SA Providers',
    layout: 'councilList',
    fields: ['la', 'urn', 'type', 'sector', 'name', 'status', 'placeCode', 'setting', 'places', 'town', 'postcode', 'phone', 'email', 'owner'],
    headers: {},
    values: { type: 'Supported accommodation' },
  },
  ...LAYOUTS.filter((l) => l !== 'councilList').map((layout) => ({ name: OFSTED_LAYOUTS[layout], layout, fields: fieldsOf(layout), headers: {}, values: {} })),
];

let urnSerial = 700_000;
function ofstedRow(sheet: OfstedSheet): Record<string, string> {
  const row: Record<string, string> = {};
  for (const f of sheet.fields)
    row[sheet.headers[f] ?? spellingsIn(f, sheet.layout)[0]!] = f === 'urn' ? `SC${urnSerial++}` : (sheet.values[f] ?? OFSTED_VALID[f]);
  return row;
}
const ofstedHeaders = (sheet: OfstedSheet) => sheet.fields.map((f) => sheet.headers[f] ?? spellingsIn(f, sheet.layout)[0]!);
const runOfsted = (f: File) => importOfsted(db, [f], { today: '2026-11-25', skipBadRows: false, dryRun: false });

describe('Ofsted provider lists', () => {
  it('classes every field the layouts table knows, and every layout has a sheet here', () => {
    expectClassesExactly(OFSTED_ROLES, OFSTED_FIELDS, 'Ofsted');
    expect(new Set(OFSTED_SHEETS.map((s) => s.layout))).toEqual(new Set(LAYOUTS));
  });

  for (const sheet of OFSTED_SHEETS) {
    const cases: OneCase[] = [];
    for (const field of sheet.fields) {
      const role = OFSTED_ROLES[field];
      if ('notCoded' in role) continue;
      expected.push(['ofsted', sheet.name, 'xlsx', field]);
      const header = sheet.headers[field] ?? spellingsIn(field, sheet.layout)[0]!;
      cases.push({ tag: ['ofsted', sheet.name, 'xlsx', field], header, c: 'warns' in role ? role.warns : role.coded, warns: 'warns' in role });
    }
    describe(`${sheet.name}`, () => xlsxAllAtOnce('providers', ofstedHeaders(sheet), () => ofstedRow(sheet), cases, runOfsted));
    for (const form of ['csv'] as const) {
      it(`${sheet.name} (${form}): the base row imports cleanly and is read as this layout`, () => {
        const file = tableFile(form, 'providers', ofstedHeaders(sheet), [ofstedRow(sheet)]);
        const o = runOfsted(file);
        expect(o.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(o.imported).toBe(true);
        expect(o.files[0]!.content).toContain(OFSTED_LAYOUTS[sheet.layout]);
        expect(o.changes.some((c) => c.created === 1)).toBe(true);
      });

      for (const field of sheet.fields) {
        const role = OFSTED_ROLES[field];
        if ('notCoded' in role) continue;
        expected.push(['ofsted', sheet.name, form, field]);
        const header = sheet.headers[field] ?? spellingsIn(field, sheet.layout)[0]!;
        if ('warns' in role) {
          it(`${sheet.name} (${form}): ${header} '${role.warns.invalid}' is reported as a warning on its row and stored nowhere`, () => {
            const row = ofstedRow(sheet);
            row[header] = role.warns.invalid;
            const file = tableFile(form, 'providers', ofstedHeaders(sheet), [row]);
            const o = runOfsted(file);
            expect(o.imported).toBe(true);
            const warning = o.problems.find((p) => p.file === sourceOf(file) && p.row === 2 && p.column === header && p.severity === 'warning');
            expect(warning, JSON.stringify(o.problems)).toBeDefined();
            expectNames(warning!.problem, role.warns);
            expect(JSON.stringify(wholeStore(db))).not.toContain(role.warns.invalid);
            exercised.add('ofsted', sheet.name, form, field);
          });
          continue;
        }
        it(`${sheet.name} (${form}): ${header} '${role.coded.invalid}' is refused`, () => {
          const row = ofstedRow(sheet);
          row[header] = role.coded.invalid;
          const file = tableFile(form, 'providers', ofstedHeaders(sheet), [row]);
          const o = refused(() => runOfsted(file));
          expectNames(errorAt(o, sourceOf(file), 2, header).problem, role.coded);
          exercised.add('ofsted', sheet.name, form, field);
        });
      }
    }
  }

  // The placement code is checked against the SSDA903 list of the current year: a retired code is named as such.
  const retired = Object.entries(PLACE_CODES).filter(([, c]) => c.retired !== undefined);
  for (const [code, entry] of retired) {
    it(`council list: Placement code ${code}, retired from ${entry.retired}, is a warning naming the code and the year`, () => {
      const sheet = OFSTED_SHEETS[0]!;
      const row = ofstedRow(sheet);
      row['Placement code'] = code;
      const file = tableFile('csv', 'providers', ofstedHeaders(sheet), [row]);
      const o = runOfsted(file);
      const warning = o.problems.find((p) => p.row === 2 && p.column === 'Placement code');
      expect(warning).toMatchObject({ severity: 'warning' });
      expect(warning!.problem).toContain(`'${code}' (${entry.label}) is a retired code, not valid from ${entry.retired}`);
      expect(o.imported).toBe(true);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The vacancy feed (our own template).

const VACANCY_HEADERS = VACANCY_TEMPLATE_COLUMNS.map((c) => c.header);
const forProvider = notCoded("for the provider's eyes only: the importer does not read it");
const VACANCY_ROLES: Record<(typeof VACANCY_HEADERS)[number], ColumnRole> = {
  'Vacancy ID': notCoded('an identifier'),
  'Home ID': notCoded('an identifier'),
  'Ofsted URN': notCoded('an identifier, checked for its form'),
  Home: forProvider,
  Provider: forProvider,
  Council: forProvider,
  'Type of home': forProvider,
  Beds: notCoded('a number'),
  'Available from': notCoded('a date'),
  Status: coded('Open', 'Maybe', /is not a vacancy status \(expected Open, Held, Filled, Withdrawn\)/),
  'Core weekly price (£)': notCoded('an amount'),
  'Support weekly price (£)': notCoded('an amount'),
  'Education weekly price (£)': notCoded('an amount'),
  'Other weekly price (£)': notCoded('an amount'),
  Restrictions: notCoded('free text'),
};

describe('vacancy feed', () => {
  it('classes every column of the template, and reads every coded one', () => {
    expectClassesExactly(VACANCY_ROLES, VACANCY_HEADERS, 'vacancy feed');
    for (const [header] of codedColumns(VACANCY_ROLES)) expect(VACANCY_TEMPLATE_COLUMNS.find((c) => c.header === header)!.read).toBe(true);
  });

  const base = (): Record<string, string> => ({
    'Home ID': String(vacancyHomeId),
    Beds: '1',
    'Available from': '01/12/2026',
    Status: 'Open',
    'Core weekly price (£)': '4800',
  });
  const runFeed = (f: File) =>
    importVacancies(db, [f], { now: '2026-11-25T10:00:00.000Z', userId: null, scopeCouncilId: null, skipBadRows: false, dryRun: false });
  xlsxAllAtOnce(
    'vacancies',
    VACANCY_HEADERS,
    base,
    codedColumns(VACANCY_ROLES).map(([header, c]) => ({ tag: ['vacancies', 'xlsx', header], header, c })),
    runFeed,
  );
  for (const [header] of codedColumns(VACANCY_ROLES)) expected.push(['vacancies', 'xlsx', header]);
  for (const form of ['csv'] as const) {
    for (const [header, c] of codedColumns(VACANCY_ROLES)) {
      expected.push(['vacancies', form, header]);
      it(`${form}: ${header} '${c.invalid}' is refused; '${c.valid}' is accepted`, () => {
        const row = { ...base(), [header]: c.invalid };
        const file = tableFile(form, 'vacancies', VACANCY_HEADERS, [row]);
        const o = refused(() => runFeed(file));
        expectNames(errorAt(o, sourceOf(file), 2, header).problem, c);
        // The same row with the valid value goes in, so the refusal was the code's.
        const dry = importVacancies(db, [tableFile(form, 'vacancies', VACANCY_HEADERS, [{ ...base(), [header]: c.valid }])], {
          now: '2026-11-25T10:00:00.000Z',
          userId: null,
          scopeCouncilId: null,
          skipBadRows: false,
          dryRun: true,
        });
        expect(dry.errorCount).toBe(0);
        exercised.add('vacancies', form, header);
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Foster households (our own template).

const yesNo = coded('Yes', 'Maybe', /is not Yes or No/);
const FOSTER_ROLES: Record<(typeof FOSTER_HOUSEHOLD_COLUMNS)[number], ColumnRole> = {
  'Household reference': notCoded("the provider's own reference"),
  Provider: notCoded("a provider's name or URN, looked up in the store"),
  Council: coded('Salford', 'E08999999', /is not one of the region's partner councils \(give its name or ONS code\)/),
  'Household name': notCoded('a name'),
  Town: notCoded('a town'),
  Postcode: notCoded('a postcode, checked by the shared postcode checker'),
  'Main carer': notCoded('a name'),
  'Second carer': notCoded('a name'),
  Phone: notCoded('a telephone number'),
  Email: notCoded('an email address'),
  'Approved ages from': notCoded('an age'),
  'Approved ages to': notCoded('an age'),
  'Children approved for': notCoded('a number of children'),
  'Approved sex': coded('Any', 'X', /is not an approved sex \(expected Any, F or M\)/),
  'Sibling groups': yesNo,
  'Fee tier': coded('1', '5', /5 is outside the allowed range 1 to 4/),
  'Skills tier': coded('2', '4', /4 is outside the allowed range 1 to 3/),
  Specialisms: coded('teenagers', 'juggling', /is not a specialism \(expected any of teenagers, disability/),
  Languages: notCoded('any language, as free text'),
  Religion: notCoded('free text'),
  'Pets in home': yesNo,
  'Wheelchair adapted': yesNo,
  'Other children in the home': coded('12F; 8M', '12X', /is not an age and sex such as 12F or 8M/),
  'Years approved': notCoded('a number'),
  Kinship: yesNo,
  'Mockingbird constellation': notCoded("a constellation's name, looked up in the store"),
  Active: coded('Yes', 'Maybe', /is not Yes or No \(expected one of Yes, No, Y, N\)/),
  'Approved for': coded('short_term', 'forever', /is not an approval purpose \(expected any of emergency, short_term/),
  'Named child': notCoded("a child's reference, looked up in the store"),
};

describe('foster households', () => {
  it('classes every column of the template', () => {
    expectClassesExactly(FOSTER_ROLES, FOSTER_HOUSEHOLD_COLUMNS, 'foster households');
  });

  const base = (n = 0): Record<string, string> => {
    const row: Record<string, string> = {
      'Household reference': `FH-${n}`,
      Provider: 'Oak Fostering',
      'Household name': 'The Shaws',
      'Main carer': 'Pat Shaw',
      'Approved ages from': '0',
      'Approved ages to': '17',
      'Children approved for': '2',
    };
    for (const [header, c] of codedColumns(FOSTER_ROLES)) row[header] = c.valid;
    return row;
  };
  const runHouseholds = (f: File, dryRun = false) => importFosterHouseholds(db, [f], { scopeCouncilId: null, skipBadRows: false, dryRun });
  xlsxAllAtOnce(
    'households',
    FOSTER_HOUSEHOLD_COLUMNS,
    base,
    codedColumns(FOSTER_ROLES).map(([header, c]) => ({ tag: ['households', 'xlsx', header], header, c })),
    (f) => runHouseholds(f),
  );
  for (const [header] of codedColumns(FOSTER_ROLES)) expected.push(['households', 'xlsx', header]);
  for (const form of ['csv'] as const) {
    it(`${form}: the base row is accepted`, () => {
      const o = runHouseholds(tableFile(form, 'households', FOSTER_HOUSEHOLD_COLUMNS, [base()]), true);
      expect(o.problems.filter((p) => p.severity === 'error')).toEqual([]);
    });
    for (const [header, c] of codedColumns(FOSTER_ROLES)) {
      expected.push(['households', form, header]);
      it(`${form}: ${header} '${c.invalid}' is refused`, () => {
        const file = tableFile(form, 'households', FOSTER_HOUSEHOLD_COLUMNS, [{ ...base(), [header]: c.invalid }]);
        const o = refused(() => runHouseholds(file));
        expectNames(errorAt(o, sourceOf(file), 2, header).problem, c);
        exercised.add('households', form, header);
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Partner councils.

const COUNCIL_ROLES: Record<(typeof COUNCIL_LIST_COLUMNS)[number], ColumnRole> = {
  Council: notCoded('a name'),
  'DfE LA code': coded('350', '35X', /is not a DfE LA code: it is three digits/),
  'ONS code': coded('E08000001', 'X99', /is not an ONS code of an English council with children's services/),
  Centre: notCoded('a postcode or a town, placed by the directory and gazetteer'),
};

describe('partner councils', () => {
  it('classes every column of the list', () => {
    expectClassesExactly(COUNCIL_ROLES, COUNCIL_LIST_COLUMNS, 'councils');
  });

  /** Distinct names and codes for each row, so rows of one file never clash with each other. */
  const base = (n = 0): Record<string, string> => ({
    Council: `Bolton ${n}`,
    'DfE LA code': String(350 + n * 10),
    'ONS code': `E0800${String(1000 + n)}`.slice(0, 9),
    Centre: 'BL1 1RU',
  });
  const runCouncils = (f: File, dryRun = false) =>
    importCouncils(db, [f], { skipBadRows: false, dryRun, locateCentre: (label) => ({ ok: true, label, lat: 53.578, lon: -2.429 }) });
  xlsxAllAtOnce(
    'councils',
    COUNCIL_LIST_COLUMNS,
    base,
    codedColumns(COUNCIL_ROLES).map(([header, c]) => ({ tag: ['councils', 'xlsx', header], header, c })),
    (f) => runCouncils(f),
  );
  for (const [header] of codedColumns(COUNCIL_ROLES)) expected.push(['councils', 'xlsx', header]);
  for (const form of ['csv'] as const) {
    it(`${form}: the base row is accepted`, () => {
      expect(runCouncils(tableFile(form, 'councils', COUNCIL_LIST_COLUMNS, [base()]), true).errorCount).toBe(0);
    });
    for (const [header, c] of codedColumns(COUNCIL_ROLES)) {
      expected.push(['councils', form, header]);
      it(`${form}: ${header} '${c.invalid}' is refused`, () => {
        const file = tableFile(form, 'councils', COUNCIL_LIST_COLUMNS, [{ ...base(), [header]: c.invalid }]);
        const o = refused(() => runCouncils(file));
        expectNames(errorAt(o, sourceOf(file), 2, header).problem, c);
        exercised.add('councils', form, header);
      });
    }
    it(`${form}: a district council's ONS code is refused, naming the code and why`, () => {
      const file = tableFile(form, 'councils', COUNCIL_LIST_COLUMNS, [{ ...base(), 'ONS code': 'E07000117' }]);
      const o = refused(() => runCouncils(file));
      expect(errorAt(o, sourceOf(file), 2, 'ONS code').problem).toContain(`"E07000117" is a district council's ONS code`);
    });
  }
});

describe('no case was left out', () => {
  it('ran an invalid-code case for every coded column of every list, layout and form', () => {
    expect(expected.length).toBeGreaterThan(40);
    exercised.expectAll(expected);
  });
});
