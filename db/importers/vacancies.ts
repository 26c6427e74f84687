import { z } from 'zod';
import type { WritableDB } from '../handle';
import { VACANCY_STATUS_LABELS, VACANCY_STATUSES, type VacancyStatus } from '../../shared/domain/homes';
import { hasColumn } from './csv';
import { readTables, type ImportFile } from './files';
import { ProgressTicker } from './progress';
import { ProblemLog, type ImportedFile, type ImportOutcome } from './report';
import { finishImport, type ImportOptions } from './run';
import { columnPositions, rowRecord } from './table';
import { dateCell, intCell, issuesByColumn, poundsCell, textCell, urnCell } from './values';

/**
 * The provider vacancy feed: our own template (CSV or XLSX), which the app exports pre-filled with
 * each home's open and held vacancies and a blank row per home without one. A row with a vacancy ID
 * updates that vacancy; a row without one adds a vacancy; a row with only the home's columns is
 * the template's blank line and is passed over.
 */

/** The template's columns, in order. Columns marked read: false are for the provider's eyes only. */
export const VACANCY_TEMPLATE_COLUMNS = [
  { header: 'Vacancy ID', read: true },
  { header: 'Home ID', read: true },
  { header: 'Ofsted URN', read: true },
  { header: 'Home', read: false },
  { header: 'Provider', read: false },
  { header: 'Council', read: false },
  { header: 'Type of home', read: false },
  { header: 'Beds', read: true },
  { header: 'Available from', read: true },
  { header: 'Status', read: true },
  { header: 'Core weekly price (£)', read: true },
  { header: 'Support weekly price (£)', read: true },
  { header: 'Education weekly price (£)', read: true },
  { header: 'Other weekly price (£)', read: true },
  { header: 'Restrictions', read: true },
] as const;
export type VacancyTemplateHeader = (typeof VACANCY_TEMPLATE_COLUMNS)[number]['header'];

const READ = VACANCY_TEMPLATE_COLUMNS.filter((c) => c.read).map((c) => c.header);
const VACANCY_FIELDS: (typeof READ)[number][] = ['Vacancy ID', 'Beds', 'Available from', 'Status', 'Core weekly price (£)', 'Support weekly price (£)', 'Education weekly price (£)', 'Other weekly price (£)', 'Restrictions'];

const statusByText = new Map<string, VacancyStatus>([
  ...VACANCY_STATUSES.map((s) => [s, s] as const),
  ...VACANCY_STATUSES.map((s) => [VACANCY_STATUS_LABELS[s].toLowerCase(), s] as const),
]);

const statusCell = z.string().transform((raw, ctx): VacancyStatus | null => {
  if (raw === '') {
    ctx.addIssue({ code: 'custom', message: 'This value is required but the cell is empty' });
    return z.NEVER;
  }
  const hit = statusByText.get(raw.toLowerCase());
  if (!hit) {
    ctx.addIssue({ code: 'custom', message: `'${raw}' is not a vacancy status (expected ${VACANCY_STATUSES.map((s) => VACANCY_STATUS_LABELS[s]).join(', ')})` });
    return z.NEVER;
  }
  return hit;
});

const vacancyRow = z.object({
  'Vacancy ID': intCell(1, Number.MAX_SAFE_INTEGER),
  'Home ID': intCell(1, Number.MAX_SAFE_INTEGER),
  'Ofsted URN': urnCell(),
  Beds: intCell(1, 20, { required: true }),
  'Available from': dateCell({ required: true, alsoIso: true }),
  Status: statusCell,
  'Core weekly price (£)': poundsCell({ required: true }),
  'Support weekly price (£)': poundsCell(),
  'Education weekly price (£)': poundsCell(),
  'Other weekly price (£)': poundsCell(),
  Restrictions: textCell({ max: 500 }),
});
type VacancyRow = z.output<typeof vacancyRow>;

