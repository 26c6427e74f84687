import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSsda903, type Ssda903ImportOptions } from '../../../db/importers/ssda903';
import type { ImportOutcome, ImportProblem } from '../../../db/importers/report';
import { setMeta } from '../../../db/repositories/meta';
import { checkPostcode } from '../../../shared/geo/postcode';
import { importStore, snapshot, type ImportStore } from './helpers';
import { episodesCsv, fileOf, headerCsv, missingCsv, syntheticReturn, uascCsv, xml903, type SyntheticChild } from './ssda903-generator';

let store: ImportStore;
beforeEach(() => {
  store = importStore();
});
afterEach(() => store.remove());

function run(files: { fileName: string; bytes: Uint8Array }[], extra: Partial<Ssda903ImportOptions> = {}): ImportOutcome {
  return importSsda903(store.db, files, { councilId: store.councilId, today: '2026-11-25', skipBadRows: false, dryRun: false, ...extra });
}

function wholeReturn(children: SyntheticChild[]) {
  return [
    fileOf('header.csv', headerCsv(children)),
    fileOf('episodes.csv', episodesCsv(children)),
    fileOf('uasc.csv', uascCsv(children)),
    fileOf('missing.csv', missingCsv(children)),
  ];
}

const count = (table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const changes = (o: ImportOutcome, record: string) => o.changes.find((c) => c.record === record);

/** The problem reported at this file, row and column, or a failure that lists what was reported. */
function problemAt(o: ImportOutcome, file: string, row: number | null, column: string | null): ImportProblem {
  const hit = o.problems.find((p) => p.file === file && p.row === row && p.column === column);
  if (!hit) throw new Error(`No problem at ${file} row ${row} column ${column}; reported: ${JSON.stringify(o.problems, null, 1)}`);
  return hit;
}

describe('SSDA903 CSV import', () => {
  it('imports a valid return: children with pseudonymous refs, episodes, UASC and missing, counted', () => {
    const children = syntheticReturn({ children: 40, seed: 1 });
    const episodes = children.reduce((n, c) => n + c.episodes.length, 0);
    const missing = children.reduce((n, c) => n + c.missing.length, 0);
    const uasc = children.filter((c) => c.DUC !== null).length;
    const o = run(wholeReturn(children));

    expect(o.imported).toBe(true);
    expect(o.errorCount).toBe(0);
    expect(o.rowsRead).toBe(40 + episodes + uasc + missing);
    expect(o.rowsImported).toBe(o.rowsRead);
    expect(changes(o, 'children')).toMatchObject({ created: 40, updated: 0 });
    expect(changes(o, 'episodes')).toMatchObject({ created: episodes });
    expect(changes(o, 'missing episodes')).toMatchObject({ created: missing });
    expect(o.files.map((f) => f.content)).toEqual(['SSDA903 header', 'SSDA903 episodes', 'SSDA903 UASC', 'SSDA903 missing']);
    expect(count('children')).toBe(40);
    expect(count('episodes')).toBe(episodes);
    expect(count('missing_episodes')).toBe(missing);
    expect(store.db.prepare('SELECT count(*) FROM children WHERE uasc = 1').pluck().get()).toBe(uasc);

    // The children table the screens read holds pseudonymous refs and keyed hashes; the council's
    // own identifier is kept apart, for the council's own SSDA903 export only.
    const rows = store.db.prepare('SELECT * FROM children').all() as Record<string, unknown>[];
    const ids = new Set(children.map((c) => c.CHILD));
    for (const r of rows) {
      expect(r.ref).toMatch(/^S[0-9A-HJKMNP-TV-Z]{9}$/);
      expect(r.source_key).toMatch(/^[0-9a-f]{64}$/);
      for (const value of Object.values(r)) expect(ids.has(String(value))).toBe(false);
      expect(r.source).toBe('ssda903');
      expect(r.first_name).toBe('');
    }
    const own = store.db.prepare('SELECT council_child_id AS id, header_year AS year FROM ssda903_children').all() as { id: string; year: number }[];
    expect(new Set(own.map((o) => o.id))).toEqual(ids);
    expect(own.every((o) => o.year === 2025)).toBe(true);
    expect(o.summary).toMatch(/Read as the 2025-26 return: the latest date in it is \d\d\/\d\d\/20\d\d/);

    // Each child's legal status and need follow their latest episode, dates become ISO.
    const first = children[0]!;
    const latest = first.episodes.at(-1)!;
    const stored = store.db.prepare(
      'SELECT c.birth_date AS dob, c.sex, c.ethnicity, c.legal_status AS ls, c.category_of_need AS cin FROM children c JOIN episodes e ON e.child_id = c.id WHERE e.decom = ? AND e.place = ? LIMIT 1',
    );
    const [d, m, y] = latest.DECOM.split('/');
    const child = stored.get(`${y}-${m}-${d}`, latest.PLACE) as { dob: string; sex: string; ethnicity: string; ls: string; cin: string } | undefined;
    expect(child).toBeDefined();
  });

  it('finds the same children again: importing the same return twice changes nothing', () => {
    const files = wholeReturn(syntheticReturn({ children: 25, seed: 2 }));
    run(files);
    const before = snapshot(store.db);
    const again = run(files);
    expect(again.imported).toBe(true);
    expect(again.changes.every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(snapshot(store.db)).toEqual(before);
  });

  it('updates what changed in a later return, and an episodes file alone reaches children imported before', () => {
    const children = syntheticReturn({ children: 10, seed: 3 });
    run(wholeReturn(children));
    const changed = children.map((c) => ({ ...c, episodes: c.episodes.map((e, i) => (i === 0 ? { ...e, LS: e.LS === 'C2' ? 'C1' : 'C2' } : e)) }));
    const o = run([fileOf('episodes.csv', episodesCsv(changed))]);
    expect(o.errorCount).toBe(0);
    expect(changes(o, 'episodes')!.updated).toBe(10);
    expect(count('children')).toBe(10);
  });

  it('names each kind of bad row by file, row and column, and imports nothing', () => {
    const header = [
      'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB',
      '1001,1,01/02/2012,WBRI,,,', // row 2: good
      '1002,3,01/02/2012,WBRI,,,', // row 3: sex code
      '1003,2,31/02/2012,WBRI,,,', // row 4: no such day
      '1004,2,2012-02-01,WBRI,,,', // row 5: not dd/mm/yyyy
      '1005,1,01/02/2012,XXXX,,,', // row 6: ethnicity
      '1006,1,01/02/2030,WBRI,,,', // row 7: born in the future
      '1001,1,01/02/2012,WBRI,,,', // row 8: duplicate child
      ',1,01/02/2012,WBRI,,,', // row 9: no child identifier
      '1009,1,01/02/2012,WBRI,,2,', // row 10: MOTHER (kept for the council's export, so checked)
      '1010,2,01/02/2012,WBRI,NOT A UPN AT ALL OR EVEN CLOSE,yes,31/31/2031', // row 11: UPN, MOTHER and MC_DOB
    ].join('\n');
    const episodes = [
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
      '1001,01/03/2020,S,C2,N1,U4,PR1,01/06/2020,X1,CARPL,M1 1AE,OL1 2AB,', // row 2: good
      '1001,01/06/2020,Q,C2,N1,U4,PR1,,,,,,', // row 3: RNE
      '1001,01/07/2020,P,Z9,N1,U4,PR1,,,,,,', // row 4: LS
      '1001,01/08/2020,P,C2,N9,U4,PR1,,,,,,', // row 5: CIN
      '1001,01/09/2020,P,C2,N1,ZZ,PR1,,,,,,', // row 6: PLACE
      '1001,01/10/2020,P,C2,N1,U4,PR1,01/09/2020,X1,,,,', // row 7: ends before it starts
      '1001,01/11/2020,P,C2,N1,U4,PR1,02/11/2020,E99,,,,', // row 8: REC
      '1001,01/12/2020,P,C2,N1,U4,PR1,,,,NOT A POSTCODE,,', // row 9: postcode
      '1001,02/12/2020,P,C2,N1,K2,PR4,,,,,,ABC', // row 10: URN
      '9999,01/03/2020,S,C2,N1,U4,PR1,,,,,,', // row 11: no such child
      '1001,01/03/2020,S,C2,N1,U4,PR1,,,,,,', // row 12: duplicate episode (child and DECOM)
      '1001,,S,C2,N1,U4,PR1,,,,,,', // row 13: DECOM missing
    ].join('\n');
    const missing = ['CHILD,DOB,MISSING,MIS_START,MIS_END', '1001,01/02/2012,X,01/01/2025,02/01/2025', '1001,01/02/2012,M,05/01/2025,04/01/2025'].join('\n');
    const uasc = ['CHILD,SEX,DOB,DUC', '1001,1,02/02/2012,01/02/2030'].join('\n');
    const before = snapshot(store.db);
    const o = run([fileOf('header.csv', header), fileOf('episodes.csv', episodes), fileOf('missing.csv', missing), fileOf('uasc.csv', uasc)]);

    expect(o.imported).toBe(false);
    expect(o.rowsImported).toBe(0);
    expect(o.summary).toMatch(/^Nothing was imported/);
    expect(snapshot(store.db)).toEqual(before);

    expect(problemAt(o, 'header.csv', 3, 'SEX').problem).toMatch(/'3' is not an SSDA903 sex code/);
    expect(problemAt(o, 'header.csv', 4, 'DOB').problem).toMatch(/'31\/02\/2012' is not a real date/);
    expect(problemAt(o, 'header.csv', 5, 'DOB').problem).toMatch(/not a date in the form dd\/mm\/yyyy/);
    expect(problemAt(o, 'header.csv', 6, 'ETHNIC').problem).toMatch(/'XXXX' is not an ethnicity/);
    expect(problemAt(o, 'header.csv', 7, 'DOB').problem).toMatch(/in the future/);
    expect(problemAt(o, 'header.csv', 8, 'CHILD').problem).toMatch(/already has a header row \(row 2\)/);
    expect(problemAt(o, 'header.csv', 9, 'CHILD').problem).toMatch(/required/);
    expect(problemAt(o, 'header.csv', 10, 'MOTHER').problem).toBe("'2' is not a MOTHER value (1 if the child is a mother, 0 if not, or empty)");
    expect(problemAt(o, 'header.csv', 11, 'UPN').problem).toMatch(/^'NOT A UPN AT ALL OR EVEN CLOSE' is not a UPN/);
    expect(problemAt(o, 'header.csv', 11, 'MOTHER').problem).toMatch(/^'yes' is not a MOTHER value/);
    expect(problemAt(o, 'header.csv', 11, 'MC_DOB').problem).toMatch(/'31\/31\/2031' is not a real date/);
    expect(problemAt(o, 'episodes.csv', 3, 'RNE').problem).toMatch(/'Q' is not a reason for new episode/);
    expect(problemAt(o, 'episodes.csv', 4, 'LS').problem).toMatch(/'Z9' is not a legal status/);
    expect(problemAt(o, 'episodes.csv', 5, 'CIN').problem).toMatch(/'N9' is not a category of need/);
    expect(problemAt(o, 'episodes.csv', 6, 'PLACE').problem).toMatch(/'ZZ' is not a placement type/);
    expect(problemAt(o, 'episodes.csv', 7, 'DEC').problem).toMatch(/ends \(2020-09-01\) before it starts/);
    expect(problemAt(o, 'episodes.csv', 8, 'REC').problem).toMatch(/'E99' is not a reason episode ceased/);
    expect(problemAt(o, 'episodes.csv', 9, 'HOME_POST').problem).toMatch(/NOT A POSTCODE/);
    expect(problemAt(o, 'episodes.csv', 10, 'URN').problem).toMatch(/'ABC' is not an Ofsted URN/);
    expect(problemAt(o, 'episodes.csv', 11, 'CHILD').problem).toMatch(/'9999' has no header row/);
    expect(problemAt(o, 'episodes.csv', 12, 'DECOM').problem).toMatch(/already has an episode starting 2020-03-01 \(row 2\)/);
    expect(problemAt(o, 'episodes.csv', 13, 'DECOM').problem).toMatch(/required/);
    expect(problemAt(o, 'missing.csv', 2, 'MISSING').problem).toMatch(/'X' is not a missing code/);
    expect(problemAt(o, 'missing.csv', 3, 'MIS_END').problem).toMatch(/ends .* before it starts/);
    expect(problemAt(o, 'uasc.csv', 2, 'DOB').problem).toMatch(/differs from the header row/);
    expect(o.problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('with "skip bad rows" imports the good rows, and rows about a rejected child say why they are left out', () => {
    const header = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB', '2001,1,01/02/2012,WBRI,,,', '2002,9,01/02/2012,WBRI,,,'].join('\n');
    const episodes = [
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
      '2001,01/03/2020,S,C2,N1,U4,PR1,01/06/2020,X1,CARPL,,,',
      '2001,01/06/2020,P,C2,N1,K2,PR4,,,,,,',
      '2001,01/07/2020,P,C2,N1,XX,PR4,,,,,,',
      '2002,01/03/2020,S,C2,N1,U4,PR1,,,,,,',
    ].join('\n');
    const o = run([fileOf('header.csv', header), fileOf('episodes.csv', episodes)], { skipBadRows: true });
    expect(o.imported).toBe(true);
    expect(o.rowsRead).toBe(6);
    expect(o.rowsSkipped).toBe(3);
    expect(o.rowsImported).toBe(3);
    expect(count('children')).toBe(1);
    expect(count('episodes')).toBe(2);
    expect(problemAt(o, 'episodes.csv', 5, 'CHILD').problem).toMatch(/header row \(header.csv, row 3\)/);
    expect(o.summary).toMatch(/leaving out 3 rows with errors/);
  });

  it('a dry run counts exactly what the import would do and writes nothing', () => {
    const files = wholeReturn(syntheticReturn({ children: 15, seed: 4 }));
    const before = snapshot(store.db);
    const dry = run(files, { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.imported).toBe(false);
    expect(dry.summary).toMatch(/Nothing has been changed yet/);
    expect(snapshot(store.db)).toEqual(before);
    expect(store.db.prepare("SELECT count(*) FROM meta WHERE key = 'pseudonym_key'").pluck().get()).toBe(0);
    const real = run(files);
    expect(real.changes).toEqual(dry.changes);
    expect(real.rowsImported).toBe(dry.rowsImported);
  });

  it('with the postcode directory imported, places each child’s home and measures episodes by the DfE method', () => {
    const children = syntheticReturn({ children: 3, seed: 6 });
    const norm = (raw: string) => {
      const p = checkPostcode(raw);
      if (!p.ok) throw new Error(p.message);
      return p.postcode;
    };
    const child = children[0]!;
    const latest = child.episodes.at(-1)!;
    const home = norm(latest.HOME_POST);
    const placed = norm(latest.PL_POST);
    expect(placed).not.toBe(home);
    // 30 km east and 40 km north: 50 km, which the DfE's divisor makes 31.1 miles.
    const directory = store.db.prepare('INSERT INTO postcodes (postcode, easting, northing, lat, lon, la_code) VALUES (?, ?, ?, ?, ?, ?)');
    directory.run(home, 383_000, 398_000, 53.4808, -2.2426, 'E08000003');
    directory.run(placed, 413_000, 438_000, 53.84, -1.79, 'E08000035');

    expect(run(wholeReturn(children)).imported).toBe(true);
    const [d, m, y] = latest.DECOM.split('/');
    const row = store.db
      .prepare(
        'SELECT e.distance_miles AS miles, c.home_postcode AS postcode, c.home_lat AS lat, c.home_lon AS lon FROM episodes e JOIN children c ON c.id = e.child_id WHERE e.decom = ? AND e.pl_post = ?',
      )
      .get(`${y}-${m}-${d}`, placed) as { miles: number | null; postcode: string; lat: number | null; lon: number | null };
    expect(row).toEqual({ miles: 31.1, postcode: home, lat: 53.4808, lon: -2.2426 });
    // A child whose home postcode the directory does not have keeps the postcode, with no position made up.
    const other = norm(children[1]!.episodes.at(-1)!.HOME_POST);
    expect(store.db.prepare('SELECT home_lat AS lat, home_lon AS lon FROM children WHERE home_postcode = ?').get(other)).toEqual({ lat: null, lon: null });
  });

  it('reports progress through reading, checking and writing', () => {
    const seen: { phase: string; done: number; total: number }[] = [];
    run(wholeReturn(syntheticReturn({ children: 400, seed: 5 })), { onProgress: (p) => seen.push(p) });
    for (const phase of ['reading', 'checking', 'writing']) {
      const ofPhase = seen.filter((p) => p.phase === phase);
      expect(ofPhase.length).toBeGreaterThanOrEqual(2);
      expect(ofPhase.at(-1)!.done).toBe(ofPhase.at(-1)!.total);
      expect(ofPhase.map((p) => p.done)).toEqual([...ofPhase.map((p) => p.done)].sort((a, b) => a - b));
    }
  });

  it('refuses files it cannot read as a whole, naming the file', () => {
    const notA903 = run([fileOf('names.csv', 'NAME,TOWN\nAlex,Bolton\n')]);
    expect(problemAt(notA903, 'names.csv', null, null).problem).toMatch(/not those of an SSDA903/);
    expect(notA903.imported).toBe(false);

    const lacking = run([fileOf('episodes.csv', 'CHILD,DECOM,RNE,LS,PLACE\n1,01/01/2020,S,C2,U1\n')], { skipBadRows: true });
    expect(problemAt(lacking, 'episodes.csv', null, 'CIN, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN').problem).toMatch(
      /has no columns CIN, PLACE_PROVIDER, DEC/,
    );
    expect(lacking.imported).toBe(false);

    const xls = run([{ fileName: 'old.xls', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) }]);
    expect(problemAt(xls, 'old.xls', null, null).problem).toMatch(/old-style Excel file/);

    const brokenXml = run([fileOf('return.xml', '<EXPSSDA903><CHILD><HEADER></CHILD></EXPSSDA903>')]);
    expect(problemAt(brokenXml, 'return.xml', null, null).problem).toMatch(/not well-formed at line 1/);

    const reviews = run([
      fileOf('reviews.csv', 'CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,01/01/2020,PN1\n'),
      ...wholeReturn(syntheticReturn({ children: 3, seed: 6 })),
    ]);
    expect(problemAt(reviews, 'reviews.csv', null, null)).toMatchObject({ severity: 'warning' });
    expect(reviews.imported).toBe(true);
  });
});

describe('SSDA903 XML form', () => {
  it('imports the same children and episodes as the CSV files', () => {
    const children = syntheticReturn({ children: 30, seed: 7 });
    const csv = run(wholeReturn(children));
    const afterCsv = snapshot(store.db);

    // The XML of the same return, into the same store, finds every record already there.
    const xmlAgain = run([fileOf('return.xml', xml903(children))]);
    expect(xmlAgain.errorCount).toBe(0);
    expect(xmlAgain.changes.every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(snapshot(store.db)).toEqual(afterCsv);

    // And into a fresh store with the same pseudonym key, the XML alone writes identical rows.
    const key = store.db.prepare("SELECT value FROM meta WHERE key = 'pseudonym_key'").pluck().get() as string;
    const other = importStore();
    try {
      setMeta(other.db, 'pseudonym_key', key);
      const xml = importSsda903(other.db, [fileOf('return.xml', xml903(children))], {
        councilId: other.councilId,
        today: '2026-11-25',
        skipBadRows: false,
        dryRun: false,
      });
      expect(xml.imported).toBe(true);
      expect(xml.rowsRead).toBe(30);
      expect(xml.changes.map((c) => [c.record, c.created, c.updated])).toEqual(csv.changes.map((c) => [c.record, c.created, c.updated]));
      const strip = (s: Record<string, unknown[]>) => ({ children: s.children, episodes: s.episodes, missing_episodes: s.missing_episodes });
      expect(strip(snapshot(other.db))).toEqual(strip(afterCsv));
    } finally {
      other.remove();
    }
  });

  it('names problems by CHILD element and element path (PL for PLACE)', () => {
    const children = syntheticReturn({ children: 3, seed: 8 });
    children[1]!.episodes[0]!.PLACE = 'QQ';
    children[2]!.SEX = '7' as '1';
    const o = run([fileOf('return.xml', xml903(children))], { skipBadRows: true });
    expect(problemAt(o, 'return.xml', 2, 'EPISODE[1]/PL').problem).toMatch(/'QQ' is not a placement type/);
    expect(problemAt(o, 'return.xml', 3, 'HEADER/SEX').problem).toMatch(/'7' is not an SSDA903 sex code/);
    // In XML a CHILD element is one row: a child with an error is left out whole.
    expect(o.rowsImported).toBe(1);
    expect(count('children')).toBe(1);
  });
});

const HEADER_COLUMNS = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
const EPISODE_COLUMNS_LINE = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
const csvOf = (...lines: string[]) => lines.join('\r\n') + '\r\n';

describe('SSDA903 codes are judged by the return’s own collection year', () => {
  it('a 2019-20 return: SEX 1/2 and the H5 and P2 placements of its time are fine; K3 and SEX M are not, naming the year', () => {
    const header = csvOf(HEADER_COLUMNS, '4001,1,01/02/2003,WBRI,,,', '4002,2,01/02/2004,WBRI,,,', '4003,M,01/02/2004,WBRI,,,');
    const episodes = csvOf(
      EPISODE_COLUMNS_LINE,
      '4001,01/06/2018,S,V2,N4,H5,PR4,01/09/2019,X1,CHILD,M1 1AE,OL1 2AB,SC123456', // row 2: H5, ended within 2019-20
      '4001,01/09/2019,P,V2,N4,P2,PR4,,,,M1 1AE,OL1 2AB,', // row 3: P2, open at the end of 2019-20
      '4002,01/05/2019,S,C2,N1,K3,PR4,,,,M1 1AE,OL1 2AB,SC123457', // row 4: K3, not yet in 2019-20
      '4003,01/03/2020,S,C2,N1,U4,PR1,,,,,,', // row 5: the latest date: the return is 2019-20
    );
    const o = run([fileOf('header.csv', header), fileOf('episodes.csv', episodes)]);
    expect(o.summary).toMatch(/Read as the 2019-20 return: the latest date in it is 01\/03\/2020 \(DECOM, episodes.csv row 5\)/);
    expect(o.problems.map((p) => [p.file, p.row, p.column])).toEqual([
      ['header.csv', 4, 'SEX'],
      ['episodes.csv', 4, 'PLACE'],
      ['episodes.csv', 5, 'CHILD'],
    ]);
    expect(problemAt(o, 'header.csv', 4, 'SEX').problem).toBe(
      "'M' (Male) is not valid in 2019-20, the collection year of this return: it was introduced in 2024-25. Codes valid in 2019-20: 1, 2",
    );
    expect(problemAt(o, 'episodes.csv', 4, 'PLACE').problem).toMatch(
      /^'K3' \(Registered supported accommodation\) is not valid in 2019-20, .*: it was introduced in 2024-25\./,
    );
    expect(problemAt(o, 'episodes.csv', 4, 'PLACE').problem).toMatch(/Codes valid in 2019-20: .*H5.*P2/);
    expect(o.imported).toBe(false);

    const skipped = run([fileOf('header.csv', header), fileOf('episodes.csv', episodes)], { skipBadRows: true });
    expect(skipped.imported).toBe(true);
    expect(store.db.prepare('SELECT place FROM episodes ORDER BY decom').pluck().all()).toEqual(['H5', 'P2']);
    expect(store.db.prepare('SELECT sex FROM children ORDER BY birth_date').pluck().all()).toEqual(['M', 'F']);
    expect(store.db.prepare('SELECT DISTINCT ssda903_year FROM episodes').pluck().all()).toEqual([2019]);
  });

  it('a 2025-26 return: SEX M/F/U, K3 and Z11-Z14; H5 open in 2025-26 and SEX 1 are refused; history keeps its own year’s codes', () => {
    const header = csvOf(HEADER_COLUMNS, '5001,U,01/02/2009,WBRI,,,', '5002,F,01/02/2009,WBRI,,,', '5003,1,01/02/2009,WBRI,,,');
    const episodes = csvOf(
      EPISODE_COLUMNS_LINE,
      '5001,01/06/2022,S,V2,N4,H5,PR4,01/03/2024,X1,CHILD,,,', // row 2: H5 ended in 2023-24: history, fine
      '5001,01/03/2024,P,V2,N4,Z14,PR4,,,,,,', // row 3: Z11-Z14 from 2025-26, open now: fine
      '5002,01/06/2023,S,C2,N1,K3,PR4,01/01/2024,X1,CHILD,,,SC123457', // row 4: K3 in 2023-24, before it existed
      '5002,01/01/2024,P,C2,N1,H5,PR4,,,,,,', // row 5: H5 still open in 2025-26
      '5003,01/03/2026,S,C2,N1,K3,PR4,,,,,,SC123458', // row 6: K3 open in 2025-26: fine
    );
    const o = run([fileOf('header.csv', header), fileOf('episodes.csv', episodes)], { skipBadRows: true });
    expect(o.summary).toMatch(/Read as the 2025-26 return/);
    expect(o.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.row, p.column])).toEqual([
      ['header.csv', 4, 'SEX'],
      ['episodes.csv', 4, 'PLACE'],
      ['episodes.csv', 5, 'PLACE'],
      ['episodes.csv', 6, 'CHILD'],
    ]);
    expect(problemAt(o, 'header.csv', 4, 'SEX').problem).toBe(
      "'1' (Male) is not valid in 2025-26, the collection year of this return: it was retired from 2024-25. Codes valid in 2025-26: M, F, U",
    );
    expect(problemAt(o, 'episodes.csv', 4, 'PLACE').problem).toMatch(
      /^'K3' .* is not valid in 2023-24, the collection year this episode ended in \(01\/01\/2024\): it was introduced in 2024-25/,
    );
    expect(problemAt(o, 'episodes.csv', 5, 'PLACE').problem).toMatch(
      /^'H5' .* is not valid in 2025-26, the collection year of this return, in which the episode is open: it was retired from 2025-26/,
    );
    expect(problemAt(o, 'episodes.csv', 6, 'CHILD').problem).toMatch(/'5003' has errors in their header row/);
    // The child recorded as U is carried as U, not refused or guessed.
    expect(store.db.prepare('SELECT sex FROM children ORDER BY sex').pluck().all()).toEqual(['F', 'U']);
    expect(store.db.prepare('SELECT place FROM episodes ORDER BY decom').pluck().all()).toEqual(['H5', 'Z14']);
  });

  it('a collection year the user chooses is used as chosen; dates after its end are refused, and disagreeing dates are pointed out', () => {
    const header = csvOf(HEADER_COLUMNS, '6001,1,01/02/2009,WBRI,,,');
    const episodes = csvOf(EPISODE_COLUMNS_LINE, '6001,01/06/2019,S,V2,N4,H5,PR4,,,,,,', '6001,01/06/2020,S,V2,N4,P2,PR4,,,,,,');
    const o = run([fileOf('header.csv', header), fileOf('episodes.csv', episodes)], { collectionYear: 2019 });
    expect(o.summary).toMatch(/Read as the 2019-20 return, as chosen\./);
    expect(problemAt(o, 'episodes.csv', 3, 'DECOM').problem).toBe(
      'The date 01/06/2020 is after the end of the 2019-20 collection year (31/03/2020) this return is read as',
    );
    expect(problemAt(o, 'episodes.csv', null, null)).toMatchObject({
      severity: 'warning',
      problem: expect.stringMatching(
        /You chose the 2019-20 collection year, but the latest date in it is 01\/06\/2020 \(DECOM, episodes.csv row 3\), which is in 2020-21/,
      ),
    });
    // A date after today is in the future whatever the year, and says nothing about the year.
    const future = run([fileOf('header.csv', header), fileOf('episodes.csv', csvOf(EPISODE_COLUMNS_LINE, '6001,01/06/2019,S,V2,N4,H5,PR4,01/01/2027,E8,,,,'))]);
    expect(problemAt(future, 'episodes.csv', 2, 'DEC').problem).toBe('The date 01/01/2027 is in the future');
    expect(future.summary).toMatch(/Read as the 2019-20 return: the latest date in it is 01\/06\/2019/);
    // A header file alone has no dates to tell its year by: the current year is assumed, and said.
    const alone = run([fileOf('header.csv', csvOf(HEADER_COLUMNS, '6002,F,01/02/2009,WBRI,,,'))]);
    expect(alone.imported).toBe(true);
    expect(alone.summary).toMatch(/Read as the 2026-27 return \(the current year\): it has no episode or missing dates/);
  });
});

describe('SSDA903 files in their published layouts', () => {
  const header = csvOf(HEADER_COLUMNS, '7001,2,01/02/2008,WBRI,,,', '7002,1,02/03/2009,AIND,,,');
  const episodes = [
    EPISODE_COLUMNS_LINE,
    '7001,01/06/2018,S,V2,N4,H5,PR4,01/09/2018,X1,CHILD,M1 1AE,OL1 2AB,',
    '7001,01/09/2018,P,V2,N4,U4,PR1,,,,M1 1AE,M2 3CD,',
    '7002,05/02/2019,S,C2,N1,K2,PR4,,,,BL1 1AA,M4 4BB,SC654321',
  ];

  it('a misspelt column is an error naming it and the file, and nothing is read as blank', () => {
    const misspelt = episodes.map((line, i) => (i === 0 ? line.replace(',DEC,', ',DCE,') : line));
    const before = snapshot(store.db);
    const o = run([fileOf('header.csv', header), fileOf('episodes.csv', csvOf(...misspelt))], { skipBadRows: true });
    expect(o.imported).toBe(false);
    expect(snapshot(store.db)).toEqual(before);
    const dce = problemAt(o, 'episodes.csv', null, 'DCE');
    expect(dce.problem).toMatch(/^The column 'DCE' \(column 8\) is not in the SSDA903 episodes layout \(CHILD, DECOM, .*\)\. Is it misspelt\?/);
    expect(problemAt(o, 'episodes.csv', null, 'DEC').problem).toMatch(/has no column DEC, so it cannot be read/);
    // The same in the header file, and a column named twice.
    const twice = run([fileOf('header.csv', csvOf('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,SEX', '7001,2,01/02/2008,WBRI,,,,1'))]);
    expect(problemAt(twice, 'header.csv', null, 'SEX').problem).toMatch(/The column SEX appears twice \(columns 2 and 8\)/);
    const typo = run([fileOf('header.csv', csvOf('CHILD,SEX,DOB,ETHNC', '7001,2,01/02/2008,WBRI'))]);
    expect(typo.problems.map((p) => p.column)).toEqual(['ETHNC', 'ETHNIC']);
  });

  it('re-ordered columns, other case and spacing, a blank last header cell and no UPN/MOTHER/MC_DOB columns give the same store', () => {
    const inOrder = run([fileOf('header.csv', header), fileOf('episodes.csv', csvOf(...episodes))]);
    expect(inOrder.errorCount).toBe(0);
    const expected = snapshot(store.db);
    const other = importStore();
    try {
      setMeta(other.db, 'pseudonym_key', store.db.prepare("SELECT value FROM meta WHERE key = 'pseudonym_key'").pluck().get() as string);
      const order = [12, 0, 5, 1, 7, 2, 3, 4, 6, 8, 9, 10, 11];
      const shuffled = episodes.map((line) => order.map((i) => line.split(',')[i]).join(','));
      shuffled[0] = shuffled[0]!.toLowerCase().replace('decom', ' Decom ');
      const slimHeader = csvOf('ETHNIC,DOB,child,SEX,', '"WBRI",01/02/2008,7001,2,', 'AIND,02/03/2009,7002,1,');
      const files = [fileOf('episodes.csv', csvOf(...shuffled)), fileOf('header.csv', slimHeader)];
      const o = importSsda903(other.db, files, { councilId: other.councilId, today: '2026-11-25', skipBadRows: false, dryRun: false });
      expect(o.problems).toEqual([]);
      expect(snapshot(other.db)).toEqual(expected);
    } finally {
      other.remove();
    }
  });

  it('reads a Windows-1252 file (Excel’s "CSV" on an older PC): a curly apostrophe and a pound sign come through as written', () => {
    const text = csvOf(HEADER_COLUMNS, '7001,2,01/02/2008,WBRI,O’Neill £5,,', '7002,1,02/03/2009,AIND,,,');
    const bytes = iconv.encode(text, 'windows-1252');
    expect(bytes.includes(0x92) && bytes.includes(0xa3)).toBe(true); // really 1252, not UTF-8
    const o = run([{ fileName: 'header.csv', bytes }, fileOf('episodes.csv', csvOf(...episodes))]);
    // The UPN is kept for the council's export, so it is checked, and the problem quotes it decoded.
    expect(o.problems.find((p) => p.file === 'header.csv')).toMatchObject({
      row: 2,
      column: 'UPN',
      problem: "'O’Neill £5' is not a UPN (13 letters and digits) or an unknown-UPN code such as UN5",
    });
    expect(count('children')).toBe(0);
  });

  it('a file cut off part-way through a row names that row', () => {
    const whole = csvOf(...episodes);
    const cut = whole.slice(0, whole.lastIndexOf('05/02/2019') + 4);
    const o = run([fileOf('header.csv', header), fileOf('episodes.csv', cut)]);
    expect(o.imported).toBe(false);
    expect(problemAt(o, 'episodes.csv', 4, 'DECOM').problem).toMatch(/'05\/0' is not a date/);
  });
});

describe('SSDA903 XML elements', () => {
  it('an element the form does not have, or a value given twice, is an error naming its path; the other files’ groups are ignored', () => {
    const children = syntheticReturn({ children: 3, seed: 31 });
    let xml = xml903(children);
    // Child 1: DEC misspelt in its first episode. Child 2: DEC twice. Child 3: reviews and OC2, which are fine.
    const dec = /<DEC( \/>|>[^<]*<\/DEC>)/g;
    xml = xml.replace(dec, (m, _x, offset: number) => (offset < xml.indexOf('</CHILD>') ? m.replace(/DEC/g, 'DCE') : m));
    dec.lastIndex = xml.indexOf('<CHILD>', xml.indexOf('<CHILD>') + 1);
    const at = dec.exec(xml)!.index;
    xml = `${xml.slice(0, at)}<DEC>01/01/2020</DEC>${xml.slice(at)}`;
    const third = xml.lastIndexOf('<MOTHER');
    xml = `${xml.slice(0, third)}<AREVIEW><REVIEW>01/01/2025</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW><OC2><SDQ_SCORE>12</SDQ_SCORE></OC2>${xml.slice(third)}`;
    const o = run([fileOf('return.xml', xml)], { skipBadRows: true });
    expect(problemAt(o, 'return.xml', 1, 'EPISODE[1]/DCE').problem).toMatch(
      /EPISODE\[1\] has an element DCE, which the SSDA903 XML form does not have there\. Is it misspelt\?/,
    );
    expect(problemAt(o, 'return.xml', 2, 'EPISODE[1]/DEC').problem).toBe('DEC appears 2 times in EPISODE[1]; it holds one value.');
    expect(o.problems.filter((p) => p.row === 3)).toEqual([]);
    // Each child left out says so: the whole CHILD element, not silently.
    expect(problemAt(o, 'return.xml', 1, null)).toMatchObject({ severity: 'warning', problem: expect.stringMatching(/This child is left out whole/) });
    expect(problemAt(o, 'return.xml', 2, null)).toMatchObject({ severity: 'warning' });
    expect(count('children')).toBe(1);

    const stray = run([fileOf('stray.xml', xml903(children.slice(0, 1)).replace('</CHILD>', '<EPISDOE><DECOM>01/01/2020</DECOM></EPISDOE></CHILD>'))]);
    expect(problemAt(stray, 'stray.xml', 1, 'EPISDOE').problem).toMatch(/A CHILD element holds EPISDOE/);
  });
});
