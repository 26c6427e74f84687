import { readCsv, type CsvReadOptions } from './csv';
import type { FileFormat, ProblemLog } from './report';
import type { Table } from './table';
import { readXlsxSheets, sheetTable, XlsxError } from './xlsx';

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

/**
 * Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"), and
 * otherwise Windows-1252, which is what older Excel writes for a £ sign.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
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
  const format = detectFormat(file);
  if (format === 'xls') {
    log.error(file.fileName, null, null, 'This is an old-style Excel file (.xls). Save it as an Excel workbook (.xlsx) or as CSV and import that.');
    return null;
  }
  if (!options.accept.includes(format)) {
    log.error(file.fileName, null, null, `This file looks like ${format.toUpperCase()}; this import reads ${options.accept.map((f) => f.toUpperCase()).join(' or ')}.`);
    return null;
  }
  if (format === 'csv') {
    const { table, problems } = readCsv(decodeText(file.bytes), file.fileName, options);
    for (const p of problems) log.error(file.fileName, p.row, null, p.problem);
    return table ? { format, tables: [table] } : null;
  }
  if (format === 'xml') return { format, tables: [] };
  let sheets;
  try {
    sheets = readXlsxSheets(file.bytes);
  } catch (error) {
    if (!(error instanceof XlsxError)) throw error;
    log.error(file.fileName, null, null, `The workbook could not be opened (${error.message}). Is it a damaged or password-protected file?`);
    return null;
  }
  const tables = sheets.map((s) => sheetTable(file.fileName, s, options.isHeader, options.maxLeadingRows)).filter((t): t is Table => t !== null);
  if (tables.length === 0) {
    log.error(file.fileName, null, null, 'No worksheet in this workbook has the expected header row.');
    return null;
  }
  return { format, tables };
}
