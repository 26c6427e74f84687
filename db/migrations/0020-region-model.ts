import type { Migration } from '../migrate';

/**
 * The region's full model: kinds of home and their approvals, carers, constellations' life,
 * children's needs and SSDA903 histories, referrals with every Placements Standard field, offers,
 * placements and endings, and the postcode directory. JSON columns hold short code lists (a home's
 * specialisms, a child's risks); the code lists themselves live in shared/domain.
 */
export const m0020RegionModel: Migration = {
  version: 20,
  name: 'region-model',
  up(db) {
    db.exec(`
      ALTER TABLE councils ADD COLUMN area_sq_km REAL;
      ALTER TABLE councils ADD COLUMN region TEXT NOT NULL DEFAULT '';

      ALTER TABLE providers ADD COLUMN provider_type TEXT NOT NULL DEFAULT 'ifa'
        CHECK (provider_type IN ('in_house', 'rcc', 'ifa', 'private_residential', 'voluntary_residential', 'council_residential', 'supported'));
      ALTER TABLE providers ADD COLUMN phone TEXT NOT NULL DEFAULT '';
      ALTER TABLE providers ADD COLUMN email TEXT NOT NULL DEFAULT '';

      ALTER TABLE homes ADD COLUMN postcode TEXT;
      ALTER TABLE homes ADD COLUMN easting INTEGER;
      ALTER TABLE homes ADD COLUMN northing INTEGER;
      ALTER TABLE homes ADD COLUMN ofsted_urn TEXT;
      ALTER TABLE homes ADD COLUMN ofsted_grade TEXT;
      ALTER TABLE homes ADD COLUMN ofsted_grade_date TEXT;
      ALTER TABLE homes ADD COLUMN phone TEXT NOT NULL DEFAULT '';
      ALTER TABLE homes ADD COLUMN constellation_id INTEGER REFERENCES constellations(id);
      ALTER TABLE homes ADD COLUMN is_hub INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE homes ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
      CREATE INDEX homes_by_kind ON homes(kind, council_id);
      CREATE INDEX homes_by_constellation ON homes(constellation_id);
      CREATE UNIQUE INDEX homes_by_urn ON homes(ofsted_urn) WHERE ofsted_urn IS NOT NULL;

      -- Foster households: one row per home of kind 'foster'.
      CREATE TABLE foster_households (
        home_id            INTEGER PRIMARY KEY REFERENCES homes(id) ON DELETE CASCADE,
        approval_min_age   INTEGER NOT NULL CHECK (approval_min_age BETWEEN 0 AND 17),
        approval_max_age   INTEGER NOT NULL CHECK (approval_max_age BETWEEN approval_min_age AND 21),
        approval_max_children INTEGER NOT NULL CHECK (approval_max_children BETWEEN 1 AND 6),
        approval_sex       TEXT CHECK (approval_sex IN ('F', 'M')),
        approval_siblings  INTEGER NOT NULL DEFAULT 1,
        fee_tier           INTEGER NOT NULL CHECK (fee_tier BETWEEN 1 AND 4),
        skills_tier        INTEGER NOT NULL CHECK (skills_tier BETWEEN 1 AND 3),
        specialisms        TEXT NOT NULL DEFAULT '[]',
        languages          TEXT NOT NULL DEFAULT '["English"]',
        religion           TEXT NOT NULL DEFAULT '',
        pets               INTEGER NOT NULL DEFAULT 0,
        wheelchair_adapted INTEGER NOT NULL DEFAULT 0,
        other_children     TEXT NOT NULL DEFAULT '[]',
        years_approved     INTEGER NOT NULL DEFAULT 0,
        endings_planned    INTEGER NOT NULL DEFAULT 0,
        endings_unplanned  INTEGER NOT NULL DEFAULT 0,
        kinship            INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE carers (
        id       INTEGER PRIMARY KEY,
        home_id  INTEGER NOT NULL REFERENCES homes(id) ON DELETE CASCADE,
        name     TEXT NOT NULL,
        phone    TEXT NOT NULL DEFAULT '',
        email    TEXT NOT NULL DEFAULT '',
        is_main  INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX carers_by_home ON carers(home_id);

      CREATE TABLE residential_homes (
        home_id           INTEGER PRIMARY KEY REFERENCES homes(id) ON DELETE CASCADE,
        places            INTEGER NOT NULL CHECK (places > 0),
        categories        TEXT NOT NULL DEFAULT '[]',
        min_age           INTEGER NOT NULL DEFAULT 8,
        max_age           INTEGER NOT NULL DEFAULT 17,
        education_on_site INTEGER NOT NULL DEFAULT 0,
        secure            INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE supported_homes (
        home_id  INTEGER PRIMARY KEY REFERENCES homes(id) ON DELETE CASCADE,
        kind     TEXT NOT NULL CHECK (kind IN ('solo', 'shared', 'lodgings')),
        places   INTEGER NOT NULL CHECK (places > 0)
      ) STRICT;

      ALTER TABLE constellations ADD COLUMN liaison_worker TEXT NOT NULL DEFAULT '';
      ALTER TABLE constellations ADD COLUMN liaison_phone TEXT NOT NULL DEFAULT '';
      ALTER TABLE constellations ADD COLUMN out_of_hours_phone TEXT NOT NULL DEFAULT '';

      CREATE TABLE constellation_events (
        id               INTEGER PRIMARY KEY,
        constellation_id INTEGER NOT NULL REFERENCES constellations(id) ON DELETE CASCADE,
        kind             TEXT NOT NULL CHECK (kind IN ('meeting', 'activity')),
        title            TEXT NOT NULL,
        date             TEXT NOT NULL,
        attendance       TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE INDEX constellation_events_by_date ON constellation_events(constellation_id, date);

      CREATE TABLE sleepovers (
        id               INTEGER PRIMARY KEY,
        constellation_id INTEGER NOT NULL REFERENCES constellations(id) ON DELETE CASCADE,
        from_home_id     INTEGER NOT NULL REFERENCES homes(id),
        child_id         INTEGER NOT NULL REFERENCES children(id),
        bed              INTEGER CHECK (bed IN (1, 2)),
        start_date       TEXT NOT NULL,
        end_date         TEXT NOT NULL CHECK (end_date >= start_date),
        kind             TEXT NOT NULL CHECK (kind IN ('planned', 'emergency')),
        status           TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'declined', 'cancelled')),
        note             TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX sleepovers_by_dates ON sleepovers(constellation_id, start_date);

      ALTER TABLE vacancies ADD COLUMN restrictions TEXT NOT NULL DEFAULT '';
      ALTER TABLE vacancies ADD COLUMN source TEXT NOT NULL DEFAULT 'manual';

      ALTER TABLE children ADD COLUMN ethnicity TEXT NOT NULL DEFAULT 'NOBT';
      ALTER TABLE children ADD COLUMN legal_status TEXT NOT NULL DEFAULT 'C2';
      ALTER TABLE children ADD COLUMN category_of_need TEXT NOT NULL DEFAULT 'N1';
      ALTER TABLE children ADD COLUMN uasc INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE children ADD COLUMN disability INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE children ADD COLUMN wheelchair INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE children ADD COLUMN send TEXT NOT NULL DEFAULT 'none' CHECK (send IN ('none', 'support', 'ehcp'));
      ALTER TABLE children ADD COLUMN communication TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE children ADD COLUMN languages TEXT NOT NULL DEFAULT '["English"]';
      ALTER TABLE children ADD COLUMN religion TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN cultural_needs TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN home_lat REAL;
      ALTER TABLE children ADD COLUMN home_lon REAL;
      ALTER TABLE children ADD COLUMN home_postcode TEXT;
      ALTER TABLE children ADD COLUMN school_label TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN school_lat REAL;
      ALTER TABLE children ADD COLUMN school_lon REAL;
      ALTER TABLE children ADD COLUMN sibling_group TEXT;
      ALTER TABLE children ADD COLUMN risks TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE children ADD COLUMN living_companions TEXT NOT NULL DEFAULT 'No preference';
      ALTER TABLE children ADD COLUMN pets TEXT NOT NULL DEFAULT 'Not Known';
      ALTER TABLE children ADD COLUMN wishes TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN care_notes TEXT NOT NULL DEFAULT '';
      ALTER TABLE children ADD COLUMN current_home_id INTEGER REFERENCES homes(id);
      ALTER TABLE children ADD COLUMN source TEXT NOT NULL DEFAULT 'manual';
      CREATE INDEX children_by_sibling_group ON children(sibling_group) WHERE sibling_group IS NOT NULL;
      CREATE INDEX children_by_current_home ON children(current_home_id) WHERE current_home_id IS NOT NULL;

      -- SSDA903-style episodes: one row per period of care in one placement and legal status.
      CREATE TABLE episodes (
        id            INTEGER PRIMARY KEY,
        child_id      INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
        decom         TEXT NOT NULL,
        rne           TEXT NOT NULL,
        ls            TEXT NOT NULL,
        cin           TEXT NOT NULL,
        place         TEXT NOT NULL,
        place_provider TEXT,
        dec           TEXT,
        rec           TEXT,
        reason_place_change TEXT,
        home_post     TEXT,
        pl_post       TEXT,
        urn           TEXT,
        home_id       INTEGER REFERENCES homes(id),
        distance_miles REAL,
        CHECK (dec IS NULL OR dec >= decom)
      ) STRICT;
      CREATE INDEX episodes_by_child ON episodes(child_id, decom);

      CREATE TABLE referrals (
        id                 INTEGER PRIMARY KEY,
        child_id           INTEGER NOT NULL REFERENCES children(id),
        council_id         INTEGER NOT NULL REFERENCES councils(id),
        received_at        TEXT NOT NULL,
        needed_by          TEXT NOT NULL,
        needed_by_date     TEXT NOT NULL,
        sibling_count      INTEGER NOT NULL DEFAULT 0,
        preferred_location TEXT NOT NULL DEFAULT '',
        preferred_location_reason TEXT NOT NULL DEFAULT '',
        avoid_areas        TEXT NOT NULL DEFAULT '[]',
        foster_suitability      TEXT NOT NULL DEFAULT 'Not specified',
        residential_suitability TEXT NOT NULL DEFAULT 'Not specified',
        supported_suitability   TEXT NOT NULL DEFAULT 'Not specified',
        communication_needs TEXT NOT NULL DEFAULT 'Not Specified',
        communication_requirements TEXT NOT NULL DEFAULT '["None"]',
        home_adaptation    INTEGER NOT NULL DEFAULT 0,
        cultural_needs     TEXT NOT NULL DEFAULT 'Not Known',
        living_companions  TEXT NOT NULL DEFAULT 'No preference',
        pets               TEXT NOT NULL DEFAULT 'Not Known',
        additional_support TEXT NOT NULL DEFAULT '[]',
        deprivation_of_liberty INTEGER NOT NULL DEFAULT 0,
        risks              TEXT NOT NULL DEFAULT '{}',
        risk_other         TEXT NOT NULL DEFAULT '',
        risk_to_others_other TEXT NOT NULL DEFAULT '',
        ofsted_needs       TEXT NOT NULL DEFAULT '[]',
        budget_ceiling_pence INTEGER,
        status             TEXT NOT NULL CHECK (status IN ('draft', 'new', 'searching', 'shortlisted', 'offered', 'placed', 'closed')),
        officer_user_id    INTEGER REFERENCES users(id),
        referral_officer_name TEXT NOT NULL DEFAULT '',
        updated_at         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX referrals_by_status ON referrals(status, needed_by_date);
      CREATE INDEX referrals_by_council ON referrals(council_id, status);
      CREATE INDEX referrals_by_child ON referrals(child_id);

      CREATE TABLE referral_history (
        id          INTEGER PRIMARY KEY,
        referral_id INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
        at          TEXT NOT NULL,
        user_id     INTEGER REFERENCES users(id),
        status      TEXT NOT NULL,
        note        TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX referral_history_by_referral ON referral_history(referral_id, at);

      CREATE TABLE offers (
        id           INTEGER PRIMARY KEY,
        referral_id  INTEGER NOT NULL REFERENCES referrals(id),
        vacancy_id   INTEGER NOT NULL REFERENCES vacancies(id),
        status       TEXT NOT NULL CHECK (status IN ('requested', 'offered', 'refused', 'withdrawn', 'accepted')),
        price_core_pence      INTEGER NOT NULL DEFAULT 0,
        price_support_pence   INTEGER NOT NULL DEFAULT 0,
        price_education_pence INTEGER NOT NULL DEFAULT 0,
        price_other_pence     INTEGER NOT NULL DEFAULT 0,
        reason       TEXT NOT NULL DEFAULT '',
        at           TEXT NOT NULL,
        user_id      INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE INDEX offers_by_referral ON offers(referral_id, at);
      CREATE INDEX offers_by_vacancy ON offers(vacancy_id);

      CREATE TABLE placements (
        id              INTEGER PRIMARY KEY,
        child_id        INTEGER NOT NULL REFERENCES children(id),
        referral_id     INTEGER REFERENCES referrals(id),
        vacancy_id      INTEGER REFERENCES vacancies(id),
        home_id         INTEGER NOT NULL REFERENCES homes(id),
        council_id      INTEGER NOT NULL REFERENCES councils(id),
        placement_type  TEXT NOT NULL CHECK (placement_type IN ('Residential', 'Foster', 'Supported Accommodation')),
        start_date      TEXT NOT NULL,
        planned_end_date TEXT,
        end_date        TEXT,
        end_reason      TEXT,
        price_core_pence      INTEGER NOT NULL,
        price_support_pence   INTEGER NOT NULL DEFAULT 0,
        price_education_pence INTEGER NOT NULL DEFAULT 0,
        price_other_pence     INTEGER NOT NULL DEFAULT 0,
        location_label  TEXT NOT NULL,
        location_preferable INTEGER NOT NULL DEFAULT 1,
        education_continuity INTEGER NOT NULL DEFAULT 1,
        siblings_together INTEGER NOT NULL DEFAULT 0,
        provider_urn    TEXT NOT NULL DEFAULT '',
        distance_miles  REAL,
        distance_reason TEXT NOT NULL DEFAULT 'Not applicable',
        rationale       TEXT NOT NULL DEFAULT '',
        referral_officer_name  TEXT NOT NULL DEFAULT '',
        placement_officer_name TEXT NOT NULL DEFAULT '',
        cost_officer_name      TEXT NOT NULL DEFAULT '',
        referral_date   TEXT,
        placement_date  TEXT NOT NULL,
        cost_date       TEXT NOT NULL,
        CHECK (end_date IS NULL OR end_date >= start_date)
      ) STRICT;
      CREATE INDEX placements_current ON placements(end_date, council_id);
      CREATE INDEX placements_by_home ON placements(home_id, end_date);
      CREATE INDEX placements_by_child ON placements(child_id, start_date);

      -- Full postcodes from the ONS Postcode Directory or Code-Point Open, when a council imports one.
      CREATE TABLE postcodes (
        postcode  TEXT PRIMARY KEY,
        easting   INTEGER,
        northing  INTEGER,
        lat       REAL NOT NULL,
        lon       REAL NOT NULL,
        la_code   TEXT
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
