import type { Migration } from '../migrate';

/**
 * Endings recorded in the app: when a child leaves care from a placement, the placement keeps the
 * SSDA903 reason episode ceased (REC) beside `end_reason` (the reason for placement change, which a
 * move records), and the officer's note on the ending. Both stay empty for placements that ended
 * before, and for every move (whose reason is `end_reason`).
 */
export const m0220PlacementEndings: Migration = {
  version: 220,
  name: 'placement-endings',
  up(db) {
    db.exec(`
      ALTER TABLE placements ADD COLUMN end_rec TEXT;
      ALTER TABLE placements ADD COLUMN end_note TEXT NOT NULL DEFAULT '';
    `);
  },
};
