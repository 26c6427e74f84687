import Papa from 'papaparse';
import { headerKey, isBlankRow, type Table, type TableRow } from './table';

export interface CsvReadOptions {
  /** Picks the header among the first rows (e.g. the first row naming "URN"); default: the first non-blank row. */
  isHeader?: (cells: string[]) => boolean;
  /** How many leading rows may come before the header (title lines in published lists). */
  maxLeadingRows?: number;
}

export interface CsvReadResult {
  table: Table | null;
  /** Problems with the file's structure (bad quoting, no header), by row. */
  problems: { row: number | null; problem: string }[];
}

/**
 * The delimiter the file uses: commas normally, semicolons or tabs from some spreadsheet exports
 * (Excel's "Unicode text" is tab-separated). A table's lines share one count of their delimiter,
 * so each candidate scores its count times the number of lines with that count among the first
 * lines: title lines above the header, or a comma inside a value, do not mislead it.
 */
function guessDelimiter(text: string): string {
  const lines = text.slice(0, nthLineEnd(text, 32)).split(/\r?\n/);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t']) {
    const linesWith = new Map<number, number>();
    for (const line of lines) {
      const n = line.split(d).length - 1;
      if (n > 0) linesWith.set(n, (linesWith.get(n) ?? 0) + 1);
    }
    const score = Math.max(0, ...[...linesWith].map(([n, lineCount]) => n * lineCount));
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

/**
 * Reads CSV text with papaparse. Every record is one spreadsheet row (blank lines included, as Excel
 * numbers them), so reported row numbers match what the user sees when they open the file.
 */
export function readCsv(text: string, source: string, options: CsvReadOptions = {}): CsvReadResult {
  const body = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(body, { delimiter: guessDelimiter(body), skipEmptyLines: false, header: false });
  const problems: CsvReadResult['problems'] = [];
  for (const e of parsed.errors) {
    // Papa's row is the 0-based record index; a user counts from 1.
    if (e.code === 'UndetectableDelimiter') continue;
    problems.push({ row: e.row === undefined ? null : e.row + 1, problem: `The file is not well-formed CSV here: ${e.message}` });
  }
  // Trimmed in place (large files: no second copy). Our exports guard formula-like text with a
  // leading apostrophe (CSV injection); reading undoes it.
  const records = parsed.data;
  for (const r of records) {
    for (let i = 0; i < r.length; i++) {
      const c = (r[i] ?? '').trim();
      r[i] = c.charCodeAt(0) === 39 ? c.replace(/^'(?=[=+\-@])/, '') : c;
    }
  }
  // A file ending in a newline gives papaparse a last record of one empty field.
  while (records.length > 0 && isBlankRow(records.at(-1)!)) records.pop();

  const maxLeading = options.maxLeadingRows ?? 30;
  let headerIndex = -1;
  for (let i = 0; i < records.length && i <= maxLeading; i++) {
    const cells = records[i]!;
    if (isBlankRow(cells)) continue;
    if (!options.isHeader || options.isHeader(cells)) {
      headerIndex = i;
      break;
    }
  }
  if (headerIndex < 0) {
    problems.push({ row: null, problem: records.length === 0 ? 'The file is empty.' : 'No header row was found in the first rows of the file.' });
    return { table: null, problems };
  }
  const headers = records[headerIndex]!.map((h) => h.replace(/^\uFEFF/, '').trim());
  const rows: TableRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i]!;
    if (isBlankRow(cells)) continue;
    const mismatch = fieldCountProblem(cells.length, headers.length, headerIndex + 1);
    if (mismatch) problems.push({ row: i + 1, problem: mismatch });
    rows.push({ row: i + 1, cells });
  }
  return { table: { source, sheet: null, headers, headerRow: headerIndex + 1, rows }, problems };
}

/**
 * A row whose number of fields differs from the header's: the file was cut short, or a value holds
 * a comma (or semicolon) outside quotes, so every later value in the row sits under the wrong
 * column. A trailing comma on every line is fine only when the header line has one too.
 */
function fieldCountProblem(fields: number, headerFields: number, headerRow: number): string | null {
  if (fields === headerFields) return null;
  const why = fields < headerFields ? 'Is the file cut short here, or a line broken in two?' : 'Does a value hold a comma that is not inside quotes?';
  return `This row has ${fields} fields but the header (row ${headerRow}) has ${headerFields}, so its values cannot be matched to their columns. ${why}`;
}

/** True when a row names this column (case and spacing forgiven). */
export function hasColumn(cells: readonly string[], name: string): boolean {
  const key = headerKey(name);
  return cells.some((c) => headerKey(c) === key);
}

/** CSV text with a header row, quoting only where needed, CRLF line ends (what Excel writes). */
export function writeCsv(headers: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return Papa.unparse(
    { fields: [...headers], data: rows.map((r) => r.map((v) => (v === null ? '' : v))) },
    { newline: '\r\n', quotes: false, escapeFormulae: true },
  );
}

/** A CSV file whose header has been found, and whose rows are handed over one at a time. */
export interface CsvScan {
  headers: string[];
  headerRow: number;
  /** Rows after the header, from the number of line ends: for progress before the rows are read. */
  estimatedRows: number;
  /** Reads every non-blank row after the header, in order, without keeping them; returns structural problems. */
  eachRow(onRow: (row: TableRow) => void): { row: number | null; problem: string }[];
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Like readCsv, for large files: finds the header from the first rows, then streams the rest
 * through papaparse row by row, so no table of every row's cells is ever held in memory.
 */
export function scanCsv(
  text: string,
  source: string,
  options: CsvReadOptions = {},
): { scan: CsvScan | null; problems: { row: number | null; problem: string }[] } {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = guessDelimiter(body);
  const maxLeading = options.maxLeadingRows ?? 30;
  const head = readCsv(body.slice(0, nthLineEnd(body, maxLeading + 2)), source, options);
  // Only the header matters here: the first rows are read again, in full, by eachRow.
  if (!head.table) return { scan: null, problems: head.problems.filter((p) => p.row === null) };
  const { headers, headerRow } = head.table;
  const scan: CsvScan = {
    headers,
    headerRow,
    estimatedRows: Math.max(0, countLines(body) + (body.endsWith('\n') ? 0 : 1) - headerRow),
    eachRow(onRow) {
      const problems: { row: number | null; problem: string }[] = [];
      let index = 0;
      Papa.parse<string[]>(body, {
        delimiter,
        skipEmptyLines: false,
        header: false,
        step: (results) => {
          const row = ++index;
          for (const e of results.errors)
            if (e.code !== 'UndetectableDelimiter') problems.push({ row, problem: `The file is not well-formed CSV here: ${e.message}` });
          if (row <= headerRow) return;
          const cells = results.data;
          let blank = true;
          for (let i = 0; i < cells.length; i++) {
            const c = (cells[i] ?? '').trim();
            cells[i] = c.charCodeAt(0) === 39 ? c.replace(/^'(?=[=+\-@])/, '') : c;
            if (c !== '') blank = false;
          }
          if (blank) return;
          const mismatch = fieldCountProblem(cells.length, headers.length, headerRow);
          if (mismatch) problems.push({ row, problem: mismatch });
          onRow({ row, cells });
        },
      });
      return problems;
    },
  };
  return { scan, problems: [] };
}

/** The index just past the n-th line end (or the text's end). */
function nthLineEnd(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text.length;
  }
  return at + 1;
}
