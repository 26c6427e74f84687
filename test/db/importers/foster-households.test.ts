import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOSTER_HOUSEHOLD_COLUMNS, importFosterHouseholds } from '../../../db/importers/foster-households';
import type { ImportOutcome } from '../../../db/importers/report';
import { writeXlsx } from '../../../db/importers/xlsx';
import { importStore, snapshot, type ImportStore } from './helpers';
import { fileOf } from './ssda903-generator';

let store: ImportStore;
beforeEach(() => {
  store = importStore();
  const db = store.db;
  const inHouse = Number(
    db.prepare("INSERT INTO providers (name, ownership, provider_type) VALUES ('Salford Fostering Service', 'in_house', 'in_house')").run().lastInsertRowid,
  );
  db.prepare("INSERT INTO providers (name, ownership, provider_type, ofsted_urn) VALUES ('Bright Futures Fostering', 'ifa', 'ifa', 'SC400001')").run();
  const hub = Number(
    db
      .prepare("INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon) VALUES (?, ?, 'Hub home', 'foster', 'Eccles', 53.48, -2.33)")
      .run(inHouse, store.councilId).lastInsertRowid,
  );
  db.prepare("INSERT INTO constellations (name, council_id, hub_home_id) VALUES ('Salford Mockingbird 1', ?, ?)").run(store.councilId, hub);
});
afterEach(() => store.remove());

type Household = Partial<Record<(typeof FOSTER_HOUSEHOLD_COLUMNS)[number], string>>;
const household = (over: Household): Household => ({
  'Household reference': 'FH-001',
  Provider: 'Salford Fostering Service',
  Council: 'Salford',
  'Household name': 'Shaw household',
  Town: 'Eccles',
  Postcode: 'M30 0AA',
  'Main carer': 'Sam Shaw',
  'Second carer': 'Alex Shaw',
  Phone: '0161 000 1111',
  Email: 'shaws@example.org',
  'Approved ages from': '0',
  'Approved ages to': '11',
  'Children approved for': '2',
  'Approved sex': 'Any',
  'Sibling groups': 'Yes',
  'Fee tier': '2',
  'Skills tier': '2',
  Specialisms: 'short_breaks; disability',
  Languages: 'English; Polish',
  Religion: 'Catholic',
  'Pets in home': 'Yes',
  'Wheelchair adapted': 'No',
  'Other children in the home': '14F; 9M',
  'Years approved': '6',
  Kinship: 'No',
  'Mockingbird constellation': 'Salford Mockingbird 1',
  Active: 'Yes',
  ...over,
});
const csvOf = (rows: Household[]) =>
  [FOSTER_HOUSEHOLD_COLUMNS.join(','), ...rows.map((r) => FOSTER_HOUSEHOLD_COLUMNS.map((c) => r[c] ?? '').join(','))].join('\n');
const run = (
  files: { fileName: string; bytes: Uint8Array }[],
  extra: { skipBadRows?: boolean; dryRun?: boolean; scopeCouncilId?: number | null } = {},
): ImportOutcome => importFosterHouseholds(store.db, files, { scopeCouncilId: null, skipBadRows: false, dryRun: false, ...extra });

