import { z } from 'zod';
import type { WritableDB } from '../handle';
import { councilCentreProblem, councilNameProblem, dfeLaCodeProblem, normaliseLaCode, onsLaCodeProblem } from '../../shared/domain/councils';
import {
  councilsClashingWith,
  countImportedChildren,
  ensureInHouseFosteringService,
  getCouncil,
  insertCouncil,
  updateCouncil,
  type CouncilRow,
} from '../repositories/region';
import { hasColumn } from './csv';
import { readTables, type ImportFile } from './files';
import { ProgressTicker } from './progress';
import { ProblemLog, type ImportedFile, type ImportOutcome } from './report';
import { finishImport, type ImportOptions } from './run';
import { columnPositions, rowRecord } from './table';
import { issuesByColumn } from './values';

/**
 * The RCC's partner councils from a list (CSV or XLSX), one row per council, keyed by its DfE LA
 * code: a code the store already has updates that council, a new code adds one. A council recorded
 * before the app asked for DfE codes (the same ONS code, no DfE code) is given the row's code. A new
 * council comes with its own fostering service as a provider, as one added on the screen does.
 */
export const COUNCIL_LIST_COLUMNS = ['Council', 'DfE LA code', 'ONS code', 'Centre'] as const;
type Column = (typeof COUNCIL_LIST_COLUMNS)[number];

/** Where a centre (postcode or town) is, or why it cannot be placed; the service answers from the postcode directory and gazetteer. */
export type CentreLocator = (label: string) => { ok: true; label: string; lat: number; lon: number } | { ok: false; message: string };

export interface CouncilImportOptions extends ImportOptions {
  locateCentre: CentreLocator;
  /** Told of each council (or fostering service) added or changed, once the import has committed (the service audits them). */
  onRecordChanged?: (record: 'council' | 'provider', id: number, change: 'create' | 'change') => void;
}

/** A cell checked by one of the shared council rules (shared/domain/councils.ts). */
function ruleCell(problem: (value: string) => string | null, normalise: (raw: string) => string = (raw) => raw) {
  return z.string().transform((raw, ctx) => {
    const value = normalise(raw);
    const message = problem(value);
    if (message !== null) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return value;
  });
}

const councilRow = z.object({
  Council: ruleCell(councilNameProblem),
  'DfE LA code': ruleCell(dfeLaCodeProblem, normaliseLaCode),
  'ONS code': ruleCell(onsLaCodeProblem, normaliseLaCode),
  Centre: ruleCell(councilCentreProblem),
});

interface Planned {
  file: string;
  row: number;
  /** The council the row updates; null adds one. */
  existing: CouncilRow | null;
  fields: { name: string; dfeCode: string; onsCode: string; centreLabel: string; lat: number; lon: number };
}

const isHeader = (cells: string[]) => hasColumn(cells, 'DfE LA code');

/** Which stored council a row describes: the one with its DfE code, else one with its ONS code and no DfE code yet. */
function councilForRow(db: WritableDB, dfeCode: string, onsCode: string): CouncilRow | null {
  const id =
    (db.prepare('SELECT id FROM councils WHERE dfe_code = ?').pluck().get(dfeCode) as number | undefined) ??
    (db.prepare('SELECT id FROM councils WHERE ons_code = ? AND dfe_code IS NULL').pluck().get(onsCode) as number | undefined);
  return id === undefined ? null : getCouncil(db, id);
}

function sameFields(council: CouncilRow, fields: Planned['fields']): boolean {
  return (
    council.name === fields.name &&
    council.dfeCode === fields.dfeCode &&
    council.onsCode === fields.onsCode &&
    council.centreLabel === fields.centreLabel &&
    council.lat === fields.lat &&
    council.lon === fields.lon
  );
}

