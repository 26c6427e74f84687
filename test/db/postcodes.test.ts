import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../db/handle';
import { importPostcodeFile, PostcodeImportError, type PostcodeImportProgress } from '../../db/importers/postcodes';
import { hashPassword } from '../../db/passwords';
import { getPostcodeDirectory, resolvePostcode, SELECT_POSTCODE } from '../../db/repositories/places';
import { insertUser } from '../../db/repositories/users';
import type { ApiResult } from '../../shared/contract';
import { gridToLatLon } from '../../shared/geo/grid';
import { PostcodeError } from '../../shared/geo/postcode';
import {
  codePointRow,
  ONSPD_2025_HEADER,
  ONSPD_CLASSIC_HEADER,
  onspd2025Row,
  onspdClassicRow,
  syntheticPostcodes,
  type SyntheticPostcode,
} from '../bench/postcodes.generate';
import { tempStore, testBackend, testClock } from '../helpers/store';

type Store = ReturnType<typeof tempStore>;

let dir: string;
const stores: Store[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rcc-postcodes-'));
});
afterAll(() => {
  for (const s of stores) s.remove();
  rmSync(dir, { recursive: true, force: true });
});

function newStore(): Store {
  const store = tempStore({ kind: 'real' });
  stores.push(store);
  return store;
}

function writeCsv(name: string, header: readonly string[] | null, rows: string[], newline = '\r\n'): string {
  const path = join(dir, name);
  writeFileSync(path, [...(header ? [header.join(',')] : []), ...rows].join(newline) + newline);
  return path;
}

/** A classic ONSPD row with some fields replaced by name (values are written quoted unless `bare`). */
function classicRow(p: SyntheticPostcode, replace: Partial<Record<(typeof ONSPD_CLASSIC_HEADER)[number], string>> = {}, bare = false): string {
  const fields = onspdClassicRow(p).split(',');
  for (const [name, value] of Object.entries(replace)) {
    fields[ONSPD_CLASSIC_HEADER.indexOf(name as (typeof ONSPD_CLASSIC_HEADER)[number])] = bare ? value! : `"${value}"`;
  }
  return fields.join(',');
}

const hasLocation = (p: SyntheticPostcode) => p.easting !== null;
const expectedLaCode = (p: SyntheticPostcode) => (p.county === 'E99999999' ? p.district : p.county);
const count = (db: WritableDB) => (db.prepare('SELECT count(*) AS n FROM postcodes').get() as { n: number }).n;
const stagingLeft = (db: WritableDB) => db.prepare("SELECT name FROM sqlite_master WHERE name = 'postcodes_import'").get();

// 5,000 rows of about 540 bytes: many 128 KB read chunks, so rows straddle chunk boundaries.
const SAMPLE = [...syntheticPostcodes(5_000, 11)];
const LIVE = SAMPLE.filter((p) => !p.terminated);

