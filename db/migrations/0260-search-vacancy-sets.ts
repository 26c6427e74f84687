import type { Migration } from '../migrate';

/**
 * A search keeps the vacancies it ranked, so the decision can be reproduced. The region's open
 * vacancies are the same for every search until one of them changes, and in a large region they
 * run to megabytes: each distinct set is kept once, under its SHA-256, and a search names the set
 * it saw. Searches kept before this hold their vacancies in `input` as they did.
 */
export const m0260SearchVacancySets: Migration = {
  version: 260,
  name: 'search-vacancy-sets',
  up(db) {
    db.exec(`
      CREATE TABLE search_vacancy_sets (
        sha256    TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        vacancies TEXT NOT NULL
      ) STRICT;
      ALTER TABLE search_runs ADD COLUMN vacancy_set TEXT REFERENCES search_vacancy_sets(sha256);
    `);
  },
};
