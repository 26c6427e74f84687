import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import type { WritableDB } from '../handle';
import {
  CATEGORY_OF_NEED_CODES,
  ETHNIC_CODES,
  LEGAL_STATUS_CODES,
  PLACE_CODES,
  PLACE_PROVIDER_CODES,
  REASON_EPISODE_CEASED_CODES,
  REASON_NEW_EPISODE_CODES,
  REASON_PLACE_CHANGE_CODES,
  SSDA903_SEX,
  type Code,
} from '../../shared/domain/ssda903';
import { dfeMiles } from '../../shared/scoring/distance';
import { decodeText, detectFormat, type ImportFile } from './files';
import { hasColumn, scanCsv, type CsvScan } from './csv';
import { ProgressTicker } from './progress';
import { ensurePseudonymKey, readPseudonymKey, refFor, sourceKeyFor } from './pseudonym';
import { ProblemLog, type ChangeCounter, type ImportedFile, type ImportOutcome } from './report';
import { finishImport, type ImportOptions } from './run';
import { columnPositions, rowRecord } from './table';
import { codeCell, dateCell, issuesByColumn, optionCell, postcodeCell, textCell, urnCell } from './values';

/**
 * The SSDA903 return (children looked after) in the DfE's CSV layout — header, episodes, UASC and
 * missing files, dd/mm/yyyy dates — or its XML form, into children and their placement histories.
 */

/** Column order of each SSDA903 CSV file, as the DfE publishes it. */
export const SSDA903_COLUMNS = {
  header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
  uasc: ['CHILD', 'SEX', 'DOB', 'DUC'],
  missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
} as const;

type FileKind = keyof typeof SSDA903_COLUMNS;
/** Columns a file must have; the others may be left out (read as empty). */
const REQUIRED_COLUMNS: Record<FileKind, readonly string[]> = {
  header: ['CHILD', 'SEX', 'DOB', 'ETHNIC'],
  episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE'],
  uasc: ['CHILD', 'SEX', 'DOB'],
  missing: ['CHILD', 'MISSING', 'MIS_START'],
};
const KIND_LABELS: Record<FileKind, string> = { header: 'SSDA903 header', episodes: 'SSDA903 episodes', uasc: 'SSDA903 UASC', missing: 'SSDA903 missing' };

/** The other SSDA903 files, recognised so that selecting the whole return explains what is left out. */
const OTHER_FILES: { name: string; column: string }[] = [
  { name: 'reviews', column: 'REVIEW_CODE' },
  { name: 'OC2 (outcomes)', column: 'SDQ_SCORE' },
  { name: 'OC3 (care leavers)', column: 'IN_TOUCH' },
  { name: 'previous permanence', column: 'PREV_PERM' },
  { name: 'social worker episodes', column: 'SW_ID' },
  { name: 'deprivation of liberty', column: 'DOLO_START' },
  { name: 'adoption (AD1)', column: 'DATE_INT' },
  { name: 'placed for adoption', column: 'DATE_PLACED' },
];

// ---------------------------------------------------------------------------------------------
// Row schemas, built from the shared code lists.

const childIdCell = z.string().transform((raw, ctx) => {
  if (raw === '') {
    ctx.addIssue({ code: 'custom', message: "The child's identifier is required but the cell is empty" });
    return z.NEVER;
  }
  if (!/^[A-Za-z0-9]{1,10}$/.test(raw)) {
    ctx.addIssue({ code: 'custom', message: `'${raw}' is not an SSDA903 child identifier (up to 10 letters and digits)` });
    return z.NEVER;
  }
  return raw;
});

const sexCell = optionCell(Object.keys(SSDA903_SEX), 'an SSDA903 sex code (1 male, 2 female)', { required: true });

const headerRow = z.object({
  CHILD: childIdCell,
  SEX: sexCell,
  DOB: dateCell({ required: true }),
  ETHNIC: codeCell(ETHNIC_CODES, 'an ethnicity (ETHNIC)', { required: true }),
  UPN: textCell({ max: 13 }),
  MOTHER: optionCell(['0', '1'], 'MOTHER (1 when the child is a mother, 0 otherwise)'),
  MC_DOB: dateCell(),
});

