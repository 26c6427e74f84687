import { z } from 'zod';
import type { WritableDB } from '../handle';
import { OFSTED_GRADE_LABELS, OFSTED_GRADES, type OfstedGrade } from '../../shared/domain/homes';
import { OFSTED_CATEGORY_CODES, type OfstedCategory } from '../../shared/domain/ofsted';
import { barredRegistrationWords, registrationBars, registrationStatusFromOfsted, type RegistrationStatus } from '../../shared/domain/registration';
import { withdrawHomeVacancies } from '../repositories/vacancies';
import { isCurrentCode, PLACE_CODES } from '../../shared/domain/ssda903';
import { hasColumn } from './csv';
import { readTables, type ImportFile } from './files';
import {
  isOfstedHeader,
  OFSTED_COLUMNS,
  OFSTED_FIELDS,
  OFSTED_LAYOUTS,
  ofstedColumns,
  recogniseLayout,
  unknownLookalikes,
  type OfstedField,
} from './ofsted-layouts';
import { councilLookup, locator, type CouncilPlace } from './locate';
import { ProgressTicker } from './progress';
import { ProblemLog, type ChangeCounter, type ImportedFile, type ImportOutcome } from './report';
import { finishImport, type ImportOptions } from './run';
import { columnPositions, rowRecord, type Table } from './table';
import { dateCell, intCell, issuesByColumn, postcodeCell, textCell, urnCell } from './values';

/**
 * Ofsted's lists of children's social care providers into providers and homes: the list Ofsted
 * sends councils (its "Providers" and "SA Providers" sheets) and the provider-level data Ofsted
 * publishes each year, as XLSX or CSV, in any of the layouts in ofsted-layouts.ts. Rows are matched
 * on URN: a known home or agency gets its latest grade, inspection date, registration and places;
 * a new children's home, agency or supported accommodation setting is added when its local
 * authority is one of the region's partner councils. Rows elsewhere in England update what the
 * region already uses and are otherwise left out (and counted).
 *
 * A list only changes what it says: a column it does not have (a layout without telephone numbers,
 * a grade column renamed in a later year) leaves what is stored for it as it was, and the report
 * names those columns. A blank or redacted cell never erases a stored value either.
 */

type Kind = 'residential' | 'secure' | 'ifa' | 'supported' | 'other';

/** Ofsted's provider types, by their text in the list; the ones the app has no use for are counted, not refused. */
const PROVIDER_TYPES: Record<string, Kind> = {
  "children's home": 'residential',
  "secure children's home": 'secure',
  'independent fostering agency': 'ifa',
  'supported accommodation': 'supported',
  'supported accommodation provider': 'supported',
  'residential special school': 'other',
  'voluntary adoption agency': 'other',
  'adoption support agency': 'other',
  'residential family centre': 'other',
  'residential holiday scheme for disabled children': 'other',
  'boarding school': 'other',
  'further education college with residential accommodation': 'other',
  'local authority fostering agency': 'other',
  'local authority adoption agency': 'other',
  'regional adoption agency': 'other',
};

const SECTORS: Record<string, 'private' | 'voluntary' | 'council'> = {
  private: 'private',
  voluntary: 'voluntary',
  'local authority': 'council',
  'health authority': 'council',
};

/** Cells that say "nothing here": Ofsted redacts children's homes' names and addresses, and some lists mark gaps with a dash. */
const BLANK_MARKERS = new Set(['-', 'n/a', 'not applicable', 'redacted', '[redacted]']);

const simple = (s: string) =>
  s
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

function mapped<T>(map: Record<string, T>, what: string, expected: string) {
  return z.string().transform((raw, ctx): T | null => {
    if (raw === '') return null;
    const hit = map[simple(raw)];
    if (hit === undefined) {
      ctx.addIssue({ code: 'custom', message: `'${raw}' is not ${what} (expected ${expected})` });
      return z.NEVER;
    }
    return hit;
  });
}

