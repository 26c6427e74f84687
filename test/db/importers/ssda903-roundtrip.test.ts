import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportSsda903Episodes, exportSsda903Header, Ssda903ExportError } from '../../../db/exporters/ssda903';
import type { WritableDB } from '../../../db/handle';
import { readCsv } from '../../../db/importers/csv';
import { importSsda903 } from '../../../db/importers/ssda903';
import { PLACE_WITHOUT_URN } from '../../../shared/domain/ssda903';
import { importStore } from './helpers';
import { fileOf, placesIn } from './ssda903-generator';

/**
 * Round trip, for all small returns: a generated return imported, exported as the council's
 * SSDA903 header and episodes files, and imported into a fresh store keeps every field the app
 * keeps, the council's own CHILD identifiers and an XXXXXXX URN. The expected store is written
 * from the generated values here, so both imports are checked against something else than the
 * importer itself. Run in the current layout (2025-26) and an older one (2018-19).
 */

const DAY = 86_400_000;
const LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];
const ETHNIC = ['WBRI', 'WIRI', 'WOTH', 'MWBC', 'AIND', 'BAFR', 'CHNE', 'OOTH', 'REFU', 'NOBT'];
const RNE = ['S', 'L', 'P', 'T', 'B', 'U'];
const LS = ['C1', 'C2', 'E1', 'V2', 'V3', 'J1', 'L1'];
const CIN = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'];
const PROVIDERS = ['', 'PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'];
const REC = ['X1', 'E13', 'E4A', 'E8', 'E17', 'E41'];
const CHANGES = ['', 'CARPL', 'CLOSE', 'ALLEG', 'CHILD', 'LAREQ', 'OTHER'];

const uk = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const yearOf = (ms: number) => (new Date(ms).getUTCMonth() >= 3 ? new Date(ms).getUTCFullYear() : new Date(ms).getUTCFullYear() - 1);

const postcode = fc
  .tuple(
    fc.constantFrom('M', 'OL', 'BL', 'WN', 'SK', 'LS', 'PR'),
    fc.integer({ min: 1, max: 30 }),
    fc.integer({ min: 0, max: 9 }),
    fc.constantFrom(...LETTERS),
    fc.constantFrom(...LETTERS),
  )
  .map(([area, district, n, a, b]) => `${area}${district} ${n}${a}${b}`);
const urn = fc.oneof(
  fc.constant(''),
  fc.constant('XXXXXXX'),
  fc.integer({ min: 100000, max: 999999 }).map((n) => `SC${n}`),
  fc.integer({ min: 1000000, max: 9999999 }).map(String),
);

const episodeShape = fc.record({
  gap: fc.integer({ min: 1, max: 400 }),
  length: fc.integer({ min: 0, max: 400 }),
  open: fc.boolean(),
  rne: fc.constantFrom(...RNE),
  ls: fc.constantFrom(...LS),
  cin: fc.constantFrom(...CIN),
  place: fc.nat(),
  provider: fc.constantFrom(...PROVIDERS),
  rec: fc.constantFrom(...REC),
  change: fc.constantFrom(...CHANGES),
  homePost: fc.option(postcode, { nil: '' }),
  plPost: fc.option(postcode, { nil: '' }),
  urn,
});
const childShape = fc.record({
  sex: fc.nat(),
  ageDays: fc.integer({ min: 30, max: 6000 }),
  ethnic: fc.constantFrom(...ETHNIC),
  episodes: fc.array(episodeShape, { minLength: 1, maxLength: 4 }),
});

interface Generated {
  header: string[][];
  episodes: string[][];
  /** What the store should hold, by CHILD and by CHILD and start date. */
  children: Map<string, { dob: string; sex: string; ethnicity: string }>;
  stored: Map<string, Record<string, string | null>>;
}

