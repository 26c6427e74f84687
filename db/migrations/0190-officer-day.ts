import type { Migration } from '../migrate';

/**
 * Notes on a referral: the calls, e-mails and panel decisions of an officer's day, who wrote each
 * and when, optionally naming the provider it was with (so the chasing list can show the last
 * word with them). Read newest first for one referral, hence the index. The referral screen also
 * says where a placed referral went, so placements are found by referral.
 */
export const m0190OfficerDay: Migration = {
  version: 190,
  name: 'officer-day',
  up(db) {
    db.exec(`
      CREATE TABLE referral_notes (
        id          INTEGER PRIMARY KEY,
        referral_id INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL CHECK (kind IN ('call', 'email', 'panel', 'other')),
        text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        provider_id INTEGER REFERENCES providers(id),
        at          TEXT NOT NULL,
        user_id     INTEGER NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX referral_notes_by_referral ON referral_notes(referral_id, at);
      CREATE INDEX placements_by_referral ON placements(referral_id) WHERE referral_id IS NOT NULL;
    `);
  },
};
