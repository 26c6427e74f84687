import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../db/errors';
import type { WritableDB } from '../../db/handle';
import { latestSchemaVersion, migrate, type Migration } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { openStore } from '../../db/open';
import { appendAudit, auditForRecord, verifyAuditChain } from '../../db/repositories/audit';
import { getChild, getChildNeeds, listEpisodes } from '../../db/repositories/children';
import {
  getConstellation,
  getFosterHome,
  getRosterPack,
  getSleepover,
  listCarers,
  listEvents,
  listHouseholds,
  listNotes,
} from '../../db/repositories/constellations';
import { listActiveHomeCapacity } from '../../db/repositories/market';
import { listAgreedPrices } from '../../db/repositories/benchmarks';
import { listInHouseOverheads } from '../../db/repositories/overheads';
import { getStoreKind } from '../../db/repositories/meta';
import { listOffers, openPlacementsOf } from '../../db/repositories/placements';
import { loadReferralForMatching, loadVacancyForMatching } from '../../db/repositories/matching';
import { resolvePostcode } from '../../db/repositories/places';
import { getSearchRun, policyVersion, searchRunInput } from '../../db/repositories/policies';
import { getReferral, referralHistory } from '../../db/repositories/referrals';
import { homeApprovals } from '../../db/repositories/homeApprovals';
import { chasingLines, listNotes as listReferralNotes } from '../../db/repositories/referralDay';
import { getCouncil } from '../../db/repositories/region';
import { getUserByUsername } from '../../db/repositories/users';
import { getVacancy, vacancyHistory } from '../../db/repositories/vacancies';
import { DEFAULT_POLICY } from '../../shared/scoring';

const folders: string[] = [];
afterEach(() => {
  while (folders.length > 0) rmSync(folders.pop()!, { recursive: true, force: true });
});

function newFile(): { file: string; key: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'rcc-ledger-'));
  folders.push(dir);
  return { file: join(dir, 'store.db'), key: randomBytes(32) };
}

/** The store as another program would see it: keyed, but without openStore's checks or migrations. */
function rawKeyed(file: string, key: Buffer): Database.Database {
  const db = new Database(file);
  db.pragma(`key = '${key.toString('hex')}'`);
  return db;
}

function ledger(db: Database.Database): { version: number; name: string; applied_at: string | null }[] {
  return db.prepare('SELECT version, name, applied_at FROM applied_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    applied_at: string | null;
  }[];
}

/** Opening must fail with a StoreError of this kind, leaving the file byte for byte as it was and no backup taken. */
function expectRefused(file: string, key: Buffer, kind: StoreError['kind']): StoreError {
  const before = readFileSync(file);
  let backups = 0;
  let caught: unknown;
  try {
    openStore({ file, key, beforeMigrate: () => void backups++ }).close();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).kind).toBe(kind);
  expect((caught as StoreError).message).toMatch(/nothing was changed/i);
  expect(backups).toBe(0);
  expect(readFileSync(file).equals(before)).toBe(true);
  return caught as StoreError;
}

const ids = MIGRATIONS.map((m) => m.version);

