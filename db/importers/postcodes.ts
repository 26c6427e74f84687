import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { checkPostcode } from '../../shared/geo/postcode';
import { gridToLatLon, isInUkBox, isOnBritishGrid } from '../../shared/geo/grid';
import type { WritableDB } from '../handle';
import { setMeta } from '../repositories/meta';
import { POSTCODE_DIRECTORY_META_KEY, type PostcodeDirectoryRecord } from '../repositories/places';

/*
 * Imports a full postcode directory into the `postcodes` table, replacing what was there:
 *
 * - the ONS Postcode Directory (ONSPD) CSV, in its classic layout (pcds, doterm, oseast1m, osnrth1m,
 *   osgrdind, oscty, oslaua, ctry, lat, long, ...: releases to 2024), its 2025 layout (east1m,
 *   north1m, gridind, cty25cd, lad25cd, ctry25cd, ...) or the NSPL's (cty, laua); columns are found
 *   by name, so column order and the boundary vintage in a name do not matter;
 * - OS Code-Point Open CSV (no header; Postcode, Positional_quality_indicator, Eastings, Northings,
 *   Country_code, NHS_regional_HA_code, NHS_HA_code, Admin_county_code, Admin_district_code,
 *   Admin_ward_code), with lat/lon derived from the grid reference.
 *
 * All-or-nothing without holding one long transaction (the app keeps serving while a 1.4 GB file
 * streams in): rows go into a staging table in batches, and only a file with no bad rows replaces
 * `postcodes`, by a rename inside one short transaction. On any failure the staging table is
 * dropped and `postcodes` is exactly as it was. Rows are checked with cheap string and number tests,
 * not zod: at 2.7 million rows a per-row schema parse would cost more than the whole import.
 *
 * What is kept: live postcodes with a location. Terminated postcodes (ONSPD doterm set) and
 * postcodes with no location (ONSPD grid indicator 9 / lat 99.999999; Code-Point quality 90) are
 * skipped and counted, not reported as errors. Northern Ireland's ONSPD grid references are on
 * the Irish Grid, not the British one, so they are stored without a grid reference (distances to
 * them fall back to great-circle miles). la_code is the upper-tier local authority, the one the DfE
 * compares for "placed inside/outside the child's LA": the county where there is one, else the
 * district or unitary authority.
 */

export type PostcodeFileFormat = 'onspd' | 'codepoint';

export interface PostcodeRowProblem {
  /** 1-based record number in the file, counting a header row as row 1. */
  row: number;
  /** The column's name in the file (or its Code-Point field name). */
  column: string;
  problem: string;
  /** The offending value as found, cut to 40 characters. */
  value?: string;
}

export interface PostcodeImportProgress {
  phase: 'reading' | 'replacing' | 'done';
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  imported: number;
}

export interface PostcodeImportOptions {
  /** Default 'auto': a header naming pcds/pcd/pcd7 means ONSPD; a postcode in the first field means Code-Point Open. */
  format?: PostcodeFileFormat | 'auto';
  /** Default false (all-or-nothing). When true, bad rows are reported and left out, and the rest is imported. */
  skipBadRows?: boolean;
  /** Called after each batch and at each phase change. */
  onProgress?: (progress: PostcodeImportProgress) => void;
  /** How many problems to list (all are counted). Default 1000. Without skipBadRows, reading stops there: nothing will be imported anyway. */
  maxProblems?: number;
  /** Rows per staging transaction. Default 5,000: each takes a few tens of ms, so other calls never wait long. */
  batchRows?: number;
  /** Stops the import; the table is left unchanged. */
  signal?: AbortSignal;
  /** When the import counts as happening, for the directory's record. */
  now?: () => Date;
  /** Runs inside the transaction that swaps the directory in, just before it commits (a job's cancel gate). */
  beforeCommit?: () => void;
}

export interface PostcodeImportReport {
  /** True when `postcodes` was replaced by the file's contents. */
  imported: boolean;
  fileName: string;
  format: PostcodeFileFormat | null;
  rowsRead: number;
  /** Postcodes now in the table (0 when nothing was imported). */
  postcodes: number;
  skippedTerminated: number;
  skippedNoLocation: number;
  badRows: number;
  problems: PostcodeRowProblem[];
  /** True when there were more problems than listed. */
  problemsTruncated: boolean;
  elapsedMs: number;
  /** One sentence for the user: what happened and, if nothing was imported, why. */
  message: string;
}