describe('importing the ONS Postcode Directory', () => {
  let store: Store;
  let classicFile: string;
  beforeAll(() => {
    store = newStore();
    classicFile = writeCsv(
      'ONSPD_TEST_UK.csv',
      ONSPD_CLASSIC_HEADER,
      SAMPLE.map((p) => onspdClassicRow(p)),
    );
  });

  it('imports live postcodes with a location and skips terminated and unlocated ones, counting each', async () => {
    const progress: PostcodeImportProgress[] = [];
    const report = await importPostcodeFile(store.db, classicFile, { onProgress: (p) => progress.push(p), batchRows: 1000 });
    expect(report).toMatchObject({
      imported: true,
      format: 'onspd',
      rowsRead: SAMPLE.length,
      postcodes: LIVE.filter(hasLocation).length,
      skippedTerminated: SAMPLE.filter((p) => p.terminated).length,
      skippedNoLocation: LIVE.filter((p) => !hasLocation(p)).length,
      badRows: 0,
      problems: [],
    });
    expect(report.skippedNoLocation).toBeGreaterThan(0);
    expect(report.message).toMatch(/^Imported [\d,]+ postcodes from ONSPD_TEST_UK\.csv/);
    expect(count(store.db)).toBe(report.postcodes);
    expect(stagingLeft(store.db)).toBeUndefined();

    // Progress rises, covers the whole file and ends with 'done'.
    expect(progress.at(-1)).toMatchObject({ phase: 'done', rowsRead: SAMPLE.length });
    expect(progress.some((p) => p.phase === 'replacing')).toBe(true);
    const reads = progress.filter((p) => p.phase === 'reading').map((p) => p.rowsRead);
    expect(reads.length).toBeGreaterThan(3);
    expect([...reads].sort((a, b) => a - b)).toEqual(reads);
    expect(progress.at(-1)!.bytesRead).toBe(progress.at(-1)!.totalBytes);

    expect(getPostcodeDirectory(store.db)).toMatchObject({ fileName: 'ONSPD_TEST_UK.csv', format: 'onspd', postcodes: report.postcodes });
  });

  it('stores the grid reference, position and upper-tier council of each postcode', () => {
    const english = LIVE.find((p) => hasLocation(p) && p.country === 'E92000001' && p.county !== 'E99999999')!;
    const unitary = LIVE.find((p) => hasLocation(p) && p.county === 'E99999999')!;
    for (const p of [english, unitary]) {
      expect(resolvePostcode(store.db, p.pcds.toLowerCase().replace(' ', ''))).toEqual({
        postcode: p.pcds,
        easting: p.easting,
        northing: p.northing,
        lat: Number(p.lat.toFixed(6)),
        lon: Number(p.lon.toFixed(6)),
        laCode: expectedLaCode(p),
      });
    }
    // Northern Ireland's references are Irish Grid: kept as lat/lon only.
    const ni = LIVE.find((p) => hasLocation(p) && p.pcds.startsWith('BT'))!;
    expect(resolvePostcode(store.db, ni.pcds)).toMatchObject({ easting: null, northing: null, lat: Number(ni.lat.toFixed(6)) });
    // Terminated postcodes are not there.
    expect(resolvePostcode(store.db, SAMPLE.find((p) => p.terminated)!.pcds)).toBeNull();
  });

  it('resolvePostcode forgives spelling, answers null for an unknown postcode and explains an invalid one', () => {
    expect(resolvePostcode(store.db, 'ZZ99 9ZZ')).toBeNull();
    expect(() => resolvePostcode(store.db, 'SW1A')).toThrow(PostcodeError);
    expect(() => resolvePostcode(store.db, 'SW1A')).toThrow(/only the first half of a postcode/);
  });

  it('looks a postcode up by its primary key', () => {
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${SELECT_POSTCODE}`).all('M1 1AE') as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual([expect.stringMatching(/^SEARCH postcodes USING PRIMARY KEY \(postcode=\?\)$/)]);
  });

  it('refuses a second import into the same store while one is running', async () => {
    const first = importPostcodeFile(store.db, classicFile);
    await expect(importPostcodeFile(store.db, classicFile)).rejects.toThrow(/already running/);
    expect((await first).imported).toBe(true);
  });

  it('reads the 2025 layout (east1m, north1m, lad25cd ...) by column name, with LF line ends', async () => {
    const db = newStore().db;
    const file = writeCsv(
      'ONSPD_FEB_2025_UK.csv',
      ONSPD_2025_HEADER,
      SAMPLE.map((p) => onspd2025Row(p)),
      '\n',
    );
    const report = await importPostcodeFile(db, file);
    expect(report).toMatchObject({ imported: true, format: 'onspd', postcodes: LIVE.filter(hasLocation).length, badRows: 0 });
    const p = LIVE.find((x) => hasLocation(x) && x.country === 'E92000001')!;
    expect(resolvePostcode(db, p.pcds)).toMatchObject({ easting: p.easting, northing: p.northing, laCode: expectedLaCode(p) });
  });

  it('ignores a byte-order mark before the header', async () => {
    const db = newStore().db;
    const file = writeCsv(
      'bom.csv',
      ONSPD_CLASSIC_HEADER,
      LIVE.filter(hasLocation)
        .slice(0, 3)
        .map((p) => onspdClassicRow(p)),
    );
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}`);
    expect(await importPostcodeFile(db, file)).toMatchObject({ imported: true, postcodes: 3 });
  });

  it('takes a row with a quoted comma or escaped quote in a field it does not use', async () => {
    const db = newStore().db;
    const [a, b] = LIVE.filter(hasLocation);
    const file = writeCsv('quoted.csv', ONSPD_CLASSIC_HEADER, [
      classicRow(a!, { parish: 'Parish, with a comma' }),
      classicRow(b!, { parish: 'The ""Old"" Parish' }),
    ]);
    const report = await importPostcodeFile(db, file);
    expect(report).toMatchObject({ imported: true, postcodes: 2, badRows: 0 });
  });
});

