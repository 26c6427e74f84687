import type { Migration } from '../migrate';

/**
 * What an administrator records about a partner council on a real store: the DfE's three-digit
 * LA code (what SSDA903 returns and DfE tables name a council by) and the place its centre was
 * found from (a postcode or a town; its position goes in lat/lon). Both stay empty for councils
 * written before they existed, so the code is unique only where given.
 */
export const m0120CouncilCodes: Migration = {
  version: 120,
  name: 'council-codes',
  up(db) {
    db.exec(`
      ALTER TABLE councils ADD COLUMN dfe_code TEXT CHECK (dfe_code IS NULL OR dfe_code GLOB '[0-9][0-9][0-9]');
      ALTER TABLE councils ADD COLUMN centre_label TEXT;
      CREATE UNIQUE INDEX councils_by_dfe_code ON councils(dfe_code) WHERE dfe_code IS NOT NULL;
    `);
  },
};