/** A return for the collection year starting in `year`: episodes run back from its last day, codes as each episode’s year allows. */
function returnFor(year: number) {
  const yearEnd = Date.UTC(year + 1, 2, 31);
  return fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), { minLength: 1, maxLength: 5, comparator: (a, b) => a === b }).chain((ids) =>
    fc.tuple(...ids.map(() => childShape)).map((shapes): Generated => {
      const out: Generated = { header: [], episodes: [], children: new Map(), stored: new Map() };
      shapes.forEach((shape, i) => {
        const id = ids[i]!;
        // Start dates, latest first, each `gap` days before the next; consecutive episodes meet.
        const starts: number[] = [];
        let at = yearEnd;
        for (const e of [...shape.episodes].reverse()) starts.unshift((at -= e.gap * DAY));
        const dob = starts[0]! - shape.ageDays * DAY;
        const sex = year < 2024 ? (['1', '2'] as const)[shape.sex % 2]! : (['M', 'F', 'U'] as const)[shape.sex % 3]!;
        out.header.push([id, sex, uk(dob), shape.ethnic, '', '', '']);
        out.children.set(id, { dob: iso(dob), sex: { '1': 'M', '2': 'F', M: 'M', F: 'F', U: 'U' }[sex], ethnicity: shape.ethnic });
        shape.episodes.forEach((e, j) => {
          const last = j === shape.episodes.length - 1;
          const start = starts[j]!;
          const end = last ? (e.open ? null : Math.min(start + e.length * DAY, yearEnd)) : starts[j + 1]!;
          const places = placesIn(end === null ? year : yearOf(end));
          const place = places[e.place % places.length]!;
          const row = [
            id,
            uk(start),
            e.rne,
            e.ls,
            e.cin,
            place,
            e.provider,
            end === null ? '' : uk(end),
            end === null ? '' : e.rec,
            end === null ? '' : e.change,
            e.homePost,
            e.plPost,
            e.urn,
          ];
          out.episodes.push(row);
          const blank = (v: string) => (v === '' ? null : v);
          out.stored.set(`${id} ${iso(start)}`, {
            rne: e.rne,
            ls: e.ls,
            cin: e.cin,
            place,
            place_provider: blank(e.provider),
            dec: end === null ? null : iso(end),
            rec: blank(row[8]!),
            reason_place_change: blank(row[9]!),
            home_post: blank(e.homePost),
            pl_post: blank(e.plPost),
            urn: blank(e.urn),
          });
        });
      });
      return out;
    }),
  );
}

const csv = (header: string, rows: string[][]) => [header, ...rows.map((r) => r.join(','))].join('\r\n');

function importInto(db: WritableDB, councilId: number, year: number, header: string, episodes: string) {
  return importSsda903(db, [fileOf('header.csv', header), fileOf('episodes.csv', episodes)], {
    councilId,
    today: '2026-11-25',
    skipBadRows: false,
    dryRun: false,
    collectionYear: year,
  });
}

function holdings(db: WritableDB) {
  const rows = db
    .prepare('SELECT o.council_child_id AS id, c.birth_date AS dob, c.sex, c.ethnicity FROM children c JOIN ssda903_children o ON o.child_id = c.id')
    .all() as { id: string; dob: string; sex: string; ethnicity: string }[];
  const children = new Map(rows.map(({ id, ...rest }) => [id, rest]));
  const stored = new Map(
    (
      db
        .prepare(
          `SELECT o.council_child_id AS id, e.decom, e.rne, e.ls, e.cin, e.place, e.place_provider, e.dec, e.rec, e.reason_place_change, e.home_post, e.pl_post, e.urn
           FROM episodes e JOIN ssda903_children o ON o.child_id = e.child_id`,
        )
        .all() as ({ id: string; decom: string } & Record<string, string | null>)[]
    ).map(({ id, decom, ...rest }) => [`${id} ${decom}`, rest]),
  );
  return { children, stored };
}

