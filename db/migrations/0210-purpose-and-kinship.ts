import type { Migration } from '../migrate';

/**
 * Placement purpose and connected-person carers (issue 13, points 3 and 4). A referral says what it
 * asks for; a home what it is approved for (a JSON list of codes, like a home's specialisms; the codes
 * live in shared/domain/purposes.ts); a connected-person (family and friends) foster carer names the
 * child they are approved for (Care Planning Regulations 2010, reg 24).
 *
 * Stores from before this had no purposes: referrals read as short-term (DEFAULT_REFERRAL_PURPOSE)
 * and homes as a mainstream approval, with short breaks and parent and child added where the foster
 * household's specialisms already said so. A kinship household's named child is the child in care
 * who lives there now (the lowest id where several do): the only child the store shows those carers
 * were assessed for; a kinship household with nobody placed keeps no named child until one is recorded.
 */
export const m0210PurposeAndKinship: Migration = {
  version: 210,
  name: 'purpose-and-kinship',
  up(db) {
    db.exec(`
      ALTER TABLE referrals ADD COLUMN purpose TEXT NOT NULL DEFAULT 'short_term'
        CHECK (purpose IN ('emergency', 'short_term', 'long_term', 'short_breaks', 'parent_and_child', 'staying_put'));
      ALTER TABLE homes ADD COLUMN approved_purposes TEXT NOT NULL DEFAULT '["emergency","short_term","long_term"]'
        CHECK (json_valid(approved_purposes) AND json_type(approved_purposes) = 'array');
      ALTER TABLE homes ADD COLUMN connected_child_id INTEGER REFERENCES children(id)
        CHECK (connected_child_id IS NULL OR kind = 'foster');
      CREATE INDEX homes_by_connected_child ON homes(connected_child_id) WHERE connected_child_id IS NOT NULL;

      UPDATE homes SET approved_purposes = (
        SELECT json_group_array(code) FROM (
          SELECT 'emergency' AS code UNION ALL SELECT 'short_term' UNION ALL SELECT 'long_term'
          UNION ALL SELECT 'short_breaks' WHERE EXISTS (
            SELECT 1 FROM foster_households f, json_each(f.specialisms) j WHERE f.home_id = homes.id AND j.value = 'short_breaks')
          UNION ALL SELECT 'parent_and_child' WHERE EXISTS (
            SELECT 1 FROM foster_households f, json_each(f.specialisms) j WHERE f.home_id = homes.id AND j.value = 'parent_and_child')
        )
      )
      WHERE kind = 'foster';

      UPDATE homes SET connected_child_id = (SELECT min(ch.id) FROM children ch WHERE ch.current_home_id = homes.id)
      WHERE kind = 'foster' AND id IN (SELECT home_id FROM foster_households WHERE kinship = 1);
    `);
  },
};
