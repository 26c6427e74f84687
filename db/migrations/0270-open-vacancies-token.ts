import type { Migration } from '../migrate';

/**
 * What a search ranks, the region's open vacancies with their homes, carers and the children
 * placed there, is read afresh only when one of the tables it is read from has changed: every
 * change to them draws a new random token, and a connection reuses its last read while the token
 * is the one it read under. A random token rather than a count, so a change rolled back and a
 * later one can never look alike. `test/db/open-vacancies-cache.test.ts` checks that every table
 * the reading statements open has these triggers, so a table joined in later cannot be missed.
 */
export const OPEN_VACANCY_SOURCES = [
  'vacancies',
  'homes',
  'providers',
  'councils',
  'foster_households',
  'residential_homes',
  'supported_homes',
  'children',
  'placements',
] as const;

export const OPEN_VACANCIES_TOKEN = 'open-vacancies';

/** The triggers that draw a new token on every change to `table`: for a migration that adds a source. */
export function tokenTriggers(table: string): string {
  return ['INSERT', 'UPDATE', 'DELETE']
    .map(
      (event) => `
      CREATE TRIGGER ${table}_${event.toLowerCase()}_open_vacancies AFTER ${event} ON ${table}
      BEGIN UPDATE change_tokens SET token = hex(randomblob(8)) WHERE name = '${OPEN_VACANCIES_TOKEN}'; END;`,
    )
    .join('\n');
}

export const m0270OpenVacanciesToken: Migration = {
  version: 270,
  name: 'open-vacancies-token',
  up(db) {
    db.exec(`
      CREATE TABLE change_tokens (
        name  TEXT PRIMARY KEY,
        token TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO change_tokens (name, token) VALUES ('${OPEN_VACANCIES_TOKEN}', hex(randomblob(8)));
      ${OPEN_VACANCY_SOURCES.map(tokenTriggers).join('\n')}
    `);
  },
};