const STAGING_TABLE = 'postcodes_import';
/**
 * Read size, with the batch size, bounds how long one turn of the import holds the event loop (the
 * app answers other calls between turns). At 2.7 million rows on 2 cores, 128 KB reads and
 * 5,000-row batches cut the 99th-percentile turn from about 120-200 ms (1 MB, 25,000 rows) to
 * 40-100 ms at no cost in total time; the benchmark prints the figure.
 */
const READ_CHUNK_BYTES = 128 << 10;

/** Where each needed field is in a row, and what the file calls it (for problem reports). */
interface Columns {
  postcode: number;
  doterm: number;
  easting: number;
  northing: number;
  gridIndicator: number;
  lat: number;
  lon: number;
  quality: number;
  county: number;
  district: number;
  country: number;
  width: number;
  names: string[];
  /** The indexes above that are present, for the fast path's unquoting. */
  used: number[];
}

const NONE = -1;

/** ONSPD/NSPL fields by their names across releases; a regex allows a boundary vintage (lad25cd). */
export const ONSPD_FIELDS: Record<
  'postcode' | 'doterm' | 'easting' | 'northing' | 'gridIndicator' | 'lat' | 'lon' | 'county' | 'district' | 'country',
  (string | RegExp)[]
> = {
  postcode: ['pcds', 'pcd', 'pcd7', 'pcd8', 'pcd2'],
  doterm: ['doterm'],
  easting: ['oseast1m', 'east1m'],
  northing: ['osnrth1m', 'north1m'],
  gridIndicator: ['osgrdind', 'gridind'],
  lat: ['lat'],
  lon: ['long'],
  county: ['oscty', 'cty', /^cty\d{2}cd$/],
  district: ['oslaua', 'laua', /^lad\d{2}cd$/],
  country: ['ctry', /^ctry\d{2}cd$/],
};

export const CODE_POINT_NAMES = [
  'Postcode',
  'Positional_quality_indicator',
  'Eastings',
  'Northings',
  'Country_code',
  'NHS_regional_HA_code',
  'NHS_HA_code',
  'Admin_county_code',
  'Admin_district_code',
  'Admin_ward_code',
];

/** Thrown for a file that cannot be imported at all (wrong layout, unreadable); carries the user's message. */
export class PostcodeImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostcodeImportError';
  }
}

function findColumn(header: string[], candidates: (string | RegExp)[]): number {
  for (const candidate of candidates) {
    const i = header.findIndex((h) => (typeof candidate === 'string' ? h === candidate : candidate.test(h)));
    if (i >= 0) return i;
  }
  return NONE;
}

function onspdColumns(rawHeader: string[]): Columns {
  const header = rawHeader.map((h) => h.trim().toLowerCase());
  const at = Object.fromEntries(Object.entries(ONSPD_FIELDS).map(([field, names]) => [field, findColumn(header, names)])) as Record<
    keyof typeof ONSPD_FIELDS,
    number
  >;
  const missing: string[] = [];
  if (at.postcode === NONE) missing.push('the postcode (pcds, pcd or pcd7)');
  if (at.lat === NONE || at.lon === NONE) missing.push('lat and long');
  if (at.easting === NONE || at.northing === NONE) missing.push('the grid reference (oseast1m and osnrth1m, or east1m and north1m)');
  if (at.district === NONE) missing.push('the local authority (oslaua, laua or ladNNcd)');
  if (missing.length > 0) {
    throw new PostcodeImportError(
      `This file's header is not the ONS Postcode Directory's: it has no column for ${missing.join(', ')}. ` +
        'Choose the main ONSPD CSV from the Data folder of the download (e.g. ONSPD_FEB_2025_UK.csv), or a Code-Point Open CSV.',
    );
  }
  return withUsed({ ...at, quality: NONE, width: header.length, names: rawHeader.map((h) => h.trim()), used: [] });
}

