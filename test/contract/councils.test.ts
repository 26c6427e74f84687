import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../db/importers/xlsx';
import type { ImportResultView } from '../../shared/contract/data';
import type { CouncilView } from '../../shared/contract/region';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, type Client, type Transport, inProcess, overHttp } from '../helpers/transports';

/**
 * An administrator sets up the partner councils of a real (empty) store: one at a time through the
 * form's methods, or from a list. Council names and codes are public facts (DfE and ONS), not data
 * about anyone.
 */

const ADMIN = { username: 'setup.admin', displayName: 'Set-up Administrator', password: 'a long enough password' };
const csvFile = (fileName: string, text: string) => ({ fileName, contentBase64: Buffer.from(text, 'utf8').toString('base64') });
const LIST_HEADER = 'Council,DfE LA code,ONS code,Centre';

describe.each([inProcess, overHttp])('partner councils over the $name', (transport: Transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;
  let admin: Client;
  const count = (sql: string, ...params: unknown[]) =>
    store.db
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  const councilRows = () => store.db.prepare('SELECT name, dfe_code, ons_code, centre_label, lat, lon FROM councils ORDER BY id').all();
  const audits = (action: string) => count("SELECT count(*) FROM audit_log WHERE record_type = 'council' AND action = ? AND outcome = 'ok'", action);

  beforeAll(async () => {
    store = tempStore({ kind: 'real' });
    running = await transport.start(testBackend(store.db, testClock().now));
    admin = await running.newClient();
    expectOk(await admin.call('auth.createFirstAdmin', ADMIN));
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  it('a real store starts with no councils; the administrator adds one placed from a gazetteer town, and it is audited', async () => {
    expect(expectOk<CouncilView[]>(await admin.call('region.councils'))).toEqual([]);
    const created = expectOk<CouncilView>(
      await admin.call('councils.create', { name: ' Manchester ', dfeCode: '352', onsCode: 'e08 000003', centre: 'manchester' }),
    );
    expect(created).toMatchObject({ name: 'Manchester', dfeCode: '352', onsCode: 'E08000003', centreLabel: 'Manchester' });
    expect(created.lat).toBeCloseTo(53.481, 2);
    expect(created.lon).toBeCloseTo(-2.237, 2);
    expect(expectOk<CouncilView[]>(await admin.call('region.councils'))).toEqual([created]);
    const entry = store.db
      .prepare("SELECT username, role, method, action, record_id AS recordId FROM audit_log WHERE record_type = 'council' ORDER BY id DESC LIMIT 1")
      .get();
    expect(entry).toEqual({ username: ADMIN.username, role: 'administrator', method: 'councils.create', action: 'create', recordId: String(created.id) });
    // Its own fostering service comes with it, so its in-house foster households can be imported.
    const service = store.db
      .prepare("SELECT id, ownership, provider_type AS type FROM providers WHERE name = 'Manchester Council Fostering Service'")
      .get() as { id: number };
    expect(service).toMatchObject({ ownership: 'in_house', type: 'in_house' });
    expect(count("SELECT count(*) FROM audit_log WHERE record_type = 'provider' AND action = 'create' AND record_id = ?", String(service.id))).toBe(1);
  });

  it('a postcode centre is placed from the imported postcode directory; one the directory lacks is refused in words', async () => {
    const missing = expectError(
      await admin.call('councils.create', { name: 'Salford', dfeCode: '355', onsCode: 'E08000006', centre: 'M27 5AW' }),
      'BAD_INPUT',
      'centre',
    );
    expect(missing.message).toMatch(/M27 5AW cannot be placed: no postcode directory has been imported yet/);
    // One directory row, as an ONS Postcode Directory import would leave it.
    store.db
      .prepare("INSERT INTO postcodes (postcode, easting, northing, lat, lon, la_code) VALUES ('M27 5AW', 376030, 400350, 53.5112, -2.3589, 'E08000006')")
      .run();
    const salford = expectOk<CouncilView>(await admin.call('councils.create', { name: 'Salford', dfeCode: '355', onsCode: 'E08000006', centre: 'm275aw' }));
    expect(salford).toMatchObject({ centreLabel: 'M27 5AW', lat: 53.5112, lon: -2.3589 });
  });

  it('bad input is BAD_INPUT naming the field in its own words, and nothing is written', async () => {
    const before = councilRows();
    const good = { name: 'Wigan', dfeCode: '359', onsCode: 'E08000010', centre: 'Wigan' };
    const cases: [Partial<typeof good>, string, RegExp][] = [
      [{ dfeCode: '35' }, 'dfeCode', /has 2 digits; a DfE LA code has exactly three/],
      [{ dfeCode: '3520' }, 'dfeCode', /has 4 digits/],
      [{ dfeCode: 'ABC' }, 'dfeCode', /is not a DfE LA code: it is three digits/],
      [{ dfeCode: '' }, 'dfeCode', /Enter the DfE LA code/],
      [{ onsCode: 'E07000117' }, 'onsCode', /district council's ONS code/],
      [{ onsCode: 'W06000015' }, 'onsCode', /not an ONS code of an English council with children's services/],
      [{ name: ' ' }, 'name', /Enter the council's name/],
      [{ name: 'x'.repeat(101) }, 'name', /at most 100 characters/],
      [{ centre: '' }, 'centre', /Give the council's centre/],
      [{ centre: 'Newport' }, 'centre', /could be any of 6 places: say which/],
      [{ centre: 'Wiggan' }, 'centre', /There is no town called "Wiggan" in the gazetteer/],
      [{ centre: 'ZZ99 9ZZZ' }, 'centre', /is not a UK postcode/],
    ];
    for (const [change, field, message] of cases) {
      const error = expectError(await admin.call('councils.create', { ...good, ...change }), 'BAD_INPUT', field);
      expect(error.message, JSON.stringify(change)).toMatch(message);
    }
    expectError(await admin.call('councils.create', { ...good, region: 'North West' }), 'BAD_INPUT', 'region');
    expect(councilRows()).toEqual(before);
  });

  it('a code or name another council has is CONFLICT naming that council, whatever the case', async () => {
    const before = councilRows();
    let error = expectError(
      await admin.call('councils.create', { name: 'Wigan', dfeCode: '352', onsCode: 'E08000010', centre: 'Wigan' }),
      'CONFLICT',
      'dfeCode',
    );
    expect(error.message).toBe("DfE LA code 352 is already Manchester's.");
    error = expectError(await admin.call('councils.create', { name: 'Wigan', dfeCode: '359', onsCode: 'E08000003', centre: 'Wigan' }), 'CONFLICT', 'onsCode');
    expect(error.message).toBe("ONS code E08000003 is already Manchester's.");
    error = expectError(await admin.call('councils.create', { name: 'MANCHESTER', dfeCode: '359', onsCode: 'E08000010', centre: 'Wigan' }), 'CONFLICT', 'name');
    expect(error.message).toBe('There is already a partner council called Manchester.');
    expect(councilRows()).toEqual(before);
  });

  it('an administrator corrects a council; an unchanged save writes and audits nothing; a missing one is NOT_FOUND', async () => {
    const [manchester] = expectOk<CouncilView[]>(await admin.call('region.councils'));
    const changesBefore = audits('change');
    const same = expectOk<CouncilView>(
      await admin.call('councils.update', { councilId: manchester!.id, name: 'Manchester', dfeCode: '352', onsCode: 'E08000003', centre: 'Manchester' }),
    );
    expect(same).toEqual(manchester);
    expect(audits('change')).toBe(changesBefore);
    const renamed = expectOk<CouncilView>(
      await admin.call('councils.update', {
        councilId: manchester!.id,
        name: 'Manchester City Council',
        dfeCode: '352',
        onsCode: 'E08000003',
        centre: 'Manchester',
      }),
    );
    expect(renamed).toEqual({ ...manchester, name: 'Manchester City Council' });
    expect(audits('change')).toBe(changesBefore + 1);
    // Its own codes are not a clash with itself.
    expectOk(
      await admin.call('councils.update', { councilId: manchester!.id, name: 'Manchester', dfeCode: '352', onsCode: 'E08000003', centre: 'Manchester' }),
    );
    expectError(
      await admin.call('councils.update', { councilId: 9999, name: 'Nowhere', dfeCode: '999', onsCode: 'E06000999', centre: 'Wigan' }),
      'NOT_FOUND',
      'councilId',
    );
  });

  it('the ONS code is fixed once children are imported for the council: their keys are built from it', async () => {
    const salfordId = count("SELECT id FROM councils WHERE name = 'Salford'");
    store.db
      .prepare(
        "INSERT INTO children (ref, first_name, birth_date, sex, council_id, place_label, source, source_key) VALUES ('SKEYTEST01', 'Test', '2014-05-01', 'F', ?, 'Salford', 'ssda903', 'k1')",
      )
      .run(salfordId);
    const error = expectError(
      await admin.call('councils.update', { councilId: salfordId, name: 'Salford', dfeCode: '355', onsCode: 'E08000007', centre: 'M27 5AW' }),
      'CONFLICT',
      'onsCode',
    );
    expect(error.message).toMatch(/Salford's ONS code cannot change from E08000006/);
    // Everything else can still be corrected.
    expectOk(
      await admin.call('councils.update', { councilId: salfordId, name: 'Salford City Council', dfeCode: '355', onsCode: 'E08000006', centre: 'Salford' }),
    );
    store.db.prepare("DELETE FROM children WHERE ref = 'SKEYTEST01'").run();
  });

  it('other roles cannot change councils (FORBIDDEN, audited), and an administrator scoped to one council cannot either', async () => {
    expectOk(
      await admin.call('users.create', {
        username: 'officer.one',
        displayName: 'Officer One',
        password: 'another long password',
        role: 'placement_officer',
        councilId: null,
        constellationId: null,
      }),
    );
    const councilId = count("SELECT id FROM councils WHERE dfe_code = '352'");
    expectOk(
      await admin.call('users.create', {
        username: 'local.admin',
        displayName: 'Local Admin',
        password: 'another long password',
        role: 'administrator',
        councilId,
        constellationId: null,
      }),
    );
    const officer = await running.newClient();
    expectOk(await officer.call('auth.signIn', { username: 'officer.one', password: 'another long password' }));
    // The administrator chose that password; each user chooses their own first.
    expectOk(await officer.call('auth.changePassword', { currentPassword: 'another long password', newPassword: 'officer one’s own words' }));
    const refused = () => count("SELECT count(*) FROM audit_log WHERE username = 'officer.one' AND outcome = 'refused'");
    const before = refused();
    expectError(await officer.call('councils.create', { name: 'Wigan', dfeCode: '359', onsCode: 'E08000010', centre: 'Wigan' }), 'FORBIDDEN');
    expectError(await officer.call('imports.councils', csvFile('list.csv', `${LIST_HEADER}\r\nWigan,359,E08000010,Wigan\r\n`)), 'FORBIDDEN');
    expect(refused()).toBe(before + 2);
    // Officers still read the councils, as their screens need.
    expect(expectOk<CouncilView[]>(await officer.call('region.councils')).length).toBe(2);

    const local = await running.newClient();
    expectOk(await local.call('auth.signIn', { username: 'local.admin', password: 'another long password' }));
    expectOk(await local.call('auth.changePassword', { currentPassword: 'another long password', newPassword: 'local admin’s own words' }));
    const error = expectError(await local.call('councils.create', { name: 'Wigan', dfeCode: '359', onsCode: 'E08000010', centre: 'Wigan' }), 'FORBIDDEN');
    expect(error.message).toMatch(/administrator for the whole region/);
  });

  it('a list with a bad row imports nothing, and the report names each row, column and problem', async () => {
    const before = councilRows();
    const text = [
      LIST_HEADER,
      'Wigan,359,E08000010,Wigan',
      'Bolton,35O,E08000001,Bolton',
      'Bury,351,E08000002,Atlantis',
      'Oldham,353,E08000003,Oldham',
      'Rochdale,359,E08000005,Rochdale',
      'Stockport,356,E07000001,',
      'wigan,357,E08000008,Ashton-under-Lyne',
    ].join('\r\n');
    const report = expectOk<ImportResultView>(await admin.call('imports.councils', csvFile('councils.csv', text)));
    expect(report).toMatchObject({ kind: 'councils', imported: false, rowsRead: 7, rowsImported: 0 });
    expect(report.summary).toMatch(/^Nothing was imported/);
    const problems = report.problems.map((p) => [p.row, p.column, p.problem]);
    expect(problems).toEqual([
      [3, 'DfE LA code', '"35O" is not a DfE LA code: it is three digits, e.g. 352 for Manchester.'],
      [4, 'Centre', expect.stringMatching(/There is no town called "Atlantis"/)],
      [5, 'ONS code', 'E08000003 is already the ONS code of Manchester (DfE LA code 352)'],
      [6, 'DfE LA code', 'DfE LA code 359 is already on row 2'],
      [7, 'ONS code', '"E07000001" is a district council\'s ONS code; give the code of the council with children\'s services (E06, E08, E09 or E10).'],
      [7, 'Centre', "Give the council's centre: a postcode or a town, e.g. M60 2LA or Manchester."],
      [8, 'Council', 'wigan is already on row 2'],
    ]);
    expect(report.problems.every((p) => p.file === 'councils.csv' && p.severity === 'error')).toBe(true);
    expect(councilRows()).toEqual(before);

    // Skipping bad rows is the user's explicit choice: then only the good row goes in.
    const skipped = expectOk<ImportResultView>(await admin.call('imports.councils', { ...csvFile('councils.csv', text), skipBadRows: true, dryRun: true }));
    expect(skipped).toMatchObject({ imported: false, dryRun: true, rowsImported: 1, rowsSkipped: 6 });
    expect(skipped.changes).toEqual([
      { record: 'councils', created: 1, updated: 0, unchanged: 0 },
      { record: 'providers', created: 1, updated: 0, unchanged: 0 },
    ]);
    expect(councilRows()).toEqual(before);
  });

  it('a good list (XLSX) adds new codes, updates known ones, leaves the rest, and audits each change and the file', async () => {
    const importsBefore = count("SELECT count(*) FROM audit_log WHERE record_type = 'council' AND action = 'import'");
    const created = audits('create');
    const changed = audits('change');
    const workbook = writeXlsx([
      {
        name: 'Councils',
        columns: ['Council', 'DfE LA code', 'ONS code', 'Centre'].map((header) => ({ header })),
        rows: [
          ['Manchester', 352, 'E08000003', 'Manchester'],
          ['Salford', '355', 'E08000006', 'Salford'],
          ['Wigan', '359', 'E08000010', 'Wigan'],
          ['Bolton', 350, 'E08000001', 'Bolton'],
        ],
      },
    ]);
    const file = { fileName: 'councils.xlsx', contentBase64: workbook.toString('base64') };

    const check = expectOk<ImportResultView>(await admin.call('imports.councils', { ...file, dryRun: true }));
    expect(check.summary).toMatch(/Nothing has been changed yet/);
    expect(count('SELECT count(*) FROM councils')).toBe(2);

    const report = expectOk<ImportResultView>(await admin.call('imports.councils', file));
    expect(report.errorCount, JSON.stringify(report.problems)).toBe(0);
    expect(report).toMatchObject({
      imported: true,
      rowsRead: 4,
      rowsImported: 4,
      files: [{ fileName: 'councils.xlsx › Councils', format: 'xlsx', content: 'Partner council list', rows: 4 }],
    });
    expect(report.changes).toEqual([
      { record: 'councils', created: 2, updated: 1, unchanged: 1 },
      { record: 'providers', created: 2, updated: 0, unchanged: 0 },
    ]);
    expect(check.changes).toEqual(report.changes);
    expect(store.db.prepare('SELECT name, dfe_code AS dfe, ons_code AS ons, centre_label AS centre FROM councils ORDER BY dfe_code').all()).toEqual([
      { name: 'Bolton', dfe: '350', ons: 'E08000001', centre: 'Bolton' },
      { name: 'Manchester', dfe: '352', ons: 'E08000003', centre: 'Manchester' },
      { name: 'Salford', dfe: '355', ons: 'E08000006', centre: 'Salford' },
      { name: 'Wigan', dfe: '359', ons: 'E08000010', centre: 'Wigan' },
    ]);
    expect(audits('create')).toBe(created + 2);
    expect(audits('change')).toBe(changed + 1);
    expect(count("SELECT count(*) FROM audit_log WHERE record_type = 'council' AND action = 'import'")).toBe(importsBefore + 1);
    expect(store.db.prepare("SELECT name FROM providers WHERE provider_type = 'in_house' ORDER BY name").pluck().all()).toEqual([
      'Bolton Council Fostering Service',
      'Manchester Council Fostering Service',
      'Salford Council Fostering Service',
      'Wigan Council Fostering Service',
    ]);

    // The same list again changes nothing.
    const again = expectOk<ImportResultView>(await admin.call('imports.councils', file));
    expect(again.changes).toEqual([{ record: 'councils', created: 0, updated: 0, unchanged: 4 }]);
  });

  it('a council recorded before DfE codes were asked for (same ONS code, no DfE code) is given the code, not added twice', async () => {
    store.db.prepare("INSERT INTO councils (name, ons_code, lat, lon) VALUES ('Stockport', 'E08000007', 53.4098, -2.1576)").run();
    const report = expectOk<ImportResultView>(
      await admin.call('imports.councils', csvFile('more.csv', `${LIST_HEADER}\r\nStockport,356,E08000007,Stockport\r\n`)),
    );
    expect(report.changes).toEqual([{ record: 'councils', created: 0, updated: 1, unchanged: 0 }]);
    expect(store.db.prepare("SELECT dfe_code AS dfe, centre_label AS centre FROM councils WHERE name = 'Stockport'").all()).toEqual([
      { dfe: '356', centre: 'Stockport' },
    ]);
  });

  it('a file that is not a council list is refused as a whole, naming the missing columns', async () => {
    const report = expectOk<ImportResultView>(await admin.call('imports.councils', csvFile('wrong.csv', 'Name,DfE LA code\r\nWigan,359\r\n')));
    expect(report.imported).toBe(false);
    expect(report.problems).toEqual([
      {
        file: 'wrong.csv',
        row: null,
        column: 'Council, ONS code, Centre',
        problem: expect.stringMatching(/^This is not a council list: it has no Council, ONS code, Centre columns/),
        severity: 'error',
      },
    ]);
  });
});
