import Papa from 'papaparse';

/*
 * Every market table exports exactly what it shows (in the order and filter the user chose) as CSV
 * and as an Excel workbook. Money is exported in pounds as a number, so a spreadsheet can sum it.
 */

export type ColumnKind = 'text' | 'number' | 'money' | 'percent' | 'days';

export interface ExportColumn<T> {
  header: string;
  kind?: ColumnKind;
  /** Money in pence; the export turns it into pounds. */
  value: (row: T) => string | number | null;
}

function exportValue<T>(column: ExportColumn<T>, row: T): string | number | null {
  const v = column.value(row);
  if (v === null) return null;
  if (column.kind === 'money' && typeof v === 'number') return Math.round(v) / 100;
  return v;
}

function headerOf(column: ExportColumn<unknown>): string {
  if (column.kind === 'money') return `${column.header} (£)`;
  if (column.kind === 'percent') return `${column.header} (%)`;
  return column.header;
}

export function toCsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  return Papa.unparse(
    {
      fields: columns.map((c) => headerOf(c as ExportColumn<unknown>)),
      data: rows.map((r) => columns.map((c) => exportValue(c, r) ?? '')),
    },
    // Cells starting with = + - @ are quoted with a leading apostrophe so a spreadsheet never runs them.
    { escapeFormulae: true, newline: '\r\n' },
  );
}

export async function toXlsx<T>(sheetTitle: string, columns: readonly ExportColumn<T>[], rows: readonly T[], note: string): Promise<ArrayBuffer> {
  // Loaded on first export only: the workbook writer is large and most visits never need it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'RCC Placements';
  workbook.created = new Date();
  // Sheet names: at most 31 characters, none of : \ / ? * [ ].
  const sheet = workbook.addWorksheet(sheetTitle.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
  sheet.columns = columns.map((c) => ({
    header: headerOf(c as ExportColumn<unknown>),
    width: Math.max(12, Math.min(40, c.header.length + 6)),
    style: c.kind === 'money' ? { numFmt: '#,##0.00' } : c.kind === 'percent' ? { numFmt: '0.0' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) sheet.addRow(columns.map((c) => exportValue(c, r)));
  sheet.addRow([]);
  sheet.addRow([note]).font = { italic: true };
  return workbook.xlsx.writeBuffer() as Promise<ArrayBuffer>;
}

/** Saves bytes through the browser's download, named for the table and the day. */
export function download(data: BlobPart, type: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the address is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fileSlug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
