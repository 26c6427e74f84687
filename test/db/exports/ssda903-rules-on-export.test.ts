import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSsda903Return, exportSsda903Episodes, exportSsda903Header } from '../../../db/exporters/ssda903';
import type { WritableDB } from '../../../db/handle';
import { readCsv } from '../../../db/importers/csv';
import { importSsda903 } from '../../../db/importers/ssda903';
import { insertChild } from '../../../db/repositories/children';
import { recordMoveInHistory } from '../../../db/repositories/placements';
import { collectionYearOf } from '../../../shared/domain/ssda903';
import { check903, type Row } from '../../../shared/domain/ssda903-rules';
import { tempStore } from '../../helpers/store';

/**
 * Point 11 of issue 13: the app's own SSDA903 export passes the DfE validator's rules that concern
 * the fields it writes (restated in shared/domain/ssda903-rules.ts), for every council of the demo
 * region and for a worked history recorded in the app (placed, moved, ended); and the export
 * imports back into the store it came from without changing anything.
 */

const TODAY = '2026-11-25';
const YEAR = collectionYearOf(TODAY);
let store: ReturnType<typeof tempStore>;

beforeAll(() => {
  store = tempStore({ kind: 'demo', today: TODAY });
});
afterAll(() => store?.remove());

function rowsOf(content: Buffer): Row[] {
  const { table } = readCsv(content.toString('utf8'), 'x.csv');
  return table!.rows.map((r) => Object.fromEntries(table!.headers.map((h, i) => [h, r.cells[i] ?? ''])));
}

function exportReturn(db: WritableDB, councilId: number, today = TODAY) {
  const options = { councilId, today };
  const header = exportSsda903Header(db, options);
  const episodes = exportSsda903Episodes(db, options);
  return { header, episodes, return: { header: rowsOf(header.content), episodes: rowsOf(episodes.content), year: collectionYearOf(today), asAt: today } };
}

const councils = () => store.db.prepare('SELECT id FROM councils ORDER BY id').pluck().all() as number[];