describe('bad rows', () => {
  let store: Store;
  let before: { count: number; sample: unknown; directory: unknown };
  let badFile: string;
  const good = LIVE.filter(hasLocation).slice(0, 40);

  beforeAll(async () => {
    store = newStore();
    // An earlier, good directory that a bad file must leave untouched.
    const first = writeCsv(
      'first.csv',
      ONSPD_CLASSIC_HEADER,
      good.slice(0, 10).map((p) => onspdClassicRow(p)),
    );
    await importPostcodeFile(store.db, first);
    before = { count: count(store.db), sample: resolvePostcode(store.db, good[0]!.pcds), directory: getPostcodeDirectory(store.db) };

    const rows = good.map((p) => onspdClassicRow(p));
    const terminated = SAMPLE.find((p) => p.terminated)!;
    // Rows 2..41 are good; the bad ones follow, at known row numbers (the header is row 1).
    rows.push(classicRow(good[0]!, { pcds: 'NOTAPC' })); // row 42
    rows.push(classicRow(good[1]!, { pcds: 'ZZ1 1ZZ', oseast1m: '39A100' })); // row 43
    rows.push(classicRow(good[2]!, { pcds: 'ZZ1 1ZY', lat: '12.500000' }, true)); // row 44
    rows.push(classicRow(good[3]!, { pcds: 'ZZ1 1ZX', oslaua: 'E0800', oscty: 'E99999999' })); // row 45
    rows.push(onspdClassicRow(good[4]!)); // row 46: a duplicate
    rows.push('"ZZ1 1ZW","ZZ1  1ZW","ZZ1 1ZW","198001",""'); // row 47: too few fields
    rows.push(classicRow(terminated, { pcds: 'NOT EVEN CLOSE' })); // row 48: terminated, so never checked
    rows.push(classicRow(good[5]!, { pcds: 'ZZ1 1ZV', osnrth1m: '2500000' })); // row 49
    badFile = writeCsv('bad.csv', ONSPD_CLASSIC_HEADER, rows);
  });

  it('reports each bad row by row, column and problem, and changes nothing', async () => {
    const report = await importPostcodeFile(store.db, badFile);
    expect(report.imported).toBe(false);
    expect(report.badRows).toBe(7);
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 42, column: 'pcds', problem: expect.stringMatching(/"NOTAPC" is not a UK postcode/) }),
      expect.objectContaining({ row: 43, column: 'oseast1m', problem: 'is not a whole number of metres', value: '39A100' }),
      expect.objectContaining({ row: 44, column: 'lat', problem: expect.stringMatching(/not in the UK/), value: '12.500000' }),
      expect.objectContaining({ row: 45, column: 'oslaua', problem: expect.stringMatching(/not an ONS area code/), value: 'E0800' }),
      expect.objectContaining({ row: 46, column: 'postcode', problem: `${good[4]!.pcds} appears more than once in the file` }),
      expect.objectContaining({ row: 47, column: '(row)', problem: 'has 5 fields where the header has 53' }),
      expect.objectContaining({ row: 49, column: 'oseast1m', problem: expect.stringMatching(/outside the grid/) }),
    ]);
    expect(report.skippedTerminated).toBe(1);
    expect(report.message).toMatch(/Nothing was imported and the postcode directory is unchanged: 7 of 48 rows are bad/);

    expect(count(store.db)).toBe(before.count);
    expect(resolvePostcode(store.db, good[0]!.pcds)).toEqual(before.sample);
    expect(getPostcodeDirectory(store.db)).toEqual(before.directory);
    expect(resolvePostcode(store.db, good[20]!.pcds)).toBeNull();
    expect(stagingLeft(store.db)).toBeUndefined();
  });

  it('imports the good rows when asked to skip bad ones, still listing the bad', async () => {
    const db = newStore().db;
    const report = await importPostcodeFile(db, badFile, { skipBadRows: true });
    expect(report).toMatchObject({ imported: true, postcodes: good.length, badRows: 7 });
    expect(report.message).toMatch(/7 bad rows left out/);
    expect(count(db)).toBe(good.length);
  });

  it('stops reading after too many problems, importing nothing', async () => {
    const db = newStore().db;
    const rows = good.map((p) => classicRow(p, { oseast1m: 'x' }));
    const report = await importPostcodeFile(db, writeCsv('all-bad.csv', ONSPD_CLASSIC_HEADER, rows), { maxProblems: 5 });
    expect(report).toMatchObject({ imported: false, problemsTruncated: true });
    expect(report.problems).toHaveLength(5);
    expect(report.message).toMatch(/reading stopped after 5 problems/);
    expect(count(db)).toBe(0);
  });

  it('refuses a file of the wrong kind with a message, leaving the directory unchanged', async () => {
    const wrong = [
      [writeCsv('other.csv', ['name', 'value'], ['a,1']), /neither an ONS Postcode Directory CSV .* nor a Code-Point Open CSV/],
      [writeCsv('no-lat.csv', ['pcd', 'pcds', 'doterm', 'oseast1m', 'osnrth1m', 'oslaua'], ['"A","B","","1","2","E08000001"']), /no column for lat and long/],
      [writeCsv('empty.csv', null, []), /The file is empty/],
    ] as const;
    for (const [file, message] of wrong) {
      await expect(importPostcodeFile(store.db, file)).rejects.toThrow(PostcodeImportError);
      await expect(importPostcodeFile(store.db, file)).rejects.toThrow(message);
    }
    await expect(importPostcodeFile(store.db, join(dir, 'missing.csv'))).rejects.toThrow(/ENOENT/);
    await expect(importPostcodeFile(store.db, badFile, { format: 'codepoint' })).rejects.toThrow(/does not look like Code-Point Open/);
    expect(count(store.db)).toBe(before.count);
    expect(stagingLeft(store.db)).toBeUndefined();
  });

  it('leaves the directory unchanged when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const file = writeCsv(
      'cancel.csv',
      ONSPD_CLASSIC_HEADER,
      SAMPLE.map((p) => onspdClassicRow(p)),
    );
    const report = await importPostcodeFile(store.db, file, { signal: controller.signal });
    expect(report).toMatchObject({ imported: false, message: expect.stringMatching(/the import was cancelled/) });
    expect(count(store.db)).toBe(before.count);
  });
});

