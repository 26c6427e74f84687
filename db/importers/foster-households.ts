import { z } from 'zod';
import type { WritableDB } from '../handle';
import { MAX_SATELLITES } from '../../shared/contract/constellation';
import { SPECIALISMS } from '../../shared/scoring/types';
import { APPROVAL_PURPOSES } from '../../shared/domain/purposes';
import { hasColumn } from './csv';
import { readTables, type ImportFile } from './files';
import { councilLookup, locator, type CouncilPlace } from './locate';
import { ProgressTicker } from './progress';
import { ProblemLog, type ChangeCounter, type ImportedFile, type ImportOutcome } from './report';
import { finishImport, type ImportOptions } from './run';
import { columnPositions, rowRecord } from './table';
import { intCell, issuesByColumn, listCell, optionCell, postcodeCell, textCell, yesNoCell } from './values';

/**
 * A council's or agency's list of approved foster households (our own template, CSV or XLSX): one
 * row per household, keyed by the provider's own household reference, into homes of kind 'foster',
 * their approval and skills (foster_households) and their carers.
 */
export const FOSTER_HOUSEHOLD_COLUMNS = [
  'Household reference',
  'Provider',
  'Council',
  'Household name',
  'Town',
  'Postcode',
  'Main carer',
  'Second carer',
  'Phone',
  'Email',
  'Approved ages from',
  'Approved ages to',
  'Children approved for',
  'Approved sex',
  'Sibling groups',
  'Fee tier',
  'Skills tier',
  'Specialisms',
  'Languages',
  'Religion',
  'Pets in home',
  'Wheelchair adapted',
  'Other children in the home',
  'Years approved',
  'Kinship',
  'Mockingbird constellation',
  'Active',
  // Placement purpose and connected-person carers (issue 13, points 3 and 4); optional, and a blank
  // cell or a file without the column leaves what is recorded as it is.
  'Approved for',
  'Named child',
] as const;
type Column = (typeof FOSTER_HOUSEHOLD_COLUMNS)[number];
const REQUIRED_COLUMNS: Column[] = [
  'Household reference',
  'Provider',
  'Council',
  'Household name',
  'Main carer',
  'Approved ages from',
  'Approved ages to',
  'Children approved for',
  'Fee tier',
  'Skills tier',
];

/** Other children living in the home: age and sex, e.g. "12F; 8M". */
const otherChildrenCell = z.string().transform((raw, ctx) => {
  if (raw === '') return [];
  const out: { age: number; sex: 'F' | 'M' }[] = [];
  for (const item of raw
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2})\s*([FM])$/i.exec(item);
    if (!m || Number(m[1]) > 30) {
      ctx.addIssue({ code: 'custom', message: `'${item}' is not an age and sex such as 12F or 8M` });
      return z.NEVER;
    }
    out.push({ age: Number(m[1]), sex: m[2]!.toUpperCase() as 'F' | 'M' });
  }
  return out.sort((a, b) => b.age - a.age);
});

const sexCell = z.string().transform((raw, ctx): 'F' | 'M' | null => {
  const key = raw.toLowerCase();
  if (key === '' || key === 'any' || key === 'either') return null;
  if (key === 'f' || key === 'female' || key === 'girls') return 'F';
  if (key === 'm' || key === 'male' || key === 'boys') return 'M';
  ctx.addIssue({ code: 'custom', message: `'${raw}' is not an approved sex (expected Any, F or M)` });
  return z.NEVER;
});

