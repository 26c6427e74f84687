import type { z } from 'zod';
import type { WritableDB } from '../handle';
import { codeYearProblem, collectionYearEnd, collectionYearLabel, collectionYearOf, SEX_CODES, type Code } from '../../shared/domain/ssda903';
import { decodeText, detectFormat, type ImportFile } from './files';
import { hasColumn, scanCsv, type CsvScan } from './csv';
import { ProgressTicker } from './progress';
import { ensurePseudonymKey, readPseudonymKey, sourceKeyFor } from './pseudonym';
import { ProblemLog, type ImportedFile, type ImportOutcome } from './report';
import { finishImport, type ImportOptions } from './run';
import { columnPositions, rowRecord } from './table';
import { issuesByColumn, isoToUkDate } from './values';
import { appChildrenByExportedId, chooseCollectionYear, importedUnderAnotherCouncil, recordKey, recordsLaterThan, type LatestDate } from './ssda903-history';
import { headerProblems, KIND_LABELS, kindOfHeader, OTHER_FILES, READ_COLUMNS, SSDA903_COLUMNS, type FileKind, type RawRow } from './ssda903-layout';
import {
  EPISODE_CODE_COLUMNS,
  episodeRow,
  headerRow,
  missingRow,
  uascRow,
  type EpisodeRow,
  type HeaderRow,
  type MissingRow,
  type UascRow,
} from './ssda903-rows';
import { Ssda903Writer, type Council } from './ssda903-writer';
import { readSsda903Xml } from './ssda903-xml';

/**
 * The SSDA903 return (children looked after) in the DfE's CSV layout — header, episodes, UASC and
 * missing files, dd/mm/yyyy dates — or its XML form, into children and their placement histories.
 * Codes are judged by the return's own collection year; an older return never overwrites what a
 * newer one stored.
 */

export { SSDA903_COLUMNS };

interface Located<T> {
  file: string;
  row: number;
  label(column: string): string;
  value: T;
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

/** Codes some year does not allow: checking a row looks only at these. */
function yearBound(list: Record<string, Code>): ReadonlySet<string> {
  return new Set(Object.keys(list).filter((c) => list[c]!.from !== undefined || list[c]!.retired !== undefined));
}
const SEX_YEAR_BOUND = yearBound(SEX_CODES);
const EPISODE_YEAR_BOUND = EPISODE_CODE_COLUMNS.map(([column, list]) => [column, list, yearBound(list)] as const).filter(([, , bound]) => bound.size > 0);

/** "rows 2, 3 and 9", at most ten named. */
function rowList(rows: readonly number[], xml: boolean): string {
  const word = xml ? 'CHILD element' : 'row';
  const named = rows.slice(0, 10).join(', ');
  const more = rows.length > 10 ? ` and ${rows.length - 10} more` : '';
  return `${word}${rows.length === 1 ? '' : 's'} ${named}${more}`;
}

export interface Ssda903ImportOptions extends ImportOptions {
  councilId: number;
  /** Today, ISO; dates after it are refused. */
  today: string;
  /** The collection year (its first calendar year: 2019 for 2019-20) when the user chose one; otherwise worked out from the return's dates. */
  collectionYear?: number;
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
  const xmlFiles = new Set<string>();
  // What checking will go through: CSV tables (rows still as cells) and rows taken from XML.
  const pending: (
    | { kind: FileKind; file: string; rows: RawRow[] }
    | { kind: FileKind; file: string; scan: CsvScan; positions: Record<string, number>; described: ImportedFile }
  )[] = [];
  // A CSV row, or an XML CHILD element (which holds that child's header, episodes and missing records).
  let rowsRead = 0;

  // Reading: each file is recognised by its columns (or as XML), never by its name.
  const reading = new ProgressTicker(options.onProgress, 'reading', files.length);
  for (const file of files) {
    const format = detectFormat(file);
    if (format === 'xml') {
      const raw: Record<FileKind, RawRow[]> = { header: [], episodes: [], uasc: [], missing: [] };
      const n = readSsda903Xml(file, log, raw);
      for (const kind of Object.keys(raw) as FileKind[]) pending.push({ kind, file: file.fileName, rows: raw[kind] });
      rowsRead += n;
      xmlFiles.add(file.fileName);
      described.push({ fileName: file.fileName, format, content: 'SSDA903 XML return', rows: n });
      reading.tick();
      continue;
    }
    if (format !== 'csv') {
      const why =
        format === 'xls'
          ? 'This is an old-style Excel file (.xls); an SSDA903 return is CSV files or XML.'
          : 'An SSDA903 return is CSV files or XML; this file is neither.';
      log.error(file.fileName, null, null, why);
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
        log.warning(
          file.fileName,
          null,
          null,
          `This is the SSDA903 ${other.name} file; it is not imported (the app imports the header, episodes, UASC and missing files).`,
        );
        described.push({ fileName: file.fileName, format: 'csv', content: `SSDA903 ${other.name} (not imported)`, rows: 0 });
      } else {
        log.error(
          file.fileName,
          null,
          null,
          `This file's columns (${table.headers.slice(0, 8).join(', ')}) are not those of an SSDA903 header, episodes, UASC or missing file.`,
        );
      }
      continue;
    }
    const wrong = headerProblems(table.headers, kind);
    for (const p of wrong) log.add({ file: file.fileName, row: null, column: p.column, problem: p.problem, severity: 'error' });
    if (wrong.length > 0) continue;
    const entry: ImportedFile = { fileName: file.fileName, format: 'csv', content: KIND_LABELS[kind], rows: 0 };
    described.push(entry);
    pending.push({ kind, file: file.fileName, scan: table, positions: columnPositions(table.headers, READ_COLUMNS[kind]), described: entry });
  }
  reading.finish();

