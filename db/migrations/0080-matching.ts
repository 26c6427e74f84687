import type { Migration } from '../migrate';

/**
 * The matching policy as versioned data, and every search as it was run: the policy version, the
 * engine's inputs and its full answer, so a ranking can be reproduced at a panel months later.
 */
export const m0080Matching: Migration = {
  version: 80,
  name: 'matching',
  up(db) {
    db.exec(`
      CREATE TABLE policies (
        version    INTEGER PRIMARY KEY,
        policy     TEXT NOT NULL,
        note       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id)
      ) STRICT;

      CREATE TABLE search_runs (
        id             INTEGER PRIMARY KEY,
        referral_id    INTEGER NOT NULL REFERENCES referrals(id),
        at             TEXT NOT NULL,
        user_id        INTEGER REFERENCES users(id),
        policy_version INTEGER NOT NULL REFERENCES policies(version),
        input          TEXT NOT NULL,
        result         TEXT NOT NULL,
        ranked_count   INTEGER NOT NULL,
        excluded_count INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX search_runs_by_referral ON search_runs(referral_id, at);
    `);
  },
};