describe.each([
  { layout: 'the current layout', year: 2025 },
  { layout: 'an older layout', year: 2018 },
])('SSDA903 round trip in $layout ($year)', ({ year }) => {
  it('import → header and episodes export → import into a fresh store keeps every field, the council’s CHILD ids and XXXXXXX', () => {
    fc.assert(
      fc.property(returnFor(year), (generated) => {
        const first = importStore();
        const second = importStore();
        try {
          const headerFile = csv('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB', generated.header);
          const episodesFile = csv('CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN', generated.episodes);
          const imported = importInto(first.db, first.councilId, year, headerFile, episodesFile);
          expect(imported.problems.filter((p) => p.severity === 'error')).toEqual([]);
          const expected = { children: generated.children, stored: generated.stored };
          expect(holdings(first.db)).toEqual(expected);

          const options = { councilId: first.councilId, today: '2026-11-25', collectionYear: year };
          const header = exportSsda903Header(first.db, options).content.toString('utf8');
          const episodes = exportSsda903Episodes(first.db, options).content.toString('utf8');
          // The year's return: episodes open at some time in the year, and their children; an
          // unknown URN where the placement type needs one is the return's XXXXXXX, and a type that takes none has none.
          const yearStart = `${year}-04-01`;
          const inYear = new Map(
            [...generated.stored]
              .filter(([k, e]) => k.split(' ')[1]! <= `${year + 1}-03-31` && ((e.dec ?? null) === null || e.dec! >= yearStart))
              .map(([k, e]) => [k, { ...e, urn: PLACE_WITHOUT_URN.has(e.place!) ? (e.urn === 'XXXXXXX' ? e.urn : null) : (e.urn ?? 'XXXXXXX') }]),
          );
          const childrenInYear = new Map([...generated.children].filter(([id]) => [...inYear.keys()].some((k) => k.split(' ')[0] === id)));
          const exportedIds = readCsv(header, 'header.csv').table!.rows.map((r) => r.cells[0]);
          expect(new Set(exportedIds)).toEqual(new Set(childrenInYear.keys()));

          const again = importInto(second.db, second.councilId, year, header, episodes);
          expect(again.problems.filter((p) => p.severity === 'error')).toEqual([]);
          expect(holdings(second.db)).toEqual({ children: childrenInYear, stored: inYear });

          // Importing the export into the store it came from changes nothing.
          const back = importInto(first.db, first.councilId, year, header, episodes);
          expect(back.changes.every((c) => c.created === 0 && c.updated === 0)).toBe(true);
          expect(holdings(first.db)).toEqual(expected);
        } finally {
          first.remove();
          second.remove();
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('SSDA903 export by collection year', () => {
  it('codes SEX as the year does, and refuses a U child in a year before U existed, naming the child and the year', () => {
    const s = importStore();
    try {
      const header = csv('CHILD,SEX,DOB,ETHNIC', [
        ['A1', 'M', '01/01/2010', 'WBRI'],
        ['A2', 'U', '01/01/2011', 'WBRI'],
      ]);
      const episodes = csv('CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN', [
        // Open since 2023, so in the 2023-24 return as well as 2025-26's.
        ['A1', '01/05/2023', 'S', 'C2', 'N1', 'K2', 'PR4', '', '', '', '', '', 'XXXXXXX'],
        ['A2', '01/06/2023', 'S', 'C2', 'N1', 'U4', 'PR1', '', '', '', '', '', ''],
      ]);
      expect(importInto(s.db, s.councilId, 2025, header, episodes).errorCount).toBe(0);
      const rows = (year: number) => {
        const file = exportSsda903Header(s.db, { councilId: s.councilId, today: '2026-11-25', collectionYear: year });
        return readCsv(file.content.toString('utf8'), 'h.csv').table!.rows.map((r) => r.cells.slice(0, 2));
      };
      expect(rows(2025)).toEqual(
        expect.arrayContaining([
          ['A1', 'M'],
          ['A2', 'U'],
        ]),
      );
      expect(() => rows(2023)).toThrow(Ssda903ExportError);
      expect(() => rows(2023)).toThrow(/^Child A2's sex is recorded as unknown or indeterminate \(U\), which the 2023-24 layout cannot hold/);
      s.db.prepare("UPDATE children SET sex = 'F' WHERE sex = 'U'").run();
      expect(rows(2023)).toEqual(
        expect.arrayContaining([
          ['A1', '1'],
          ['A2', '2'],
        ]),
      );
      // The council's file uses its own identifiers and keeps the return's XXXXXXX.
      const own = readCsv(
        exportSsda903Episodes(s.db, { councilId: s.councilId, today: '2026-11-25', collectionYear: 2025 }).content.toString('utf8'),
        'e.csv',
      ).table!;
      expect(own.rows.map((r) => r.cells[0])).toEqual(['A1', 'A2']);
      expect(own.rows.map((r) => r.cells[12])).toContain('XXXXXXX');
    } finally {
      s.remove();
    }
  });
});