const episodeRow = z
  .object({
    CHILD: childIdCell,
    DECOM: dateCell({ required: true }),
    RNE: codeCell(REASON_NEW_EPISODE_CODES, 'a reason for new episode (RNE)', { required: true }),
    LS: codeCell(LEGAL_STATUS_CODES, 'a legal status (LS)', { required: true }),
    CIN: codeCell(CATEGORY_OF_NEED_CODES, 'a category of need (CIN)', { required: true }),
    PLACE: codeCell(PLACE_CODES, 'a placement type (PLACE)', { required: true }),
    PLACE_PROVIDER: codeCell(PLACE_PROVIDER_CODES, 'a placement provider (PLACE_PROVIDER)'),
    DEC: dateCell(),
    REC: codeCell(REASON_EPISODE_CEASED_CODES, 'a reason episode ceased (REC)'),
    REASON_PLACE_CHANGE: codeCell(REASON_PLACE_CHANGE_CODES, 'a reason for placement change'),
    HOME_POST: postcodeCell(),
    PL_POST: postcodeCell(),
    URN: urnCell({ allowNone: true }),
  })
  .superRefine((row, ctx) => {
    if (row.DEC !== null && row.DECOM !== null && row.DEC < row.DECOM) {
      ctx.addIssue({ code: 'custom', path: ['DEC'], message: `The episode ends (${row.DEC}) before it starts (DECOM ${row.DECOM})` });
    }
  });

const uascRow = z.object({ CHILD: childIdCell, SEX: sexCell, DOB: dateCell({ required: true }), DUC: dateCell() });

const missingRow = z
  .object({
    CHILD: childIdCell,
    DOB: dateCell({ required: true }),
    MISSING: optionCell(['M', 'A'], 'a missing code (M missing, A away from placement without authorisation)', { required: true }),
    MIS_START: dateCell({ required: true }),
    MIS_END: dateCell(),
  })
  .superRefine((row, ctx) => {
    if (row.MIS_END !== null && row.MIS_START !== null && row.MIS_END < row.MIS_START) {
      ctx.addIssue({ code: 'custom', path: ['MIS_END'], message: `The episode ends (${row.MIS_END}) before it starts (MIS_START ${row.MIS_START})` });
    }
  });

type HeaderRow = z.output<typeof headerRow>;
type EpisodeRow = z.output<typeof episodeRow>;
type UascRow = z.output<typeof uascRow>;
type MissingRow = z.output<typeof missingRow>;

/** One row of any SSDA903 file, wherever it came from (a CSV line or an XML element). */
interface RawRow {
  file: string;
  row: number;
  values: Record<string, string>;
  /** How the report names a column: the CSV column, or the XML element's path. */
  label(column: string): string;
}

interface Located<T> {
  file: string;
  row: number;
  label(column: string): string;
  value: T;
}

// ---------------------------------------------------------------------------------------------
// Reading the files.

function kindOfHeader(cells: string[]): FileKind | null {
  if (hasColumn(cells, 'DECOM') && hasColumn(cells, 'PLACE')) return 'episodes';
  if (hasColumn(cells, 'MIS_START')) return 'missing';
  if (hasColumn(cells, 'DUC')) return 'uasc';
  if (hasColumn(cells, 'ETHNIC') && hasColumn(cells, 'SEX')) return 'header';
  return null;
}

const XML_LISTS = new Set(['CHILD', 'EPISODE', 'AMISSING', 'AREVIEW']);

type XmlNode = Record<string, unknown>;

function xmlText(node: XmlNode | undefined, tag: string): string {
  const v = node?.[tag];
  if (v === undefined || v === null || typeof v === 'object') return '';
  return String(v).trim();
}

function xmlList(node: XmlNode | undefined, tag: string): XmlNode[] {
  const v = node?.[tag];
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as XmlNode[]) : [];
}