const GRADE_BY_TEXT: Record<string, OfstedGrade> = {
  ...Object.fromEntries(OFSTED_GRADES.map((g) => [simple(OFSTED_GRADE_LABELS[g]), g])),
  'requires improvement': 'requires_improvement',
  '1': 'outstanding',
  '2': 'good',
  '3': 'requires_improvement',
  '4': 'inadequate',
};

/** Yes/No, or a number of places for that category (any above 0 means registered for it). */
const categoryCell = z.string().transform((raw, ctx) => {
  if (raw === '') return false;
  const key = raw.toLowerCase();
  if (['yes', 'y', 'true'].includes(key)) return true;
  if (['no', 'n', 'false'].includes(key)) return false;
  if (/^\d+$/.test(raw)) return Number(raw) > 0;
  ctx.addIssue({ code: 'custom', message: `'${raw}' is not Yes, No or a number of places` });
  return z.NEVER;
});

const ofstedRow = z.object({
  la: textCell({ required: true, max: 100 }),
  urn: urnCell({ required: true }),
  type: mapped(
    PROVIDER_TYPES,
    'an Ofsted provider type the app knows',
    "e.g. Children's home, Secure children's home, Independent fostering agency, Supported accommodation",
  ),
  sector: mapped(SECTORS, 'a sector', 'Private, Voluntary or Local Authority'),
  name: textCell({ max: 200 }),
  event: z.string(),
  status: z.string().transform((raw, ctx): RegistrationStatus | null => {
    if (raw === '') return null;
    const status = registrationStatusFromOfsted(simple(raw));
    if (status !== undefined) return status;
    ctx.addIssue({ code: 'custom', message: `'${raw}' is not a registration status (expected e.g. Active, Registered, Resigned, Cancelled, Suspended)` });
    return z.NEVER;
  }),
  statusDate: dateCell({ alsoIso: true }),
  placeCode: z.string(),
  town: textCell({ max: 100 }),
  postcode: postcodeCell(),
  phone: textCell({ max: 40 }),
  email: textCell({ max: 200 }),
  owner: textCell({ max: 200 }),
  inspected: dateCell({ alsoIso: true }),
  grade: mapped(
    GRADE_BY_TEXT,
    'an Ofsted overall effectiveness grade',
    'Outstanding, Good, Requires improvement to be good, Inadequate, or empty when not yet inspected',
  ),
  places: intCell(1, 500),
  setting: textCell({ max: 100 }),
  ...(Object.fromEntries(OFSTED_CATEGORY_CODES.map((c) => [c, categoryCell])) as Record<OfstedCategory, typeof categoryCell>),
});
type OfstedRow = z.output<typeof ofstedRow>;

const SUPPORTED_KINDS: [RegExp, 'solo' | 'shared' | 'lodgings'][] = [
  [/single|solo|self-contained/i, 'solo'],
  [/shared|group/i, 'shared'],
  [/lodging|host/i, 'lodgings'],
];

interface PlannedRow {
  file: string;
  row: number;
  kind: Exclude<Kind, 'other'>;
  council: CouncilPlace | null;
  value: OfstedRow;
  supportedKind: 'solo' | 'shared' | 'lodgings' | null;
  /** The row is a supported accommodation setting (a council list's "SA Providers" sheet), not a registered provider. */
  setting: boolean;
  /** What this row's sheet has columns for: nothing else is changed. */
  reads: SheetReads;
}

/** Which kinds of stored value a sheet can change, from the columns it has. */
interface SheetReads {
  /** A grade and the date of the inspection that gave it: only together, so a date never moves under an old grade. */
  grades: boolean;
  categories: boolean;
}

export interface OfstedImportOptions extends ImportOptions {
  /** Today, ISO; inspection dates after it are refused. */
  today: string;
  /** When the import runs, ISO timestamp; stamped on vacancies it withdraws (defaults to today, midnight UTC). */
  now?: string;
  /** Told of each vacancy withdrawn because its home's registration bars it, once the import has committed. */
  onVacancyWithdrawn?: (vacancyId: number) => void;
}

/** Sheets of Ofsted's workbooks that list inspections or closures rather than the providers now registered. */
const NOT_PROVIDER_SHEETS = /in[\s_-]*year|closed|closure|inspections?\b|outcomes?/i;
const PROVIDER_LEVEL_SHEET = /provider[\s_-]*level[\s_-]*at/i;

