import { z } from 'zod';
import type { ReadableDB, WritableDB } from '../handle';
import { VACANCY_STATUS_LABELS, VACANCY_STATUSES, type VacancyStatus } from '../../shared/domain/homes';
import { hasColumn } from './csv';
import { readTables, type ImportFile } from './files';
import { ProgressTicker } from './progress';
import { ProblemLog, type ImportedFile, type ImportOutcome } from './report';
import { finishImport, type ImportOptions } from './run';
import { columnPositions, rowRecord } from './table';
import { dateCell, intCell, issuesByColumn, poundsCell, textCell, urnCell } from './values';
import { homeBarredReason } from '../repositories/vacancies';

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
const VACANCY_FIELDS: (typeof READ)[number][] = [
  'Vacancy ID',
  'Beds',
  'Available from',
  'Status',
  'Core weekly price (£)',
  'Support weekly price (£)',
  'Education weekly price (£)',
  'Other weekly price (£)',
  'Restrictions',
];

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
    ctx.addIssue({
      code: 'custom',
      message: `'${raw}' is not a vacancy status (expected ${VACANCY_STATUSES.map((s) => VACANCY_STATUS_LABELS[s]).join(', ')})`,
    });
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
  // A vacancy is offered at a price: £0 is a cell left at its default, not an offer.
  'Core weekly price (£)': poundsCell({ required: true }).refine((pence) => pence !== 0, 'The core weekly price must be more than £0'),
  'Support weekly price (£)': poundsCell(),
  'Education weekly price (£)': poundsCell(),
  'Other weekly price (£)': poundsCell(),
  Restrictions: textCell({ max: 500 }),
});
export type VacancyRow = z.output<typeof vacancyRow>;
/** One vacancy's fields as typed, keyed by the template's column: a feed row, or the board's Add vacancy form. */
export type VacancyCells = Record<(typeof READ)[number], string>;

/** The feed's rules for one vacancy's fields; each problem names its column. */
export function checkVacancyCells(cells: VacancyCells): { ok: true; value: VacancyRow } | { ok: false; issues: { column: string; message: string }[] } {
  const parsed = vacancyRow.safeParse(cells);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: issuesByColumn(parsed.error) };
}

/** Why a vacancy's home could not be used; 'scope' is a home outside the user's council. */
export interface VacancyHomeProblem {
  column: VacancyTemplateHeader;
  message: string;
  reason: 'unknown' | 'mismatch' | 'missing' | 'scope';
}

/**
 * Finds the home a checked vacancy belongs to, by Home ID or Ofsted URN, and refuses a home outside
 * a council-scoped user's council: the feed and the Add vacancy form post only where the user may.
 */
export function findVacancyHome(
  db: ReadableDB,
  v: VacancyRow,
  scopeCouncilId: number | null,
): { ok: true; home: VacancyHome } | ({ ok: false } & VacancyHomeProblem) {
  const select = 'SELECT id, council_id AS councilId, ofsted_urn AS urn, name FROM homes';
  let home: VacancyHome | undefined;
  if (v['Home ID'] !== null) {
    home = db.prepare(`${select} WHERE id = ?`).get(v['Home ID']) as VacancyHome | undefined;
    if (!home) return { ok: false, column: 'Home ID', reason: 'unknown', message: `There is no home ${v['Home ID']} in the app; export a fresh template` };
    if (v['Ofsted URN'] !== null && home.urn !== null && home.urn.toUpperCase() !== v['Ofsted URN']) {
      return { ok: false, column: 'Ofsted URN', reason: 'mismatch', message: `Home ${home.id} (${home.name}) has URN ${home.urn}, not ${v['Ofsted URN']}` };
    }
  } else if (v['Ofsted URN'] !== null) {
    home = db.prepare(`${select} WHERE ofsted_urn = ?`).get(v['Ofsted URN']) as VacancyHome | undefined;
    if (!home)
      return {
        ok: false,
        column: 'Ofsted URN',
        reason: 'unknown',
        message: `No home in the app has URN ${v['Ofsted URN']}; import the Ofsted list first, or give the Home ID`,
      };
  } else {
    return {
      ok: false,
      column: 'Home ID',
      reason: 'missing',
      message: 'Give the Home ID (or the home’s Ofsted URN) so the vacancy can be matched to its home',
    };
  }
  if (scopeCouncilId !== null && home.councilId !== scopeCouncilId) {
    return { ok: false, column: 'Home ID', reason: 'scope', message: `${home.name} is in a council outside your scope` };
  }
  return { ok: true, home };
}