/** The XML form: one CHILD element holds its HEADER and EPISODEs (PL is the CSV's PLACE). */
function readXml(file: ImportFile, log: ProblemLog, rows: Record<FileKind, RawRow[]>): number {
  const text = decodeText(file.bytes);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    log.error(file.fileName, null, null, `The XML is not well-formed at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
    return 0;
  }
  // Values stay text (no number parsing: '01' stays '01'); entities are not expanded.
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: false, isArray: (name) => XML_LISTS.has(name) });
  const doc = parser.parse(text) as XmlNode;
  const root = doc['EXPSSDA903'] as XmlNode | undefined;
  if (!root || typeof root !== 'object') {
    log.error(file.fileName, null, null, 'This XML file is not an SSDA903 return: its root element is not EXPSSDA903.');
    return 0;
  }
  const children = xmlList(root, 'CHILD');
  children.forEach((child, i) => {
    const n = i + 1;
    const header = (child['HEADER'] as XmlNode | undefined) ?? {};
    const id = xmlText(header, 'CHILDID');
    const at = (prefix: string) => (column: string) => `${prefix}/${column === 'CHILD' ? 'CHILDID' : column === 'PLACE' ? 'PL' : column}`;
    const headerValues: Record<string, string> = { CHILD: id };
    for (const c of SSDA903_COLUMNS.header) if (c !== 'CHILD') headerValues[c] = xmlText(header, c);
    rows.header.push({ file: file.fileName, row: n, values: headerValues, label: at('HEADER') });
    const uasc = xmlText(header, 'UASC');
    if (uasc === '1') {
      rows.uasc.push({ file: file.fileName, row: n, values: { CHILD: id, SEX: headerValues.SEX!, DOB: headerValues.DOB!, DUC: xmlText(header, 'DUC') }, label: at('HEADER') });
    } else if (uasc !== '' && uasc !== '0') {
      log.error(file.fileName, n, 'HEADER/UASC', `'${uasc}' is not a UASC flag (1 for an unaccompanied asylum-seeking child, otherwise empty)`);
    }
    [...xmlList(header, 'AMISSING'), ...xmlList(child, 'AMISSING')].forEach((m, j) => {
      rows.missing.push({
        file: file.fileName,
        row: n,
        values: { CHILD: id, DOB: headerValues.DOB!, MISSING: xmlText(m, 'MISSING'), MIS_START: xmlText(m, 'MIS_START'), MIS_END: xmlText(m, 'MIS_END') },
        label: at(`AMISSING[${j + 1}]`),
      });
    });
    xmlList(child, 'EPISODE').forEach((e, j) => {
      const values: Record<string, string> = { CHILD: id };
      for (const c of SSDA903_COLUMNS.episodes) if (c !== 'CHILD') values[c] = xmlText(e, c === 'PLACE' ? 'PL' : c);
      rows.episodes.push({ file: file.fileName, row: n, values, label: at(`EPISODE[${j + 1}]`) });
    });
  });
  return children.length;
}

// ---------------------------------------------------------------------------------------------
// Checking.

/** The first day of the collection year a retired code stopped being valid ('2025-26' → 2025-04-01). */
function retiredFrom(code: Code): string {
  return `${code.retired!.slice(0, 4)}-04-01`;
}

/**
 * A retired code is named as such. In an episode that ended before the code was retired it is a
 * faithful record of history (a warning, imported as recorded); in one still open on or after that
 * date it is an error, because the current return may not use it.
 */
function flagRetired(log: ProblemLog, at: Located<unknown>, column: string, list: Record<string, Code>, code: string | null, endedOn: string | null): void {
  if (code === null) return;
  const entry = list[code];
  if (!entry?.retired) return;
  const from = retiredFrom(entry);
  const history = endedOn !== null && endedOn < from;
  const problem = history
    ? `'${code}' (${entry.label}) is a retired code, not valid from ${entry.retired}; kept as recorded because this episode ended before ${from}`
    : `'${code}' (${entry.label}) is a retired code, not valid from ${entry.retired}; an episode open on or after ${from} needs a current code (e.g. K3, Z11-Z14)`;
  log.add({ file: at.file, row: at.row, column: at.label(column), problem, severity: history ? 'warning' : 'error' });
}

const asIs = (column: string) => column;

/** Parses one row; problems go into the log under the row's own column names. True when it parsed. */
function check<T>(schema: z.ZodType<T>, raw: RawRow, log: ProblemLog, into: Located<T>[]): boolean {
  const parsed = schema.safeParse(raw.values);
  if (parsed.success) {
    into.push({ file: raw.file, row: raw.row, label: raw.label, value: parsed.data });
    return true;
  }
  for (const { column, message } of issuesByColumn(parsed.error)) log.error(raw.file, raw.row, raw.label(column), message);
  return false;
}

export interface Ssda903ImportOptions extends ImportOptions {
  councilId: number;
  /** Today, ISO; dates of birth after it are refused. */
  today: string;
}

interface Council {
  id: number;
  name: string;
  onsCode: string;
}

/**
 * Imports an SSDA903 return: any of its header, episodes, UASC and missing CSV files, or the XML
 * form, for one council. Children are matched on a keyed hash of the council's CHILD identifier
 * (see pseudonym.ts), episodes on child and start date, missing episodes on child and start date,
 * so importing the same return twice changes nothing.
 */
export function importSsda903(db: WritableDB, files: ImportFile[], options: Ssda903ImportOptions): ImportOutcome {
  const council = db.prepare('SELECT id, name, ons_code AS onsCode FROM councils WHERE id = ?').get(options.councilId) as Council | undefined;
  if (!council) throw new Error(`There is no council ${options.councilId}`);
  const log = new ProblemLog();
  const described: ImportedFile[] = [];
  // What checking will go through: CSV tables (rows still as cells) and rows taken from XML.
  const pending: ({ kind: FileKind; file: string; rows: RawRow[] } | { kind: FileKind; file: string; scan: CsvScan; positions: Record<string, number>; described: ImportedFile })[] = [];
  // A CSV row, or an XML CHILD element (which holds that child's header, episodes and missing records).
  let rowsRead = 0;

  // Reading: each file is recognised by its columns (or as XML), never by its name.
  const reading = new ProgressTicker(options.onProgress, 'reading', files.length);
  for (const file of files) {
    const format = detectFormat(file);
    if (format === 'xml') {
      const raw: Record<FileKind, RawRow[]> = { header: [], episodes: [], uasc: [], missing: [] };
      const n = readXml(file, log, raw);
      for (const kind of Object.keys(raw) as FileKind[]) pending.push({ kind, file: file.fileName, rows: raw[kind] });
      rowsRead += n;
      described.push({ fileName: file.fileName, format, content: 'SSDA903 XML return', rows: n });
      reading.tick();
      continue;
    }
    if (format !== 'csv') {
      log.error(file.fileName, null, null, format === 'xls' ? 'This is an old-style Excel file (.xls); an SSDA903 return is CSV files or XML.' : 'An SSDA903 return is CSV files or XML; this file is neither.');
      reading.tick();
      continue;
    }
    // Large files are streamed: the header now, the rows one at a time while checking.
    const { scan: table, problems } = scanCsv(decodeText(file.bytes), file.fileName);
    reading.tick();
    for (const p of problems) log.error(file.fileName, p.row, null, p.problem);
    if (!table) continue;
    const kind = kindOfHeader(table.headers);
    if (!kind) {
      const other = OTHER_FILES.find((o) => hasColumn(table.headers, o.column));
      if (other) {
        log.warning(file.fileName, null, null, `This is the SSDA903 ${other.name} file; it is not imported (the app imports the header, episodes, UASC and missing files).`);
        described.push({ fileName: file.fileName, format: 'csv', content: `SSDA903 ${other.name} (not imported)`, rows: 0 });
      } else {
        log.error(file.fileName, null, null, `This file's columns (${table.headers.slice(0, 8).join(', ')}) are not those of an SSDA903 header, episodes, UASC or missing file.`);
      }
      continue;
    }
    const positions = columnPositions(table.headers, SSDA903_COLUMNS[kind]);
    const absent = REQUIRED_COLUMNS[kind].filter((c) => positions[c as keyof typeof positions] < 0);
    if (absent.length > 0) {
      const what = `column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}`;
      log.add({ file: file.fileName, row: null, column: absent.join(', '), problem: `This ${KIND_LABELS[kind]} file has no ${what}, so it cannot be read.`, severity: 'error' });
      continue;
    }
    const entry: ImportedFile = { fileName: file.fileName, format: 'csv', content: KIND_LABELS[kind], rows: 0 };
    described.push(entry);
    pending.push({ kind, file: file.fileName, scan: table, positions, described: entry });
  }
  reading.finish();

  // Checking each row on its own, against the zod schemas built from the shared code lists.
  const checking = new ProgressTicker(options.onProgress, 'checking', pending.reduce((n, p) => n + ('scan' in p ? p.scan.estimatedRows : p.rows.length), 0));
  const headers: Located<HeaderRow>[] = [];
  const episodes: Located<EpisodeRow>[] = [];
  const uascs: Located<UascRow>[] = [];
  const missings: Located<MissingRow>[] = [];
  /** Children whose header row has errors: they are not created, and rows about them say why. */
  const rejectedHeader = new Map<string, { file: string; row: number }>();
  const checkRow = (source: { kind: FileKind }, raw: RawRow) => {
    switch (source.kind) {
      case 'header':
        if (!check(headerRow, raw, log, headers) && raw.values.CHILD) rejectedHeader.set(raw.values.CHILD, raw);
        break;
      case 'episodes':
        check(episodeRow, raw, log, episodes);
        break;
      case 'uasc':
        check(uascRow, raw, log, uascs);
        break;
      case 'missing':
        check(missingRow, raw, log, missings);
        break;
    }
    checking.tick();
  };
  for (const source of pending) {
    if ('scan' in source) {
      const problems = source.scan.eachRow((r) => {
        source.described.rows++;
        checkRow(source, { file: source.file, row: r.row, values: rowRecord(r.cells, source.positions), label: asIs });
      });
      for (const p of problems) log.error(source.file, p.row, null, p.problem);
      rowsRead += source.described.rows;
    } else {
      for (const raw of source.rows) checkRow(source, raw);
      source.rows = [];
    }
  }
  checking.finish();

  // Rows that are well-formed on their own, checked against each other and the store.
  const key = readPseudonymKey(db);
  const findChild = db.prepare('SELECT id FROM children WHERE source_key = ?').pluck();
  const knownInStore = new Map<string, boolean>();
  const inStore = (child: string): boolean => {
    let known = knownInStore.get(child);
    if (known === undefined) {
      known = key !== null && findChild.get(sourceKeyFor(key, council.onsCode, child)) !== undefined;
      knownInStore.set(child, known);
    }
    return known;
  };

  const headerByChild = new Map<string, Located<HeaderRow>>();
  for (const h of headers) {
    const child = h.value.CHILD!;
    const first = headerByChild.get(child);
    if (first) {
      log.error(h.file, h.row, h.label('CHILD'), `Child '${child}' already has a header row (row ${first.row}); each child appears once`);
      continue;
    }
    if (h.value.DOB! > options.today) log.error(h.file, h.row, h.label('DOB'), `The date of birth ${h.value.DOB} is in the future`);
    if (h.value.MC_DOB !== null && h.value.MC_DOB < h.value.DOB!) log.error(h.file, h.row, h.label('MC_DOB'), `The mother's child is born (${h.value.MC_DOB}) before the child (${h.value.DOB})`);
    if (log.rowHasErrors(h.file, h.row)) rejectedHeader.set(child, h);
    headerByChild.set(child, h);
  }
  for (const child of rejectedHeader.keys()) headerByChild.delete(child);

  /** A row about a child must find that child in these files or in the store. */
  const childKnown = (at: Located<unknown>, child: string): boolean => {
    if (headerByChild.has(child) || inStore(child)) return true;
    const rejected = rejectedHeader.get(child);
    log.error(
      at.file,
      at.row,
      at.label('CHILD'),
      rejected
        ? `Child '${child}' has errors in their header row (${rejected.file}, row ${rejected.row}), so this row cannot be imported either`
        : `Child '${child}' has no header row in these files and was not imported before; import the header file with this one`,
    );
    return false;
  };

  const goodEpisodes: Located<EpisodeRow>[] = [];
  const episodeKeys = new Map<string, number>();
  for (const e of episodes) {
    const v = e.value;
    if (!childKnown(e, v.CHILD!)) continue;
    const k = `${v.CHILD}\u0000${v.DECOM}`;
    const first = episodeKeys.get(k);
    if (first !== undefined) {
      log.error(e.file, e.row, e.label('DECOM'), `Child '${v.CHILD}' already has an episode starting ${v.DECOM} (row ${first}); an episode is identified by child and start date`);
      continue;
    }
    episodeKeys.set(k, e.row);
    const ended = v.DEC;
    flagRetired(log, e, 'PLACE', PLACE_CODES, v.PLACE, ended);
    flagRetired(log, e, 'LS', LEGAL_STATUS_CODES, v.LS, ended);
    flagRetired(log, e, 'PLACE_PROVIDER', PLACE_PROVIDER_CODES, v.PLACE_PROVIDER, ended);
    if (!log.rowHasErrors(e.file, e.row)) goodEpisodes.push(e);
  }

  const goodUasc: Located<UascRow>[] = [];
  for (const u of uascs) {
    const v = u.value;
    if (!childKnown(u, v.CHILD!)) continue;
    const h = headerByChild.get(v.CHILD!);
    if (h && h.value.DOB !== v.DOB) log.error(u.file, u.row, u.label('DOB'), `The date of birth ${v.DOB} differs from the header row's ${h.value.DOB} (${h.file}, row ${h.row})`);
    if (h && h.value.SEX !== v.SEX) log.error(u.file, u.row, u.label('SEX'), `The sex code ${v.SEX} differs from the header row's ${h.value.SEX} (${h.file}, row ${h.row})`);
    if (!log.rowHasErrors(u.file, u.row)) goodUasc.push(u);
  }

  const goodMissing: Located<MissingRow>[] = [];
  const missingKeys = new Map<string, number>();
  for (const m of missings) {
    const v = m.value;
    if (!childKnown(m, v.CHILD!)) continue;
    const h = headerByChild.get(v.CHILD!);
    if (h && h.value.DOB !== v.DOB) log.error(m.file, m.row, m.label('DOB'), `The date of birth ${v.DOB} differs from the header row's ${h.value.DOB} (${h.file}, row ${h.row})`);
    const k = `${v.CHILD}\u0000${v.MIS_START}`;
    const first = missingKeys.get(k);
    if (first !== undefined) log.error(m.file, m.row, m.label('MIS_START'), `Child '${v.CHILD}' already has a missing episode starting ${v.MIS_START} (row ${first})`);
    else missingKeys.set(k, m.row);
    if (!log.rowHasErrors(m.file, m.row)) goodMissing.push(m);
  }

  // Only rows still free of errors are written. In XML a CHILD element is one row, so an error
  // anywhere in it leaves out that child's whole element.
  const good = <T>(rows: Located<T>[]) => rows.filter((r) => !log.rowHasErrors(r.file, r.row));
  const writeHeaders = good([...headerByChild.values()]);
  const writeEpisodes = good(goodEpisodes);
  const writeUasc = good(goodUasc);
  const writeMissing = good(goodMissing);

  return finishImport(db, options, {
    kind: 'ssda903',
    files: described,
    log,
    rowsRead,
    write: (changes) => {
      const writing = new ProgressTicker(options.onProgress, 'writing', writeHeaders.length + writeEpisodes.length + writeUasc.length + writeMissing.length);
      const writer = new Ssda903Writer(db, council, ensurePseudonymKey(db));
      for (const h of writeHeaders) {
        writer.upsertChild(h.value, changes);
        writing.tick();
      }
      for (const e of writeEpisodes) {
        writer.upsertEpisode(e.value, changes);
        writing.tick();
      }
      for (const u of writeUasc) {
        writer.markUasc(u.value, changes);
        writing.tick();
      }
      for (const m of writeMissing) {
        writer.upsertMissing(m.value, changes);
        writing.tick();
      }
      writer.refreshDerived();
      writing.finish();
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Writing.

interface StoredEpisode {
  id: number;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  place_provider: string | null;
  dec: string | null;
  rec: string | null;
  reason_place_change: string | null;
  home_post: string | null;
  pl_post: string | null;
  urn: string | null;
  home_id: number | null;
  distance_miles: number | null;
}

class Ssda903Writer {
  private readonly childIds = new Map<string, number>();
  private readonly touched = new Set<number>();
  /** Children created by this import have no stored episodes to compare with. */
  private readonly created = new Set<number>();
  private readonly homeByUrn: Map<string, number>;
  /** Distances need the postcode directory; most stores have none, so no lookups are made then. */
  private readonly hasPostcodes: boolean;
  private readonly places = new Map<string, { lat: number; lon: number; grid?: { easting: number; northing: number } } | null>();
  private readonly s;

  constructor(
    db: WritableDB,
    private readonly council: Council,
    private readonly key: Buffer,
  ) {
    this.homeByUrn = new Map(
      (db.prepare('SELECT ofsted_urn AS urn, id FROM homes WHERE ofsted_urn IS NOT NULL').all() as { urn: string; id: number }[]).map((r) => [r.urn.toUpperCase(), r.id]),
    );
    this.hasPostcodes = db.prepare('SELECT EXISTS (SELECT 1 FROM postcodes)').pluck().get() === 1;
    this.s = {
      childByKey: db.prepare('SELECT id, birth_date AS dob, sex, ethnicity FROM children WHERE source_key = ?'),
      refTaken: db.prepare('SELECT 1 FROM children WHERE ref = ?').pluck(),
      insertChild: db.prepare(
        `INSERT INTO children (ref, first_name, birth_date, sex, council_id, place_label, ethnicity, source, source_key)
         VALUES (?, '', ?, ?, ?, ?, ?, 'ssda903', ?)`,
      ),
      updateChild: db.prepare('UPDATE children SET birth_date = ?, sex = ?, ethnicity = ? WHERE id = ?'),
      episode: db.prepare(
        `SELECT id, rne, ls, cin, place, place_provider, dec, rec, reason_place_change, home_post, pl_post, urn, home_id, distance_miles
         FROM episodes WHERE child_id = ? AND decom = ?`,
      ),
      insertEpisode: db.prepare(
        `INSERT INTO episodes (child_id, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change, home_post, pl_post, urn, home_id, distance_miles)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateEpisode: db.prepare(
        `UPDATE episodes SET rne = ?, ls = ?, cin = ?, place = ?, place_provider = ?, dec = ?, rec = ?, reason_place_change = ?,
           home_post = ?, pl_post = ?, urn = ?, home_id = ?, distance_miles = ? WHERE id = ?`,
      ),
      uasc: db.prepare('SELECT uasc, uasc_ceased AS duc FROM children WHERE id = ?'),
      setUasc: db.prepare('UPDATE children SET uasc = 1, uasc_ceased = ? WHERE id = ?'),
      missing: db.prepare('SELECT id, kind, end_date AS endDate FROM missing_episodes WHERE child_id = ? AND start_date = ?'),
      insertMissing: db.prepare('INSERT INTO missing_episodes (child_id, kind, start_date, end_date) VALUES (?, ?, ?, ?)'),
      updateMissing: db.prepare('UPDATE missing_episodes SET kind = ?, end_date = ? WHERE id = ?'),
      // The home's position follows its postcode: from the postcode directory when it has it, else
      // unknown (never the position of an older postcode); no postcode in the episode keeps both.
      setDerived: db.prepare(
        `UPDATE children AS c
         SET legal_status = l.ls, category_of_need = l.cin, home_postcode = COALESCE(l.home_post, c.home_postcode),
             home_lat = CASE WHEN l.home_post IS NULL THEN c.home_lat ELSE (SELECT p.lat FROM postcodes p WHERE p.postcode = l.home_post) END,
             home_lon = CASE WHEN l.home_post IS NULL THEN c.home_lon ELSE (SELECT p.lon FROM postcodes p WHERE p.postcode = l.home_post) END,
             current_home_id = CASE WHEN l.dec IS NULL THEN l.home_id END
         FROM (SELECT ls, cin, dec, home_post, home_id FROM episodes WHERE child_id = @id ORDER BY decom DESC LIMIT 1) AS l
         WHERE c.id = @id`,
      ),
      postcode: db.prepare('SELECT lat, lon, easting, northing FROM postcodes WHERE postcode = ?'),
    };
  }

  private childId(child: string): number {
    let id = this.childIds.get(child);
    if (id === undefined) {
      const row = this.s.childByKey.get(sourceKeyFor(this.key, this.council.onsCode, child)) as { id: number } | undefined;
      // Checking made sure every child is in the files or the store.
      if (!row) throw new Error('An SSDA903 row refers to a child that checking did not find');
      id = row.id;
      this.childIds.set(child, id);
    }
    return id;
  }

  upsertChild(h: HeaderRow, changes: ChangeCounter): void {
    const sourceKey = sourceKeyFor(this.key, this.council.onsCode, h.CHILD!);
    const sex = SSDA903_SEX[h.SEX!]!;
    const existing = this.s.childByKey.get(sourceKey) as { id: number; dob: string; sex: string; ethnicity: string } | undefined;
    if (existing) {
      this.childIds.set(h.CHILD!, existing.id);
      if (existing.dob === h.DOB && existing.sex === sex && existing.ethnicity === h.ETHNIC) changes.unchanged('children');
      else {
        this.s.updateChild.run(h.DOB, sex, h.ETHNIC, existing.id);
        changes.updated('children');
      }
      return;
    }
    let attempt = 0;
    let ref = refFor(sourceKey, attempt);
    while (this.s.refTaken.get(ref) !== undefined) ref = refFor(sourceKey, ++attempt);
    const id = Number(this.s.insertChild.run(ref, h.DOB, sex, this.council.id, this.council.name, h.ETHNIC, sourceKey).lastInsertRowid);
    this.childIds.set(h.CHILD!, id);
    this.created.add(id);
    changes.created('children');
  }

  private place(postcode: string | null) {
    if (postcode === null || !this.hasPostcodes) return null;
    let p = this.places.get(postcode);
    if (p === undefined) {
      const row = this.s.postcode.get(postcode) as { lat: number; lon: number; easting: number | null; northing: number | null } | undefined;
      p = row ? { lat: row.lat, lon: row.lon, ...(row.easting !== null && row.northing !== null ? { grid: { easting: row.easting, northing: row.northing } } : {}) } : null;
      this.places.set(postcode, p);
    }
    return p;
  }

  upsertEpisode(e: EpisodeRow, changes: ChangeCounter): void {
    const childId = this.childId(e.CHILD!);
    const homeId = e.URN ? (this.homeByUrn.get(e.URN) ?? null) : null;
    const home = this.place(e.HOME_POST);
    const placed = this.place(e.PL_POST);
    const miles = home && placed ? dfeMiles(home, placed).miles : null;
    const values = [e.RNE, e.LS, e.CIN, e.PLACE, e.PLACE_PROVIDER, e.DEC, e.REC, e.REASON_PLACE_CHANGE, e.HOME_POST, e.PL_POST, e.URN] as const;
    const existing = this.created.has(childId) ? undefined : (this.s.episode.get(childId, e.DECOM) as StoredEpisode | undefined);
    if (!existing) {
      this.s.insertEpisode.run(childId, e.DECOM, ...values, homeId, miles);
      this.touched.add(childId);
      changes.created('episodes');
      return;
    }
    const stored = [existing.rne, existing.ls, existing.cin, existing.place, existing.place_provider, existing.dec, existing.rec, existing.reason_place_change, existing.home_post, existing.pl_post, existing.urn];
    if (stored.every((v, i) => v === values[i]) && existing.home_id === homeId && existing.distance_miles === miles) {
      changes.unchanged('episodes');
      return;
    }
    this.s.updateEpisode.run(...values, homeId, miles, existing.id);
    this.touched.add(childId);
    changes.updated('episodes');
  }

  markUasc(u: UascRow, changes: ChangeCounter): void {
    const childId = this.childId(u.CHILD!);
    const now = this.s.uasc.get(childId) as { uasc: number; duc: string | null };
    if (now.uasc === 1 && now.duc === u.DUC) {
      changes.unchanged('UASC details');
      return;
    }
    this.s.setUasc.run(u.DUC, childId);
    changes.updated('UASC details');
  }

  upsertMissing(m: MissingRow, changes: ChangeCounter): void {
    const childId = this.childId(m.CHILD!);
    const existing = this.s.missing.get(childId, m.MIS_START) as { id: number; kind: string; endDate: string | null } | undefined;
    if (!existing) {
      this.s.insertMissing.run(childId, m.MISSING, m.MIS_START, m.MIS_END);
      changes.created('missing episodes');
    } else if (existing.kind === m.MISSING && existing.endDate === m.MIS_END) {
      changes.unchanged('missing episodes');
    } else {
      this.s.updateMissing.run(m.MISSING, m.MIS_END, existing.id);
      changes.updated('missing episodes');
    }
  }

  /** A child's legal status, need, home postcode (and its position) and current home follow their latest episode (when any episode changed). */
  refreshDerived(): void {
    for (const id of this.touched) this.s.setDerived.run({ id });
  }
}