describe("the demo region's SSDA903 export", () => {
  it("passes every rule, for every council's return", () => {
    let children = 0;
    for (const councilId of councils()) {
      const r = exportReturn(store.db, councilId);
      expect(check903(r.return), `council ${councilId}`).toEqual([]);
      children += r.return.header.length;
    }
    expect(children).toBeGreaterThan(100);
  });

  it('is named and described as analysis only: the demo never had the council’s UPNs', () => {
    const councilId = councils()[0]!;
    const description = describeSsda903Return(store.db, { councilId, today: TODAY });
    expect(description.analysisOnlyReasons.join(' ')).toMatch(/UPN is not on record/);
    // The seed gives every child the council's own (synthetic) child ID: CHILD is that, never the app's reference.
    expect(description.analysisOnlyReasons.join(' ')).not.toMatch(/no council child ID/);
    for (const h of exportReturn(store.db, councilId).return.header) expect(h.CHILD).toMatch(/^9\d{8}$/);
    // The screen is told the files pass the rules, by the same check.
    expect(description.ruleProblemCount).toBe(0);
    expect(description.headerFileName).toMatch(/^ssda903-header-\w+-2026-27-analysis-only-2026-11-25\.csv$/);
    expect(exportReturn(store.db, councilId).episodes.fileName).toBe(description.episodesFileName);
  });

  it('imports back into the store it came from without changing anything', () => {
    const councilId = councils()[1]!;
    const before = store.db.prepare('SELECT count(*) FROM children').pluck().get();
    const r = exportReturn(store.db, councilId);
    const outcome = importSsda903(
      store.db,
      [
        { fileName: r.header.fileName, bytes: r.header.content },
        { fileName: r.episodes.fileName, bytes: r.episodes.content },
      ],
      { councilId, today: TODAY, skipBadRows: false, dryRun: false, collectionYear: YEAR },
    );
    expect(outcome.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(outcome.changes.map((c) => [c.record, c.created, c.updated])).toEqual([
      ['children', 0, 0],
      ['episodes', 0, 0],
    ]);
    expect(store.db.prepare('SELECT count(*) FROM children').pluck().get()).toBe(before);
    // Exported again, it is the same return, now under the identifiers the import recorded.
    const again = exportReturn(store.db, councilId);
    expect(again.header.content.equals(r.header.content)).toBe(true);
    expect(again.episodes.content.equals(r.episodes.content)).toBe(true);
  });

  it("an earlier year's return passes too, and importing it back leaves the later endings it could not know", () => {
    const councilId = councils()[4]!;
    const ended = () =>
      store.db
        .prepare('SELECT count(*) FROM episodes e JOIN children c ON c.id = e.child_id WHERE c.council_id = ? AND e.dec IS NOT NULL')
        .pluck()
        .get(councilId);
    const before = ended();
    const options = { councilId, today: TODAY, collectionYear: YEAR - 1 };
    const header = exportSsda903Header(store.db, options);
    const episodes = exportSsda903Episodes(store.db, options);
    const written = rowsOf(episodes.content);
    // Some episodes ended after 31 March and are written open, as they stood at the year's end.
    expect(written.some((e) => e.DEC === '')).toBe(true);
    expect(check903({ header: rowsOf(header.content), episodes: written, year: YEAR - 1, asAt: `${YEAR}-03-31` })).toEqual([]);
    const outcome = importSsda903(
      store.db,
      [
        { fileName: header.fileName, bytes: header.content },
        { fileName: episodes.fileName, bytes: episodes.content },
      ],
      { councilId, today: TODAY, skipBadRows: false, dryRun: false, collectionYear: YEAR - 1 },
    );
    expect(outcome.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(outcome.changes.every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(ended()).toBe(before);
  });
});

describe('a worked history recorded in the app: placed, moved, ended', () => {
  it('exports as a return that passes every rule, and imports back unchanged under the same CHILD', () => {
    const db = store.db;
    const councilId = councils()[2]!;
    const childId = insertChild(db, {
      ref: 'SWORKED001',
      firstName: 'Robin',
      birthDate: '2012-03-14',
      sex: 'F',
      councilId,
      placeLabel: 'Testtown',
      homePostcode: null,
      homeLat: null,
      homeLon: null,
    });
    const home = (kind: string) => db.prepare("SELECT id FROM homes WHERE kind = ? AND ofsted_urn LIKE 'SC%' ORDER BY id LIMIT 1").pluck().get(kind) as number;
    const foster = db.prepare("SELECT id FROM homes WHERE kind = 'foster' ORDER BY id LIMIT 1").pluck().get() as number;
    // Placed in a children's home (a new period of care), moved to foster carers, then home to parents.
    recordMoveInHistory(db, {
      childId,
      homeId: home('residential'),
      startDate: '2026-06-01',
      place: 'K2',
      placeProvider: 'PR4',
      urn: 'SC123456',
      distanceMiles: 4,
      reasonPlaceChange: null,
      homePost: null,
      plPost: null,
    });
    // The child asked to move (RNC CHILD), as the officer records it when placing.
    recordMoveInHistory(db, {
      childId,
      homeId: foster,
      startDate: '2026-09-15',
      place: 'U6',
      placeProvider: 'PR1',
      urn: null,
      distanceMiles: 2,
      reasonPlaceChange: 'CHILD',
      homePost: null,
      plPost: null,
    });
    // Stands for the ending an officer records (placement.end, issue 13 point 5): returned home as planned.
    db.prepare("UPDATE episodes SET dec = '2026-11-20', rec = 'E4A' WHERE child_id = ? AND dec IS NULL").run(childId);

    const today = TODAY;
    const r = exportReturn(db, councilId, today);
    expect(check903(r.return)).toEqual([]);
    const mine = r.return.episodes.filter((e) => e.CHILD === 'SWORKED001');
    expect(mine.map((e) => [e.DECOM, e.RNE, e.PLACE, e.PLACE_PROVIDER, e.DEC, e.REC, e.REASON_PLACE_CHANGE, e.URN])).toEqual([
      ['01/06/2026', 'S', 'K2', 'PR4', '15/09/2026', 'X1', 'CHILD', 'SC123456'],
      ['15/09/2026', 'P', 'U6', 'PR1', '20/11/2026', 'E4A', '', 'XXXXXXX'],
    ]);
    expect(r.return.header.find((h) => h.CHILD === 'SWORKED001')).toMatchObject({ SEX: 'F', DOB: '14/03/2012', UPN: 'UN5', MOTHER: '0' });
    expect(describeSsda903Return(db, { councilId, today }).analysisOnlyReasons.join(' ')).toMatch(/no council child ID on record/);
    // A move recorded without its reason is what the screen would name, by rule, file and child.
    db.prepare("UPDATE episodes SET reason_place_change = NULL WHERE child_id = ? AND rec = 'X1'").run(childId);
    expect(describeSsda903Return(db, { councilId, today }).ruleProblems).toEqual([
      { rule: '225', file: 'episodes', child: 'SWORKED001', message: 'the placement changes but REASON_PLACE_CHANGE is blank' },
    ]);
    db.prepare("UPDATE episodes SET reason_place_change = 'CHILD' WHERE child_id = ? AND rec = 'X1'").run(childId);

    // Back through the importer twice: nothing changes, and no second Robin appears.
    for (let i = 0; i < 2; i++) {
      const outcome = importSsda903(
        db,
        [
          { fileName: 'h.csv', bytes: r.header.content },
          { fileName: 'e.csv', bytes: r.episodes.content },
        ],
        { councilId, today, skipBadRows: false, dryRun: false, collectionYear: collectionYearOf(today) },
      );
      expect(outcome.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(outcome.changes.every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    }
    expect(db.prepare("SELECT count(*) FROM children WHERE first_name = 'Robin' AND birth_date = '2012-03-14'").pluck().get()).toBe(1);
    expect(exportReturn(db, councilId, today).episodes.content.equals(r.episodes.content)).toBe(true);
  });
});
