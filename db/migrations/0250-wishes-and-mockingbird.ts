import type { Migration } from '../migrate';

/**
 * The child's wishes as the referral records them (a JSON list of {kind, text}, like the referral's
 * other lists), what kind of household each constellation member is (foster, special guardianship
 * or adoptive), and when and where a constellation's meeting or activity is held. Existing homes
 * are foster households (only those could join before); existing events have no time or place
 * recorded, shown as such.
 */
export const m0250WishesAndMockingbird: Migration = {
  version: 250,
  name: 'wishes-and-mockingbird',
  up(db) {
    db.exec(`
      ALTER TABLE referrals ADD COLUMN wish_list TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(wish_list));
      ALTER TABLE homes ADD COLUMN household_kind TEXT NOT NULL DEFAULT 'foster'
        CHECK (household_kind IN ('foster', 'special_guardianship', 'adoptive'));
      ALTER TABLE constellation_events ADD COLUMN start_time TEXT NOT NULL DEFAULT '';
      ALTER TABLE constellation_events ADD COLUMN place TEXT NOT NULL DEFAULT '';
    `);
  },
};