  // Checking each row on its own, against the zod schemas built from the shared code lists.
  const checking = new ProgressTicker(
    options.onProgress,
    'checking',
    pending.reduce((n, p) => n + ('scan' in p ? p.scan.estimatedRows : p.rows.length), 0),
  );
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

  // The collection year: dates after today are errors, and say nothing about the year.
  const today = options.today;
  // Set inside notFuture; typed so the compiler does not take it for always null here.
  let latest = null as LatestDate | null;
  const notFuture = (at: Located<unknown>, column: string, date: string | null): boolean => {
    if (date === null) return true;
    if (date > today) {
      log.error(at.file, at.row, at.label(column), `The date ${isoToUkDate(date)} is in the future`);
      return false;
    }
    if (latest === null || date > latest.date)
      latest = { date, column: `${at.label(column)}, ${at.file} ${xmlFiles.has(at.file) ? 'CHILD element' : 'row'} ${at.row}`, file: at.file };
    return true;
  };
  for (const e of episodes) {
    notFuture(e, 'DECOM', e.value.DECOM);
    notFuture(e, 'DEC', e.value.DEC);
  }
  for (const m of missings) {
    notFuture(m, 'MIS_START', m.value.MIS_START);
    notFuture(m, 'MIS_END', m.value.MIS_END);
  }
  const choice = chooseCollectionYear(latest, options.collectionYear, today);
  const year = choice.year;
  const yearLabel = collectionYearLabel(year);
  const yearEnd = collectionYearEnd(year);
  if (choice.disagreement) log.warning(latest?.file ?? '', null, null, choice.disagreement);
  /** A date after the end of the chosen year cannot be in that year's return. */
  const withinYear = (at: Located<unknown>, column: string, date: string | null) => {
    if (date !== null && date <= today && date > yearEnd) {
      log.error(
        at.file,
        at.row,
        at.label(column),
        `The date ${isoToUkDate(date)} is after the end of the ${yearLabel} collection year (${isoToUkDate(yearEnd)}) this return is read as`,
      );
    }
  };

  // Rows that are well-formed on their own, checked against each other and the store.
  const key = readPseudonymKey(db);
  const findChild = db.prepare('SELECT id FROM children WHERE source_key = ?').pluck();
  // Children recorded in the app, by the CHILD the app's own export wrote for them: re-importing
  // that export finds them rather than making a second child (Ssda903Writer.adoptAppChild).
  const appChildren = appChildrenByExportedId(db, council.id);
  const adopted = new Map<string, number>();
  const storedIds = new Map<string, number | null>();
  const storedId = (child: string): number | null => {
    let id = storedIds.get(child);
    if (id === undefined) {
      id = key === null ? null : ((findChild.get(sourceKeyFor(key, council.onsCode, child)) as number | undefined) ?? null);
      const app = appChildren.get(child);
      if (id === null && app !== undefined) {
        id = app;
        adopted.set(child, app);
      }
      storedIds.set(child, id);
    }
    return id;
  };
  const sexInYear = (at: Located<unknown>, column: string, code: string) => {
    if (!SEX_YEAR_BOUND.has(code)) return;
    const problem = codeYearProblem(SEX_CODES, code, year, ', the collection year of this return');
    if (problem) log.error(at.file, at.row, at.label(column), problem);
  };

  const headerByChild = new Map<string, Located<HeaderRow>>();
  for (const h of headers) {
    const child = h.value.CHILD;
    const first = headerByChild.get(child);
    if (first) {
      log.error(h.file, h.row, h.label('CHILD'), `Child '${child}' already has a header row (row ${first.row}); each child appears once`);
      continue;
    }
    if (h.value.DOB! > today) log.error(h.file, h.row, h.label('DOB'), `The date of birth ${h.value.DOB} is in the future`);
    sexInYear(h, 'SEX', h.value.SEX!);
    if (log.rowHasErrors(h.file, h.row)) rejectedHeader.set(child, h);
    headerByChild.set(child, h);
  }
  for (const child of rejectedHeader.keys()) headerByChild.delete(child);
  // Looked up now so that a child the app's export named is found, not made again.
  for (const child of headerByChild.keys()) storedId(child);