/**
 * The sheets to read: a workbook's provider-level sheet(s) when it has one, never its lists of a
 * year's inspections or of closed homes (those name a home many times, or homes that are gone).
 */
function providerSheets(tables: Table[], log: ProblemLog): Table[] {
  const hasProviderLevel = tables.some((t) => t.sheet !== null && PROVIDER_LEVEL_SHEET.test(t.sheet));
  const skipped = (t: Table) => {
    if (t.sheet === null) return false;
    const settings = hasColumn(t.headers, 'Setting category') || hasColumn(t.headers, 'Setting Local Authority');
    return NOT_PROVIDER_SHEETS.test(t.sheet) || (hasProviderLevel && !PROVIDER_LEVEL_SHEET.test(t.sheet) && !settings);
  };
  const read = tables.filter((t) => !skipped(t));
  // A workbook whose only list has an unexpected sheet name is still read.
  if (read.length === 0) return tables;
  for (const t of tables) {
    if (skipped(t))
      log.warning(
        t.source,
        null,
        null,
        `The sheet ${t.sheet} is not read: it lists inspections or closed homes, and the provider-level sheet of this workbook says who is registered now.`,
      );
  }
  return read;
}

/**
 * One file-level note naming the columns this sheet lacks and what therefore stays as stored, with
 * any header that looks like one of them but is not a spelling the import knows.
 */
function reportAbsentColumns(table: Table, columns: Record<OfstedField, string | null>, settingsSheet: boolean, log: ProblemLog): void {
  const absent: string[] = [];
  for (const field of OFSTED_FIELDS) {
    const { keeps, label } = OFSTED_COLUMNS[field];
    if (keeps === null || columns[field] !== null) continue;
    if (settingsSheet && (field === 'grade' || field === 'inspected')) continue;
    const lookalikes = unknownLookalikes(field, table.headers);
    const hint = lookalikes.length > 0 ? ` (this list has ${lookalikes.map((h) => `'${h}'`).join(', ')}, which the app does not know as that column)` : '';
    // A grade and its date only change together, so either one missing holds the other too.
    const partner =
      field === 'grade' && columns.inspected !== null
        ? ', and with them inspection dates'
        : field === 'inspected' && columns.grade !== null
          ? ', and with them Ofsted grades'
          : '';
    absent.push(`${label}${hint}: ${keeps}${partner}`);
  }
  if (!settingsSheet && OFSTED_CATEGORY_CODES.every((c) => columns[c] === null))
    absent.push('Categories of registration: the categories of need each home is registered for');
  if (absent.length === 0) return;
  log.warning(table.source, null, null, `Columns not in this list, so what is stored for them is left unchanged: ${absent.join('; ')}.`);
}

/** A full inspection gives the grade; a list that gives the latest event of any kind says which it was. */
const isFullInspection = (event: string) => event === '' || /full|standard/i.test(event);

