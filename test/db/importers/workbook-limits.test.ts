import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTables } from '../../../db/importers/files';
import { ProblemLog } from '../../../db/importers/report';
import { checkWorkbookLimits, WORKBOOK_LIMITS, WorkbookRefused } from '../../../db/importers/workbook-limits';
import { writeXlsx } from '../../../db/importers/xlsx';
import { fixture } from './helpers';
import { bombSheet, part, sheetXml, workbookOf, workbookParts, zipOf } from './xlsx-builder';

const GIB = 1024;

/** The refusal and how long it took, for the report (timings are printed, not asserted beyond a generous bound). */
function refusalOf(bytes: Uint8Array): { message: string; ms: number } {
  const started = performance.now();
  try {
    checkWorkbookLimits(bytes);
  } catch (error) {
    const ms = performance.now() - started;
    expect(error).toBeInstanceOf(WorkbookRefused);
    return { message: (error as Error).message, ms };
  }
  throw new Error('The workbook was not refused');
}

const readAsImport = (bytes: Uint8Array) => {
  const log = new ProblemLog();
  const read = readTables({ fileName: 'list.xlsx', bytes }, log, { accept: ['xlsx'] });
  return { read, log };
};

describe('workbook limits before exceljs', () => {
  it('a 2 MB workbook that declares 2 GiB is refused from its index, in milliseconds', () => {
    const bytes = zipOf(workbookParts([{ name: 'Providers', part: bombSheet(2 * GIB, 2 * GIB * 1024 * 1024) }]));
    expect(bytes.length).toBeLessThan(4 * 1024 * 1024);
    const { message, ms } = refusalOf(bytes);
    expect(message).toMatch(/unpacks to more than 100 MB/);
    console.info(`[bench] honest 2 GiB bomb (${(bytes.length / 1024 / 1024).toFixed(1)} MB file) refused in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(5_000);
  });

  it('a workbook whose part declares 10 KB but unpacks to 2 GiB is refused as soon as it passes what it declared', () => {
    const bytes = zipOf(workbookParts([{ name: 'Providers', part: bombSheet(2 * GIB, 10_000) }]));
    const { message, ms } = refusalOf(bytes);
    expect(message).toMatch(/part xl\/worksheets\/sheet1\.xml unpacks to more than the 10,000 bytes it declares/);
    console.info(`[bench] lying 2 GiB bomb refused in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(5_000);
  });

  it('a part that lies within the total limit is still refused by the running total, never trusted', () => {
    // 300 MiB of spaces declared as 90 MB: under the total limit by declaration, over it when unpacked.
    const bytes = zipOf(workbookParts([{ name: 'Providers', part: bombSheet(300, 90 * 1024 * 1024) }]));
    const { message, ms } = refusalOf(bytes);
    expect(message).toMatch(/unpacks to more than the 94,371,840 bytes it declares/);
    console.info(`[bench] 300 MiB part declared as 90 MiB refused in ${ms.toFixed(1)} ms`);
  });

  it('more rows than the limit are refused before any cell is read', () => {
    const rows: string[][] = [['URN', 'Provider type']];
    for (let i = 0; i <= WORKBOOK_LIMITS.rows; i++) rows.push([`SC${String(i).padStart(6, '0')}`, 'x']);
    const bytes = workbookOf([{ name: 'Providers', rows }]);
    expect(refusalOf(bytes).message).toMatch(/more than 100,000 rows/);
  });

  it('the import report carries the refusal as a file-level error', () => {
    const { read, log } = readAsImport(zipOf(workbookParts([{ name: 'Providers', part: bombSheet(GIB, 1000) }])));
    expect(read).toBeNull();
    expect(log.fileErrors).toBe(1);
    expect(log.listed[0]!.problem).toMatch(/declares, so the file is damaged or built to overload the app/);
  });

  it('counts row tags, prefixed or not, but not closing tags or rowBreaks', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`SC${i}`, 'a long enough value to spread rows across many pieces']);
    const xml = sheetXml(rows, '<rowBreaks count="1"><brk id="3"/></rowBreaks>')
      .replace(/<row /g, '<x:row ')
      .replace(/<\/row>/g, '</x:row>');
    const counts = checkWorkbookLimits(zipOf(workbookParts([{ name: 'Providers', part: part('xl/worksheets/sheet1.xml', xml) }])));
    expect(counts.rows).toBe(5000);
  });

  it('passes workbooks that exceljs and Excel wrote, counting what they unpack to', () => {
    const written = writeXlsx([
      { name: 'Providers', columns: [{ header: 'URN' }, { header: 'Name' }], rows: Array.from({ length: 300 }, (_, i) => [`SC${i}`, `Home ${i}`]) },
    ]);
    expect(checkWorkbookLimits(written)).toMatchObject({ rows: 301 });
    const path = fixture('ssda903', 'ofsted_providers_2025_fake.xlsx');
    if (path) expect(checkWorkbookLimits(readFileSync(path)).rows).toBe(4);
  });

  it('refuses a file that is not a zip at all, in words', () => {
    expect(refusalOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])).message).toMatch(/not a readable Excel workbook/);
  });
});

describe('formulas saved without their results', () => {
  it('are reported by row and column, not read as blank', () => {
    const bytes = workbookOf([
      {
        name: 'Vacancies',
        rows: [
          ['Home ID', 'Beds', 'Weekly fee'],
          ['H1', 2, { formula: 'B2*1500' }],
          [{ formula: 'CONCAT("H","2")' }, 1, 900],
        ],
      },
    ]);
    const { read, log } = readAsImport(bytes);
    expect(read!.tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['H1', '2', ''],
      ['', '1', '900'],
    ]);
    expect(log.listed).toEqual([
      expect.objectContaining({
        file: 'list.xlsx › Vacancies',
        row: 2,
        column: 'Weekly fee (C2)',
        severity: 'error',
        problem: expect.stringMatching(/C2 holds a formula whose result was never calculated/),
      }),
      expect.objectContaining({ row: 3, column: 'Home ID (A3)', severity: 'error' }),
    ]);
  });
});