function withUsed(columns: Columns): Columns {
  const { postcode, doterm, easting, northing, gridIndicator, lat, lon, quality, county, district, country } = columns;
  return { ...columns, used: [postcode, doterm, easting, northing, gridIndicator, lat, lon, quality, county, district, country].filter((i) => i !== NONE) };
}

const CODE_POINT_COLUMNS: Columns = withUsed({
  postcode: 0,
  quality: 1,
  easting: 2,
  northing: 3,
  country: 4,
  county: 7,
  district: 8,
  doterm: NONE,
  gridIndicator: NONE,
  lat: NONE,
  lon: NONE,
  width: 10,
  names: CODE_POINT_NAMES,
  used: [],
});

/** Decides the layout from the first record; returns the columns and whether that record was a header. */
function detectLayout(first: string[], wanted: PostcodeFileFormat | 'auto'): { format: PostcodeFileFormat; columns: Columns; headerRow: boolean } {
  const lower = first.map((f) => f.trim().toLowerCase());
  const onspdHeader = lower.some((f) => f === 'pcds' || f === 'pcd' || f === 'pcd7');
  const codePointHeader = lower[0] === 'pc' || lower[0] === 'postcode';
  const codePointData = first.length >= 4 && checkPostcode(first[0] ?? '').ok && /^\s*\d+\s*$/.test(first[2] ?? '') && /^\s*\d+\s*$/.test(first[3] ?? '');

  if (wanted === 'onspd' || (wanted === 'auto' && onspdHeader)) {
    if (!onspdHeader) {
      throw new PostcodeImportError(
        'This file does not start with the ONS Postcode Directory header (pcd, pcd2, pcds, ... or pcd7, pcd8, pcds, ...). Choose the ONSPD CSV itself, not a lookup or documentation file.',
      );
    }
    return { format: 'onspd', columns: onspdColumns(first), headerRow: true };
  }
  if (wanted === 'codepoint' || (wanted === 'auto' && (codePointData || codePointHeader))) {
    if (!codePointData && !codePointHeader) {
      throw new PostcodeImportError(
        'This file does not look like Code-Point Open: its first row should be a postcode, a quality number, an easting and a northing (e.g. "AB101AA",10,394251,806376,...).',
      );
    }
    return { format: 'codepoint', columns: CODE_POINT_COLUMNS, headerRow: !codePointData };
  }
  throw new PostcodeImportError(
    'This file is neither an ONS Postcode Directory CSV (whose first row names the columns, starting pcd or pcd7) nor a Code-Point Open CSV (whose rows start with a postcode, a quality number, an easting and a northing).',
  );
}

/**
 * The fast path for the directories' plain rows (every field a bare value or one "quoted" value
 * with no comma or quote inside): split on commas and unquote the fields the import reads. Returns
 * null for anything else, which then goes through Papa Parse; Papa Parse on every row would take
 * about half the import's time.
 */
function splitPlainCsvLine(line: string, columns: Columns | null): string[] | null {
  const fields = line.split(',');
  if (columns !== null && fields.length !== columns.width) return null;
  const unquote = (i: number): boolean => {
    const v = fields[i];
    if (v === undefined) return true;
    if (v.charCodeAt(0) === 34) {
      if (v.length < 2 || v.charCodeAt(v.length - 1) !== 34 || v.indexOf('"', 1) !== v.length - 1) return false;
      fields[i] = v.slice(1, -1);
    } else if (v.indexOf('"') >= 0) return false;
    return true;
  };
  if (columns === null) {
    for (let i = 0; i < fields.length; i++) if (!unquote(i)) return null;
  } else {
    for (const i of columns.used) if (!unquote(i)) return null;
  }
  return fields;
}

/** One row ready for the table: postcode, easting, northing, lat, lon, la_code, and its row number. */
type StagedRow = [postcode: string, easting: number | null, northing: number | null, lat: number, lon: number, laCode: string | null, row: number];

type RowOutcome = StagedRow | 'terminated' | 'no-location' | PostcodeRowProblem;