export function importOfsted(db: WritableDB, files: ImportFile[], options: OfstedImportOptions): ImportOutcome {
  const log = new ProblemLog();
  const described: ImportedFile[] = [];
  const tables: Table[] = [];
  const reading = new ProgressTicker(options.onProgress, 'reading', files.length);
  for (const file of files) {
    const read = readTables(file, log, { accept: ['csv', 'xlsx'], isHeader: isOfstedHeader });
    reading.tick();
    if (!read) continue;
    for (const t of providerSheets(read.tables, log)) {
      tables.push(t);
      const layout = OFSTED_LAYOUTS[recogniseLayout(t.headers)];
      const what = t.sheet && /sa\b|supported/i.test(t.sheet) ? 'Ofsted supported accommodation providers' : 'Ofsted children’s social care providers';
      described.push({ fileName: t.source, format: read.format, content: `${what} (${layout})`, rows: t.rows.length });
    }
  }
  reading.finish();

  const council = councilLookup(db);
  const planned: PlannedRow[] = [];
  let outsideRegion = 0;
  let otherTypes = 0;
  const seenUrn = new Map<string, { file: string; row: number }>();
  const rowsRead = tables.reduce((n, t) => n + t.rows.length, 0);
  const checking = new ProgressTicker(options.onProgress, 'checking', rowsRead);
  const knownHome = db.prepare('SELECT 1 FROM homes WHERE ofsted_urn = ?').pluck();
  const knownProvider = db.prepare('SELECT 1 FROM providers WHERE ofsted_urn = ?').pluck();

  for (const table of tables) {
    const file = table.source;
    const columns = ofstedColumns(table.headers, recogniseLayout(table.headers));
    const settingsSheet = columns.setting !== null || hasColumn(table.headers, 'Setting Local Authority');
    const missing = (['la', 'urn', ...(settingsSheet ? [] : ['type'])] as OfstedField[]).filter((f) => columns[f] === null);
    if (missing.length > 0) {
      const names = missing.map((f) => OFSTED_COLUMNS[f].label).join(', ');
      log.add({
        file,
        row: null,
        column: names,
        problem: `This sheet has no ${names} column, so it cannot be read as an Ofsted provider list.`,
        severity: 'error',
      });
      continue;
    }
    reportAbsentColumns(table, columns, settingsSheet, log);
    const reads: SheetReads = {
      grades: columns.grade !== null && columns.inspected !== null,
      categories: OFSTED_CATEGORY_CODES.some((c) => columns[c] !== null),
    };
    const present = OFSTED_FIELDS.filter((f) => columns[f] !== null);
    const positions = columnPositions(
      table.headers,
      present.map((f) => columns[f]!),
    );
    const label = (f: string) => columns[f as OfstedField] ?? OFSTED_COLUMNS[f as OfstedField]?.label ?? f;
    for (const r of table.rows) {
      checking.tick();
      const cells = rowRecord(r.cells, positions);
      const values: Record<string, string> = {};
      for (const f of OFSTED_FIELDS) {
        const raw = columns[f] === null ? '' : (cells[columns[f]!] ?? '');
        values[f] = BLANK_MARKERS.has(raw.toLowerCase()) ? '' : raw;
      }
      const parsed = ofstedRow.safeParse(values);
      if (!parsed.success) {
        for (const { column, message } of issuesByColumn(parsed.error)) log.error(file, r.row, label(column), message);
        continue;
      }
      const v = parsed.data;
      const kind: Kind | null = settingsSheet ? 'supported' : v.type;
      if (kind === null) {
        log.error(file, r.row, label('type'), 'The provider type is required but the cell is empty');
        continue;
      }
      if (kind === 'other') {
        otherTypes++;
        continue;
      }
      // The placement code is informational in this list (not stored), so an odd one is a warning.
      if (v.placeCode !== '') {
        const code = v.placeCode.toUpperCase();
        const entry = PLACE_CODES[code];
        if (!entry)
          log.warning(
            file,
            r.row,
            label('placeCode'),
            `'${v.placeCode}' is not an SSDA903 placement type code; the column is not stored, so the row is still imported`,
          );
        else if (!isCurrentCode(PLACE_CODES, code))
          log.warning(
            file,
            r.row,
            label('placeCode'),
            `'${code}' (${entry.label}) is a retired code, not valid from ${entry.retired}; the column is not stored, so the row is still imported`,
          );
      }
      // Where the list gives the latest event of any kind, only a full inspection's date goes with the grade.
      if (v.inspected !== null && !isFullInspection(v.event)) v.inspected = null;
      if (v.inspected !== null && v.inspected > options.today)
        log.error(file, r.row, label('inspected'), `The inspection date ${v.inspected} is in the future`);
      if (reads.grades && kind !== 'supported' && kind !== 'ifa' && v.grade !== null && v.grade !== 'not_yet_inspected' && v.inspected === null) {
        log.warning(
          file,
          r.row,
          label('inspected'),
          'A grade without the date of the full inspection that gave it; the date is left as it was for an unchanged grade, or empty',
        );
      }
      let supportedKind: PlannedRow['supportedKind'] = null;
      if (kind === 'supported' && settingsSheet && v.setting !== null) {
        supportedKind = SUPPORTED_KINDS.find(([re]) => re.test(v.setting!))?.[1] ?? null;
        if (supportedKind === null)
          log.error(
            file,
            r.row,
            label('setting'),
            `'${v.setting}' is not a supported accommodation category (expected single occupancy, shared accommodation or lodgings)`,
          );
      }
      if (!settingsSheet) {
        const first = seenUrn.get(v.urn!);
        if (first) {
          log.error(file, r.row, label('urn'), `URN ${v.urn} is already in ${first.file}, row ${first.row}; each home or agency appears once`);
          continue;
        }
        seenUrn.set(v.urn!, { file, row: r.row });
      }
      const inRegion = council(v.la!);
      const known = kind === 'residential' || kind === 'secure' ? knownHome.get(v.urn!) !== undefined : knownProvider.get(v.urn!) !== undefined;
      if (!inRegion && !known) {
        outsideRegion++;
        continue;
      }
      if (!known && (kind === 'residential' || kind === 'secure') && v.places === null) {
        log.error(file, r.row, label('places'), 'A new children’s home needs its number of registered places');
      }
      if (!known && settingsSheet && v.places === null) log.error(file, r.row, label('places'), 'A new supported accommodation setting needs its capacity');
      if (!known && settingsSheet && supportedKind === null && v.setting === null)
        log.error(file, r.row, label('setting'), 'A new supported accommodation setting needs its category (single occupancy, shared or lodgings)');
      if (!known && v.sector === null && kind !== 'ifa')
        log.error(file, r.row, label('sector'), 'A new provider needs its sector (Private, Voluntary or Local Authority)');
      if (v.statusDate !== null && v.statusDate > options.today)
        log.error(file, r.row, label('statusDate'), `The deregistration date ${v.statusDate} is in the future`);
      if (log.rowHasErrors(file, r.row)) continue;
      if (v.status !== null && registrationBars(v.status)) {
        // Homes carry their own registration; an agency's is the agency's, and its households are not changed by it.
        const homeRow = kind === 'residential' || kind === 'secure' || settingsSheet;
        log.warning(
          file,
          r.row,
          label('status'),
          homeRow
            ? `Registration status '${values.status}': the home takes no child, and its open and held vacancies are withdrawn with that reason`
            : `Registration status '${values.status}': marked as not open to placements; the agency's homes are not changed by it`,
        );
      }
      planned.push({ file, row: r.row, kind, council: inRegion, value: v, supportedKind, setting: settingsSheet, reads });
    }
  }
  checking.finish();

  const withdrawn: number[] = [];
  const outcome = finishImport(db, options, {
    kind: 'ofsted',
    files: described,
    log,
    rowsRead,
    write: (changes) => {
      const writing = new ProgressTicker(options.onProgress, 'writing', planned.length);
      const writer = new OfstedWriter(db, options);
      for (const p of planned) {
        if (!log.rowHasErrors(p.file, p.row)) writer.apply(p, changes);
        writing.tick();
      }
      withdrawn.push(...writer.withdrawn);
      if (outsideRegion > 0) changes.unchanged('rows outside the region, left out', outsideRegion);
      if (otherTypes > 0) changes.unchanged('rows of other provider types, left out', otherTypes);
      writing.finish();
    },
  });
  if (outcome.imported && !outcome.dryRun) for (const id of withdrawn) options.onVacancyWithdrawn?.(id);
  return outcome;
}