const householdRow = z
  .object({
    'Household reference': textCell({ required: true, max: 40 }),
    Provider: textCell({ required: true, max: 200 }),
    Council: textCell({ required: true, max: 100 }),
    'Household name': textCell({ required: true, max: 200 }),
    Town: textCell({ max: 100 }),
    Postcode: postcodeCell(),
    'Main carer': textCell({ required: true, max: 100 }),
    'Second carer': textCell({ max: 100 }),
    Phone: textCell({ max: 40 }),
    Email: z.string().transform((raw, ctx) => {
      if (raw === '') return '';
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) || raw.length > 200) {
        ctx.addIssue({ code: 'custom', message: `'${raw}' is not an e-mail address` });
        return z.NEVER;
      }
      return raw;
    }),
    'Approved ages from': intCell(0, 17, { required: true }),
    'Approved ages to': intCell(0, 21, { required: true }),
    'Children approved for': intCell(1, 6, { required: true }),
    'Approved sex': sexCell,
    'Sibling groups': yesNoCell(),
    'Fee tier': intCell(1, 4, { required: true }),
    'Skills tier': intCell(1, 3, { required: true }),
    Specialisms: listCell(SPECIALISMS, 'a specialism'),
    Languages: listCell(null, 'a language'),
    Religion: textCell({ max: 60 }),
    'Pets in home': yesNoCell(),
    'Wheelchair adapted': yesNoCell(),
    'Other children in the home': otherChildrenCell,
    'Years approved': intCell(0, 60),
    Kinship: yesNoCell(),
    'Mockingbird constellation': textCell({ max: 200 }),
    Active: optionCell(['Yes', 'No', 'Y', 'N'], 'Yes or No'),
    'Approved for': listCell(APPROVAL_PURPOSES, 'an approval purpose'),
    'Named child': textCell({ max: 40 }),
  })
  .superRefine((row, ctx) => {
    if (row['Approved ages to'] !== null && row['Approved ages from'] !== null && row['Approved ages to'] < row['Approved ages from']) {
      ctx.addIssue({
        code: 'custom',
        path: ['Approved ages to'],
        message: `The age range ends (${row['Approved ages to']}) below where it starts (${row['Approved ages from']})`,
      });
    }
    if (row['Named child'] !== null && row.Kinship !== true) {
      ctx.addIssue({
        code: 'custom',
        path: ['Named child'],
        message: 'Only a family and friends (Kinship) household is approved for a named child: set Kinship to Yes or leave this blank',
      });
    }
  });
type HouseholdRow = z.output<typeof householdRow>;

export interface FosterHouseholdImportOptions extends ImportOptions {
  /** A council-scoped user may import only their council's households; null for the whole region. */
  scopeCouncilId: number | null;
}

interface Planned {
  file: string;
  row: number;
  providerId: number;
  council: CouncilPlace;
  constellationId: number | null;
  /** The connected-person carer's named child, when the row names one. */
  namedChildId: number | null;
  value: HouseholdRow;
}

const isHeader = (cells: string[]) => hasColumn(cells, 'Household reference');