export interface VacancyImportOptions extends ImportOptions {
  /** When the import runs, ISO; stamped on changed vacancies and their history. */
  now: string;
  userId: number | null;
  /** A council-scoped user may change only their council's homes' vacancies; null for the whole region. */
  scopeCouncilId: number | null;
  /** Told of each vacancy created or changed, after checking (the service announces them once committed). */
  onVacancyChanged?: (vacancyId: number, status: VacancyStatus) => void;
}

interface Home {
  id: number;
  councilId: number;
  urn: string | null;
  name: string;
}

interface Planned {
  file: string;
  row: number;
  homeId: number;
  value: VacancyRow;
}

const isHeader = (cells: string[]) => hasColumn(cells, 'Home ID') && hasColumn(cells, 'Beds');

export function importVacancies(db: WritableDB, files: ImportFile[], options: VacancyImportOptions): ImportOutcome {
  const log = new ProblemLog();
  const described: ImportedFile[] = [];
  const homeById = db.prepare('SELECT id, council_id AS councilId, ofsted_urn AS urn, name FROM homes WHERE id = ?');
  const homeByUrn = db.prepare('SELECT id, council_id AS councilId, ofsted_urn AS urn, name FROM homes WHERE ofsted_urn = ?');
  const vacancyHome = db.prepare('SELECT home_id FROM vacancies WHERE id = ?').pluck();
  const planned: Planned[] = [];
  let rowsRead = 0;
  const seenVacancy = new Map<number, number>();

  const reading = new ProgressTicker(options.onProgress, 'reading', files.length);
  const tables = [];
  for (const file of files) {
    const read = readTables(file, log, { accept: ['csv', 'xlsx'], isHeader });
    reading.tick();
    if (!read) continue;
    for (const t of read.tables) {
      const absent = READ.filter((h) => !hasColumn(t.headers, h));
      if (absent.length > 0) {
        log.add({ file: t.source, row: null, column: absent.join(', '), problem: `This is not the vacancy template: it has no ${absent.join(', ')} column${absent.length > 1 ? 's' : ''}. Export the template from the app and fill that in.`, severity: 'error' });
        continue;
      }
      tables.push(t);
      rowsRead += t.rows.length;
      described.push({ fileName: t.source, format: read.format, content: 'Vacancy feed (RCC template)', rows: t.rows.length });
    }
  }
  reading.finish();

  const checking = new ProgressTicker(options.onProgress, 'checking', rowsRead);
  for (const table of tables) {
    const positions = columnPositions(table.headers, READ);
    for (const r of table.rows) {
      checking.tick();
      const values = rowRecord(r.cells, positions);
      // The template's blank line for a home without a vacancy.
      if (VACANCY_FIELDS.every((f) => values[f] === '')) continue;
      const parsed = vacancyRow.safeParse(values);
      if (!parsed.success) {
        for (const { column, message } of issuesByColumn(parsed.error)) log.error(table.source, r.row, column, message);
        continue;
      }
      const v = parsed.data;
      let home: Home | undefined;
      if (v['Home ID'] !== null) {
        home = homeById.get(v['Home ID']) as Home | undefined;
        if (!home) {
          log.error(table.source, r.row, 'Home ID', `There is no home ${v['Home ID']} in the app; export a fresh template`);
          continue;
        }
        if (v['Ofsted URN'] !== null && home.urn !== null && home.urn.toUpperCase() !== v['Ofsted URN']) {
          log.error(table.source, r.row, 'Ofsted URN', `Home ${home.id} (${home.name}) has URN ${home.urn}, not ${v['Ofsted URN']}`);
          continue;
        }
      } else if (v['Ofsted URN'] !== null) {
        home = homeByUrn.get(v['Ofsted URN']) as Home | undefined;
        if (!home) {
          log.error(table.source, r.row, 'Ofsted URN', `No home in the app has URN ${v['Ofsted URN']}; import the Ofsted list first, or give the Home ID`);
          continue;
        }
      } else {
        log.error(table.source, r.row, 'Home ID', 'Give the Home ID (or the home’s Ofsted URN) so the vacancy can be matched to its home');
        continue;
      }
      if (options.scopeCouncilId !== null && home.councilId !== options.scopeCouncilId) {
        log.error(table.source, r.row, 'Home ID', `${home.name} is in a council outside your scope`);
        continue;
      }
      const vacancyId = v['Vacancy ID'];
      if (vacancyId !== null) {
        const owner = vacancyHome.get(vacancyId) as number | undefined;
        if (owner === undefined) {
          log.error(table.source, r.row, 'Vacancy ID', `There is no vacancy ${vacancyId}; leave the ID empty to add a new vacancy`);
          continue;
        }
        if (owner !== home.id) {
          log.error(table.source, r.row, 'Vacancy ID', `Vacancy ${vacancyId} belongs to another home, not ${home.name}`);
          continue;
        }
        const first = seenVacancy.get(vacancyId);
        if (first !== undefined) {
          log.error(table.source, r.row, 'Vacancy ID', `Vacancy ${vacancyId} is already on row ${first}`);
          continue;
        }
        seenVacancy.set(vacancyId, r.row);
      }
      planned.push({ file: table.source, row: r.row, homeId: home.id, value: v });
    }
  }
  checking.finish();

  const announced: { id: number; status: VacancyStatus }[] = [];
  const outcome = finishImport(db, options, {
    kind: 'vacancies',
    files: described,
    log,
    rowsRead,
    write: (changes) => {
      const s = {
        get: db.prepare(
          `SELECT beds, available_from AS availableFrom, status, price_core_pence AS core, price_support_pence AS support,
                  price_education_pence AS education, price_other_pence AS other, restrictions FROM vacancies WHERE id = ?`,
        ),
        update: db.prepare(
          `UPDATE vacancies SET beds = ?, available_from = ?, status = ?, price_core_pence = ?, price_support_pence = ?,
             price_education_pence = ?, price_other_pence = ?, restrictions = ?, updated_at = ? WHERE id = ?`,
        ),
        insert: db.prepare(
          `INSERT INTO vacancies (home_id, beds, available_from, status, price_core_pence, price_support_pence, price_education_pence,
             price_other_pence, restrictions, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'feed', ?)`,
        ),
        history: db.prepare('INSERT INTO vacancy_status_history (vacancy_id, status, at, user_id) VALUES (?, ?, ?, ?)'),
      };
      const writing = new ProgressTicker(options.onProgress, 'writing', planned.length);
      for (const p of planned) {
        writing.tick();
        if (log.rowHasErrors(p.file, p.row)) continue;
        const v = p.value;
        const next = [v.Beds, v['Available from'], v.Status, v['Core weekly price (£)'], v['Support weekly price (£)'] ?? 0, v['Education weekly price (£)'] ?? 0, v['Other weekly price (£)'] ?? 0, v.Restrictions ?? ''] as const;
        if (v['Vacancy ID'] === null) {
          const id = Number(s.insert.run(p.homeId, ...next, options.now).lastInsertRowid);
          s.history.run(id, v.Status, options.now, options.userId);
          changes.created('vacancies');
          announced.push({ id, status: v.Status! });
          continue;
        }
        const id = v['Vacancy ID'];
        const was = s.get.get(id) as { beds: number; availableFrom: string; status: VacancyStatus; core: number; support: number; education: number; other: number; restrictions: string };
        const stored = [was.beds, was.availableFrom, was.status, was.core, was.support, was.education, was.other, was.restrictions];
        if (stored.every((x, i) => x === next[i])) {
          changes.unchanged('vacancies');
          continue;
        }
        s.update.run(...next, options.now, id);
        if (was.status !== v.Status) s.history.run(id, v.Status, options.now, options.userId);
        changes.updated('vacancies');
        announced.push({ id, status: v.Status! });
      }
      writing.finish();
    },
  });
  if (outcome.imported) for (const a of announced) options.onVacancyChanged?.(a.id, a.status);
  return outcome;
}
