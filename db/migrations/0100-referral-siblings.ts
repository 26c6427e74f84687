import type { Migration } from '../migrate';

/**
 * Which brothers and sisters a referral places with the child, by child id (a JSON array), so the
 * officer chooses them rather than the app taking the oldest N of the sibling group. Referrals made
 * before this keep '[]' and are read as before: the first siblingCount of the group, oldest first.
 */
export const m0100ReferralSiblings: Migration = {
  version: 100,
  name: 'referral-siblings',
  up(db) {
    db.exec(`ALTER TABLE referrals ADD COLUMN sibling_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sibling_ids));`);
  },
};
