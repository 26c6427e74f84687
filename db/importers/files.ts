import iconv from 'iconv-lite';
import { MAX_UPLOAD_BYTES, UPLOAD_TOO_LARGE } from '../../shared/contract/uploads';
import { readCsv, type CsvReadOptions } from './csv';
import type { FileFormat, ProblemLog } from './report';
import type { Table } from './table';
import { WorkbookRefused } from './workbook-limits';
import { columnLetters, readXlsxSheets, sheetTable, XlsxError, type SheetText } from './xlsx';

/** One uploaded file, already decoded from base64. */
export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** What a file is, by its first bytes rather than its name (a renamed file is still read right). */
export function detectFormat(file: ImportFile): FileFormat | 'xls' {
  if (startsWith(file.bytes, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(file.bytes, OLE_MAGIC)) return 'xls';
  const head = decodeText(file.bytes.subarray(0, 256)).trimStart();
  if (head.startsWith('<')) return 'xml';
  return 'csv';
}

/** Which UTF-16 byte order a BOM-less file has, from where its NUL bytes fall (ASCII text is every other byte NUL). */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const pairs = n / 2;
  // Mostly-ASCII text (headers, codes, dates) has a NUL in nearly every pair; UTF-8 and 1252 have none.
  if (oddNuls >= pairs * 0.4 && evenNuls <= pairs * 0.05) return 'utf-16le';
  if (evenNuls >= pairs * 0.4 && oddNuls <= pairs * 0.05) return 'utf-16be';
  return null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Text from bytes, whatever a council's spreadsheet program saved: UTF-8 (with or without BOM),
 * UTF-16 either way round (with a BOM, as Excel's "Unicode text", or without one, found by its
 * NUL bytes), and otherwise Windows-1252, what older Excel writes for £, curly quotes and dashes.
 * Windows-1252 goes through iconv-lite: Node's own TextDecoder reads it as Latin-1 and loses
 * 0x80-0x9F (the quotes, dashes and the euro sign).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return iconv.decode(asBuffer(bytes.subarray(3)), 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(asBuffer(bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(asBuffer(bytes.subarray(2)), 'utf-16be');
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return iconv.decode(asBuffer(bytes), utf16);
  try {
    return UTF8.decode(bytes);
  } catch {
    return iconv.decode(asBuffer(bytes), 'windows-1252');
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * Formulas saved without their results: the value is unknown, so the row is not read as if the
 * cell were blank. Cells above the header (titles, notes) only get a warning.
 */
function reportUncalculated(table: Table, sheet: SheetText, log: ProblemLog): void {
  for (const { row, column } of sheet.uncalculated) {
    const cell = `${columnLetters(column)}${row}`;
    const header = table.headers[column - 1];
    const name = header ? `${header} (${cell})` : cell;
    const problem = `Cell ${cell} holds a formula whose result was never calculated, so its value is unknown. Open the file in Excel (or LibreOffice), let it calculate, save it and import it again.`;
    if (row > table.headerRow) log.error(table.source, row, name, problem);
    else log.warning(table.source, row, name, problem);
  }
}

export interface TableReadOptions extends CsvReadOptions {
  /** Which formats this import accepts. */
  accept: readonly FileFormat[];
}

/**
 * The tables in a CSV file or an .xlsx workbook (one per worksheet that has a header row). Problems
 * that stop the whole file go into the log as file-level errors, and no table is returned.
 */
export function readTables(file: ImportFile, log: ProblemLog, options: TableReadOptions): { format: FileFormat; tables: Table[] } | null {
  if (file.bytes.length > MAX_UPLOAD_BYTES) {
    log.error(file.fileName, null, null, UPLOAD_TOO_LARGE);
    return null;
  }
  const format = detectFormat(file);
  if (format === 'xls') {
    log.error(file.fileName, null, null, 'This is an old-style Excel file (.xls). Save it as an Excel workbook (.xlsx) or as CSV and import that.');
    return null;
  }
  if (!options.accept.includes(format)) {
    log.error(
      file.fileName,
      null,
      null,
      `This file looks like ${format.toUpperCase()}; this import reads ${options.accept.map((f) => f.toUpperCase()).join(' or ')}.`,
    );
    return null;
  }
  if (format === 'csv') {
    const { table, problems } = readCsv(decodeText(file.bytes), file.fileName, options);
    for (const p of problems) {
      if (p.row === null) log.error(file.fileName, null, null, p.problem);
      else log.unreadableRow(file.fileName, p.row, p.problem);
    }
    return table ? { format, tables: [table] } : null;
  }
  if (format === 'xml') return { format, tables: [] };
  let sheets;
  try {
    sheets = readXlsxSheets(file.bytes);
  } catch (error) {
    if (error instanceof WorkbookRefused) {
      log.error(file.fileName, null, null, error.message);
      return null;
    }
    if (!(error instanceof XlsxError)) throw error;
    log.error(file.fileName, null, null, `The workbook could not be opened (${error.message}). Is it a damaged or password-protected file?`);
    return null;
  }
  const tables: Table[] = [];
  for (const sheet of sheets) {
    const table = sheetTable(file.fileName, sheet, options.isHeader, options.maxLeadingRows);
    if (!table) continue;
    tables.push(table);
    reportUncalculated(table, sheet, log);
  }
  if (tables.length === 0) {
    log.error(file.fileName, null, null, 'No worksheet in this workbook has the expected header row.');
    return null;
  }
  return { format, tables };
}
