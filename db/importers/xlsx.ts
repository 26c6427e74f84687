import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { isBlankRow, type Table, type TableRow } from './table';
import { checkWorkbookLimits } from './workbook-limits';

/**
 * Excel workbooks through exceljs. exceljs only reads and writes asynchronously, but a contract
 * method runs synchronously inside one database transaction; so exceljs runs in a worker thread
 * and this thread waits for its answer (Atomics.wait, then receiveMessageOnPort). The database is
 * never touched while waiting, and a workbook is read completely before any row is written.
 */

/** A cell as text: dates as ISO YYYY-MM-DD, hyperlinks and rich text as their text, formulas as their result. */
export interface SheetText {
  name: string;
  rows: TableRow[];
  /**
   * Cells holding a formula whose result was never calculated (a program that writes formulas but
   * does not compute them saved the file). Their text is empty, but their value is unknown, not blank.
   */
  uncalculated: { row: number; column: number }[];
}

export type XlsxCell = string | number | Date | null;

export interface SheetSpec {
  name: string;
  columns: { header: string; width?: number; numFmt?: string }[];
  rows: XlsxCell[][];
  /** Drop-down lists (data validation) for 0-based columns, so a provider picks a valid value. */
  lists?: { column: number; values: string[] }[];
}

const WAIT_LIMIT_MS = 120_000;

// Runs in the worker as CommonJS. Kept in plain JS so it needs no bundler or TypeScript loader.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { port, flag, request, exceljsPath } = workerData;
function uncalculated(v) {
  return v !== null && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v) && (v.result === undefined || v.result === null);
}
function text(v) {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v) return text(v.text);
    if ('result' in v) return text(v.result);
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(v).trim();
}
async function read(bytes) {
  const ExcelJS = require(exceljsPath);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes));
  return {
    sheets: wb.worksheets.map((ws) => {
      const rows = [];
      const missing = [];
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells = [];
        for (let i = 1; i < values.length; i++) {
          if (uncalculated(values[i])) missing.push({ row: rowNumber, column: i });
          cells.push(text(values[i]));
        }
        rows.push({ row: rowNumber, cells });
      });
      return { name: ws.name, rows, uncalculated: missing };
    }),
  };
}
async function write(sheets) {
  const ExcelJS = require(exceljsPath);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RCC Placements';
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.header, width: c.width || Math.max(12, c.header.length + 2), style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    ws.getRow(1).font = { bold: true };
    for (const r of spec.rows) ws.addRow(r.map((v) => (v === null ? undefined : v)));
    for (const list of spec.lists || []) {
      const letter = ws.getColumn(list.column + 1).letter;
      const last = Math.max(spec.rows.length + 200, 500);
      ws.dataValidations.add(letter + '2:' + letter + last, {
        type: 'list', allowBlank: true, showErrorMessage: true,
        formulae: ['"' + list.values.join(',') + '"'],
        errorTitle: 'Not in the list', error: 'Choose one of: ' + list.values.join(', '),
      });
    }
  }
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
}
(async () => {
  try {
    const result = request.op === 'read' ? await read(request.bytes) : await write(request.sheets);
    port.postMessage({ ok: true, result });
  } catch (error) {
    port.postMessage({ ok: false, message: error && error.message ? error.message : String(error) });
  } finally {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
})();
`;

let exceljsPath: string | null = null;

/** Where exceljs lives, found from the main module, this module or the working folder (tests, bundles, packaged app). */
function resolveExceljs(): string {
  if (exceljsPath) return exceljsPath;
  const bases: string[] = [];
  if (typeof require === 'function' && require.main?.filename) bases.push(require.main.filename);
  if (typeof __filename === 'string') bases.push(__filename);
  bases.push(join(process.cwd(), 'package.json'));
  for (const base of bases) {
    try {
      exceljsPath = createRequire(base).resolve('exceljs');
      return exceljsPath;
    } catch {
      // try the next place
    }
  }
  throw new Error('The exceljs library could not be found, so Excel files cannot be read or written.');
}

type WorkerRequest = { op: 'read'; bytes: Uint8Array } | { op: 'write'; sheets: SheetSpec[] };

function runInWorker<T>(request: WorkerRequest): T {
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { port: port2, flag, request, exceljsPath: resolveExceljs() },
    transferList: [port2],
  });
  try {
    if (Atomics.wait(flag, 0, 0, WAIT_LIMIT_MS) === 'timed-out') {
      throw new Error(`Reading or writing the Excel file took longer than ${WAIT_LIMIT_MS / 1000} s and was stopped.`);
    }
    const message = receiveMessageOnPort(port1)?.message as { ok: true; result: T } | { ok: false; message: string } | undefined;
    if (!message) throw new Error('The Excel worker stopped without an answer.');
    if (!message.ok) throw new XlsxError(message.message);
    return message.result;
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/** The workbook could not be read (not an .xlsx file, damaged, password-protected). */
export class XlsxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxError';
  }
}

/**
 * Every worksheet of an .xlsx workbook as text rows. The workbook's zip is checked against
 * WORKBOOK_LIMITS first (WorkbookRefused), on this thread and in milliseconds, so exceljs never
 * unpacks a file built to exhaust memory; throws XlsxError for a file exceljs cannot open.
 */
export function readXlsxSheets(bytes: Uint8Array): SheetText[] {
  checkWorkbookLimits(bytes);
  return runInWorker<{ sheets: SheetText[] }>({ op: 'read', bytes }).sheets;
}

/** A spreadsheet column's letters from its 1-based number (28 is AB). */
export function columnLetters(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** An .xlsx workbook with a bold, frozen header row on each sheet. */
export function writeXlsx(sheets: SheetSpec[]): Buffer {
  return Buffer.from(runInWorker<{ bytes: Uint8Array }>({ op: 'write', sheets }).bytes);
}

/** A worksheet as a table: the header is the first row that isHeader accepts (default: first non-blank). */
export function sheetTable(fileName: string, sheet: SheetText, isHeader?: (cells: string[]) => boolean, maxLeadingRows = 30): Table | null {
  const candidates = sheet.rows.slice(0, maxLeadingRows + 1);
  const header = candidates.find((r) => !isBlankRow(r.cells) && (!isHeader || isHeader(r.cells)));
  if (!header) return null;
  const width = header.cells.length;
  const rows = sheet.rows
    .filter((r) => r.row > header.row && !isBlankRow(r.cells))
    .map((r) => ({ row: r.row, cells: r.cells.length >= width ? r.cells : [...r.cells, ...Array<string>(width - r.cells.length).fill('')] }));
  return { source: `${fileName} › ${sheet.name}`, sheet: sheet.name, headers: header.cells, headerRow: header.row, rows };
}