describe('foster household list import', () => {
  it('adds households with their approval, skills and carers, and finds them again by reference', () => {
    const rows = [
      household({}),
      household({
        'Household reference': 'IFA-77',
        Provider: 'SC400001',
        'Household name': 'Khan household',
        Council: 'E08000010',
        'Second carer': '',
        'Approved sex': 'F',
        'Mockingbird constellation': '',
        'Other children in the home': '',
      }),
    ];
    const o = run([fileOf('households.csv', csvOf(rows))]);
    expect(o.errorCount, JSON.stringify(o.problems)).toBe(0);
    expect(o.changes).toEqual([{ record: 'foster households', created: 2, updated: 0, unchanged: 0 }]);
    const shaw = store.db
      .prepare(
        `SELECT h.name, h.kind, h.council_id AS councilId, h.external_ref AS ref, h.constellation_id IS NOT NULL AS inConstellation, f.approval_min_age AS minAge,
                f.approval_max_age AS maxAge, f.approval_max_children AS maxChildren, f.approval_sex AS sex, f.fee_tier AS fee, f.specialisms, f.languages,
                f.other_children AS others, f.pets, f.years_approved AS years
         FROM homes h JOIN foster_households f ON f.home_id = h.id WHERE h.external_ref = 'FH-001'`,
      )
      .get();
    expect(shaw).toEqual({
      name: 'Shaw household',
      kind: 'foster',
      councilId: store.councilId,
      ref: 'FH-001',
      inConstellation: 1,
      minAge: 0,
      maxAge: 11,
      maxChildren: 2,
      sex: null,
      fee: 2,
      specialisms: '["short_breaks","disability"]',
      languages: '["English","Polish"]',
      others: '[{"age":14,"sex":"F"},{"age":9,"sex":"M"}]',
      pets: 1,
      years: 6,
    });
    expect(
      store.db
        .prepare("SELECT c.name, c.is_main AS main FROM carers c JOIN homes h ON h.id = c.home_id WHERE h.external_ref = 'FH-001' ORDER BY c.is_main DESC")
        .all(),
    ).toEqual([
      { name: 'Sam Shaw', main: 1 },
      { name: 'Alex Shaw', main: 0 },
    ]);
    expect(store.db.prepare("SELECT council_id FROM homes WHERE external_ref = 'IFA-77'").pluck().get()).toBe(store.otherCouncilId);

    const before = snapshot(store.db);
    const again = run([fileOf('households.csv', csvOf(rows))]);
    expect(again.changes).toEqual([{ record: 'foster households', created: 0, updated: 0, unchanged: 2 }]);
    expect(snapshot(store.db)).toEqual(before);

    const changed = run([fileOf('households.csv', csvOf([household({ 'Children approved for': '3', 'Second carer': '' })]))]);
    expect(changed.changes).toEqual([{ record: 'foster households', created: 0, updated: 1, unchanged: 0 }]);
    expect(store.db.prepare("SELECT count(*) FROM carers c JOIN homes h ON h.id = c.home_id WHERE h.external_ref = 'FH-001'").pluck().get()).toBe(1);
  });

  it('reads the XLSX form of the template', () => {
    const bytes = writeXlsx([
      {
        name: 'Households',
        columns: FOSTER_HOUSEHOLD_COLUMNS.map((header) => ({ header })),
        rows: [FOSTER_HOUSEHOLD_COLUMNS.map((c) => household({})[c] ?? null)],
      },
    ]);
    const o = run([{ fileName: 'households.xlsx', bytes }]);
    expect(o.errorCount, JSON.stringify(o.problems)).toBe(0);
    expect(o.changes[0]!.created).toBe(1);
  });

  it('names each bad row; nothing is written unless bad rows are skipped', () => {
    const rows = [
      household({ 'Household reference': 'OK-1' }), // row 2
      household({ 'Household reference': 'B-1', Provider: 'Nobody Ltd' }), // row 3
      household({ 'Household reference': 'B-2', Council: 'Leeds' }), // row 4
      household({ 'Household reference': 'B-3', 'Approved ages from': '12', 'Approved ages to': '8' }), // row 5
      household({ 'Household reference': 'B-4', 'Fee tier': '7' }), // row 6
      household({ 'Household reference': 'B-5', Specialisms: 'juggling' }), // row 7
      household({ 'Household reference': 'B-6', 'Other children in the home': 'twelve' }), // row 8
      household({ 'Household reference': 'B-7', Email: 'not-an-email' }), // row 9
      household({ 'Household reference': 'B-8', 'Mockingbird constellation': 'Nowhere' }), // row 10
      household({ 'Household reference': 'OK-1' }), // row 11: duplicate reference
      household({ 'Household reference': 'B-9', Postcode: 'XYZ' }), // row 12
    ];
    const before = snapshot(store.db);
    const o = run([fileOf('households.csv', csvOf(rows))]);
    expect(o.imported).toBe(false);
    expect(snapshot(store.db)).toEqual(before);
    const at = (row: number) =>
      o.problems
        .filter((p) => p.row === row)
        .map((p) => `${p.column}: ${p.problem}`)
        .join(' | ');
    expect(at(3)).toMatch(/^Provider: No provider called \(or with URN\) 'Nobody Ltd'/);
    expect(at(4)).toMatch(/^Council: 'Leeds' is not one of the region's partner councils/);
    expect(at(5)).toMatch(/^Approved ages to: The age range ends \(8\) below where it starts \(12\)/);
    expect(at(6)).toMatch(/^Fee tier: 7 is outside the allowed range 1 to 4/);
    expect(at(7)).toMatch(/^Specialisms: 'juggling' is not a specialism/);
    expect(at(8)).toMatch(/^Other children in the home: 'twelve' is not an age and sex/);
    expect(at(9)).toMatch(/^Email: 'not-an-email' is not an e-mail address/);
    expect(at(10)).toMatch(/^Mockingbird constellation: There is no constellation called 'Nowhere'/);
    expect(at(11)).toMatch(/^Household reference: Household OK-1 of this provider is already on row 2/);
    expect(at(12)).toMatch(/^Postcode: "XYZ"/);

    const scoped = run([fileOf('households.csv', csvOf([household({ Council: 'Wigan' })]))], { scopeCouncilId: store.councilId });
    expect(scoped.problems[0]!.problem).toMatch(/Wigan is outside your council scope/);

    const skipped = run([fileOf('households.csv', csvOf(rows))], { skipBadRows: true });
    expect(skipped.imported).toBe(true);
    expect(skipped.rowsImported).toBe(1);
    expect(store.db.prepare('SELECT external_ref FROM homes WHERE external_ref IS NOT NULL').pluck().all()).toEqual(['OK-1']);
  });
});

describe('foster household list import and Mockingbird constellations', () => {
  const ids = () => {
    const db = store.db;
    const provider = db.prepare("SELECT id FROM providers WHERE name = 'Salford Fostering Service'").pluck().get() as number;
    const constellation = db.prepare("SELECT id FROM constellations WHERE name = 'Salford Mockingbird 1'").pluck().get() as number;
    return { provider, constellation };
  };
  const satellitesOf = (name: string) =>
    store.db
      .prepare('SELECT count(*) FROM homes h JOIN constellations c ON h.constellation_id = c.id WHERE c.name = ? AND h.active = 1 AND h.id <> c.hub_home_id')
      .pluck()
      .get(name) as number;
  /** Satellite households already in the first constellation, each importable by its reference SAT-n. */
  const addSatellites = (n: number) => {
    const { provider, constellation } = ids();
    const insert = store.db.prepare(
      "INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon, constellation_id, external_ref) VALUES (?, ?, ?, 'foster', 'Eccles', 53.48, -2.33, ?, ?)",
    );
    for (let i = 1; i <= n; i++) insert.run(provider, store.councilId, `Satellite ${i}`, constellation, `SAT-${i}`);
  };
  const joining = (ref: string) => household({ 'Household reference': ref, 'Household name': `${ref} household` });
  const at = (o: ImportOutcome, row: number) =>
    o.problems
      .filter((p) => p.row === row)
      .map((p) => `${p.column}: ${p.problem}`)
      .join(' | ');

  beforeEach(() => {
    const { provider, constellation } = ids();
    // The hub is importable by its reference, and a second constellation has a hub of its own.
    store.db.prepare("UPDATE homes SET external_ref = 'HUB-1', constellation_id = ? WHERE name = 'Hub home'").run(constellation);
    const hub2 = Number(
      store.db
        .prepare(
          "INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon, external_ref) VALUES (?, ?, 'Second hub', 'foster', 'Swinton', 53.5, -2.34, 'HUB-2')",
        )
        .run(provider, store.councilId).lastInsertRowid,
    );
    const c2 = Number(
      store.db.prepare("INSERT INTO constellations (name, council_id, hub_home_id) VALUES ('Salford Mockingbird 2', ?, ?)").run(store.councilId, hub2)
        .lastInsertRowid,
    );
    store.db.prepare('UPDATE homes SET constellation_id = ? WHERE id = ?').run(c2, hub2);
  });

  it("records a family and friends household's named child and what carers are approved for; blank cells keep what is recorded", () => {
    const db = store.db;
    db.prepare(
      "INSERT INTO children (ref, first_name, birth_date, sex, council_id, place_label) VALUES ('SAL-0042', 'Jo', '2016-02-02', 'F', ?, 'Eccles')",
    ).run(store.councilId);
    const kin = { Kinship: 'Yes', 'Mockingbird constellation': '', Specialisms: '' };
    const bad = run([
      fileOf(
        'households.csv',
        csvOf([
          household({ ...kin, 'Household reference': 'K-1', 'Named child': 'SAL-9999' }), // row 2
          household({ 'Household reference': 'M-1', 'Mockingbird constellation': '', 'Named child': 'SAL-0042' }), // row 3: not kinship
          household({ 'Household reference': 'M-2', 'Mockingbird constellation': '', 'Approved for': 'forever' }), // row 4
        ]),
      ),
    ]);
    expect(bad.imported).toBe(false);
    expect(bad.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'Named child'],
      [3, 'Named child'],
      [4, 'Approved for'],
    ]);
    expect(bad.problems[0]!.problem).toBe("There is no child with the reference 'SAL-9999'");
    expect(bad.problems[1]!.problem).toMatch(/Only a family and friends \(Kinship\) household is approved for a named child/);

    const good = run([
      fileOf(
        'households.csv',
        csvOf([
          household({ ...kin, 'Household reference': 'K-1', 'Named child': 'SAL-0042', 'Approved for': 'short_term; long_term' }),
          household({ 'Household reference': 'SB-1', 'Mockingbird constellation': '', 'Approved for': 'short_breaks' }),
        ]),
      ),
    ]);
    expect(good.errorCount, JSON.stringify(good.problems)).toBe(0);
    const approval = (ref: string) =>
      db
        .prepare(
          'SELECT h.approved_purposes AS purposes, c.ref AS named FROM homes h LEFT JOIN children c ON c.id = h.connected_child_id WHERE h.external_ref = ?',
        )
        .get(ref);
    expect(approval('K-1')).toEqual({ purposes: '["short_term","long_term"]', named: 'SAL-0042' });
    expect(approval('SB-1')).toEqual({ purposes: '["short_breaks"]', named: null });

    // The same list without the two columns changes nothing; Kinship set to No clears the named child.
    run([fileOf('households.csv', csvOf([household({ ...kin, 'Household reference': 'K-1' })]))]);
    expect(approval('K-1')).toEqual({ purposes: '["short_term","long_term"]', named: 'SAL-0042' });
    run([fileOf('households.csv', csvOf([household({ ...kin, Kinship: 'No', 'Household reference': 'K-1' })]))]);
    expect(approval('K-1')).toEqual({ purposes: '["short_term","long_term"]', named: null });
  });

  it('refuses a blank constellation for a hub home, which would take the hub out of its own constellation', () => {
    const before = snapshot(store.db);
    const o = run([
      fileOf('households.csv', csvOf([household({ 'Household reference': 'HUB-1', 'Household name': 'Hub home', 'Mockingbird constellation': '' })])),
    ]);
    expect(o.imported).toBe(false);
    expect(at(o, 2)).toMatch(/^Mockingbird constellation: Hub home is the hub of Salford Mockingbird 1, so this cell must say 'Salford Mockingbird 1'/);
    expect(snapshot(store.db)).toEqual(before);
    expect(store.db.prepare("SELECT constellation_id FROM homes WHERE external_ref = 'HUB-1'").pluck().get()).toBe(ids().constellation);

    const same = run([
      fileOf(
        'households.csv',
        csvOf([household({ 'Household reference': 'HUB-1', 'Household name': 'Hub home', 'Mockingbird constellation': 'salford mockingbird 1' })]),
      ),
    ]);
    expect(same.errorCount, JSON.stringify(same.problems)).toBe(0);
    expect(same.imported).toBe(true);
  });

  it('refuses to move a hub home into another constellation', () => {
    const before = snapshot(store.db);
    const o = run([
      fileOf(
        'households.csv',
        csvOf([household({ 'Household reference': 'HUB-2', 'Household name': 'Second hub', 'Mockingbird constellation': 'Salford Mockingbird 1' })]),
      ),
    ]);
    expect(o.imported).toBe(false);
    expect(at(o, 2)).toMatch(
      /^Mockingbird constellation: Second hub is the hub of Salford Mockingbird 2 and cannot move to Salford Mockingbird 1; make another household the hub/,
    );
    expect(snapshot(store.db)).toEqual(before);
  });

  it('keeps a constellation to at most 10 satellite households, as constellation management does', () => {
    addSatellites(9);
    const before = snapshot(store.db);
    const o = run([fileOf('households.csv', csvOf([joining('NEW-1'), joining('NEW-2')]))]);
    expect(o.imported).toBe(false);
    expect(at(o, 2)).toBe('');
    expect(at(o, 3)).toMatch(/^Mockingbird constellation: Salford Mockingbird 1 already has 10 satellite households .*at most 10/);
    expect(snapshot(store.db)).toEqual(before);

    // Skipping bad rows lets the tenth in and leaves the eleventh out.
    const skipped = run([fileOf('households.csv', csvOf([joining('NEW-1'), joining('NEW-2')]))], { skipBadRows: true });
    expect(skipped.rowsImported).toBe(1);
    expect(satellitesOf('Salford Mockingbird 1')).toBe(10);

    // A household moving to the other constellation frees a place, wherever its row is in the file.
    const swap = run([
      fileOf(
        'households.csv',
        csvOf([
          joining('NEW-2'),
          household({ 'Household reference': 'SAT-1', 'Household name': 'Satellite 1', 'Mockingbird constellation': 'Salford Mockingbird 2' }),
        ]),
      ),
    ]);
    expect(swap.errorCount, JSON.stringify(swap.problems)).toBe(0);
    expect(satellitesOf('Salford Mockingbird 1')).toBe(10);
    expect(satellitesOf('Salford Mockingbird 2')).toBe(1);

    // A household leaving by being marked inactive frees one too; a reactivated one takes one.
    const leave = run([
      fileOf('households.csv', csvOf([joining('NEW-3'), household({ 'Household reference': 'SAT-2', 'Household name': 'Satellite 2', Active: 'No' })])),
    ]);
    expect(leave.errorCount, JSON.stringify(leave.problems)).toBe(0);
    const back = run([fileOf('households.csv', csvOf([household({ 'Household reference': 'SAT-2', 'Household name': 'Satellite 2', Active: 'Yes' })]))]);
    expect(at(back, 2)).toMatch(/already has 10 satellite households/);
    expect(satellitesOf('Salford Mockingbird 1')).toBe(10);
  });
});