  // The same return under a second council would double every child: refused, naming the first.
  const returnChildren = new Map<string, string | null>();
  for (const h of headers) returnChildren.set(h.value.CHILD, h.value.DOB);
  for (const rows of [episodes, uascs, missings] as Located<{ CHILD: string }>[][])
    for (const r of rows) if (!returnChildren.has(r.value.CHILD)) returnChildren.set(r.value.CHILD, null);
  const elsewhere = importedUnderAnotherCouncil(db, key, council.id, returnChildren);
  if (elsewhere) {
    const where = [...new Set([...headers, ...episodes].map((r) => r.file))][0] ?? files[0]?.fileName ?? '';
    log.error(
      where,
      null,
      null,
      `This return was imported before under ${elsewhere.councilName}: ${elsewhere.matched} of its ${elsewhere.of} children have the CHILD ` +
        `identifier${headers.length > 0 ? ' and date of birth' : ''} of children imported for ${elsewhere.councilName}. A return is imported ` +
        `once, under its own council; if this is ${elsewhere.councilName}'s return, it is already in the store.`,
    );
  }

  /** A row about a child must find that child in these files or in the store. */
  const childKnown = (at: Located<unknown>, child: string): boolean => {
    if (headerByChild.has(child) || storedId(child) !== null) return true;
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
    if (!childKnown(e, v.CHILD)) continue;
    const k = `${v.CHILD}\u0000${v.DECOM}`;
    const first = episodeKeys.get(k);
    if (first !== undefined) {
      log.error(
        e.file,
        e.row,
        e.label('DECOM'),
        `Child '${v.CHILD}' already has an episode starting ${v.DECOM} (row ${first}); an episode is identified by child and start date`,
      );
      continue;
    }
    episodeKeys.set(k, e.row);
    withinYear(e, 'DECOM', v.DECOM);
    withinYear(e, 'DEC', v.DEC);
    // An episode's codes are judged by the last year it was open in this return: the return's own
    // year while it is open, the year it ended otherwise (history keeps the codes of its time).
    const ended = v.DEC !== null && v.DEC <= yearEnd;
    for (const [column, list, bound] of EPISODE_YEAR_BOUND) {
      const code = v[column] as string | null;
      if (code === null || !bound.has(code)) continue;
      const context = ended
        ? `, the collection year this episode ended in (${isoToUkDate(v.DEC!)})`
        : ', the collection year of this return, in which the episode is open';
      const problem = codeYearProblem(list, code, ended ? collectionYearOf(v.DEC!) : year, context);
      if (problem) log.error(e.file, e.row, e.label(column), problem);
    }
    if (!log.rowHasErrors(e.file, e.row)) goodEpisodes.push(e);
  }

  const goodUasc: Located<UascRow>[] = [];
  for (const u of uascs) {
    const v = u.value;
    if (!childKnown(u, v.CHILD)) continue;
    sexInYear(u, 'SEX', v.SEX!);
    const h = headerByChild.get(v.CHILD);
    if (h && h.value.DOB !== v.DOB)
      log.error(u.file, u.row, u.label('DOB'), `The date of birth ${v.DOB} differs from the header row's ${h.value.DOB} (${h.file}, row ${h.row})`);
    if (h && h.value.SEX !== v.SEX)
      log.error(u.file, u.row, u.label('SEX'), `The sex code ${v.SEX} differs from the header row's ${h.value.SEX} (${h.file}, row ${h.row})`);
    if (!log.rowHasErrors(u.file, u.row)) goodUasc.push(u);
  }

  const goodMissing: Located<MissingRow>[] = [];
  const missingKeys = new Map<string, number>();
  for (const m of missings) {
    const v = m.value;
    if (!childKnown(m, v.CHILD)) continue;
    const h = headerByChild.get(v.CHILD);
    if (h && v.DOB !== null && h.value.DOB !== v.DOB)
      log.error(m.file, m.row, m.label('DOB'), `The date of birth ${v.DOB} differs from the header row's ${h.value.DOB} (${h.file}, row ${h.row})`);
    withinYear(m, 'MIS_START', v.MIS_START);
    withinYear(m, 'MIS_END', v.MIS_END);
    const k = `${v.CHILD}\u0000${v.MIS_START}`;
    const first = missingKeys.get(k);
    if (first !== undefined)
      log.error(m.file, m.row, m.label('MIS_START'), `Child '${v.CHILD}' already has a missing episode starting ${v.MIS_START} (row ${first})`);
    else missingKeys.set(k, m.row);
    if (!log.rowHasErrors(m.file, m.row)) goodMissing.push(m);
  }

