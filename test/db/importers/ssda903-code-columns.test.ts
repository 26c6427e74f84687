/**
 * An invalid value in every coded column of the SSDA903 return, in its CSV files and its XML form,
 * in an older year's return and the current ones; and every code the lists limit to some years,
 * used in a year that does not allow it. Each is refused naming the file, the row, the column and
 * the value in the field's words, and leaves the store exactly as it was.
 *
 * The coded columns are classed here from the importer's own layout (SSDA903_COLUMNS, the XML
 * form's HEADER values) and tied to the shared code lists, so a column or code list added later
 * without a case here fails the listing tests below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as codeLists from '../../../shared/domain/ssda903';
import { codeStatusIn, collectionYearLabel, parseCollectionYear, type Code } from '../../../shared/domain/ssda903';
import { importSsda903 } from '../../../db/importers/ssda903';
import { SSDA903_COLUMNS, XML_HEADER_VALUES, type FileKind } from '../../../db/importers/ssda903-layout';
import { EPISODE_CODE_COLUMNS, NO_URN } from '../../../db/importers/ssda903-rows';
import type { ImportOutcome } from '../../../db/importers/report';
import { errorAt, Exercised, expectNamesValue, wholeStore } from './code-columns';
import { importStore, type ImportStore } from './helpers';
import { fileOf } from './ssda903-generator';

type Role = { codes: Record<string, Code>; words: RegExp } | { options: readonly string[]; words: RegExp } | { notCoded: string };
type Columns<K extends FileKind> = Record<(typeof SSDA903_COLUMNS)[K][number], Role>;

const L = codeLists;
const notRead = 'not kept by the app and never a reason to refuse a row';

/** Every column of every SSDA903 file the app reads, classed. */
const ROLES: { [K in FileKind]: Columns<K> } = {
  header: {
    CHILD: { notCoded: "the council's own identifier for the child" },
    SEX: { codes: L.SEX_CODES, words: /an SSDA903 sex code/ },
    DOB: { notCoded: 'a date' },
    ETHNIC: { codes: L.ETHNIC_CODES, words: /an ethnicity \(ETHNIC\) code/ },
    UPN: { notCoded: notRead },
    MOTHER: { notCoded: notRead },
    MC_DOB: { notCoded: notRead },
  },
  episodes: {
    CHILD: { notCoded: "the council's own identifier for the child" },
    DECOM: { notCoded: 'a date' },
    RNE: { codes: L.REASON_NEW_EPISODE_CODES, words: /a reason for new episode \(RNE\) code/ },
    LS: { codes: L.LEGAL_STATUS_CODES, words: /a legal status \(LS\) code/ },
    CIN: { codes: L.CATEGORY_OF_NEED_CODES, words: /a category of need \(CIN\) code/ },
    PLACE: { codes: L.PLACE_CODES, words: /a placement type \(PLACE\) code/ },
    PLACE_PROVIDER: { codes: L.PLACE_PROVIDER_CODES, words: /a placement provider \(PLACE_PROVIDER\) code/ },
    DEC: { notCoded: 'a date' },
    REC: { codes: L.REASON_EPISODE_CEASED_CODES, words: /a reason episode ceased \(REC\) code/ },
    REASON_PLACE_CHANGE: { codes: L.REASON_PLACE_CHANGE_CODES, words: /a reason for placement change code/ },
    HOME_POST: { notCoded: 'a postcode, checked by the shared postcode checker' },
    PL_POST: { notCoded: 'a postcode, checked by the shared postcode checker' },
    URN: { notCoded: `an Ofsted URN (or ${NO_URN}), an identifier rather than a code` },
  },
  uasc: {
    CHILD: { notCoded: "the council's own identifier for the child" },
    SEX: { codes: L.SEX_CODES, words: /an SSDA903 sex code/ },
    DOB: { notCoded: 'a date' },
    DUC: { notCoded: 'a date' },
  },
  missing: {
    CHILD: { notCoded: "the council's own identifier for the child" },
    DOB: { notCoded: 'a date' },
    MISSING: { options: ['M', 'A'], words: /a missing code \(M missing, A away from placement without authorisation\)/ },
    MIS_START: { notCoded: 'a date' },
    MIS_END: { notCoded: 'a date' },
  },
};