const LA_CODE = /^[A-Z]\d{8}$/;
/** ONS pseudo-codes meaning "none" (E99999999) or a Crown Dependency (L99999999, M99999999). */
const PSEUDO_CODE = /^[A-Z]9{8}$/;
/** ONSPD's grid indicator: 1 to 8 say how the grid reference was made, 9 that there is none. */
const GRID_INDICATOR = /^[1-9]$/;
/** Code-Point Open's positional quality: 10 to 60 for a located postcode (90, no coordinates, is skipped before this is asked). */
const POSITIONAL_QUALITY = /^[1-6]0$/;
/** ONSPD's latitude for "no location". */
const NO_LATITUDE = 99.999999;

function clip(value: string | undefined): string {
  const v = value ?? '';
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}

function problem(row: number, columns: Columns, column: number, text: string, value?: string): PostcodeRowProblem {
  const p: PostcodeRowProblem = { row, column: columns.names[column] ?? `field ${column + 1}`, problem: text };
  if (value !== undefined) p.value = clip(value);
  return p;
}

/** A whole-number grid coordinate, or null when empty, or NaN when not a number. */
function gridNumber(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  if (text === '') return null;
  const n = Number(text);
  return Number.isInteger(n) ? n : Number.NaN;
}

/**
 * The upper-tier council's code: the county where there is one, else the district. Both columns are
 * checked, even where the county's code is the one kept: a malformed code in either means the row
 * (or the file's layout) is not what it claims to be.
 */
function laCodeOf(fields: string[], columns: Columns, rowNumber: number): string | null | PostcodeRowProblem {
  let found: string | null = null;
  for (const column of [columns.county, columns.district]) {
    if (column === NONE) continue;
    const code = (fields[column] ?? '').trim();
    if (code === '' || PSEUDO_CODE.test(code)) continue;
    if (!LA_CODE.test(code)) return problem(rowNumber, columns, column, 'is not an ONS area code (a letter and eight digits, e.g. E08000001)', code);
    found ??= code;
  }
  return found;
}

function checkOnspdRow(fields: string[], columns: Columns, rowNumber: number): RowOutcome {
  // Skipped rows are decided before anything is checked: old, terminated rows hold formats the
  // directory no longer uses, and must not be able to fail an import of live postcodes.
  if (columns.doterm !== NONE && (fields[columns.doterm] ?? '').trim() !== '') return 'terminated';
  if (fields.length < columns.width) {
    return { row: rowNumber, column: '(row)', problem: `has ${fields.length} fields where the header has ${columns.width}` };
  }
  const easting = gridNumber(fields[columns.easting]);
  const northing = gridNumber(fields[columns.northing]);
  const latText = (fields[columns.lat] ?? '').trim();
  const lonText = (fields[columns.lon] ?? '').trim();
  const lat = latText === '' ? Number.NaN : Number(latText);
  const lon = lonText === '' ? Number.NaN : Number(lonText);
  const noGrid = (columns.gridIndicator !== NONE && (fields[columns.gridIndicator] ?? '').trim() === '9') || easting === null || northing === null;
  const noLatLon = latText === '' || lonText === '' || lat === NO_LATITUDE;
  if (noGrid && noLatLon) return 'no-location';

  const pc = checkPostcode(fields[columns.postcode] ?? '');
  if (!pc.ok) return problem(rowNumber, columns, columns.postcode, pc.message);
  if (!noLatLon) {
    if (!Number.isFinite(lat)) return problem(rowNumber, columns, columns.lat, 'is not a number', latText);
    if (!Number.isFinite(lon)) return problem(rowNumber, columns, columns.lon, 'is not a number', lonText);
    if (!isInUkBox(lat, lon)) {
      return problem(rowNumber, columns, columns.lat, `lat ${latText}, long ${lonText} is not in the UK (latitude 49 to 61, longitude -8.7 to 2)`, latText);
    }
  }
  // The grid indicator and the country decide how the grid reference is read, so a value outside
  // their codes is refused rather than taken as "a grid reference" and "not Northern Ireland".
  if (columns.gridIndicator !== NONE) {
    const indicator = (fields[columns.gridIndicator] ?? '').trim();
    if (indicator !== '' && !GRID_INDICATOR.test(indicator))
      return problem(rowNumber, columns, columns.gridIndicator, 'is not an ONSPD grid indicator (1 to 9)', indicator);
  }
  const country = columns.country === NONE ? '' : (fields[columns.country] ?? '').trim();
  if (country !== '' && !LA_CODE.test(country))
    return problem(rowNumber, columns, columns.country, 'is not an ONS country code (a letter and eight digits, e.g. E92000001)', country);
  const northernIreland = country.startsWith('N92') || pc.outcode.startsWith('BT');
  let e: number | null = null;
  let n: number | null = null;
  if (!noGrid) {
    if (Number.isNaN(easting)) return problem(rowNumber, columns, columns.easting, 'is not a whole number of metres', fields[columns.easting]);
    if (Number.isNaN(northing)) return problem(rowNumber, columns, columns.northing, 'is not a whole number of metres', fields[columns.northing]);
    if (!isOnBritishGrid(easting!, northing!)) {
      return problem(
        rowNumber,
        columns,
        columns.easting,
        `${easting}, ${northing} is outside the grid (easting 0-700000, northing 0-1300000)`,
        fields[columns.easting],
      );
    }
    // Northern Ireland's references are on the Irish Grid: not comparable with British ones.
    if (!northernIreland) {
      e = easting;
      n = northing;
    }
  }
  let outLat = lat;
  let outLon = lon;
  if (noLatLon) {
    if (e === null || n === null) return 'no-location';
    ({ lat: outLat, lon: outLon } = gridToLatLon(e, n));
  }
  const la = laCodeOf(fields, columns, rowNumber);
  if (la !== null && typeof la === 'object') return la;
  return [pc.postcode, e, n, outLat, outLon, la, rowNumber];
}