/** Adds one vacancy with its first status in the history; the feed's and the form's one way in. */
export function insertVacancy(db: WritableDB, homeId: number, v: VacancyRow, source: 'feed' | 'manual', at: string, userId: number | null): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO vacancies (home_id, beds, available_from, status, price_core_pence, price_support_pence, price_education_pence,
           price_other_pence, restrictions, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(homeId, ...storedFields(v), source, at).lastInsertRowid,
  );
  db.prepare('INSERT INTO vacancy_status_history (vacancy_id, status, at, user_id) VALUES (?, ?, ?, ?)').run(id, v.Status, at, userId);
  return id;
}

/** A checked vacancy's values in the vacancies table's column order (beds through restrictions). */
function storedFields(v: VacancyRow) {
  return [
    v.Beds,
    v['Available from'],
    v.Status,
    v['Core weekly price (£)'],
    v['Support weekly price (£)'] ?? 0,
    v['Education weekly price (£)'] ?? 0,
    v['Other weekly price (£)'] ?? 0,
    v.Restrictions ?? '',
  ] as const;
}

export interface VacancyImportOptions extends ImportOptions {
  /** When the import runs, ISO; stamped on changed vacancies and their history. */
  now: string;
  userId: number | null;
  /** A council-scoped user may change only their council's homes' vacancies; null for the whole region. */
  scopeCouncilId: number | null;
  /** Told of each vacancy created or changed, after checking (the service announces them once committed). */
  onVacancyChanged?: (vacancyId: number, status: VacancyStatus) => void;
}

export interface VacancyHome {
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
        log.add({
          file: t.source,
          row: null,
          column: absent.join(', '),
          problem: `This is not the vacancy template: it has no ${absent.join(', ')} column${absent.length > 1 ? 's' : ''}. Export the template from the app and fill that in.`,
          severity: 'error',
        });
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
      const checked = checkVacancyCells(values);
      if (!checked.ok) {
        for (const { column, message } of checked.issues) log.error(table.source, r.row, column, message);
        continue;
      }
      const v = checked.value;
      const found = findVacancyHome(db, v, options.scopeCouncilId);
      if (!found.ok) {
        log.error(table.source, r.row, found.column, found.message);
        continue;
      }
      const home = found.home;
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
      // A home whose Ofsted registration is suspended or ended takes no child: its vacancies stay withdrawn.
      const barred = v.Status === 'open' || v.Status === 'held' ? homeBarredReason(db, home.id) : null;
      if (barred !== null) {
        log.error(table.source, r.row, 'Status', `${barred}: ${home.name} cannot take a child, so its vacancy cannot be ${v.Status}`);
        continue;
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
             price_education_pence = ?, price_other_pence = ?, restrictions = ?, updated_at = ?,
             withdrawn_reason = CASE WHEN ? = 'withdrawn' THEN withdrawn_reason END WHERE id = ?`,
        ),
        history: db.prepare('INSERT INTO vacancy_status_history (vacancy_id, status, at, user_id) VALUES (?, ?, ?, ?)'),
      };
      const writing = new ProgressTicker(options.onProgress, 'writing', planned.length);
      for (const p of planned) {
        writing.tick();
        if (log.rowHasErrors(p.file, p.row)) continue;
        const v = p.value;
        const next = storedFields(v);
        if (v['Vacancy ID'] === null) {
          const id = insertVacancy(db, p.homeId, v, 'feed', options.now, options.userId);
          changes.created('vacancies');
          announced.push({ id, status: v.Status! });
          continue;
        }
        const id = v['Vacancy ID'];
        const was = s.get.get(id) as {
          beds: number;
          availableFrom: string;
          status: VacancyStatus;
          core: number;
          support: number;
          education: number;
          other: number;
          restrictions: string;
        };
        const stored = [was.beds, was.availableFrom, was.status, was.core, was.support, was.education, was.other, was.restrictions];
        if (stored.every((x, i) => x === next[i])) {
          changes.unchanged('vacancies');
          continue;
        }
        // A withdrawal's reason stays only while the vacancy stays withdrawn.
        s.update.run(...next, options.now, v.Status, id);
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