  // Only rows still free of errors are written. In XML a CHILD element is one row, so an error
  // anywhere in it leaves out that child's whole element; with "skip bad rows" the report says so.
  const good = <T>(rows: Located<T>[]) => rows.filter((r) => !log.rowHasErrors(r.file, r.row));
  let writeHeaders = good([...headerByChild.values()]);
  let writeEpisodes = good(goodEpisodes);
  let writeUasc = good(goodUasc);
  let writeMissing = good(goodMissing);
  if (options.skipBadRows) {
    const leftOut = new Map<string, Set<number>>();
    for (const rows of [headers, episodes, uascs, missings] as Located<unknown>[][]) {
      for (const r of rows) if (xmlFiles.has(r.file) && log.rowHasErrors(r.file, r.row)) leftOut.set(r.file, (leftOut.get(r.file) ?? new Set()).add(r.row));
    }
    for (const [file, rows] of leftOut) {
      const why =
        'This child is left out whole: in the XML form a CHILD element (its header, episodes and missing records) is imported together or not at all.';
      for (const row of rows) log.warning(file, row, null, why);
    }
  }

  // An older return never overwrites what a later one stored: such rows are kept out, and named.
  const kept = { header: [] as Located<unknown>[], uasc: [] as Located<unknown>[], episodes: [] as Located<unknown>[], missing: [] as Located<unknown>[] };
  const keptFrom = new Map<Located<unknown>, number>();
  const later = key === null ? null : recordsLaterThan(db, council.id, year);
  if (later && (later.header.size > 0 || later.uasc.size > 0 || later.episodes.size > 0 || later.missing.size > 0)) {
    const keep = <T extends { CHILD: string }>(rows: Located<T>[], bucket: Located<unknown>[], yearOf: (childId: number, v: T) => number | undefined) =>
      rows.filter((r) => {
        const id = storedId(r.value.CHILD);
        const from = id === null ? undefined : yearOf(id, r.value);
        if (from === undefined) return true;
        bucket.push(r);
        keptFrom.set(r, from);
        return false;
      });
    writeHeaders = keep(writeHeaders, kept.header, (id) => later.header.get(id));
    writeUasc = keep(writeUasc, kept.uasc, (id) => later.uasc.get(id));
    writeEpisodes = keep(writeEpisodes, kept.episodes, (id, v) => later.episodes.get(recordKey(id, v.DECOM!)));
    writeMissing = keep(writeMissing, kept.missing, (id, v) => later.missing.get(recordKey(id, v.MIS_START!)));
    const what: Record<keyof typeof kept, [string, string]> = {
      header: ["child's details (sex, date of birth, ethnicity)", "children's details (sex, date of birth, ethnicity)"],
      uasc: ["child's UASC details", "children's UASC details"],
      episodes: ['episode', 'episodes'],
      missing: ['missing episode', 'missing episodes'],
    };
    for (const kind of Object.keys(kept) as (keyof typeof kept)[]) {
      const byFile = new Map<string, Located<unknown>[]>();
      for (const r of kept[kind]) {
        const list = byFile.get(r.file);
        if (list) list.push(r);
        else byFile.set(r.file, [r]);
      }
      for (const [file, rows] of byFile) {
        const latestYear = rows.reduce((y, r) => Math.max(y, keptFrom.get(r)!), year);
        const [one, many] = what[kind];
        log.warning(
          file,
          null,
          null,
          `${rows.length} ${rows.length === 1 ? one : many} (${rowList([...new Set(rows.map((r) => r.row))], xmlFiles.has(file))}) left as the store has ` +
            `them: they come from a later return (up to ${collectionYearLabel(latestYear)}) than this ${yearLabel} one, and an older return never ` +
            'overwrites newer history.',
        );
      }
    }
  }

  const outcome = finishImport(db, options, {
    kind: 'ssda903',
    files: described,
    log,
    rowsRead,
    write: (changes) => {
      const writing = new ProgressTicker(options.onProgress, 'writing', writeHeaders.length + writeEpisodes.length + writeUasc.length + writeMissing.length);
      const writer = new Ssda903Writer(db, council, ensurePseudonymKey(db), year);
      for (const [child, id] of adopted) writer.adoptAppChild(child, id);
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
      if (kept.header.length > 0) changes.unchanged('children', kept.header.length);
      if (kept.episodes.length > 0) changes.unchanged('episodes', kept.episodes.length);
      if (kept.uasc.length > 0) changes.unchanged('UASC details', kept.uasc.length);
      if (kept.missing.length > 0) changes.unchanged('missing episodes', kept.missing.length);
      writer.refreshDerived();
      writing.finish();
    },
  });
  return { ...outcome, summary: `${outcome.summary} ${choice.sentence}` };
}