function checkCodePointRow(fields: string[], columns: Columns, rowNumber: number): RowOutcome {
  if (fields.length < 4) return { row: rowNumber, column: '(row)', problem: `has ${fields.length} fields; Code-Point Open rows have 10` };
  const quality = (fields[columns.quality] ?? '').trim();
  if (quality === '90') return 'no-location';
  const pc = checkPostcode(fields[columns.postcode] ?? '');
  if (!pc.ok) return problem(rowNumber, columns, columns.postcode, pc.message);
  if (!POSITIONAL_QUALITY.test(quality))
    return problem(rowNumber, columns, columns.quality, 'is not a positional quality indicator (10, 20, 30, 40, 50, 60 or 90)', quality);
  const easting = gridNumber(fields[columns.easting]);
  const northing = gridNumber(fields[columns.northing]);
  if (easting === null || Number.isNaN(easting))
    return problem(rowNumber, columns, columns.easting, 'is not a whole number of metres', fields[columns.easting]);
  if (northing === null || Number.isNaN(northing))
    return problem(rowNumber, columns, columns.northing, 'is not a whole number of metres', fields[columns.northing]);
  if (easting === 0 && northing === 0) return 'no-location';
  if (!isOnBritishGrid(easting, northing)) {
    return problem(
      rowNumber,
      columns,
      columns.easting,
      `${easting}, ${northing} is outside the grid (easting 0-700000, northing 0-1300000)`,
      fields[columns.easting],
    );
  }
  const la = laCodeOf(fields, columns, rowNumber);
  if (la !== null && typeof la === 'object') return la;
  const { lat, lon } = gridToLatLon(easting, northing);
  return [pc.postcode, easting, northing, lat, lon, la, rowNumber];
}

/** The staging table: a copy of `postcodes`' own definition, so a later migration's changes carry over. */
function createStagingTable(db: WritableDB): { indexes: string[] } {
  const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'postcodes'").get() as { sql: string } | undefined;
  if (!table) throw new PostcodeImportError('This data store has no postcodes table; it needs upgrading before a postcode directory can be imported.');
  const indexes = (
    db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'postcodes' AND sql IS NOT NULL").all() as { sql: string }[]
  ).map((r) => r.sql);
  db.exec(`DROP TABLE IF EXISTS ${STAGING_TABLE}`);
  db.exec(table.sql.replace(/^CREATE TABLE\s+("?postcodes"?)/i, `CREATE TABLE ${STAGING_TABLE}`));
  return { indexes };
}

/** Stores with an import under way: the staging table is one per store, so imports take turns. */
const importing = new WeakSet<WritableDB>();

