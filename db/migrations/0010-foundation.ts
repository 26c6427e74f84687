import type { Migration } from '../migrate';

/** Accounts, the audit trail, the region's councils and constellations, homes, vacancies, children. */
export const m0010Foundation: Migration = {
  version: 10,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE councils (
        id       INTEGER PRIMARY KEY,
        name     TEXT NOT NULL UNIQUE,
        ons_code TEXT NOT NULL UNIQUE,
        lat      REAL NOT NULL,
        lon      REAL NOT NULL
      ) STRICT;

      CREATE TABLE providers (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        ownership  TEXT NOT NULL CHECK (ownership IN ('in_house', 'ifa', 'private', 'voluntary', 'council')),
        ofsted_urn TEXT UNIQUE,
        ofsted_grade TEXT NOT NULL DEFAULT 'not_yet_inspected'
          CHECK (ofsted_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate', 'not_yet_inspected')),
        ofsted_grade_date TEXT
      ) STRICT;

      CREATE TABLE homes (
        id          INTEGER PRIMARY KEY,
        provider_id INTEGER NOT NULL REFERENCES providers(id),
        council_id  INTEGER NOT NULL REFERENCES councils(id),
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('foster', 'residential', 'supported')),
        place_label TEXT NOT NULL,
        lat         REAL NOT NULL,
        lon         REAL NOT NULL
      ) STRICT;
      CREATE INDEX homes_by_council ON homes(council_id);
      CREATE INDEX homes_by_provider ON homes(provider_id);

      CREATE TABLE constellations (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        council_id  INTEGER NOT NULL REFERENCES councils(id),
        hub_home_id INTEGER NOT NULL REFERENCES homes(id)
      ) STRICT;

      CREATE TABLE vacancies (
        id              INTEGER PRIMARY KEY,
        home_id         INTEGER NOT NULL REFERENCES homes(id),
        beds            INTEGER NOT NULL CHECK (beds > 0),
        available_from  TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('open', 'held', 'filled', 'withdrawn')),
        price_core_pence      INTEGER NOT NULL CHECK (price_core_pence >= 0),
        price_support_pence   INTEGER NOT NULL DEFAULT 0 CHECK (price_support_pence >= 0),
        price_education_pence INTEGER NOT NULL DEFAULT 0 CHECK (price_education_pence >= 0),
        price_other_pence     INTEGER NOT NULL DEFAULT 0 CHECK (price_other_pence >= 0),
        updated_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX vacancies_by_status ON vacancies(status, available_from);
      CREATE INDEX vacancies_by_home ON vacancies(home_id);

      CREATE TABLE vacancy_status_history (
        id         INTEGER PRIMARY KEY,
        vacancy_id INTEGER NOT NULL REFERENCES vacancies(id),
        status     TEXT NOT NULL,
        at         TEXT NOT NULL,
        user_id    INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE INDEX vacancy_history_by_vacancy ON vacancy_status_history(vacancy_id, at);

      CREATE TABLE children (
        id          INTEGER PRIMARY KEY,
        ref         TEXT NOT NULL UNIQUE,
        first_name  TEXT NOT NULL,
        birth_date  TEXT NOT NULL,
        sex         TEXT NOT NULL CHECK (sex IN ('F', 'M')),
        council_id  INTEGER NOT NULL REFERENCES councils(id),
        place_label TEXT NOT NULL
      ) STRICT;
      CREATE INDEX children_by_council ON children(council_id, ref);

      CREATE TABLE users (
        id               INTEGER PRIMARY KEY,
        username         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name     TEXT NOT NULL,
        role             TEXT NOT NULL CHECK (role IN ('placement_officer', 'commissioner', 'hub_carer', 'administrator')),
        council_id       INTEGER REFERENCES councils(id),
        constellation_id INTEGER REFERENCES constellations(id),
        password_hash    TEXT NOT NULL,
        is_demo          INTEGER NOT NULL DEFAULT 0,
        created_at       TEXT NOT NULL,
        CHECK (role <> 'hub_carer' OR constellation_id IS NOT NULL)
      ) STRICT;

      -- Append-only; each row's hash covers the previous row's hash, so edits,
      -- deletions and reordering break the chain. No special category values here.
      CREATE TABLE audit_log (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        user_id     INTEGER,
        username    TEXT NOT NULL,
        role        TEXT NOT NULL,
        method      TEXT NOT NULL,
        action      TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id   TEXT NOT NULL,
        outcome     TEXT NOT NULL,
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_record ON audit_log(record_type, record_id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END;
    `);
  },
};