describe('the ledger of applied migrations', () => {
  it('records every migration of a new store by id, with when it ran, and keeps user_version in step', () => {
    const { file, key } = newFile();
    const db = openStore({ file, key });
    try {
      const rows = ledger(db);
      expect(rows.map((r) => r.version)).toEqual(ids);
      expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
      for (const r of rows) expect(r.applied_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    } finally {
      db.close();
    }
  });

  it('adopts a store from before the ledger: what user_version says was applied is back-filled, the rest run and recorded', () => {
    const { file, key } = newFile();
    // openStore stopped partway writes exactly what the versions before the ledger wrote: user_version only.
    const ledgerVersion = MIGRATIONS.find((m) => m.name === 'applied-migrations')!.version;
    const lastBefore = ids[ids.indexOf(ledgerVersion) - 1]!;
    for (const stop of [ids[3]!, lastBefore]) {
      rmSync(file, { force: true });
      openStore({ file, key, migrateTo: stop }).close();
      const old = rawKeyed(file, key);
      expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'applied_migrations'").pluck().get()).toBe(0);
      old.close();

      let backedUpFrom: number | null = null;
      const db = openStore({ file, key, beforeMigrate: (_db, from) => void (backedUpFrom = from) });
      try {
        expect(backedUpFrom).toBe(stop);
        const rows = ledger(db);
        expect(rows.map((r) => r.version)).toEqual(ids);
        // When the adopted ones ran was never recorded; the ones run now say when.
        for (const r of rows) expect(r.applied_at === null, `migration ${r.version}`).toBe(r.version <= stop);
        expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
      } finally {
        db.close();
      }
    }
  });

  it('refuses a store that skipped a migration: a fix slotted in below migrations the store already has', () => {
    const { file, key } = newFile();
    openStore({ file, key }).close();
    // This app gains 0175, released after stores had already run 0180.
    const slotted: Migration = { version: 175, name: 'slotted-fix', up: (db) => db.exec('CREATE TABLE never_made (x INTEGER) STRICT') };
    const list = MIGRATIONS as Migration[];
    const at = list.findIndex((m) => m.version > slotted.version);
    list.splice(at, 0, slotted);
    try {
      const error = expectRefused(file, key, 'migration-gap');
      expect(error.message).toContain('missing migration 0175 (slotted-fix)');
      expect(error.message).toContain(`the later ${String(list[at + 1]!.version).padStart(4, '0')} (${list[at + 1]!.name})`);
      expect(error.message).toMatch(/ask your IT support/);
    } finally {
      list.splice(at, 1);
    }
    // The same store still opens with the app it was made by.
    openStore({ file, key }).close();
  });

  it('refuses a store whose ledger lacks one of its middle migrations', () => {
    const { file, key } = newFile();
    openStore({ file, key }).close();
    const raw = rawKeyed(file, key);
    raw.prepare('DELETE FROM applied_migrations WHERE version = ?').run(ids[2]);
    raw.close();
    const error = expectRefused(file, key, 'migration-gap');
    expect(error.message).toContain(`missing migration ${String(ids[2]).padStart(4, '0')} (${MIGRATIONS[2]!.name})`);
  });

  it('refuses a store with a migration this app does not know, newer or in between', () => {
    for (const unknown of [
      { version: latestSchemaVersion() + 10, name: 'from-the-future' },
      { version: ids[1]! + 5, name: 'from-a-branch' },
    ]) {
      const { file, key } = newFile();
      openStore({ file, key }).close();
      const raw = rawKeyed(file, key);
      raw.prepare("INSERT INTO applied_migrations (version, name, applied_at) VALUES (?, ?, '2027-01-01T00:00:00.000Z')").run(unknown.version, unknown.name);
      raw.pragma(`user_version = ${Math.max(unknown.version, latestSchemaVersion())}`);
      raw.close();
      const error = expectRefused(file, key, 'too-new');
      expect(error.message).toContain(`migration ${String(unknown.version).padStart(4, '0')} (${unknown.name})`);
      expect(error.message).toMatch(/newer version of RCC Placements/);
    }
  });

  it('refuses a store whose user_version disagrees with its ledger', () => {
    const { file, key } = newFile();
    openStore({ file, key }).close();
    const raw = rawKeyed(file, key);
    raw.pragma(`user_version = ${ids.at(-2)!}`);
    raw.close();
    const error = expectRefused(file, key, 'damaged');
    expect(error.message).toMatch(/does not match its record of applied migrations/);
  });

  it("refuses a store from before the ledger whose user_version is not one of this app's migrations", () => {
    const { file, key } = newFile();
    openStore({ file, key, migrateTo: ids[2]! }).close();
    const raw = rawKeyed(file, key);
    raw.pragma(`user_version = ${ids[2]! + 5}`);
    raw.close();
    const error = expectRefused(file, key, 'too-new');
    expect(error.message).toContain(`schema ${ids[2]! + 5}`);
  });
});

// ---------------------------------------------------------------- a test with data for each migration

/**
 * Rows each migration's schema accepts, written with plain SQL as the app of that version wrote
 * them, and what must still be read from them once the store has gone all the way up: through
 * the repositories where one reads that table. One entry per migration: a new migration without
 * its sample fails the first test below.
 */
interface MigrationSample {
  insert(db: WritableDB): void;
  check(db: WritableDB): void | Promise<void>;
}

const AT = '2026-11-25T10:00:00.000Z';

/** A count by plain SQL, for tables no repository reads on its own. */
const count = (db: WritableDB, sql: string, ...params: unknown[]): number =>
  db
    .prepare(`SELECT count(*) FROM ${sql}`)
    .pluck()
    .get(...params) as number;

const SAMPLES: Record<number, MigrationSample> = {
  10: {
    insert(db) {
      db.exec(`
        INSERT INTO meta (key, value) VALUES ('store_kind', 'demo');
        INSERT INTO councils (id, name, ons_code, lat, lon) VALUES (1, 'Testshire', 'E08000901', 53.5, -2.4);
        INSERT INTO providers (id, name, ownership, ofsted_urn, ofsted_grade) VALUES (1, 'Testshire Fostering', 'in_house', 'SC000001', 'good');
        INSERT INTO homes (id, provider_id, council_id, name, kind, place_label, lat, lon) VALUES
          (1, 1, 1, 'Hub House', 'foster', 'Northtown', 53.51, -2.41),
          (2, 1, 1, 'Elm Lodge', 'residential', 'Southtown', 53.49, -2.39),
          (3, 1, 1, 'Flat 3', 'supported', 'Easttown', 53.5, -2.38);
        INSERT INTO constellations (id, name, council_id, hub_home_id) VALUES (1, 'North Constellation', 1, 1);
        INSERT INTO users (id, username, display_name, role, council_id, password_hash, created_at) VALUES
          (1, 'sample.officer', 'Sample Officer', 'placement_officer', 1, 'x', '${AT}'),
          (2, 'sample.admin', 'Sample Admin', 'administrator', NULL, 'x', '${AT}');
        INSERT INTO vacancies (id, home_id, beds, available_from, status, price_core_pence, updated_at) VALUES (1, 2, 1, '2026-12-01', 'open', 350000, '${AT}');
        INSERT INTO vacancy_status_history (vacancy_id, status, at, user_id) VALUES (1, 'open', '${AT}', 1);
        INSERT INTO children (id, ref, first_name, birth_date, sex, council_id, place_label) VALUES (1, 'TST-0001', 'Alex', '2014-03-02', 'F', 1, 'Northtown');
      `);
      appendAudit(db, {
        at: AT,
        userId: 1,
        username: 'sample.officer',
        role: 'placement_officer',
        method: 'children.get',
        action: 'view',
        recordType: 'child',
        recordId: '1',
        outcome: 'ok',
      });
    },
    check(db) {
      expect(getStoreKind(db)).toBe('demo');
      expect(getCouncil(db, 1)).toMatchObject({ name: 'Testshire', onsCode: 'E08000901', dfeCode: null });
      expect(getVacancy(db, 1)).toMatchObject({
        homeName: 'Elm Lodge',
        providerName: 'Testshire Fostering',
        status: 'open',
        weeklyPricePence: 350000,
        restrictions: '',
      });
      expect(vacancyHistory(db, 1)).toEqual([{ status: 'open', at: AT, userId: 1 }]);
      expect(getChild(db, 1)).toMatchObject({ ref: 'TST-0001', firstName: 'Alex', sex: 'F', councilName: 'Testshire' });
      expect(getUserByUsername(db, 'SAMPLE.OFFICER')).toMatchObject({ id: 1, role: 'placement_officer', disabledAt: null, mustChangePassword: false });
      expect(auditForRecord(db, 'child', '1')).toHaveLength(1);
      expect(verifyAuditChain(db).intact).toBe(true);
    },
  },
  20: {
    insert(db) {
      db.exec(`
        UPDATE homes SET constellation_id = 1, is_hub = 1, postcode = 'TS1 1AA' WHERE id = 1;
        INSERT INTO foster_households (home_id, approval_min_age, approval_max_age, approval_max_children, fee_tier, skills_tier, specialisms)
          VALUES (1, 0, 18, 2, 2, 2, '["parent_and_child"]');
        INSERT INTO carers (home_id, name, phone) VALUES (1, 'Sam Carer', '01234 000001');
        INSERT INTO residential_homes (home_id, places, categories) VALUES (2, 4, '["EBD"]');
        INSERT INTO supported_homes (home_id, kind, places) VALUES (3, 'solo', 1);
        UPDATE constellations SET liaison_worker = 'Lee Liaison' WHERE id = 1;
        INSERT INTO constellation_events (id, constellation_id, kind, title, date) VALUES (1, 1, 'meeting', 'Monthly support group', '2026-12-03');
        UPDATE children SET risks = '["missing"]', wishes = 'Stay near school', current_home_id = 1 WHERE id = 1;
        INSERT INTO sleepovers (id, constellation_id, from_home_id, child_id, bed, start_date, end_date, kind, status)
          VALUES (1, 1, 1, 1, 1, '2026-12-05', '2026-12-06', 'planned', 'requested');
        INSERT INTO episodes (child_id, decom, rne, ls, cin, place, home_id) VALUES (1, '2025-01-10', 'S', 'C2', 'N1', 'U1', 1);
        INSERT INTO referrals (id, child_id, council_id, received_at, needed_by, needed_by_date, status, officer_user_id, updated_at)
          VALUES (1, 1, 1, '${AT}', 'Planned', '2026-12-20', 'offered', 1, '${AT}');
        INSERT INTO referral_history (referral_id, at, user_id, status, note) VALUES (1, '${AT}', 1, 'new', 'Referral received');
        INSERT INTO offers (referral_id, vacancy_id, status, price_core_pence, at, user_id) VALUES (1, 1, 'offered', 350000, '${AT}', 1);
        INSERT INTO placements (child_id, referral_id, home_id, council_id, placement_type, start_date, price_core_pence, location_label, placement_date, cost_date)
          VALUES (1, NULL, 1, 1, 'Foster', '2025-01-10', 90000, 'Northtown', '2025-01-10', '2025-01-10');
        INSERT INTO postcodes (postcode, easting, northing, lat, lon, la_code) VALUES ('TS1 1AA', 370000, 400000, 53.5, -2.4, 'E08000901');
      `);
    },
    check(db) {
      expect(getFosterHome(db, 1)).toMatchObject({ constellationId: 1, isHub: true, childrenPlaced: 1 });
      expect(listCarers(db, [1])).toEqual([{ homeId: 1, name: 'Sam Carer', phone: '01234 000001', email: '', isMain: true }]);
      const capacity = new Map(listActiveHomeCapacity(db).map((h) => [h.homeId, h.places]));
      expect([capacity.get(1), capacity.get(2), capacity.get(3)]).toEqual([2, 4, 1]);
      expect(getConstellation(db, 1)).toMatchObject({ hubHomeName: 'Hub House', liaisonWorker: 'Lee Liaison' });
      expect(listEvents(db, 1).map((e) => e.title)).toEqual(['Monthly support group']);
      expect(getSleepover(db, 1)).toMatchObject({ childFirstName: 'Alex', status: 'requested', bed: 1 });
      expect(listEpisodes(db, 1)).toMatchObject([{ decom: '2025-01-10', homeName: 'Hub House' }]);
      expect(getChildNeeds(db, 1)).not.toBeNull();
      expect(getReferral(db, 1)).toMatchObject({ childRef: 'TST-0001', status: 'offered', fields: { neededByDate: '2026-12-20' } });
      expect(referralHistory(db, 1).map((h) => h.note)).toContain('Referral received');
      expect(listOffers(db, 1)).toMatchObject([{ vacancyId: 1, homeName: 'Elm Lodge', status: 'offered', weeklyPence: 350000 }]);
      expect(count(db, 'placements WHERE child_id = 1 AND end_date IS NULL')).toBe(1);
      expect(resolvePostcode(db, 'ts11aa')).toMatchObject({ lat: 53.5, laCode: 'E08000901' });
    },
  },
  40: {
    insert(db) {
      db.exec(`
        UPDATE children SET source_key = 'k-0001', uasc_ceased = NULL WHERE id = 1;
        INSERT INTO missing_episodes (child_id, kind, start_date, end_date) VALUES (1, 'M', '2025-06-01', '2025-06-02');
        UPDATE homes SET external_ref = 'FH-1' WHERE id = 1;
      `);
    },
    check(db) {
      expect(count(db, "children WHERE source_key = 'k-0001'")).toBe(1);
      expect(count(db, "missing_episodes WHERE child_id = 1 AND kind = 'M'")).toBe(1);
      expect(count(db, "homes WHERE provider_id = 1 AND external_ref = 'FH-1'")).toBe(1);
    },
  },
  60: {
    insert(db) {
      db.exec(`
        UPDATE homes SET address = '1 Hub Street', supervising_social_worker = 'Sue Worker' WHERE id = 1;
        INSERT INTO constellation_notes (constellation_id, at, user_id, text) VALUES (1, '${AT}', 2, 'Support group moved to Thursday');
        INSERT INTO roster_packs (constellation_name, exported_at, imported_at, roster_json) VALUES ('North Constellation', '${AT}', '${AT}', '{"households":[]}');
      `);
    },
    check(db) {
      expect(listHouseholds(db, 1).map((h) => h.homeId)).toContain(1);
      expect(listNotes(db, 1)).toMatchObject([{ author: 'Sample Admin', text: 'Support group moved to Thursday' }]);
      expect(getRosterPack(db, 'North Constellation')).toMatchObject({ rosterJson: '{"households":[]}' });
    },
  },
  70: {
    // Indexes only: a row for each, an ended placement, read back through the indexed columns.
    insert(db) {
      db.exec(`
        INSERT INTO placements (child_id, home_id, council_id, placement_type, start_date, end_date, end_reason, price_core_pence, location_label, placement_date, cost_date)
          VALUES (1, 2, 1, 'Residential', '2024-02-01', '2024-12-31', 'E11', 420000, 'Southtown', '2024-02-01', '2024-02-01');
      `);
    },
    check(db) {
      expect(count(db, "placements WHERE start_date >= '2024-01-01' AND start_date < '2024-04-01'")).toBe(1);
      expect(count(db, 'placements WHERE council_id = 1 AND end_date IS NOT NULL')).toBe(1);
    },
  },
  80: {
    insert(db) {
      db.prepare('INSERT INTO policies (version, policy, note, created_at, created_by) VALUES (?, ?, ?, ?, 2)').run(
        DEFAULT_POLICY.version,
        JSON.stringify(DEFAULT_POLICY),
        'Built-in default',
        AT,
      );
      db.prepare(
        `INSERT INTO search_runs (id, referral_id, at, user_id, policy_version, input, result, ranked_count, excluded_count)
         VALUES (1, 1, ?, 1, ?, '{}', '{"ranked":[]}', 0, 0)`,
      ).run(AT, DEFAULT_POLICY.version);
    },
    check(db) {
      expect(policyVersion(db, DEFAULT_POLICY.version)).toEqual(DEFAULT_POLICY);
      expect(getSearchRun(db, 1)).toMatchObject({ referralId: 1, policyVersion: DEFAULT_POLICY.version, by: 'Sample Officer' });
    },
  },
  90: {
    // An index only: a second constellation, found again by its hub.
    insert(db) {
      db.exec(`
        INSERT INTO homes (id, provider_id, council_id, name, kind, place_label, lat, lon) VALUES (4, 1, 1, 'South Hub', 'foster', 'Southtown', 53.48, -2.4);
        INSERT INTO constellations (id, name, council_id, hub_home_id) VALUES (2, 'South Constellation', 1, 4);
      `);
    },
    check(db) {
      expect(getFosterHome(db, 4)).toMatchObject({ constellationId: 2, isHub: true });
    },
  },
  100: {
    insert(db) {
      db.exec(`
        UPDATE children SET sibling_group = 'SG-1' WHERE id = 1;
        INSERT INTO children (id, ref, first_name, birth_date, sex, council_id, place_label, sibling_group) VALUES (2, 'TST-0002', 'Bo', '2016-05-06', 'M', 1, 'Northtown', 'SG-1');
        INSERT INTO referrals (id, child_id, council_id, received_at, needed_by, needed_by_date, sibling_count, sibling_ids, status, officer_user_id, updated_at)
          VALUES (2, 1, 1, '${AT}', 'Planned', '2027-01-10', 1, '[2]', 'new', 1, '${AT}');
      `);
    },
    check(db) {
      expect(getReferral(db, 2)?.fields).toMatchObject({ siblingCount: 1, siblingIds: [2] });
      // A referral from before the column reads as choosing no sibling by id.
      expect(getReferral(db, 1)?.fields.siblingIds).toEqual([]);
    },
  },
  110: {
    insert(db) {
      db.exec(`
        INSERT INTO children (id, ref, first_name, birth_date, sex, council_id, place_label, source) VALUES (3, 'TST-0003', 'Cal', '2010-09-09', 'U', 1, 'Easttown', 'ssda903');
        INSERT INTO ssda903_children (child_id, council_child_id, header_year, uasc_year) VALUES (3, 'LA-7781', 2024, NULL);
        INSERT INTO episodes (child_id, decom, rne, ls, cin, place, ssda903_year) VALUES (3, '2024-04-01', 'S', 'C2', 'N1', 'R1', 2024);
        INSERT INTO missing_episodes (child_id, kind, start_date, ssda903_year) VALUES (3, 'A', '2024-08-01', 2024);
      `);
    },
    check(db) {
      expect(getChild(db, 3)).toMatchObject({ ref: 'TST-0003', sex: 'U' });
      expect(listEpisodes(db, 3)).toMatchObject([{ decom: '2024-04-01', place: 'R1' }]);
      expect(count(db, "ssda903_children WHERE child_id = 3 AND council_child_id = 'LA-7781'")).toBe(1);
      expect(count(db, 'missing_episodes WHERE child_id = 3 AND ssda903_year = 2024')).toBe(1);
    },
  },
  120: {
    insert(db) {
      db.exec(
        `INSERT INTO councils (id, name, ons_code, lat, lon, dfe_code, centre_label) VALUES (2, 'Westshire', 'E08000902', 53.6, -2.6, '350', 'WS1 1AA');`,
      );
    },
    check(db) {
      expect(getCouncil(db, 2)).toMatchObject({ name: 'Westshire', dfeCode: '350', centreLabel: 'WS1 1AA' });
    },
  },
  140: {
    insert(db) {
      db.exec(`
        INSERT INTO users (id, username, display_name, role, council_id, password_hash, created_at, disabled_at, must_change_password, password_changed_at)
          VALUES (3, 'sample.leaver', 'Sample Leaver', 'commissioner', NULL, 'x', '${AT}', '${AT}', 1, NULL);
      `);
    },
    check(db) {
      expect(getUserByUsername(db, 'sample.leaver')).toMatchObject({ role: 'commissioner', disabledAt: AT, mustChangePassword: true });
    },
  },
  170: {
    insert(db) {
      db.exec(`
        INSERT INTO users (id, username, display_name, role, council_id, password_hash, created_at) VALUES (4, 'sample.second', 'Second Officer', 'placement_officer', 1, 'x', '${AT}');
        INSERT INTO referrals (id, child_id, council_id, received_at, needed_by, needed_by_date, status, officer_user_id, assigned_user_id, updated_at)
          VALUES (3, 2, 1, '${AT}', 'Emergency', '2026-11-26', 'searching', 1, 4, '${AT}');
      `);
    },
    check(db) {
      expect(getReferral(db, 3)).toMatchObject({ assignedUserId: 4, assignedName: 'Second Officer' });
      // Referrals from before the column were assigned to the officer who made them.
      expect(getReferral(db, 1)).toMatchObject({ assignedUserId: 1, assignedName: 'Sample Officer' });
    },
  },
  180: {
    // The ledger is written by the runner alone; what it must hold is every migration, in order.
    insert() {},
    check(db) {
      expect(ledger(db).map((r) => r.version)).toEqual(ids);
    },
  },
  190: {
    insert(db) {
      db.exec(`INSERT INTO referral_notes (referral_id, kind, text, provider_id, at, user_id) VALUES (1, 'call', 'Rang about the offer.', 1, '${AT}', 1);`);
    },
    check(db) {
      expect(listReferralNotes(db, 1)).toMatchObject([
        { kind: 'call', text: 'Rang about the offer.', providerId: 1, providerName: 'Testshire Fostering', at: AT },
      ]);
      // The offer recorded in the first sample, with no hold before it, is on the chasing list.
      expect(chasingLines(db, [1]).get(1)).toMatchObject([{ vacancyId: 1, providerId: 1, askedAt: null, answer: { status: 'offered', at: AT } }]);
    },
  },
  260: {
    insert(db) {
      const sha = 'a'.repeat(64);
      db.exec(`
        INSERT INTO search_vacancy_sets (sha256, vacancies) VALUES ('${sha}', '[{"vacancyId":"1"}]');
        INSERT INTO search_runs (id, referral_id, at, user_id, policy_version, input, vacancy_set, result, ranked_count, excluded_count)
          VALUES (2, 1, '${AT}', 1, ${DEFAULT_POLICY.version}, '{"child":{"referralId":"1"}}', '${sha}', '{"ranked":[]}', 0, 0);
      `);
    },
    check(db) {
      expect(searchRunInput(db, 2)).toEqual({ child: { referralId: '1' }, vacancies: [{ vacancyId: '1' }] });
      // A search kept before the sets read its input as it was written.
      expect(searchRunInput(db, 1)).toEqual({});
    },
  },
  270: {
    // Triggers only: a change to a vacancy, made as any earlier version made it, draws a new token.
    insert() {},
    check(db) {
      const token = () => db.prepare("SELECT token FROM change_tokens WHERE name = 'open-vacancies'").pluck().get() as string;
      const before = token();
      db.prepare('UPDATE vacancies SET beds = beds WHERE id = 1').run();
      expect(token()).toMatch(/^[0-9A-F]{16}$/);
      expect(token()).not.toBe(before);
    },
  },
  210: {
    insert(db) {
      db.exec(`
        INSERT INTO homes (id, provider_id, council_id, name, kind, place_label, lat, lon, approved_purposes, connected_child_id)
          VALUES (5, 1, 1, 'Aunt and uncle', 'foster', 'Northtown', 53.5, -2.4, '["short_term","long_term"]', 2);
        INSERT INTO foster_households (home_id, approval_min_age, approval_max_age, approval_max_children, fee_tier, skills_tier, kinship)
          VALUES (5, 0, 17, 2, 1, 1, 1);
        INSERT INTO referrals (id, child_id, council_id, received_at, needed_by, needed_by_date, status, officer_user_id, updated_at, purpose)
          VALUES (4, 2, 1, '${AT}', 'Planned', '2027-01-10', 'new', 1, '${AT}', 'long_term');
      `);
    },
    check(db) {
      expect(getReferral(db, 4)?.fields.purpose).toBe('long_term');
      // Referrals from before the column ask for a short-term placement.
      expect(getReferral(db, 1)?.fields.purpose).toBe('short_term');
      const approvals = homeApprovals(db, [1, 2, 5]);
      // The hub's parent-and-child specialism (sample 20) became an approval; other homes hold a mainstream one.
      expect(approvals.get(1)).toMatchObject({ approvedPurposes: ['emergency', 'short_term', 'long_term', 'parent_and_child'], namedChild: null });
      expect(approvals.get(2)?.approvedPurposes).toEqual(['emergency', 'short_term', 'long_term']);
      expect(approvals.get(5)).toMatchObject({ approvedPurposes: ['short_term', 'long_term'], namedChild: { id: 2, ref: 'TST-0002' } });
      // The named child's carers are kinship carers for the child and for their sister (sibling group SG-1).
      expect(loadReferralForMatching(db, 4, '2026-12-01')).toMatchObject({ purpose: 'long_term', kinshipHomeIds: ['5'] });
      expect(loadReferralForMatching(db, 1, '2026-12-01')).toMatchObject({ purpose: 'short_term', kinshipHomeIds: ['5'] });
      // Only a foster home can be a connected person's.
      expect(() => db.exec('UPDATE homes SET connected_child_id = 1 WHERE id = 2')).toThrow(/CHECK constraint failed/);
    },
  },
  230: {
    insert(db) {
      db.exec("UPDATE ssda903_children SET upn = 'UN5', mother = '0', mc_dob = NULL WHERE child_id = 3");
    },
    check(db) {
      expect(count(db, "ssda903_children WHERE child_id = 3 AND upn = 'UN5' AND mother = '0' AND mc_dob IS NULL")).toBe(1);
    },
  },
  220: {
    insert(db) {
      // An earlier stay that ended with the child going home as the care plan said (REC E4A).
      db.exec(`
        INSERT INTO placements (child_id, home_id, council_id, placement_type, start_date, end_date, end_rec, end_note, price_core_pence, location_label,
            placement_date, cost_date)
          VALUES (1, 2, 2, 'Residential', '2023-05-08', '2023-09-30', 'E4A', 'Went home to mum as planned.', 350000, 'Southtown', '2023-05-08', '2023-05-08');
      `);
    },
    check(db) {
      expect(count(db, "placements WHERE end_rec = 'E4A' AND end_note = 'Went home to mum as planned.' AND end_reason IS NULL")).toBe(1);
      // The placements from before the column have no REC and an empty note; the child's current one is still the open one.
      expect(count(db, "placements WHERE end_rec IS NULL AND end_note = '' AND start_date IN ('2025-01-10', '2024-02-01')")).toBe(2);
      expect(openPlacementsOf(db, 1)).toMatchObject([{ homeName: 'Hub House', startDate: '2025-01-10' }]);
    },
  },
  200: {
    insert(db) {
      db.exec(`
        UPDATE referrals SET secure_order = 1 WHERE id = 1;
        UPDATE homes SET dol_capable = 1, registration_status = 'suspended', registration_status_date = '2026-11-20' WHERE id = 2;
        INSERT INTO vacancies (id, home_id, beds, available_from, status, price_core_pence, updated_at, withdrawn_reason)
          VALUES (200, 2, 1, '2026-12-01', 'withdrawn', 350000, '${AT}', 'Ofsted registration suspended on 20 Nov 2026');
      `);
    },
    check(db) {
      expect(getReferral(db, 1)?.fields).toMatchObject({ secureOrder: true, deprivationOfLiberty: false });
      expect(loadReferralForMatching(db, 1, '2026-11-25')?.legal).toEqual({ secureOrder: true, deprivationOfLiberty: false });
      expect(getVacancy(db, 200)).toMatchObject({
        status: 'withdrawn',
        withdrawnReason: 'Ofsted registration suspended on 20 Nov 2026',
        dolCapable: true,
        homeBarred: 'Ofsted registration suspended on 20 Nov 2026',
      });
      expect(loadVacancyForMatching(db, 200, '2026-11-25')).toMatchObject({
        dolCapable: true,
        registrationStatus: 'suspended',
        registrationSince: '2026-11-20',
      });
      // A vacancy from before the migration carries no reason of its own; its home's status and capability show on it.
      expect(getVacancy(db, 1)).toMatchObject({
        status: 'open',
        withdrawnReason: null,
        dolCapable: true,
        homeBarred: 'Ofsted registration suspended on 20 Nov 2026',
      });
      // Homes from before it: registered, no capability.
      expect(db.prepare('SELECT registration_status, dol_capable FROM homes WHERE id = 3').get()).toEqual({
        registration_status: 'registered',
        dol_capable: 0,
      });
    },
  },
  240: {
    // Before 0240 a sibling group placed together held the group's price on the first child only:
    // children 2 and 3 were placed from referral 1 into vacancy 1 on one day at £3,000.01 for the two.
    insert(db) {
      db.exec(`
        UPDATE residential_homes SET fee_tier = 3 WHERE home_id = 2;
        INSERT INTO in_house_overheads (kind, supervising_pence, recruitment_pence, training_pence, support_pence, updated_at, user_id)
          VALUES ('foster', 9000, 2500, 1000, 1500, '${AT}', 2);
      `);
    },
    check(db) {
      expect(listInHouseOverheads(db).find((o) => o.kind === 'foster')).toMatchObject({ totalPence: 14_000, updatedBy: 'Sample Admin', updatedAt: AT });
      expect(listInHouseOverheads(db).find((o) => o.kind === 'residential')).toMatchObject({ totalPence: 0, updatedAt: null });
      const agreed = listAgreedPrices(db, '2000-01-01', '2100-01-01');
      expect(agreed.find((p) => p.kind === 'foster')).toMatchObject({ tier: 'enhanced', weeklyPence: 90_000 });
      expect(count(db, 'residential_homes WHERE home_id = 2 AND fee_tier = 3')).toBe(1);
    },
  },
  250: {
    insert(db) {
      db.exec(`
        UPDATE referrals SET wish_list = '[{"kind":"people","text":"Near my nan in Wigan"},{"kind":"pets","text":"No dogs"}]' WHERE id = 2;
        INSERT INTO homes (id, provider_id, council_id, name, kind, place_label, lat, lon, constellation_id, household_kind)
          VALUES (6, 1, 1, 'Willow House', 'foster', 'Northtown', 53.52, -2.42, 1, 'adoptive');
        INSERT INTO constellation_events (id, constellation_id, kind, title, date, start_time, place)
          VALUES (2, 2, 'meeting', 'January support group', '2027-01-07', '19:00', 'Southtown Library');
      `);
    },
    check(db) {
      expect(getReferral(db, 2)?.fields.wishes).toEqual([
        { kind: 'people', text: 'Near my nan in Wigan' },
        { kind: 'pets', text: 'No dogs' },
      ]);
      // A referral from before the column records no wishes one by one.
      expect(getReferral(db, 1)?.fields.wishes).toEqual([]);
      const kinds = new Map(listHouseholds(db, 1).map((h) => [h.homeId, h.householdKind]));
      expect([kinds.get(1), kinds.get(6)]).toEqual(['foster', 'adoptive']);
      expect(listEvents(db, 2)).toMatchObject([{ id: 2, startTime: '19:00', place: 'Southtown Library' }]);
      // An event from before has no time or place recorded.
      expect(listEvents(db, 1)).toMatchObject([{ id: 1, startTime: '', place: '' }]);
    },
  },
};

describe('a test with data for each migration', () => {
  it('has a sample for every migration and none for a migration that does not exist', () => {
    expect(
      Object.keys(SAMPLES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(ids);
  });

  it('keeps every sample row readable after migrating the rest of the way up', async () => {
    const { file, key } = newFile();
    const db = openStore({ file, key, migrateTo: 0 });
    try {
      for (const m of MIGRATIONS) {
        expect(migrate(db, m.version)).toBe(m.version);
        const sample = SAMPLES[m.version];
        expect(sample, `migration ${m.version} (${m.name}) has no sample data`).toBeDefined();
        db.transaction(() => sample!.insert(db))();
      }
      expect(migrate(db)).toBe(latestSchemaVersion());
      expect(db.pragma('foreign_key_check')).toEqual([]);
      for (const m of MIGRATIONS) await SAMPLES[m.version]!.check(db);
    } finally {
      db.close();
    }
    // And once more after a reopen, as the app would find them.
    const reopened = openStore({ file, key });
    try {
      for (const m of MIGRATIONS) await SAMPLES[m.version]!.check(reopened);
    } finally {
      reopened.close();
    }
  });
});