/** Imports a postcode directory file (see the top of this file); never leaves `postcodes` half-replaced. */
export async function importPostcodeFile(db: WritableDB, path: string, options: PostcodeImportOptions = {}): Promise<PostcodeImportReport> {
  if (importing.has(db)) throw new PostcodeImportError('Another postcode import is already running on this store; wait for it to finish.');
  importing.add(db);
  try {
    return await importInto(db, path, options);
  } finally {
    importing.delete(db);
  }
}

async function importInto(db: WritableDB, path: string, options: PostcodeImportOptions): Promise<PostcodeImportReport> {
  const started = performance.now();
  const maxProblems = options.maxProblems ?? 1000;
  const batchRows = options.batchRows ?? 5_000;
  const skipBadRows = options.skipBadRows ?? false;
  const now = options.now ?? (() => new Date());
  const fileName = basename(path);
  const totalBytes = (await stat(path)).size;

  const report: PostcodeImportReport = {
    imported: false,
    fileName,
    format: null,
    rowsRead: 0,
    postcodes: 0,
    skippedTerminated: 0,
    skippedNoLocation: 0,
    badRows: 0,
    problems: [],
    problemsTruncated: false,
    elapsedMs: 0,
    message: '',
  };
  let bytesRead = 0;
  let staged = 0;
  const progress = (phase: PostcodeImportProgress['phase']) =>
    options.onProgress?.({ phase, bytesRead, totalBytes, rowsRead: report.rowsRead, imported: staged });

  const { indexes } = createStagingTable(db);
  const insert = db.prepare(`INSERT INTO ${STAGING_TABLE} (postcode, easting, northing, lat, lon, la_code) VALUES (?, ?, ?, ?, ?, ?)`);
  const findDuplicate = db.prepare(`SELECT 1 FROM ${STAGING_TABLE} WHERE postcode = ?`).pluck();

  const addProblem = (p: PostcodeRowProblem) => {
    report.badRows++;
    if (report.problems.length < maxProblems) report.problems.push(p);
    else report.problemsTruncated = true;
  };

  // Rows wait here and go in one transaction per batch; a duplicate postcode is a bad row, found by the primary key.
  let pending: StagedRow[] = [];
  const writeBatch = db.transaction((rows: StagedRow[]) => {
    for (const r of rows) {
      try {
        insert.run(r[0], r[1], r[2], r[3], r[4], r[5]);
        staged++;
      } catch (error) {
        if (findDuplicate.get(r[0]) === undefined) throw error;
        addProblem({ row: r[6], column: 'postcode', problem: `${r[0]} appears more than once in the file`, value: r[0] });
      }
    }
  });
  const flush = () => {
    if (pending.length === 0) return;
    // Written even after a bad row in all-or-nothing mode, so that duplicates are reported too.
    writeBatch(pending);
    pending = [];
    progress('reading');
  };

  let columns: Columns | null = null;
  let check: (fields: string[], columns: Columns, row: number) => RowOutcome = checkOnspdRow;
  let stopReason: string | null = null;
  // Records in the file so far, header included: problems cite this number.
  let recordNumber = 0;
  let newline: '\r\n' | '\n' | null = null;

  /** Checks whole lines, one record each. */
  const handleLines = (text: string) => {
    for (const line of text.split(newline ?? '\n')) {
      const rowNumber = ++recordNumber;
      if (line.length === 0 || (line.length < 8 && line.trim() === '')) continue;
      let fields = splitPlainCsvLine(line, columns);
      if (fields === null) {
        // Anything unusual (quoted commas, escaped quotes) goes through Papa Parse.
        const parsed = Papa.parse<string[]>(line, { header: false, delimiter: ',', skipEmptyLines: false });
        if (parsed.errors.length > 0 || parsed.data.length !== 1) {
          report.rowsRead++;
          addProblem({ row: rowNumber, column: '(row)', problem: `is not well-formed CSV: ${parsed.errors[0]?.message ?? 'it holds more than one record'}` });
          continue;
        }
        fields = parsed.data[0]!;
      }
      if (columns === null) {
        const layout = detectLayout(fields, options.format ?? 'auto');
        report.format = layout.format;
        columns = layout.columns;
        check = layout.format === 'onspd' ? checkOnspdRow : checkCodePointRow;
        if (layout.headerRow) continue;
      }
      report.rowsRead++;
      const outcome = check(fields, columns, rowNumber);
      if (Array.isArray(outcome)) {
        pending.push(outcome);
        if (pending.length >= batchRows) flush();
      } else if (outcome === 'terminated') report.skippedTerminated++;
      else if (outcome === 'no-location') report.skippedNoLocation++;
      else addProblem(outcome);
    }
  };

  // The file is cut into whole lines here rather than by Papa Parse's own streaming, which reports
  // a spurious "Trailing quote on quoted field is malformed" when a chunk ends between the \r and \n
  // of a quoted CRLF row (mholt/PapaParse#1103) -- exactly the ONSPD's layout. Neither directory
  // has line breaks inside fields, so a line is a record.
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES });
  try {
    let carry = '';
    for await (const chunk of stream as AsyncIterable<string>) {
      if (options.signal?.aborted) {
        stopReason = 'the import was cancelled';
        break;
      }
      // A byte-order mark (Excel's "CSV UTF-8") is not part of the first field.
      const text = bytesRead === 0 ? chunk.replace(/^\uFEFF/, '') : carry + chunk;
      bytesRead += Buffer.byteLength(chunk);
      const cut = text.lastIndexOf('\n');
      if (cut < 0) {
        carry = text;
        continue;
      }
      const end = text.charCodeAt(cut - 1) === 13 ? cut - 1 : cut;
      newline ??= end < cut ? '\r\n' : '\n';
      carry = text.slice(cut + 1);
      handleLines(text.slice(0, end));
      if (report.problemsTruncated && !skipBadRows) {
        stopReason = `reading stopped after ${maxProblems} problems`;
        break;
      }
    }
    if (stopReason === null && carry !== '') handleLines(carry.endsWith('\r') ? carry.slice(0, -1) : carry);
    if (columns === null && stopReason === null) throw new PostcodeImportError('The file is empty.');
    flush();

    const replace = stopReason === null && (skipBadRows || report.badRows === 0) && staged > 0;
    if (replace) {
      progress('replacing');
      const record: PostcodeDirectoryRecord = { fileName, format: report.format!, importedAt: now().toISOString(), postcodes: staged };
      db.transaction(() => {
        db.exec(`DROP TABLE postcodes; ALTER TABLE ${STAGING_TABLE} RENAME TO postcodes;`);
        for (const sql of indexes) db.exec(sql);
        setMeta(db, POSTCODE_DIRECTORY_META_KEY, JSON.stringify(record));
        options.beforeCommit?.();
      }).immediate();
      report.imported = true;
      report.postcodes = staged;
    }
  } finally {
    stream.destroy();
    if (db.open) db.exec(`DROP TABLE IF EXISTS ${STAGING_TABLE}`);
    report.elapsedMs = Math.round(performance.now() - started);
  }
  // Duplicates are found when a batch is written, after the rows checked with it.
  report.problems.sort((x, y) => x.row - y.row);

  report.message = summarise(report, stopReason, skipBadRows);
  progress('done');
  return report;
}

function summarise(r: PostcodeImportReport, stopReason: string | null, skipBadRows: boolean): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  const skipped = `${n(r.skippedTerminated)} terminated and ${n(r.skippedNoLocation)} without a location skipped`;
  if (r.imported) {
    const bad = r.badRows > 0 ? `; ${n(r.badRows)} bad rows left out` : '';
    return `Imported ${n(r.postcodes)} postcodes from ${r.fileName} (${n(r.rowsRead)} rows read; ${skipped}${bad}).`;
  }
  const unchanged = 'Nothing was imported and the postcode directory is unchanged';
  if (stopReason) return `${unchanged}: ${stopReason}. ${r.badRows > 0 ? `${n(r.badRows)} bad rows were found before that.` : ''}`.trim();
  if (r.badRows > 0 && !skipBadRows) {
    return `${unchanged}: ${n(r.badRows)} of ${n(r.rowsRead)} rows are bad (listed by row and column). Fix them, or import again choosing to skip bad rows.`;
  }
  return `${unchanged}: the file has no live postcodes with a location (${skipped}).`;
}