export function importFosterHouseholds(db: WritableDB, files: ImportFile[], options: FosterHouseholdImportOptions): ImportOutcome {
  const log = new ProblemLog();
  const described: ImportedFile[] = [];
  const council = councilLookup(db);
  const providers = db.prepare('SELECT id, name, ofsted_urn AS urn FROM providers').all() as { id: number; name: string; urn: string | null }[];
  const providerByKey = new Map<string, number[]>();
  for (const p of providers) {
    for (const key of [p.name.toLowerCase(), p.urn?.toLowerCase()]) {
      if (key) providerByKey.set(key, [...(providerByKey.get(key) ?? []), p.id]);
    }
  }
  const constellations = new Map(
    (db.prepare('SELECT id, name FROM constellations').all() as { id: number; name: string }[]).map((c) => [c.name.toLowerCase(), c.id]),
  );
  const otherKind = db.prepare("SELECT kind FROM homes WHERE provider_id = ? AND external_ref = ? AND kind <> 'foster'").pluck();
  const childByRef = db.prepare('SELECT id, council_id AS councilId FROM children WHERE ref = ?');

  let rowsRead = 0;
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  const reading = new ProgressTicker(options.onProgress, 'reading', files.length);
  const tables = [];
  for (const file of files) {
    const read = readTables(file, log, { accept: ['csv', 'xlsx'], isHeader });
    reading.tick();
    if (!read) continue;
    for (const t of read.tables) {
      const absent = REQUIRED_COLUMNS.filter((h) => !hasColumn(t.headers, h));
      if (absent.length > 0) {
        log.add({
          file: t.source,
          row: null,
          column: absent.join(', '),
          problem: `This is not the foster household template: it has no ${absent.join(', ')} column${absent.length > 1 ? 's' : ''}.`,
          severity: 'error',
        });
        continue;
      }
      tables.push(t);
      rowsRead += t.rows.length;
      described.push({ fileName: t.source, format: read.format, content: 'Foster household list', rows: t.rows.length });
    }
  }
  reading.finish();

  const checking = new ProgressTicker(options.onProgress, 'checking', rowsRead);
  for (const table of tables) {
    const positions = columnPositions(table.headers, FOSTER_HOUSEHOLD_COLUMNS);
    for (const r of table.rows) {
      checking.tick();
      const parsed = householdRow.safeParse(rowRecord(r.cells, positions));
      if (!parsed.success) {
        for (const { column, message } of issuesByColumn(parsed.error)) log.error(table.source, r.row, column, message);
        continue;
      }
      const v = parsed.data;
      const ids = providerByKey.get(v.Provider!.toLowerCase()) ?? [];
      if (ids.length !== 1) {
        log.error(
          table.source,
          r.row,
          'Provider',
          ids.length === 0
            ? `No provider called (or with URN) '${v.Provider}' is in the app; add it or import the Ofsted list first`
            : `Several providers are called '${v.Provider}'; give the provider's Ofsted URN instead`,
        );
      }
      const at = council(v.Council!);
      if (!at) log.error(table.source, r.row, 'Council', `'${v.Council}' is not one of the region's partner councils (give its name or ONS code)`);
      else if (options.scopeCouncilId !== null && at.id !== options.scopeCouncilId)
        log.error(table.source, r.row, 'Council', `${at.name} is outside your council scope`);
      let constellationId: number | null = null;
      if (v['Mockingbird constellation'] !== null) {
        constellationId = constellations.get(v['Mockingbird constellation'].toLowerCase()) ?? null;
        if (constellationId === null)
          log.error(table.source, r.row, 'Mockingbird constellation', `There is no constellation called '${v['Mockingbird constellation']}'`);
      }
      if (ids.length === 1) {
        const key = `${ids[0]}\u0000${v['Household reference']!.toLowerCase()}`;
        const first = seen.get(key);
        if (first !== undefined)
          log.error(table.source, r.row, 'Household reference', `Household ${v['Household reference']} of this provider is already on row ${first}`);
        else seen.set(key, r.row);
        if (otherKind.get(ids[0], v['Household reference']) !== undefined)
          log.error(
            table.source,
            r.row,
            'Household reference',
            `${v['Household reference']} is the reference of a home of this provider that is not a foster household`,
          );
      }
      let namedChildId: number | null = null;
      if (v['Named child'] !== null) {
        const named = childByRef.get(v['Named child']) as { id: number; councilId: number } | undefined;
        if (!named) log.error(table.source, r.row, 'Named child', `There is no child with the reference '${v['Named child']}'`);
        else if (options.scopeCouncilId !== null && named.councilId !== options.scopeCouncilId)
          log.error(table.source, r.row, 'Named child', `Child ${v['Named child']} belongs to a council outside your scope`);
        else namedChildId = named.id;
      }
      if (log.rowHasErrors(table.source, r.row)) continue;
      planned.push({ file: table.source, row: r.row, providerId: ids[0]!, council: at!, constellationId, namedChildId, value: v });
    }
  }
  checking.finish();
  const accepted = checkConstellationMembership(db, planned, log);

  return finishImport(db, options, {
    kind: 'fosterHouseholds',
    files: described,
    log,
    rowsRead,
    write: (changes) => {
      const writer = new HouseholdWriter(db);
      const writing = new ProgressTicker(options.onProgress, 'writing', accepted.length);
      for (const p of accepted) {
        writer.upsert(p, changes);
        writing.tick();
      }
      writing.finish();
    },
  });
}

const isActive = (v: HouseholdRow) => v.Active === null || /^y/i.test(v.Active);

/**
 * Holds the rows to the rules constellation management enforces, since matching reads a home's
 * constellation link for its Mockingbird credit: a hub stays in its own constellation (a blank cell
 * would leave it the hub of a constellation it is no longer in), and no hub gets more than
 * MAX_SATELLITES active satellites. Households leaving a constellation free their places first,
 * wherever their rows are; joins are let in while there is room. Returns the rows that pass.
 */
