/**
 * A table read from a CSV file or one worksheet: its header and its rows as trimmed text, each
 * row keeping the number a spreadsheet user sees (the header is row 1 in a plain file).
 */
export interface TableRow {
  row: number;
  cells: string[];
}

export interface Table {
  /** The file name, with the worksheet's name for a workbook ("list.xlsx › Providers"). */
  source: string;
  sheet: string | null;
  headers: string[];
  headerRow: number;
  rows: TableRow[];
}

/** Header matching forgives case, spacing, BOMs and non-breaking spaces: "Mis_Start " is MIS_START. */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Index of each wanted column in a header row, or -1 where it is absent. */
export function columnPositions<K extends string>(headers: readonly string[], wanted: readonly K[]): Record<K, number> {
  const byKey = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = headerKey(h);
    if (!byKey.has(key)) byKey.set(key, i);
  });
  const out = {} as Record<K, number>;
  for (const name of wanted) out[name] = byKey.get(headerKey(name)) ?? -1;
  return out;
}

/** A row's cells as an object keyed by the wanted column names ('' where a column is absent). */
export function rowRecord<K extends string>(cells: readonly string[], positions: Record<K, number>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const name in positions) {
    const i = positions[name];
    out[name] = i >= 0 ? (cells[i] ?? '') : '';
  }
  return out;
}

/** True when every cell is blank: such rows are skipped without comment, as a spreadsheet user expects. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c === '');
}
