import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSsda903 } from '../../../db/importers/ssda903';
import { skipUnlessPresent } from '../../helpers/present';
import { fixture, importStore, snapshot, type ImportStore } from './helpers';

/**
 * The real-format SSDA903 fixtures beside the project (synthetic data from the open-source SSDA903
 * validator: a return of the 2017-18 era, SEX 1/2, codes of that time such as H5, P2 and Z1). Read,
 * never copied. What the store holds afterwards is compared with the files parsed here on their
 * own (papaparse straight over each CSV, an XML parser over the XML), not through the importer.
 */
const dir = fixture('ssda903');
const csvFiles = dir ? readdirSync(dir).filter((f) => f.endsWith('.csv')) : [];
const hasCsv =
  dir !== null &&
  skipUnlessPresent(
    'The SSDA903 CSV return',
    ['header.csv', 'episodes.csv'].every((f) => csvFiles.includes(f)),
    `${dir} has no header.csv and episodes.csv`,
  );
const xmlPath = dir ? fixture('ssda903', 'fake_903.xml') : null;

let store: ImportStore;
beforeEach(() => {
  store = importStore();
});
afterEach(() => store.remove());

const load = (names: string[]) => names.map((f) => ({ fileName: f, bytes: readFileSync(join(dir!, f)) }));
const options = { today: '2026-11-25', skipBadRows: false, dryRun: false } as const;