/** Single values a HEADER of the XML form may hold, classed: those read are the header and UASC files' columns, and the UASC flag. */
const XML_HEADER_ROLES: Record<string, Role | 'as CSV'> = {
  CHILDID: 'as CSV',
  SEX: 'as CSV',
  DOB: 'as CSV',
  ETHNIC: 'as CSV',
  UPN: 'as CSV',
  MOTHER: 'as CSV',
  MC_DOB: 'as CSV',
  DUC: 'as CSV',
  UASC: { options: ['1', '0'], words: /a UASC flag \(1 for an unaccompanied asylum-seeking child, otherwise empty\)/ },
  // The care leavers' and adoption files' values, which the XML form places in HEADER; the app imports neither file.
  ...Object.fromEntries(
    ['IN_TOUCH', 'ACTIV', 'ACCOM', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'].map((v) => [v, { notCoded: notRead }]),
  ),
};

const KINDS = Object.keys(SSDA903_COLUMNS) as FileKind[];
/** An older return (SEX 1 and 2, H5, P2 and Z1), the first with K3 and SEX M, F and U, and the current one (Z11-Z14). */
const YEARS = [2022, 2024, 2025];
const INVALID = 'ZZ9';
const FORMS = ['csv', 'xml'] as const;
type Form = (typeof FORMS)[number];

const rolesOf = (kind: FileKind) => ROLES[kind] as Record<string, Role>;
const codedIn = (kind: FileKind) => Object.entries(rolesOf(kind)).filter((e): e is [string, Exclude<Role, { notCoded: string }>] => !('notCoded' in e[1]));

/** The first code of a list the year allows: the base return uses only such codes. */
function validIn(role: Exclude<Role, { notCoded: string }>, year: number): string {
  if ('options' in role) return role.options[0]!;
  const code = Object.keys(role.codes).find((c) => codeStatusIn(role.codes[c]!, year) === 'valid');
  if (code === undefined) throw new Error(`No code of the list is valid in ${collectionYearLabel(year)}`);
  return code;
}

// ---------------------------------------------------------------------------------------------
// One child's return for a year: a header, a closed episode with every code column filled, the
// open episode after it, a UASC row and a missing episode. Built as rows of each file, then
// written as the CSV files or as the XML form.

type Rows = Record<FileKind, Record<string, string>[]>;

function baseReturn(year: number): Rows {
  const code = (kind: FileKind, column: string) => {
    const role = rolesOf(kind)[column]!;
    if ('notCoded' in role) throw new Error(`${column} is not coded`);
    return validIn(role, year);
  };
  const dob = '01/02/2012';
  const episode = (decom: string, dec: string) => {
    const row: Record<string, string> = { CHILD: '5001', DECOM: decom, DEC: dec, HOME_POST: 'M1 1AE', PL_POST: 'OL1 2AB', URN: '' };
    for (const [column] of codedIn('episodes')) row[column] = code('episodes', column);
    if (dec === '') {
      row.REC = '';
      row.REASON_PLACE_CHANGE = '';
    }
    return row;
  };
  return {
    header: [{ CHILD: '5001', SEX: code('header', 'SEX'), DOB: dob, ETHNIC: code('header', 'ETHNIC'), UPN: '', MOTHER: '', MC_DOB: '' }],
    episodes: [episode(`01/05/${year}`, `01/08/${year}`), episode(`01/08/${year}`, '')],
    uasc: [{ CHILD: '5001', SEX: code('uasc', 'SEX'), DOB: dob, DUC: '01/02/2030' }],
    missing: [{ CHILD: '5001', DOB: dob, MISSING: code('missing', 'MISSING'), MIS_START: `10/09/${year}`, MIS_END: `12/09/${year}` }],
  };
}

const FILE_NAMES: Record<FileKind, string> = { header: 'header.csv', episodes: 'episodes.csv', uasc: 'uasc.csv', missing: 'missing.csv' };
const XML_FILE = 'return.xml';

function csvFiles(rows: Rows) {
  return KINDS.map((kind) => {
    const columns = SSDA903_COLUMNS[kind] as readonly string[];
    return fileOf(FILE_NAMES[kind], [columns.join(','), ...rows[kind].map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\r\n') + '\r\n');
  });
}

const tag = (name: string, value: string) => (value === '' ? `<${name} />` : `<${name}>${value}</${name}>`);

/** The XML form: one CHILD with its HEADER (UASC flag and AMISSING inside), then its EPISODEs (PL for PLACE). */
function xmlFile(rows: Rows, uascFlag = '1') {
  const h = rows.header[0]!;
  const u = rows.uasc[0];
  const parts = ['<?xml version="1.0" encoding="utf-8"?>', '<EXPSSDA903><CHILD><HEADER>'];
  parts.push(tag('CHILDID', h.CHILD!), tag('UPN', h.UPN!), tag('SEX', h.SEX!), tag('DOB', h.DOB!), tag('ETHNIC', h.ETHNIC!), tag('UASC', u ? uascFlag : ''));
  if (u) parts.push(tag('DUC', u.DUC!));
  for (const m of rows.missing) parts.push(`<AMISSING>${tag('MISSING', m.MISSING!)}${tag('MIS_START', m.MIS_START!)}${tag('MIS_END', m.MIS_END!)}</AMISSING>`);
  parts.push(tag('MOTHER', ''), tag('MC_DOB', ''), '</HEADER>');
  for (const e of rows.episodes) {
    parts.push('<EPISODE>');
    for (const column of SSDA903_COLUMNS.episodes) if (column !== 'CHILD') parts.push(tag(column === 'PLACE' ? 'PL' : column, e[column]!));
    parts.push('</EPISODE>');
  }
  parts.push('</CHILD></EXPSSDA903>');
  return fileOf(XML_FILE, parts.join(''));
}

/** Where a cell of these rows is reported: the CSV file, row and column, or the XML CHILD element and path. */
function locate(form: Form, kind: FileKind, index: number, column: string): { file: string; row: number; column: string } {
  if (form === 'csv') return { file: FILE_NAMES[kind], row: index + 2, column };
  const path =
    kind === 'episodes'
      ? `EPISODE[${index + 1}]/${column === 'PLACE' ? 'PL' : column}`
      : kind === 'missing'
        ? `HEADER/AMISSING[${index + 1}]/${column}`
        : `HEADER/${column}`;
  return { file: XML_FILE, row: 1, column: path };
}

// ---------------------------------------------------------------------------------------------

/**
 * One store for the refusals: each checks that the whole store is as it was, so sharing it makes
 * the claim stronger (no refused import leaves anything behind for the next). The clean imports
 * that prove the base returns good get stores of their own.
 */
let store: ImportStore;
beforeAll(() => {
  store = importStore();
});
afterAll(() => store.remove());

const run = (files: { fileName: string; bytes: Uint8Array }[]): ImportOutcome =>
  importSsda903(store.db, files, { councilId: store.councilId, today: '2026-11-25', skipBadRows: false, dryRun: false });
const filesOf = (form: Form, rows: Rows) => (form === 'csv' ? csvFiles(rows) : [xmlFile(rows)]);

/** Imports files that should be refused; returns the outcome after checking nothing changed. */
function refused(files: { fileName: string; bytes: Uint8Array }[]): ImportOutcome {
  const before = wholeStore(store.db);
  const o = run(files);
  expect(o.imported).toBe(false);
  expect(o.rowsImported).toBe(0);
  expect(o.summary).toMatch(/^Nothing was imported/);
  expect(wholeStore(store.db)).toEqual(before);
  return o;
}

/** In the XML form the UASC file's SEX is the HEADER's own: it has no column of its own there. */
const inForm = (form: Form, kind: FileKind) => form === 'csv' || kind !== 'uasc';

const exercised = new Exercised();

describe('SSDA903: the columns classed here are the importer’s own, and every code list has its column', () => {
  it('classes exactly the columns of each file’s layout, and the XML form’s HEADER values', () => {
    for (const kind of KINDS) expect(Object.keys(ROLES[kind]).sort(), kind).toEqual([...SSDA903_COLUMNS[kind]].sort());
    expect(Object.keys(XML_HEADER_ROLES).sort()).toEqual([...XML_HEADER_VALUES].sort());
  });

  it('every code list the shared module exports is the list of some coded column, and every column the importer checks by year is coded here with the same list', () => {
    const lists = Object.entries(codeLists).filter(([name]) => name.endsWith('_CODES'));
    expect(lists.length).toBeGreaterThanOrEqual(9);
    const used = KINDS.flatMap((k) => codedIn(k).map(([, role]) => ('codes' in role ? role.codes : null)));
    for (const [name, list] of lists) expect(used.includes(list as Record<string, Code>), `${name} has a coded column`).toBe(true);
    for (const [column, list] of EPISODE_CODE_COLUMNS) {
      const role = rolesOf('episodes')[column as string]!;
      expect('codes' in role && role.codes === list, `${String(column)}`).toBe(true);
    }
    for (const role of KINDS.flatMap((k) => codedIn(k).map(([, r]) => r))) if ('codes' in role) expect(role.codes[INVALID]).toBeUndefined();
  });
});

describe('SSDA903: the base return of each year imports cleanly, so each refusal below is the bad cell’s', () => {
  for (const year of YEARS) {
    for (const form of FORMS) {
      it(`${collectionYearLabel(year)}, ${form}`, () => {
        const own = importStore();
        try {
          const o = importSsda903(own.db, filesOf(form, baseReturn(year)), {
            councilId: own.councilId,
            today: '2026-11-25',
            skipBadRows: false,
            dryRun: false,
          });
          expect(o.problems.filter((p) => p.severity === 'error')).toEqual([]);
          expect(o.imported).toBe(true);
          expect(o.summary).toContain(`Read as the ${collectionYearLabel(year)} return`);
          expect(own.db.prepare('SELECT count(*) FROM episodes').pluck().get()).toBe(2);
        } finally {
          own.remove();
        }
      });
    }
  }
});

describe('SSDA903: an invalid code in every coded column is refused by file, row, column and value', () => {
  for (const year of YEARS) {
    for (const form of FORMS) {
      for (const kind of KINDS) {
        if (!inForm(form, kind)) continue;
        for (const [column, role] of codedIn(kind)) {
          it(`${collectionYearLabel(year)} ${form}: ${kind} ${column}`, () => {
            const rows = baseReturn(year);
            rows[kind][0]![column] = INVALID;
            const o = refused(filesOf(form, rows));
            const at = locate(form, kind, 0, column);
            expectNamesValue(errorAt(o, at.file, at.row, at.column), INVALID, role.words);
            exercised.add(form, kind, column, year);
          });
        }
      }
    }
    it(`${collectionYearLabel(year)} xml: HEADER UASC flag`, () => {
      const role = XML_HEADER_ROLES.UASC as Extract<Role, { options: readonly string[] }>;
      const o = refused([xmlFile(baseReturn(year), INVALID)]);
      expectNamesValue(errorAt(o, XML_FILE, 1, 'HEADER/UASC'), INVALID, role.words);
      exercised.add('xml', 'header', 'UASC', year);
    });
  }
});

/** Every code a list limits to some years, with the first year that does not allow it. */
function yearBoundCases(): { kind: FileKind; column: string; code: string; year: number; why: string }[] {
  const out: { kind: FileKind; column: string; code: string; year: number; why: string }[] = [];
  for (const kind of KINDS) {
    for (const [column, role] of codedIn(kind)) {
      if (!('codes' in role)) continue;
      for (const [code, entry] of Object.entries(role.codes)) {
        if (entry.retired !== undefined)
          out.push({ kind, column, code, year: parseCollectionYear(entry.retired)!, why: `it was retired from ${entry.retired}` });
        if (entry.from !== undefined) out.push({ kind, column, code, year: parseCollectionYear(entry.from)! - 1, why: `it was introduced in ${entry.from}` });
      }
    }
  }
  return out;
}

describe('SSDA903: a code used in a year its list does not allow it is refused, naming the code and the year', () => {
  const cases = yearBoundCases();
  it('finds the year-limited codes of the lists (SEX and PLACE have some)', () => {
    expect(new Set(cases.map((c) => c.column))).toEqual(new Set(['SEX', 'PLACE']));
  });
  for (const c of cases) {
    for (const form of FORMS) {
      if (!inForm(form, c.kind)) continue;
      it(`${form}: ${c.kind} ${c.column} ${c.code} in ${collectionYearLabel(c.year)}`, () => {
        const rows = baseReturn(c.year);
        rows[c.kind][0]![c.column] = c.code;
        const o = refused(filesOf(form, rows));
        const at = locate(form, c.kind, 0, c.column);
        const problem = errorAt(o, at.file, at.row, at.column).problem;
        expect(problem).toContain(`'${c.code}'`);
        expect(problem).toContain(`is not valid in ${collectionYearLabel(c.year)}`);
        expect(problem).toContain(c.why);
        exercised.add('year', form, c.kind, c.column, c.code);
      });
    }
  }
});

describe('SSDA903: no case was left out', () => {
  it('ran an invalid-code case for every coded column, form and year, and a year case for every year-limited code', () => {
    const expected: (string | number)[][] = [];
    for (const year of YEARS) {
      for (const form of FORMS)
        for (const kind of KINDS) if (inForm(form, kind)) for (const [column] of codedIn(kind)) expected.push([form, kind, column, year]);
      expected.push(['xml', 'header', 'UASC', year]);
    }
    for (const c of yearBoundCases()) for (const form of FORMS) if (inForm(form, c.kind)) expected.push(['year', form, c.kind, c.column, c.code]);
    exercised.expectAll(expected);
  });
});
