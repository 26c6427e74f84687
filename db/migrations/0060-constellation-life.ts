import type { Migration } from '../migrate';

/**
 * What a hub carer needs beyond the model: who to call for each household, whether a household
 * shares its address with the constellation, the hub's note log, and imported roster packs (on a
 * carer's own laptop).
 */
export const m0060ConstellationLife: Migration = {
  version: 60,
  name: 'constellation-life',
  up(db) {
    db.exec(`
      ALTER TABLE homes ADD COLUMN address TEXT NOT NULL DEFAULT '';
      ALTER TABLE homes ADD COLUMN address_shared INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE homes ADD COLUMN supervising_social_worker TEXT NOT NULL DEFAULT '';
      ALTER TABLE homes ADD COLUMN supervising_phone TEXT NOT NULL DEFAULT '';

      -- The hub carer's log of constellation life (not case recording: no child's details).
      CREATE TABLE constellation_notes (
        id               INTEGER PRIMARY KEY,
        constellation_id INTEGER NOT NULL REFERENCES constellations(id) ON DELETE CASCADE,
        at               TEXT NOT NULL,
        user_id          INTEGER REFERENCES users(id),
        text             TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000)
      ) STRICT;
      CREATE INDEX constellation_notes_by_time ON constellation_notes(constellation_id, at);

      -- A roster pack imported on a carer's laptop; a newer pack replaces the older one.
      CREATE TABLE roster_packs (
        constellation_name TEXT PRIMARY KEY,
        exported_at        TEXT NOT NULL,
        imported_at        TEXT NOT NULL,
        roster_json        TEXT NOT NULL
      ) STRICT;
    `);
  },
};