const RESIDENTIAL_TYPE = { private: 'private_residential', voluntary: 'voluntary_residential', council: 'council_residential' } as const;

/** How a new record is named when the list withholds its name (Ofsted redacts children's homes' names). */
const KIND_NAMES: Record<PlannedRow['kind'], string> = {
  residential: 'Children’s home',
  secure: 'Secure children’s home',
  ifa: 'Fostering agency',
  supported: 'Supported accommodation',
};

class OfstedWriter {
  private readonly s;
  private readonly locate;
  private readonly providerByName = new Map<string, number>();

  private readonly db: WritableDB;
  private readonly today: string;
  private readonly now: string;
  /** Vacancies this import withdrew, for the app to announce once it has committed. */
  readonly withdrawn: number[] = [];

  constructor(db: WritableDB, options: OfstedImportOptions) {
    this.db = db;
    this.today = options.today;
    this.now = options.now ?? `${options.today}T00:00:00.000Z`;
    this.locate = locator(db);
    for (const p of db.prepare('SELECT id, name FROM providers').all() as { id: number; name: string }[]) {
      if (!this.providerByName.has(p.name.toLowerCase())) this.providerByName.set(p.name.toLowerCase(), p.id);
    }
    this.s = {
      homeByUrn: db.prepare(
        `SELECT h.id, h.name, h.ofsted_grade AS grade, h.ofsted_grade_date AS gradeDate, h.active, h.phone,
                h.registration_status AS registration, h.registration_status_date AS registrationSince,
                r.places, r.categories, r.secure, s.places AS supportedPlaces
         FROM homes h LEFT JOIN residential_homes r ON r.home_id = h.id LEFT JOIN supported_homes s ON s.home_id = h.id
         WHERE h.ofsted_urn = ?`,
      ),
      updateHome: db.prepare('UPDATE homes SET name = ?, ofsted_grade = ?, ofsted_grade_date = ?, active = ?, phone = ? WHERE id = ?'),
      updateResidential: db.prepare('UPDATE residential_homes SET places = ?, categories = ?, secure = ? WHERE home_id = ?'),
      insertResidential: db.prepare('INSERT INTO residential_homes (home_id, places, categories, secure) VALUES (?, ?, ?, ?)'),
      providerByUrn: db.prepare('SELECT id, name, ofsted_grade AS grade, ofsted_grade_date AS gradeDate, phone, email FROM providers WHERE ofsted_urn = ?'),
      updateProvider: db.prepare('UPDATE providers SET name = ?, ofsted_grade = ?, ofsted_grade_date = ?, phone = ?, email = ? WHERE id = ?'),
      insertProvider: db.prepare(
        'INSERT INTO providers (name, ownership, provider_type, ofsted_urn, ofsted_grade, ofsted_grade_date, phone, email) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertHome: db.prepare(
        `INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon, postcode, easting, northing, ofsted_urn, ofsted_grade, ofsted_grade_date, phone, active)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      setRegistration: db.prepare('UPDATE homes SET registration_status = ?, registration_status_date = ? WHERE id = ?'),
      supportedHome: db.prepare(
        `SELECT h.id, h.name, h.active, h.registration_status AS registration, h.registration_status_date AS registrationSince, s.places, s.kind FROM homes h JOIN supported_homes s ON s.home_id = h.id
         WHERE h.provider_id = ? AND h.kind = 'supported' AND h.postcode IS ? AND h.name = ?`,
      ),
      updateSupported: db.prepare('UPDATE supported_homes SET places = ?, kind = ? WHERE home_id = ?'),
      setActive: db.prepare('UPDATE homes SET active = ? WHERE id = ?'),
      insertSupported: db.prepare('INSERT INTO supported_homes (home_id, kind, places) VALUES (?, ?, ?)'),
    };
  }

  apply(p: PlannedRow, changes: ChangeCounter): void {
    if (p.kind === 'residential' || p.kind === 'secure') this.residential(p, changes);
    else if (p.kind === 'ifa') this.agency(p, changes, 'ifa', 'ifa');
    else if (p.setting) this.supported(p, changes);
    else this.agency(p, changes, p.value.sector ?? 'private', 'supported');
  }

  private categories(v: OfstedRow): string {
    return JSON.stringify(OFSTED_CATEGORY_CODES.filter((c) => v[c]));
  }

  /**
   * The grade and its date after this row: as stored unless the sheet has both columns and the
   * cell says something (a blank grade cell is no news, not a reset to "not yet inspected").
   */
  private grading(p: PlannedRow, stored: { grade: string | null; gradeDate: string | null }): { grade: string | null; gradeDate: string | null } {
    const v = p.value;
    if (!p.reads.grades || v.grade === null) return stored;
    // A new date comes with the grade; without one, the stored date stands only for the same grade.
    const gradeDate = v.inspected ?? (stored.grade === v.grade ? stored.gradeDate : null);
    return { grade: v.grade, gradeDate };
  }

  private placeholderName(p: PlannedRow): string {
    return `${KIND_NAMES[p.kind]} ${p.value.urn}`;
  }

  private residential(p: PlannedRow, changes: ChangeCounter): void {
    const v = p.value;
    const secure = p.kind === 'secure' ? 1 : 0;
    const existing = this.s.homeByUrn.get(v.urn) as
      | {
          id: number;
          name: string;
          grade: string | null;
          gradeDate: string | null;
          active: number;
          phone: string;
          registration: RegistrationStatus;
          registrationSince: string | null;
          places: number | null;
          categories: string | null;
          secure: number | null;
        }
      | undefined;
    if (existing) {
      const name = v.name ?? existing.name;
      const { grade, gradeDate } = this.grading(p, existing);
      const active = v.status === null ? existing.active : v.status === 'registered' ? 1 : 0;
      const phone = v.phone ?? existing.phone;
      const places = v.places ?? existing.places;
      const registered = this.registration(p, existing.id, existing, changes);
      const categories = p.reads.categories ? this.categories(v) : (existing.categories ?? '[]');
      const sameHome =
        existing.name === name && existing.grade === grade && existing.gradeDate === gradeDate && existing.active === active && existing.phone === phone;
      const sameDetail = existing.places === places && existing.categories === categories && existing.secure === secure;
      if (!sameHome) this.s.updateHome.run(name, grade, gradeDate, active, phone, existing.id);
      if (!sameDetail && places !== null) {
        if (existing.places === null) this.s.insertResidential.run(existing.id, places, categories, secure);
        else this.s.updateResidential.run(places, categories, secure, existing.id);
      }
      if (sameHome && sameDetail && registered) changes.unchanged('homes');
      else changes.updated('homes');
      return;
    }
    const council = p.council!;
    const name = v.name ?? this.placeholderName(p);
    const ownerName = v.owner ?? name;
    const providerId = this.findOrCreateProvider(ownerName, v.sector!, RESIDENTIAL_TYPE[v.sector!], v, changes);
    const at = this.locate(v.postcode, v.town, council);
    // Without a grade column a new home's grade is unknown (null: the provider's grade stands in).
    const grade = p.reads.grades ? (v.grade ?? 'not_yet_inspected') : null;
    const homeId = Number(
      this.s.insertHome.run(
        providerId,
        council.id,
        name,
        'residential',
        v.town ?? council.name,
        at.lat,
        at.lon,
        v.postcode,
        at.easting,
        at.northing,
        v.urn,
        grade,
        p.reads.grades ? v.inspected : null,
        v.phone ?? '',
        v.status === null || v.status === 'registered' ? 1 : 0,
      ).lastInsertRowid,
    );
    this.s.insertResidential.run(homeId, v.places, this.categories(v), secure);
    this.registration(p, homeId, { registration: 'registered', registrationSince: null }, changes);
    changes.created('homes');
  }

  /**
   * The home's registration status after this row, stored with the day it took effect (the list's
   * deregistration date, or the day of the import); a home that may take no child has its open and
   * held vacancies withdrawn with the reason in words, in this import's transaction. True when the
   * stored status was already this one.
   */
  private registration(
    p: PlannedRow,
    homeId: number,
    stored: { registration: RegistrationStatus; registrationSince: string | null },
    changes: ChangeCounter,
  ): boolean {
    const status = p.value.status ?? stored.registration;
    const same = status === stored.registration;
    const since = same ? stored.registrationSince : status === 'registered' ? null : (p.value.statusDate ?? this.today);
    if (!same) this.s.setRegistration.run(status, since, homeId);
    if (registrationBars(status)) {
      // Withdrawn on every import that still says so: a vacancy added in between goes too.
      const ids = withdrawHomeVacancies(this.db, homeId, barredRegistrationWords(status, since), this.now);
      if (ids.length > 0) changes.updated('vacancies', ids.length);
      this.withdrawn.push(...ids);
    }
    return same;
  }

  /** The organisation that owns a new home, found by name or added with the home's contact details (its grade is for agencies, so it starts ungraded). */
  private findOrCreateProvider(name: string, ownership: string, type: string, v: OfstedRow, changes: ChangeCounter): number {
    const known = this.providerByName.get(name.toLowerCase());
    if (known !== undefined) return known;
    const id = Number(this.s.insertProvider.run(name, ownership, type, null, 'not_yet_inspected', null, v.phone ?? '', v.email ?? '').lastInsertRowid);
    this.providerByName.set(name.toLowerCase(), id);
    changes.created('providers');
    return id;
  }

  /** An agency registered under its own URN (an IFA, or a supported accommodation provider). */
  private agency(p: PlannedRow, changes: ChangeCounter, ownership: string, type: string): number {
    const v = p.value;
    const existing = this.s.providerByUrn.get(v.urn) as
      { id: number; name: string; grade: string; gradeDate: string | null; phone: string; email: string } | undefined;
    if (existing) {
      const phone = v.phone ?? existing.phone;
      const email = v.email ?? existing.email;
      // A settings sheet names the setting, not the provider.
      const name = p.setting ? existing.name : (v.name ?? existing.name);
      const graded = this.grading(p, existing);
      const grade = graded.grade ?? existing.grade;
      if (
        existing.name === name &&
        existing.grade === grade &&
        existing.gradeDate === graded.gradeDate &&
        existing.phone === phone &&
        existing.email === email
      ) {
        changes.unchanged('providers');
      } else {
        this.s.updateProvider.run(name, grade, graded.gradeDate, phone, email, existing.id);
        changes.updated('providers');
      }
      return existing.id;
    }
    const name = p.setting ? (v.owner ?? v.name ?? this.placeholderName(p)) : (v.name ?? v.owner ?? this.placeholderName(p));
    const grade = p.reads.grades ? (v.grade ?? 'not_yet_inspected') : 'not_yet_inspected';
    const id = Number(
      this.s.insertProvider.run(name, ownership, type, v.urn, grade, p.reads.grades ? v.inspected : null, v.phone ?? '', v.email ?? '').lastInsertRowid,
    );
    changes.created('providers');
    return id;
  }

  /** A supported accommodation setting: its provider by URN, the setting by provider, name and postcode. */
  private supported(p: PlannedRow, changes: ChangeCounter): void {
    const v = p.value;
    const sector = v.sector ?? 'private';
    const providerId = this.agency(p, changes, sector, 'supported');
    const name = v.name ?? this.placeholderName(p);
    const existing = this.s.supportedHome.get(providerId, v.postcode, name) as
      | { id: number; name: string; active: number; registration: RegistrationStatus; registrationSince: string | null; places: number; kind: string }
      | undefined;
    if (existing) {
      const places = v.places ?? existing.places;
      const kind = p.supportedKind ?? existing.kind;
      const active = v.status === null ? existing.active : v.status === 'registered' ? 1 : 0;
      const registered = this.registration(p, existing.id, existing, changes);
      if (places === existing.places && kind === existing.kind && active === existing.active && registered) {
        changes.unchanged('homes');
        return;
      }
      this.s.updateSupported.run(places, kind, existing.id);
      this.s.setActive.run(active, existing.id);
      changes.updated('homes');
      return;
    }
    if (!p.council) return;
    const at = this.locate(v.postcode, v.town, p.council);
    const homeId = Number(
      this.s.insertHome.run(
        providerId,
        p.council.id,
        name,
        'supported',
        v.town ?? p.council.name,
        at.lat,
        at.lon,
        v.postcode,
        at.easting,
        at.northing,
        null,
        null,
        null,
        v.phone ?? '',
        v.status === null || v.status === 'registered' ? 1 : 0,
      ).lastInsertRowid,
    );
    this.s.insertSupported.run(homeId, p.supportedKind, v.places);
    this.registration(p, homeId, { registration: 'registered', registrationSince: null }, changes);
    changes.created('homes');
  }
}