describe('importing Code-Point Open', () => {
  // Code-Point covers Great Britain only and lists live postcodes.
  const GB = LIVE.filter((p) => !p.pcds.startsWith('BT'));

  it('imports the headerless CSV, deriving lat/lon from the grid reference and skipping quality 90', async () => {
    const db = newStore().db;
    const file = writeCsv(
      'codepoint.csv',
      null,
      GB.map((p) => codePointRow(p)),
    );
    const report = await importPostcodeFile(db, file);
    expect(report).toMatchObject({
      imported: true,
      format: 'codepoint',
      rowsRead: GB.length,
      postcodes: GB.filter(hasLocation).length,
      skippedNoLocation: GB.filter((p) => !hasLocation(p)).length,
      badRows: 0,
    });
    const p = GB.find((x) => hasLocation(x) && x.county !== 'E99999999')!;
    const u = GB.find((x) => hasLocation(x) && x.county === 'E99999999')!;
    for (const x of [p, u]) {
      expect(resolvePostcode(db, x.pcds)).toEqual({
        postcode: x.pcds,
        easting: x.easting,
        northing: x.northing,
        ...gridToLatLon(x.easting!, x.northing!),
        laCode: expectedLaCode(x),
      });
    }
  });

  it('accepts the column-header row the Code-Point download ships separately, and reports bad rows', async () => {
    const db = newStore().db;
    const rows = GB.filter(hasLocation)
      .slice(0, 3)
      .map((p) => codePointRow(p));
    rows.push('"AB1 0ZZ",10,"east","806376","S92000003","","","","S12000033","S13002842"');
    const file = writeCsv('cp-header.csv', ['PC', 'PQ', 'EA', 'NO', 'CY', 'RH', 'LH', 'CC', 'DC', 'WC'], rows);
    const report = await importPostcodeFile(db, file);
    expect(report).toMatchObject({ imported: false, format: 'codepoint', badRows: 1 });
    expect(report.problems).toEqual([{ row: 5, column: 'Eastings', problem: 'is not a whole number of metres', value: 'east' }]);
  });
});

// ---- The service, through the dispatcher ------------------------------------------------------