function checkConstellationMembership(db: WritableDB, planned: Planned[], log: ProblemLog): Planned[] {
  const COLUMN = 'Mockingbird constellation';
  const names = new Map((db.prepare('SELECT id, name FROM constellations').all() as { id: number; name: string }[]).map((c) => [c.id, c.name]));
  const satellites = new Map(
    (
      db
        .prepare(
          `SELECT c.id, count(h.id) AS n FROM constellations c
           LEFT JOIN homes h ON h.constellation_id = c.id AND h.active = 1 AND h.id <> c.hub_home_id GROUP BY c.id`,
        )
        .all() as { id: number; n: number }[]
    ).map((c) => [c.id, c.n]),
  );
  const home = db.prepare(
    `SELECT h.name, h.constellation_id AS constellationId, h.active, c.id AS hubOf, c.name AS hubOfName
     FROM homes h LEFT JOIN constellations c ON c.hub_home_id = h.id WHERE h.provider_id = ? AND h.external_ref = ? AND h.kind = 'foster'`,
  );

  /** A row's move in satellite terms: the constellation it counts in now and after the import (null: none). */
  const moves: { p: Planned; from: number | null; to: number | null }[] = [];
  for (const p of planned) {
    const existing = home.get(p.providerId, p.value['Household reference']) as
      { name: string; constellationId: number | null; active: number; hubOf: number | null; hubOfName: string | null } | undefined;
    if (existing && existing.hubOf !== null) {
      if (p.constellationId !== existing.hubOf) {
        const hub = existing.hubOfName!;
        log.error(
          p.file,
          p.row,
          COLUMN,
          p.constellationId === null
            ? `${existing.name} is the hub of ${hub}, so this cell must say '${hub}': left blank, the hub would lose its place in its own constellation. To change the hub, use the Constellations screen first.`
            : `${existing.name} is the hub of ${hub} and cannot move to ${names.get(p.constellationId) ?? 'another constellation'}; make another household the hub of ${hub} on the Constellations screen first.`,
        );
      }
      continue; // A hub is not one of its constellation's satellites.
    }
    const from = existing && existing.active === 1 ? existing.constellationId : null;
    const to = isActive(p.value) ? p.constellationId : null;
    if (from !== to) moves.push({ p, from, to });
  }

  for (const m of moves) if (m.from !== null && m.to === null) satellites.set(m.from, satellites.get(m.from)! - 1);
  // Joins in file order, again and again while one is let in: a household moving between two
  // constellations frees its old place only once its own join fits, wherever its row is.
  let waiting = moves.filter((m) => m.to !== null);
  for (let progress = true; progress;) {
    progress = false;
    waiting = waiting.filter((m) => {
      const count = satellites.get(m.to!)!;
      if (count >= MAX_SATELLITES) return true;
      satellites.set(m.to!, count + 1);
      if (m.from !== null) satellites.set(m.from, satellites.get(m.from)! - 1);
      progress = true;
      return false;
    });
  }
  for (const m of waiting) {
    log.error(
      m.p.file,
      m.p.row,
      COLUMN,
      `${names.get(m.to!)} already has ${MAX_SATELLITES} satellite households (counting this file's other changes), and a Mockingbird hub supports at most ${MAX_SATELLITES}. Move a household out of it first, or leave this cell blank.`,
    );
  }
  return planned.filter((p) => !log.rowHasErrors(p.file, p.row));
}

class HouseholdWriter {
  private readonly locate;
  private readonly s;