export function importCouncils(db: WritableDB, files: ImportFile[], options: CouncilImportOptions): ImportOutcome {
  const log = new ProblemLog();
  const described: ImportedFile[] = [];
  const planned: Planned[] = [];
  let rowsRead = 0;

  const reading = new ProgressTicker(options.onProgress, 'reading', files.length);
  const tables = [];
  for (const file of files) {
    const read = readTables(file, log, { accept: ['csv', 'xlsx'], isHeader });
    reading.tick();
    if (!read) continue;
    for (const t of read.tables) {
      const absent = COUNCIL_LIST_COLUMNS.filter((h) => !hasColumn(t.headers, h));
      if (absent.length > 0) {
        const expected = COUNCIL_LIST_COLUMNS.join(', ');
        log.add({
          file: t.source,
          row: null,
          column: absent.join(', '),
          problem: `This is not a council list: it has no ${absent.join(', ')} column${absent.length > 1 ? 's' : ''}. A council list has the columns ${expected}.`,
          severity: 'error',
        });
        continue;
      }
      tables.push(t);
      rowsRead += t.rows.length;
      described.push({ fileName: t.source, format: read.format, content: 'Partner council list', rows: t.rows.length });
    }
  }
  reading.finish();

  // Each code and name may appear once in the whole list; the first row to use it keeps it.
  const seen: Record<'name' | 'dfe' | 'ons', Map<string, number>> = { name: new Map(), dfe: new Map(), ons: new Map() };
  const firstUse = (kind: keyof typeof seen, key: string, row: number): number | null => {
    const first = seen[kind].get(key);
    if (first !== undefined) return first;
    seen[kind].set(key, row);
    return null;
  };

  const checking = new ProgressTicker(options.onProgress, 'checking', rowsRead);
  for (const table of tables) {
    const positions = columnPositions<Column>(table.headers, COUNCIL_LIST_COLUMNS);
    for (const r of table.rows) {
      checking.tick();
      const parsed = councilRow.safeParse(rowRecord(r.cells, positions));
      if (!parsed.success) {
        for (const { column, message } of issuesByColumn(parsed.error)) log.error(table.source, r.row, column, message);
        continue;
      }
      const v = parsed.data;
      const error = (column: Column, problem: string) => log.error(table.source, r.row, column, problem);
      const earlier = {
        name: firstUse('name', v.Council.toLowerCase(), r.row),
        dfe: firstUse('dfe', v['DfE LA code'], r.row),
        ons: firstUse('ons', v['ONS code'], r.row),
      };
      if (earlier.dfe !== null) error('DfE LA code', `DfE LA code ${v['DfE LA code']} is already on row ${earlier.dfe}`);
      if (earlier.ons !== null) error('ONS code', `ONS code ${v['ONS code']} is already on row ${earlier.ons}`);
      if (earlier.name !== null) error('Council', `${v.Council} is already on row ${earlier.name}`);

      const existing = councilForRow(db, v['DfE LA code'], v['ONS code']);
      const clash = councilsClashingWith(db, { name: v.Council, dfeCode: v['DfE LA code'], onsCode: v['ONS code'] }, existing?.id ?? null);
      if (clash.onsCode) {
        error(
          'ONS code',
          `${v['ONS code']} is already the ONS code of ${clash.onsCode.name}${clash.onsCode.dfeCode ? ` (DfE LA code ${clash.onsCode.dfeCode})` : ''}`,
        );
      }
      if (clash.name)
        error('Council', `Another council is already called ${clash.name.name}${clash.name.dfeCode ? ` (DfE LA code ${clash.name.dfeCode})` : ''}`);
      if (existing && existing.onsCode !== v['ONS code'] && countImportedChildren(db, existing.id) > 0) {
        error('ONS code', `${existing.name}'s ONS code cannot change from ${existing.onsCode}: children imported from its SSDA903 returns are keyed by it`);
      }

      // An unchanged centre keeps its position, so a name correction never depends on today's postcode directory.
      let centre: { label: string; lat: number; lon: number } | null = null;
      if (existing && existing.centreLabel !== null && existing.centreLabel.toLowerCase() === v.Centre.toLowerCase()) {
        centre = { label: existing.centreLabel, lat: existing.lat, lon: existing.lon };
      } else {
        const located = options.locateCentre(v.Centre);
        if (located.ok) centre = located;
        else error('Centre', located.message);
      }
      if (log.rowHasErrors(table.source, r.row) || centre === null) continue;
      planned.push({
        file: table.source,
        row: r.row,
        existing,
        fields: { name: v.Council, dfeCode: v['DfE LA code'], onsCode: v['ONS code'], centreLabel: centre.label, lat: centre.lat, lon: centre.lon },
      });
    }
  }
  checking.finish();

  const changed: { record: 'council' | 'provider'; id: number; change: 'create' | 'change' }[] = [];
  const outcome = finishImport(db, options, {
    kind: 'councils',
    files: described,
    log,
    rowsRead,
    write: (changes) => {
      const writing = new ProgressTicker(options.onProgress, 'writing', planned.length);
      for (const p of planned) {
        writing.tick();
        if (p.existing === null) {
          changed.push({ record: 'council', id: insertCouncil(db, p.fields), change: 'create' });
          changes.created('councils');
          const providerId = ensureInHouseFosteringService(db, p.fields.name);
          if (providerId !== null) {
            changed.push({ record: 'provider', id: providerId, change: 'create' });
            changes.created('providers');
          }
        } else if (sameFields(p.existing, p.fields)) {
          changes.unchanged('councils');
        } else {
          updateCouncil(db, p.existing.id, p.fields);
          changed.push({ record: 'council', id: p.existing.id, change: 'change' });
          changes.updated('councils');
        }
      }
      writing.finish();
    },
  });
  if (outcome.imported) for (const c of changed) options.onRecordChanged?.(c.record, c.id, c.change);
  return outcome;
}