/** A CSV file as records keyed by its header, by papaparse alone. */
function records(file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(join(dir!, file), 'utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

interface Node {
  [element: string]: string | Node | Node[];
}

/** dd/mm/yyyy as ISO, or null for blank. */
const iso = (uk: string | undefined) => (uk ? uk.split('/').reverse().join('-') : null);
const blankToNull = (s: string | undefined) => (s === undefined || s === '' ? null : s);
/** SEX before 2024-25: 1 male, 2 female (written out here, not taken from the app's code list). */
const SEX_1_2: Record<string, string> = { '1': 'M', '2': 'F' };

interface StoredChild {
  id: string;
  dob: string;
  sex: string;
  ethnicity: string;
  uasc: number;
  duc: string | null;
}

function storedChildren(): Map<string, StoredChild> {
  const rows = store.db
    .prepare(
      `SELECT o.council_child_id AS id, c.birth_date AS dob, c.sex, c.ethnicity, c.uasc, c.uasc_ceased AS duc
       FROM children c JOIN ssda903_children o ON o.child_id = c.id`,
    )
    .all() as StoredChild[];
  return new Map(rows.map((r) => [r.id, r]));
}

function storedEpisodes(): Map<string, Record<string, unknown>> {
  const rows = store.db
    .prepare(
      `SELECT o.council_child_id AS CHILD, e.decom, e.rne, e.ls, e.cin, e.place, e.place_provider, e.dec, e.rec, e.reason_place_change, e.home_post,
              e.pl_post, e.urn
       FROM episodes e JOIN ssda903_children o ON o.child_id = e.child_id`,
    )
    .all() as Record<string, unknown>[];
  return new Map(rows.map((r) => [`${String(r.CHILD)} ${String(r.decom)}`, r]));
}

const episodeOf = (e: Record<string, string>, place: string | undefined) => ({
  rne: e.RNE,
  ls: e.LS,
  cin: e.CIN,
  place,
  place_provider: blankToNull(e.PLACE_PROVIDER),
  dec: iso(e.DEC),
  rec: blankToNull(e.REC),
  reason_place_change: blankToNull(e.REASON_PLACE_CHANGE),
  home_post: blankToNull(e.HOME_POST),
  pl_post: blankToNull(e.PL_POST),
  urn: blankToNull(e.URN),
});

describe('SSDA903 fixtures (../shared/fixtures/ssda903)', () => {
  it.skipIf(!hasCsv)('the whole CSV return imports as its own year, with no error, and names the files it does not import', () => {
    const before = snapshot(store.db);
    const o = importSsda903(store.db, load(csvFiles), { ...options, councilId: store.councilId, dryRun: true });
    const content = Object.fromEntries(o.files.map((f) => [f.fileName, f.content]));
    expect(content['header.csv']).toBe('SSDA903 header');
    expect(content['episodes.csv']).toBe('SSDA903 episodes');
    if (content['uasc.csv']) expect(content['uasc.csv']).toBe('SSDA903 UASC');
    if (content['missing.csv']) expect(content['missing.csv']).toBe('SSDA903 missing');
    if (content['reviews.csv']) expect(content['reviews.csv']).toMatch(/not imported/);
    // Its H5, P2 and Z1 placements and SEX 1/2 are right for its time; MOTHER and UPN are not the app's business.
    expect(o.errorCount).toBe(0);
    expect(o.problems.every((p) => p.row === null && /is not imported/.test(p.problem))).toBe(true);
    expect(o.summary).toMatch(/Read as the 201\d-\d\d return: the latest date in it is/);
    expect(snapshot(store.db)).toEqual(before);
  });

  it.skipIf(!hasCsv)('what the store holds is what papaparse reads from the files themselves', () => {
    const o = importSsda903(store.db, load(csvFiles), { ...options, councilId: store.councilId });
    expect(o.imported).toBe(true);
    const header = records('header.csv');
    const children = storedChildren();
    expect(children.size).toBe(header.length);
    for (const h of header) {
      expect(children.get(h.CHILD!), h.CHILD).toMatchObject({ dob: iso(h.DOB), sex: SEX_1_2[h.SEX!], ethnicity: h.ETHNIC });
    }
    const uasc = csvFiles.includes('uasc.csv') ? records('uasc.csv') : [];
    for (const u of uasc) expect(children.get(u.CHILD!), u.CHILD).toMatchObject({ uasc: 1, duc: iso(u.DUC) });
    expect([...children.values()].filter((c) => c.uasc === 1).length).toBe(new Set(uasc.map((u) => u.CHILD)).size);

    const episodes = records('episodes.csv');
    const stored = storedEpisodes();
    expect(stored.size).toBe(episodes.length);
    for (const e of episodes) expect(stored.get(`${e.CHILD} ${iso(e.DECOM)}`), `${e.CHILD} ${e.DECOM}`).toMatchObject(episodeOf(e, e.PLACE));
    expect(store.db.prepare("SELECT count(*) FROM episodes WHERE place IN ('H5', 'P2', 'Z1')").pluck().get()).toBe(
      episodes.filter((e) => ['H5', 'P2', 'Z1'].includes(e.PLACE!)).length,
    );

    if (csvFiles.includes('missing.csv')) {
      const missing = records('missing.csv');
      const rows = store.db
        .prepare(
          'SELECT o.council_child_id AS CHILD, m.kind, m.start_date AS start, m.end_date AS end FROM missing_episodes m JOIN ssda903_children o ON o.child_id = m.child_id ORDER BY 1, 3',
        )
        .all();
      const expected = missing.map((m) => ({ CHILD: m.CHILD, kind: m.MISSING, start: iso(m.MIS_START), end: iso(m.MIS_END) }));
      expect(rows).toEqual(expected.sort((a, b) => (a.CHILD! < b.CHILD! ? -1 : a.CHILD! > b.CHILD! ? 1 : a.start! < b.start! ? -1 : 1)));
    }
  });

  it.skipIf(xmlPath === null)('the XML form imports with no error, and the store matches an XML parser’s own reading of it', () => {
    const bytes = readFileSync(xmlPath!);
    const o = importSsda903(store.db, [{ fileName: 'fake_903.xml', bytes }], { ...options, councilId: store.councilId });
    expect(o.files[0]).toMatchObject({ format: 'xml', content: 'SSDA903 XML return' });
    expect(o.problems).toEqual([]);
    expect(o.imported).toBe(true);

    const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v === undefined ? [] : [v as Node]);
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const doc = new XMLParser({ parseTagValue: false }).parse(bytes.toString('utf8')) as { EXPSSDA903: { CHILD: Node[] } };
    const xmlChildren = list(doc.EXPSSDA903.CHILD);
    expect(o.rowsRead).toBe(xmlChildren.length);
    const children = storedChildren();
    const stored = storedEpisodes();
    let episodeCount = 0;
    for (const child of xmlChildren) {
      const h = child.HEADER as Node;
      const id = text(h.CHILDID);
      expect(children.get(id), id).toMatchObject({
        dob: iso(text(h.DOB)),
        sex: SEX_1_2[text(h.SEX)],
        ethnicity: text(h.ETHNIC),
        uasc: text(h.UASC) === '1' ? 1 : 0,
      });
      for (const e of list(child.EPISODE)) {
        episodeCount++;
        const fields = Object.fromEntries(Object.entries(e).map(([k, v]) => [k, text(v)]));
        expect(stored.get(`${id} ${iso(fields.DECOM)}`), `${id} ${fields.DECOM}`).toMatchObject(episodeOf(fields, fields.PL));
      }
    }
    expect(stored.size).toBe(episodeCount);
    expect(store.db.prepare('SELECT count(*) FROM children WHERE uasc = 1').pluck().get()).toBeGreaterThan(0);
  });
});
