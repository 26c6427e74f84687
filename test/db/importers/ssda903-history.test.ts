import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { importSsda903, type Ssda903ImportOptions } from '../../../db/importers/ssda903';
import type { ImportOutcome, ImportProblem } from '../../../db/importers/report';
import { setMeta } from '../../../db/repositories/meta';
import { sourceKeyFor } from '../../../db/importers/pseudonym';
import { storedReturns } from './ssda903-content';
import { tempStoreAt } from './ssda903-migration-store';
import { importStore, snapshot, type ImportStore } from './helpers';
import { episodesCsv, fileOf, headerCsv, missingCsv, syntheticReturn, uascCsv, xml903, type SyntheticChild } from './ssda903-generator';

/**
 * Returns of different years and councils meeting in one store: an older return never overwrites
 * newer history, whichever order they come in, and a return imported under a second council is
 * refused rather than doubled.
 */

let stores: ImportStore[] = [];
const KEY = randomBytes(32).toString('hex');
/** A store whose pseudonym key is shared with the others, so their refs and keys can be compared. */
function newStore(): ImportStore {
  const s = importStore();
  setMeta(s.db, 'pseudonym_key', KEY);
  stores.push(s);
  return s;
}
beforeEach(() => {
  stores = [];
});
afterEach(() => {
  for (const s of stores) s.remove();
});

function run(s: ImportStore, files: { fileName: string; bytes: Uint8Array }[], extra: Partial<Ssda903ImportOptions> = {}): ImportOutcome {
  return importSsda903(s.db, files, { councilId: s.councilId, today: '2026-11-25', skipBadRows: false, dryRun: false, ...extra });
}

const wholeReturn = (children: SyntheticChild[], tag: string) => [
  fileOf(`header-${tag}.csv`, headerCsv(children)),
  fileOf(`episodes-${tag}.csv`, episodesCsv(children)),
  fileOf(`uasc-${tag}.csv`, uascCsv(children)),
  fileOf(`missing-${tag}.csv`, missingCsv(children)),
];

const ukDate = (y: number, m: number, d: number) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;

/**
 * The 2021-22 return of the same council: most children still there with details corrected
 * (ethnicity, a UASC end date), the episode open at the end of 2017-18 now closed with its legal
 * status corrected and a new one after it, the same missing episode with a corrected end; some
 * children new, some gone.
 */
