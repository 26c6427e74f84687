import type { Migration } from '../migrate';

/**
 * What imports need beyond the region model: the keyed hash that finds an imported child again
 * without storing the council's own identifier, the SSDA903 UASC end date and missing episodes,
 * and a provider's own reference for a foster household (the key of the household list).
 */
export const m0040Imports: Migration = {
  version: 40,
  name: 'imports',
  up(db) {
    db.exec(`
      ALTER TABLE children ADD COLUMN source_key TEXT;
      ALTER TABLE children ADD COLUMN uasc_ceased TEXT;
      CREATE UNIQUE INDEX children_by_source_key ON children(source_key) WHERE source_key IS NOT NULL;

      -- SSDA903 missing file: M missing from placement, A away without authorisation.
      CREATE TABLE missing_episodes (
        id         INTEGER PRIMARY KEY,
        child_id   INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
        kind       TEXT NOT NULL CHECK (kind IN ('M', 'A')),
        start_date TEXT NOT NULL,
        end_date   TEXT,
        CHECK (end_date IS NULL OR end_date >= start_date),
        UNIQUE (child_id, start_date)
      ) STRICT;

      ALTER TABLE homes ADD COLUMN external_ref TEXT;
      CREATE UNIQUE INDEX homes_by_external_ref ON homes(provider_id, external_ref) WHERE external_ref IS NOT NULL;
    `);
  },
};