describe('places and imports through the API', () => {
  let store: Store;
  let call: (method: string, payload?: unknown) => Promise<ApiResult<unknown>>;
  let signIn: (username: string) => Promise<void>;
  let directoryFile: string;
  const TOWNS = [
    // postcode, easting, northing, county, district
    ['BL1 1AA', 371_600, 409_300, 'E99999999', 'E08000001'],
    ['BL1 1AB', 372_900, 410_800, 'E99999999', 'E08000001'],
    ['M1 1AE', 384_300, 398_000, 'E99999999', 'E08000003'],
  ] as const;

  beforeAll(() => {
    store = newStore();
    const db = store.db;
    db.prepare("INSERT INTO councils (name, ons_code, lat, lon) VALUES ('Bolton', 'E08000001', 53.5769, -2.4282)").run();
    const hash = hashPassword('correct horse battery');
    for (const [username, role] of [
      ['t.admin', 'administrator'],
      ['t.officer', 'placement_officer'],
    ] as const) {
      insertUser(
        db,
        { username, displayName: username, role, councilId: null, constellationId: null, passwordHash: hash, isDemo: false },
        '2026-11-25T09:00:00Z',
      );
    }
    const backend = testBackend(db, testClock().now);
    const connection = backend.newConnection();
    call = (method, payload) => backend.dispatch(method, payload ?? {}, connection);
    signIn = async (username) => {
      await call('auth.signOut');
      expect((await call('auth.signIn', { username, password: 'correct horse battery' })).ok).toBe(true);
    };
    const rows = TOWNS.map(([pcds, easting, northing, county, district]) =>
      onspdClassicRow({ pcds, easting, northing, ...gridToLatLon(easting, northing), terminated: false, county, district, country: 'E92000001' }),
    );
    directoryFile = writeCsv('ONSPD_GM.csv', ONSPD_CLASSIC_HEADER, rows);
  });

  const value = <T>(result: ApiResult<unknown>): T => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const error = (result: ApiResult<unknown>) => (result.ok ? null : result.error);

  it('resolves towns from the gazetteer before any directory is imported, and says why a postcode cannot be', async () => {
    await signIn('t.officer');
    expect(value(await call('places.resolve', { label: 'Bolton' }))).toMatchObject({ kind: 'town', label: 'Bolton', gridSource: 'converted', laCode: null });
    expect(error(await call('places.resolve', { label: 'BL1 1AA' }))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no postcode directory has been imported yet/),
    });
    expect(value(await call('places.search', { prefix: 'Bol' }))).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'Bolton' })]));
    expect(value(await call('places.directory'))).toMatchObject({ postcodes: 0, directory: null, gazetteer: { licence: 'CC BY 4.0' } });
  });

  it('lets only administrators import, from an existing local .csv path', async () => {
    await signIn('t.officer');
    expect(error(await call('imports.postcodes', { path: directoryFile }))).toMatchObject({ code: 'FORBIDDEN' });
    await signIn('t.admin');
    expect(error(await call('imports.postcodes', { path: 'ONSPD.csv' }))).toMatchObject({
      code: 'BAD_INPUT',
      field: 'path',
      message: expect.stringMatching(/full path/),
    });
    expect(error(await call('imports.postcodes', { path: join(dir, 'x.txt') }))).toMatchObject({
      code: 'BAD_INPUT',
      field: 'path',
      message: expect.stringMatching(/not a \.csv file/),
    });
    expect(error(await call('imports.postcodes', { path: join(dir, 'nothing.csv') }))).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/There is no file at/),
    });
    expect(error(await call('imports.postcodes', { path: directoryFile, format: 'shapefile' }))).toMatchObject({ code: 'BAD_INPUT', field: 'format' });
    expect(error(await call('jobs.get', { jobId: 'no-such-job' }))).toMatchObject({ code: 'NOT_FOUND', field: 'jobId' });
  });

  it('runs the import as a job: other calls are answered meanwhile, and the call answers with the report', async () => {
    await signIn('t.admin');
    const importing = call('imports.postcodes', { path: directoryFile, jobId: 'postcodes-1' });
    // Other calls carry on while it runs.
    expect((await call('places.search', { prefix: 'Man' })).ok).toBe(true);
    expect(value(await call('jobs.get', { jobId: 'postcodes-1' }))).toMatchObject({ kind: 'postcodes', method: 'imports.postcodes' });
    const done = value<{ imported: boolean; postcodes: number }>(await importing);
    expect(done).toMatchObject({ imported: true, postcodes: 3 });
    // One audit entry for the job, with its outcome.
    const actions = store.db.prepare("SELECT action, outcome FROM audit_log WHERE record_type = 'postcode-directory' ORDER BY id").all();
    expect(actions).toEqual([{ action: 'import', outcome: 'ok' }]);
    expect(value(await call('places.directory'))).toMatchObject({ postcodes: 3, directory: { fileName: 'ONSPD_GM.csv', format: 'onspd' } });
  });

  it('a failed import reports why and keeps the directory', async () => {
    await signIn('t.admin');
    const bad = writeCsv('ONSPD_BAD.csv', ONSPD_CLASSIC_HEADER, ['"BL1 1ZZ","BL1  1ZZ","BL1 1ZZ","198001",""']);
    const report = value<{ imported: boolean; message: string }>(await call('imports.postcodes', { path: bad }));
    expect(report).toMatchObject({ imported: false, message: expect.stringMatching(/unchanged/) as unknown });
    expect(value(await call('places.directory'))).toMatchObject({ postcodes: 3 });
  });

  it('resolves directory postcodes in any spelling, and explains a bad one', async () => {
    await signIn('t.officer');
    expect(value(await call('places.resolvePostcode', { postcode: 'bl11aa' }))).toMatchObject({
      label: 'BL1 1AA',
      kind: 'postcode',
      easting: 371_600,
      northing: 409_300,
      gridReference: 'SD 716 093',
      gridSource: 'directory',
      laCode: 'E08000001',
    });
    expect(error(await call('places.resolvePostcode', { postcode: 'BL1' }))).toMatchObject({
      code: 'BAD_INPUT',
      field: 'postcode',
      message: expect.stringMatching(/only the first half/),
    });
    expect(error(await call('places.resolvePostcode', { postcode: 'BL9 9ZZ' }))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/not in the postcode directory in use \(ONSPD_GM\.csv/),
    });
  });

  it('explains an ambiguous or unknown town', async () => {
    await signIn('t.officer');
    expect(error(await call('places.resolve', { label: 'Newport' }))).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/could be any of \d+ places: say which, e\.g\. "Newport, /),
    });
    expect(value(await call('places.resolve', { label: 'Newport, Isle of Wight' }))).toMatchObject({ kind: 'town', area: 'Isle of Wight' });
    expect(error(await call('places.resolve', { label: 'Qwertyville' }))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no town called "Qwertyville"/),
    });
  });

  it('measures by the DfE method between directory postcodes, and says whether the placement is in the child’s council', async () => {
    await signIn('t.officer');
    const bolton = value<{ id: number }[]>(await call('region.councils')).find(() => true)!;
    const near = value<{ miles: number; method: string; insideChildCouncil: boolean | null; explanation: string }>(
      await call('places.distance', { from: 'BL1 1AA', to: 'bl1 1ab', childCouncilId: bolton.id }),
    );
    const expected = Math.round((Math.hypot(372_900 - 371_600, 410_800 - 409_300) / 1000 / 1.6093) * 10) / 10;
    expect(near).toMatchObject({ miles: expected, method: 'os-grid', insideChildCouncil: true, overTwentyMiles: false });
    expect(near.explanation).toMatch(/OS grid references \(the DfE method\).*BL1 1AB is inside Bolton/);

    const city = value<{ miles: number; method: string; insideChildCouncil: boolean | null }>(
      await call('places.distance', { from: 'BL1 1AA', to: 'M1 1AE', childCouncilId: bolton.id }),
    );
    expect(city).toMatchObject({ method: 'os-grid', insideChildCouncil: false });
    expect(city.miles).toBeGreaterThan(9);
    expect(city.miles).toBeLessThan(12);

    const town = value<{ method: string; insideChildCouncil: boolean | null; explanation: string }>(
      await call('places.distance', { from: 'BL1 1AA', to: 'Edinburgh', childCouncilId: bolton.id }),
    );
    expect(town).toMatchObject({ method: 'great-circle', insideChildCouncil: null, overTwentyMiles: true });
    expect(town.explanation).toMatch(/great-circle.*Edinburgh has no OS grid reference.*unknown without its postcode/);
    expect(error(await call('places.distance', { from: 'BL1 1AA', to: 'M1 1AE', childCouncilId: 999 }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('credits GeoNames and the postcode directories in the About facts', async () => {
    const info = value<{ attributions: { name: string; licence: string; note: string }[] }>(await call('system.info'));
    expect(info.attributions).toEqual(expect.arrayContaining([expect.objectContaining({ name: expect.stringMatching(/GeoNames/), licence: 'CC BY 4.0' })]));
    const postcodes = info.attributions.find((a) => /ONS Postcode Directory/.test(a.name) && /Code-Point Open/.test(a.name));
    expect(postcodes?.licence).toBe('Open Government Licence v3.0');
    expect(postcodes?.note).toContain('Contains OS data © Crown copyright and database right');
    expect(postcodes?.note).toContain('Contains Royal Mail data © Royal Mail copyright and database right');
    expect(postcodes?.note).toContain('Contains National Statistics data © Crown copyright and database right');
  });
});