function laterReturn(older: SyntheticChild[]): SyntheticChild[] {
  const kept = older.slice(0, Math.ceil(older.length * 0.8)).map((c, i) => {
    const last = c.episodes.at(-1)!;
    const closed = { ...last, LS: last.LS === 'C2' ? 'C1' : 'C2', DEC: ukDate(2021, 5, 1 + (i % 20)), REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' };
    const next = { ...last, DECOM: closed.DEC, RNE: 'P', PLACE: 'U4', PLACE_PROVIDER: 'PR1', DEC: '', REC: '', REASON_PLACE_CHANGE: '', URN: '' };
    return {
      ...c,
      ETHNIC: i % 3 === 0 ? 'OOTH' : c.ETHNIC,
      DUC: c.DUC === null ? null : ukDate(2030, 1, 1),
      episodes: [closed, next],
      missing: c.missing.map((m) => ({ ...m, MIS_END: ukDate(2018, 3, 30) })),
    };
  });
  const arrivals = syntheticReturn({ children: 5, seed: 77, year: 2021 }).map((c, i) => ({ ...c, CHILD: `9${String(i).padStart(5, '0')}` }));
  return [...kept, ...arrivals];
}

const problemsLike = (o: ImportOutcome, re: RegExp): ImportProblem[] => o.problems.filter((p) => re.test(p.problem));

describe('returns of different years', () => {
  it('importing 2021-22 then 2017-18 leaves the store exactly as 2017-18 then 2021-22 does, and says what it kept', () => {
    const older = syntheticReturn({ children: 30, seed: 41, year: 2017 });
    for (const c of older.slice(0, 6)) c.missing = [{ MISSING: 'M', MIS_START: ukDate(2018, 3, 1), MIS_END: ukDate(2018, 3, 3) }];
    for (const c of older.slice(0, 4)) c.DUC = ukDate(2029, 6, 1);
    const newer = laterReturn(older);

    const forwards = newStore();
    const a = run(forwards, wholeReturn(older, '2017'));
    const b = run(forwards, wholeReturn(newer, '2021'));
    expect([a.errorCount, b.errorCount]).toEqual([0, 0]);
    expect(a.summary).toMatch(/Read as the 2017-18 return/);
    expect(b.summary).toMatch(/Read as the 2021-22 return/);

    const backwards = newStore();
    const c = run(backwards, wholeReturn(newer, '2021'));
    const d = run(backwards, wholeReturn(older, '2017'));
    expect([c.errorCount, d.errorCount]).toEqual([0, 0]);
    expect(storedReturns(backwards.db)).toEqual(storedReturns(forwards.db));

    // The later return's corrections are what both stores hold.
    const sample = newer[0]!;
    const ethnicity = (s: ImportStore) =>
      s.db.prepare('SELECT c.ethnicity FROM children c JOIN ssda903_children o ON o.child_id = c.id WHERE o.council_child_id = ?').pluck().get(sample.CHILD);
    expect(ethnicity(backwards)).toBe(sample.ETHNIC);
    const corrected = newer.slice(0, 24).map((x) => x.episodes[0]!);
    const ls = backwards.db
      .prepare('SELECT e.ls FROM episodes e JOIN ssda903_children o ON o.child_id = e.child_id WHERE o.council_child_id = ? AND e.decom = ?')
      .pluck();
    newer.slice(0, 24).forEach((x, i) => {
      const [dd, mm, yyyy] = corrected[i]!.DECOM.split('/');
      expect(ls.get(x.CHILD, `${yyyy}-${mm}-${dd}`)).toBe(corrected[i]!.LS);
    });

    // The older return, imported second, named every row it left alone and why.
    const kept = problemsLike(d, /left as the store has them: they come from a later return \(up to 2021-22\) than this 2017-18 one/);
    expect(kept.map((p) => p.file).sort()).toEqual(['episodes-2017.csv', 'header-2017.csv', 'missing-2017.csv', 'uasc-2017.csv']);
    for (const p of kept) expect(p.severity).toBe('warning');
    expect(kept.find((p) => p.file === 'header-2017.csv')!.problem).toMatch(
      /^24 children's details \(sex, date of birth, ethnicity\) \(rows 2, 3, 4, .* and 14 more\)/,
    );
    expect(kept.find((p) => p.file === 'episodes-2017.csv')!.problem).toMatch(/^24 episodes \(rows /);
    expect(d.changes.find((x) => x.record === 'children')).toMatchObject({ created: 6, updated: 0, unchanged: 24 });
    // Episodes only the older return has (closed before 2021-22) are history the newer one lacks: added.
    expect(d.changes.find((x) => x.record === 'episodes')!.created).toBe(older.reduce((n, x) => n + x.episodes.length, 0) - 24);
  });

  it('a return of the same year as the stored one does replace it (a resubmission), and the same return twice changes nothing', () => {
    const s = newStore();
    const first = syntheticReturn({ children: 10, seed: 42, year: 2019 });
    run(s, wholeReturn(first, 'a'));
    const before = snapshot(s.db);
    expect(run(s, wholeReturn(first, 'a')).changes.every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(snapshot(s.db)).toEqual(before);
    const fixed = first.map((c) => ({ ...c, ETHNIC: 'REFU' }));
    const again = run(s, wholeReturn(fixed, 'b'), { collectionYear: 2019 });
    expect(again.changes.find((c) => c.record === 'children')!.updated).toBe(fixed.filter((c, i) => c.ETHNIC !== first[i]!.ETHNIC).length);
    expect(s.db.prepare('SELECT DISTINCT ethnicity FROM children').pluck().all()).toEqual(['REFU']);
  });

  it('XML and CSV of the same return give the same store, in the current layout and an older one', () => {
    for (const year of [2025, 2018]) {
      const children = syntheticReturn({ children: 25, seed: 43 + year, year, urnUnknown: 0.5 });
      const csv = newStore();
      const xml = newStore();
      expect(run(csv, wholeReturn(children, String(year))).errorCount).toBe(0);
      expect(run(xml, [fileOf(`${year}.xml`, xml903(children))]).errorCount).toBe(0);
      const stored = storedReturns(csv.db);
      expect(storedReturns(xml.db)).toEqual(stored);
      expect(stored.children.length).toBe(25);
      expect(stored.episodes.every((e) => (e as { ssda903_year: number }).ssda903_year === year)).toBe(true);
    }
  });
});

describe('the same return under two councils', () => {
  it('is refused under the second, naming the council it was imported under, whether CSV or XML', () => {
    const s = newStore();
    const children = syntheticReturn({ children: 20, seed: 44 });
    expect(run(s, wholeReturn(children, 'salford')).imported).toBe(true);
    const before = snapshot(s.db);
    for (const files of [wholeReturn(children, 'again'), [fileOf('return.xml', xml903(children))]]) {
      const o = run(s, files, { councilId: s.otherCouncilId, skipBadRows: true });
      expect(o.imported).toBe(false);
      const dup = o.problems.find((p) => /imported before under/.test(p.problem))!;
      expect(dup).toMatchObject({ row: null, severity: 'error' });
      expect(dup.problem).toMatch(
        /^This return was imported before under Salford: 20 of its 20 children have the CHILD identifier and date of birth of children imported for Salford\./,
      );
      expect(snapshot(s.db)).toEqual(before);
    }
    // Under its own council it is simply the same return again; another council's own return is welcome.
    expect(run(s, wholeReturn(children, 'salford')).errorCount).toBe(0);
    const wigans = syntheticReturn({ children: 20, seed: 45 }).map((c) => ({ ...c, CHILD: `W${c.CHILD}` }));
    expect(run(s, wholeReturn(wigans, 'wigan'), { councilId: s.otherCouncilId }).errorCount).toBe(0);
    expect(s.db.prepare('SELECT council_id, count(*) AS n FROM children GROUP BY council_id ORDER BY council_id').all()).toEqual([
      { council_id: s.councilId, n: 20 },
      { council_id: s.otherCouncilId, n: 20 },
    ]);
  });

  it('a few children whose identifiers happen to match another council’s are not taken for a duplicate return', () => {
    const s = newStore();
    const children = syntheticReturn({ children: 20, seed: 46 });
    run(s, wholeReturn(children, 'salford'));
    const wigans = syntheticReturn({ children: 20, seed: 47 }).map((c, i) =>
      i < 3 ? { ...c, CHILD: children[i]!.CHILD, DOB: children[i]!.DOB } : { ...c, CHILD: `W${c.CHILD}` },
    );
    const o = run(s, wholeReturn(wigans, 'wigan'), { councilId: s.otherCouncilId });
    expect(o.errorCount).toBe(0);
    expect(o.imported).toBe(true);
  });
});

describe('the lookups history checks make use indexes', () => {
  it.each([
    [
      'a child of another council by keyed hash',
      'SELECT birth_date FROM children WHERE source_key = ? AND council_id = ?',
      /SEARCH children USING INDEX children_by_source_key/,
    ],
    ['a child’s own identifier and years', 'SELECT header_year FROM ssda903_children WHERE child_id = ?', /SEARCH ssda903_children USING INTEGER PRIMARY KEY/],
    [
      'a council’s episodes from later returns',
      'SELECT e.child_id, e.decom FROM episodes e JOIN children c ON c.id = e.child_id WHERE c.council_id = ? AND e.ssda903_year > ?',
      /SEARCH c USING COVERING INDEX children_by_council \(council_id=\?\).*SEARCH e USING INDEX episodes_by_child \(child_id=\?\)/,
    ],
  ])('%s', (_what, sql, expected) => {
    const s = newStore();
    const params = Array.from(sql.matchAll(/\?/g), () => 1);
    const detail = (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(detail).toMatch(expected);
  });
});

describe('migration 0110 on a store that already has children and episodes', () => {
  it('keeps every child and episode, allows sex U and nothing else new, and later imports record the council’s own identifier', () => {
    const s = tempStoreAt(100);
    try {
      const db = s.db;
      const council = Number(
        db.prepare("INSERT INTO councils (name, ons_code, lat, lon) VALUES ('Salford', 'E08000006', 53.4875, -2.2901)").run().lastInsertRowid,
      );
      // A child imported from SSDA903 before this version: only the keyed hash of its CHILD was kept.
      setMeta(db, 'pseudonym_key', KEY);
      const sourceKey = sourceKeyFor(Buffer.from(KEY, 'hex'), 'E08000006', 'L1');
      db.prepare(
        `INSERT INTO children (ref, first_name, birth_date, sex, council_id, place_label, source, source_key)
         VALUES ('R1', '', '2010-01-01', 'F', ?, 'Salford', 'ssda903', ?)`,
      ).run(council, sourceKey);
      db.prepare("INSERT INTO episodes (child_id, decom, rne, ls, cin, place) VALUES (1, '2020-01-01', 'S', 'C2', 'N1', 'U1')").run();
      expect(() => db.prepare("UPDATE children SET sex = 'U'").run()).toThrow(/CHECK constraint failed/);
      s.migrateToLatest();
      expect(db.prepare('SELECT count(*) FROM episodes').pluck().get()).toBe(1);
      db.prepare("UPDATE children SET sex = 'U'").run();
      expect(() => db.prepare("UPDATE children SET sex = 'X'").run()).toThrow(/CHECK constraint failed: sex IN \('F', 'M', 'U'\)/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare('SELECT ssda903_year FROM episodes').pluck().get()).toBeNull();
      // An episodes file naming that child finds it, records its own identifier, and updates the
      // episode stored before years were kept (no year: any return may correct it).
      const episodes =
        'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\nL1,01/01/2020,S,C1,N1,U1,PR1,01/02/2020,E8,,,,\r\n';
      const o = importSsda903(db, [fileOf('episodes.csv', episodes)], { councilId: council, today: '2026-11-25', skipBadRows: false, dryRun: false });
      expect(o.errorCount).toBe(0);
      expect(db.prepare('SELECT council_child_id FROM ssda903_children WHERE child_id = 1').pluck().get()).toBe('L1');
      expect(db.prepare('SELECT ls, dec, ssda903_year AS year FROM episodes').get()).toEqual({ ls: 'C1', dec: '2020-02-01', year: 2019 });
    } finally {
      s.remove();
    }
  });
});
