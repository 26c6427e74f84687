import type { Migration } from '../migrate';

/**
 * The SSDA903 header's UPN, MOTHER and MC_DOB, as the council's return gave them, kept beside the
 * council's own child identifier (ssda903_children, away from the tables the screens read), so the
 * council's return can be exported whole and re-imported unchanged. NULL: the app was never told
 * (a child recorded in the app, or a return that left the cell empty).
 */
export const m0230Ssda903HeaderDetails: Migration = {
  version: 230,
  name: 'ssda903-header-details',
  up(db) {
    db.exec(`
      ALTER TABLE ssda903_children ADD COLUMN upn TEXT;
      ALTER TABLE ssda903_children ADD COLUMN mother TEXT CHECK (mother IS NULL OR mother IN ('0', '1'));
      ALTER TABLE ssda903_children ADD COLUMN mc_dob TEXT;
    `);
  },
};