  constructor(db: WritableDB) {
    this.locate = locator(db);
    this.s = {
      home: db.prepare(
        "SELECT id, council_id AS councilId, name, place_label AS placeLabel, postcode, phone, constellation_id AS constellationId, active FROM homes WHERE provider_id = ? AND external_ref = ? AND kind = 'foster'",
      ),
      insertHome: db.prepare(
        `INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon, postcode, easting, northing, phone, constellation_id, active, external_ref)
         VALUES (?, ?, ?, 'foster', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateHome: db.prepare(
        'UPDATE homes SET council_id = ?, name = ?, place_label = ?, lat = ?, lon = ?, postcode = ?, easting = ?, northing = ?, phone = ?, constellation_id = ?, active = ? WHERE id = ?',
      ),
      household: db.prepare('SELECT * FROM foster_households WHERE home_id = ?'),
      upsertHousehold: db.prepare(
        `INSERT INTO foster_households (home_id, approval_min_age, approval_max_age, approval_max_children, approval_sex, approval_siblings, fee_tier,
           skills_tier, specialisms, languages, religion, pets, wheelchair_adapted, other_children, years_approved, kinship)
         VALUES (@home_id, @approval_min_age, @approval_max_age, @approval_max_children, @approval_sex, @approval_siblings, @fee_tier,
           @skills_tier, @specialisms, @languages, @religion, @pets, @wheelchair_adapted, @other_children, @years_approved, @kinship)
         ON CONFLICT(home_id) DO UPDATE SET approval_min_age = excluded.approval_min_age, approval_max_age = excluded.approval_max_age,
           approval_max_children = excluded.approval_max_children, approval_sex = excluded.approval_sex, approval_siblings = excluded.approval_siblings,
           fee_tier = excluded.fee_tier, skills_tier = excluded.skills_tier, specialisms = excluded.specialisms, languages = excluded.languages,
           religion = excluded.religion, pets = excluded.pets, wheelchair_adapted = excluded.wheelchair_adapted, other_children = excluded.other_children,
           years_approved = excluded.years_approved, kinship = excluded.kinship`,
      ),
      carers: db.prepare('SELECT name, phone, email, is_main AS isMain FROM carers WHERE home_id = ? ORDER BY is_main DESC, id'),
      deleteCarers: db.prepare('DELETE FROM carers WHERE home_id = ?'),
      insertCarer: db.prepare('INSERT INTO carers (home_id, name, phone, email, is_main) VALUES (?, ?, ?, ?, ?)'),
      approval: db.prepare('SELECT approved_purposes AS purposes, connected_child_id AS namedChildId FROM homes WHERE id = ?'),
      setApproval: db.prepare('UPDATE homes SET approved_purposes = ?, connected_child_id = ? WHERE id = ?'),
    };
  }

  upsert(p: Planned, changes: ChangeCounter): void {
    const v = p.value;
    const ref = v['Household reference']!;
    const existing = this.s.home.get(p.providerId, ref) as
      | {
          id: number;
          councilId: number;
          name: string;
          placeLabel: string;
          postcode: string | null;
          phone: string;
          constellationId: number | null;
          active: number;
        }
      | undefined;
    const placeLabel = v.Town ?? p.council.name;
    const active = isActive(v) ? 1 : 0;
    const phone = v.Phone ?? '';
    let homeId: number;
    let changed = false;
    if (!existing) {
      const at = this.locate(v.Postcode, v.Town, p.council);
      homeId = Number(
        this.s.insertHome.run(
          p.providerId,
          p.council.id,
          v['Household name'],
          placeLabel,
          at.lat,
          at.lon,
          v.Postcode,
          at.easting,
          at.northing,
          phone,
          p.constellationId,
          active,
          ref,
        ).lastInsertRowid,
      );
    } else {
      homeId = existing.id;
      const same =
        existing.councilId === p.council.id &&
        existing.name === v['Household name'] &&
        existing.placeLabel === placeLabel &&
        existing.postcode === v.Postcode &&
        existing.phone === phone &&
        existing.constellationId === p.constellationId &&
        existing.active === active;
      if (!same) {
        const at = this.locate(v.Postcode, v.Town, p.council);
        this.s.updateHome.run(
          p.council.id,
          v['Household name'],
          placeLabel,
          at.lat,
          at.lon,
          v.Postcode,
          at.easting,
          at.northing,
          phone,
          p.constellationId,
          active,
          homeId,
        );
        changed = true;
      }
    }
    const household = {
      home_id: homeId,
      approval_min_age: v['Approved ages from'],
      approval_max_age: v['Approved ages to'],
      approval_max_children: v['Children approved for'],
      approval_sex: v['Approved sex'],
      approval_siblings: v['Sibling groups'] === false ? 0 : 1,
      fee_tier: v['Fee tier'],
      skills_tier: v['Skills tier'],
      specialisms: JSON.stringify(v.Specialisms),
      languages: JSON.stringify(v.Languages.length > 0 ? v.Languages : ['English']),
      religion: v.Religion ?? '',
      pets: v['Pets in home'] ? 1 : 0,
      wheelchair_adapted: v['Wheelchair adapted'] ? 1 : 0,
      other_children: JSON.stringify(v['Other children in the home']),
      years_approved: v['Years approved'] ?? 0,
      kinship: v.Kinship ? 1 : 0,
    };
    const stored = this.s.household.get(homeId) as Record<string, unknown> | undefined;
    if (!stored || Object.entries(household).some(([k, x]) => stored[k] !== x)) {
      this.s.upsertHousehold.run(household);
      changed = true;
    }
    const carers = [{ name: v['Main carer']!, isMain: 1 }, ...(v['Second carer'] ? [{ name: v['Second carer'], isMain: 0 }] : [])].map((c) => ({
      ...c,
      phone,
      email: v.Email,
    }));
    const storedCarers = this.s.carers.all(homeId) as { name: string; phone: string; email: string; isMain: number }[];
    if (JSON.stringify(storedCarers) !== JSON.stringify(carers.map((c) => ({ name: c.name, phone: c.phone, email: c.email, isMain: c.isMain })))) {
      this.s.deleteCarers.run(homeId);
      for (const c of carers) this.s.insertCarer.run(homeId, c.name, c.phone, c.email, c.isMain);
      changed = true;
    }
    // What the carers are approved for and whom (blank cells keep what is recorded); a household no
    // longer recorded as kinship has no named child.
    const approval = this.s.approval.get(homeId) as { purposes: string; namedChildId: number | null };
    const purposes = v['Approved for'].length > 0 ? JSON.stringify(APPROVAL_PURPOSES.filter((x) => v['Approved for'].includes(x))) : approval.purposes;
    const namedChildId = !v.Kinship ? null : (p.namedChildId ?? approval.namedChildId);
    if (purposes !== approval.purposes || namedChildId !== approval.namedChildId) {
      this.s.setApproval.run(purposes, namedChildId, homeId);
      changed = true;
    }
    if (!existing) changes.created('foster households');
    else if (changed) changes.updated('foster households');
    else changes.unchanged('foster households');
  }
}
