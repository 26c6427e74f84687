import type { Migration } from '../migrate';

/**
 * Indexes the commissioner's screens need: placements by start date (time from referral to
 * placement, prices over time, the financial-year window) and by placing council with their end
 * date (a council's current placements and its spend).
 */
export const m0070MarketIndexes: Migration = {
  version: 70,
  name: 'market-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX placements_by_start ON placements(start_date);
      CREATE INDEX placements_by_council ON placements(council_id, end_date);
    `);
  },
};
