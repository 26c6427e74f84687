import type { Migration } from '../migrate';

/**
 * Referrals get an assigned officer ("My referrals"): the officer who created one until someone
 * reassigns it. Searches match any part of a reference or a first name, which no B-tree can seek;
 * children_search holds just the columns a search reads, in reference order, so a region-wide
 * search walks this narrow index (stopping once a page is full) instead of the wide child rows.
 */
export const m0170FindAndAssign: Migration = {
  version: 170,
  name: 'find-and-assign',
  up(db) {
    db.exec(`
      ALTER TABLE referrals ADD COLUMN assigned_user_id INTEGER REFERENCES users(id);
      UPDATE referrals SET assigned_user_id = officer_user_id;
      CREATE INDEX referrals_by_assignee ON referrals(assigned_user_id, status) WHERE assigned_user_id IS NOT NULL;
      CREATE INDEX children_search ON children(ref, first_name, council_id);
    `);
  },
};
