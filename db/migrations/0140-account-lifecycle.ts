import type { Migration } from '../migrate';

/**
 * Accounts have a life: an administrator disables a leaver (kept, never deleted, so the audit
 * trail still names them) and hands out temporary passwords that must be changed at first use.
 */
export const m0140AccountLifecycle: Migration = {
  version: 140,
  name: 'account-lifecycle',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN disabled_at TEXT;
      ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
      ALTER TABLE users ADD COLUMN password_changed_at TEXT;
      CREATE INDEX audit_by_user ON audit_log(username COLLATE NOCASE, id);
      CREATE INDEX audit_by_action ON audit_log(action, id);
      CREATE INDEX audit_by_method ON audit_log(method, id);
      CREATE INDEX audit_by_at ON audit_log(at);
    `);
  },
};
