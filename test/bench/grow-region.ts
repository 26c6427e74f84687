/**
 * Grows a generated region to a size no seed preset reaches quickly (the ×50 preset takes minutes
 * to generate): homes with open vacancies are cloned, kind rows, carers and open vacancies with
 * them, a little way from the original; open referrals' fields are copied onto children in care
 * who have none. Rows are copied column by column from the table as the store has it, so a
 * migration that adds a column does not need this file changed. Synthetic data only: every row
 * copied comes from the generated demo region.
 */
import type { WritableDB } from '../../db/handle';
import { bedsHeldByReferral } from '../../db/repositories/placements';
import { SeededRandom } from '../../db/seed/random';
import { OPEN_REFERRAL_STATUSES } from '../../shared/domain/referrals';

export interface GrowTarget {
  openVacancies: number;
  /** Open referrals the region plan takes: those with a bed already held are left out of it. */
  plannedReferrals: number;
  seed: number;
}

export interface GrownRegion {
  homesAdded: number;
  vacanciesAdded: number;
  referralsAdded: number;
  /** Counted in the store afterwards. */
  openVacancies: number;
  openReferrals: number;
  referralsHoldingBeds: number;
}

const OPEN = OPEN_REFERRAL_STATUSES.map((s) => `'${s}'`).join(', ');

function columnsOf(db: WritableDB, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}

/**
 * A statement copying the rows of `table` chosen by `where` (with @source), every column as it is
 * except `id` (a new one is given) and the columns in `replaced`, which take named parameters.
 */
function copyRows(db: WritableDB, table: string, where: string, replaced: readonly string[]) {
  const columns = columnsOf(db, table).filter((c) => c !== 'id');
  const missing = replaced.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new Error(`${table} has no column ${missing.join(', ')}: grow-region.ts needs updating to the schema.`);
  const values = columns.map((c) => (replaced.includes(c) ? `@${c}` : c));
  return db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM ${table} WHERE ${where}`);
}

const count = (db: WritableDB, sql: string): number => db.prepare(sql).pluck().get() as number;

/** Clones homes with open vacancies until the region has about `target.openVacancies` of them. */
function addVacancies(db: WritableDB, target: number, rng: SeededRandom): { homes: number; vacancies: number } {
  const sources = db
    .prepare(
      `SELECT h.id, h.name, h.lat, h.lon, h.easting, h.northing, h.ofsted_urn AS urn, count(*) AS open
         FROM homes h JOIN vacancies v ON v.home_id = h.id
        WHERE v.status = 'open' AND h.active = 1
        GROUP BY h.id ORDER BY h.id`,
    )
    .all() as { id: number; name: string; lat: number; lon: number; easting: number | null; northing: number | null; urn: string | null; open: number }[];
  if (sources.length === 0) throw new Error('The region has no open vacancies to clone.');
  const home = copyRows(db, 'homes', 'id = @source', ['name', 'lat', 'lon', 'easting', 'northing', 'ofsted_urn', 'external_ref', 'constellation_id', 'is_hub']);
  const kindRows = ['foster_households', 'residential_homes', 'supported_homes'].map((t) => copyRows(db, t, 'home_id = @source', ['home_id']));
  const carers = copyRows(db, 'carers', 'home_id = @source', ['home_id']);
  const vacancies = copyRows(db, 'vacancies', "home_id = @source AND status = 'open'", ['home_id']);
  // URNs are unique among homes (and Ofsted gives providers theirs from the same series).
  const taken = new Set(
    db
      .prepare('SELECT ofsted_urn FROM homes WHERE ofsted_urn IS NOT NULL UNION SELECT ofsted_urn FROM providers WHERE ofsted_urn IS NOT NULL')
      .pluck()
      .all() as string[],
  );
  let nextUrn = 100_000;
  const newUrn = () => {
    while (taken.has(`SC${nextUrn}`)) nextUrn++;
    taken.add(`SC${nextUrn}`);
    return `SC${nextUrn}`;
  };

  let open = count(db, "SELECT count(*) FROM vacancies WHERE status = 'open'");
  let homes = 0;
  let added = 0;
  for (let round = 2; open < target; round++) {
    for (const s of sources) {
      if (open >= target) break;
      // Within about a mile and a half of the original, so distances and councils stay plausible.
      const dLat = (rng.next() - 0.5) * 0.04;
      const dLon = (rng.next() - 0.5) * 0.06;
      const metresPerDegree = 111_320;
      const id = Number(
        home.run({
          source: s.id,
          name: `${s.name} (${round})`,
          lat: s.lat + dLat,
          lon: s.lon + dLon,
          easting: s.easting === null ? null : Math.round(s.easting + dLon * metresPerDegree * Math.cos((s.lat * Math.PI) / 180)),
          northing: s.northing === null ? null : Math.round(s.northing + dLat * metresPerDegree),
          ofsted_urn: s.urn === null ? null : newUrn(),
          external_ref: null,
          constellation_id: null,
          is_hub: 0,
        }).lastInsertRowid,
      );
      for (const k of kindRows) k.run({ source: s.id, home_id: id });
      carers.run({ source: s.id, home_id: id });
      vacancies.run({ source: s.id, home_id: id });
      homes++;
      added += s.open;
      open += s.open;
    }
  }
  db.prepare(
    `INSERT INTO vacancy_status_history (vacancy_id, status, at, user_id)
     SELECT v.id, 'open', v.updated_at, NULL FROM vacancies v
      WHERE NOT EXISTS (SELECT 1 FROM vacancy_status_history x WHERE x.vacancy_id = v.id)`,
  ).run();
  return { homes, vacancies: added };
}

/**
 * Copies open referrals' fields onto children in care without an open referral until the plan
 * would take about `target` (open ones without a bed held). Only referrals still new or searching are copied (no offers or holds come
 * with them), and only onto children outside sibling groups, so no group is split.
 */
function addReferrals(db: WritableDB, target: number): number {
  const open = count(db, `SELECT count(*) FROM referrals WHERE status IN (${OPEN})`) - bedsHeldByReferral(db).size;
  if (open >= target) return 0;
  const sources = db.prepare("SELECT id FROM referrals WHERE status IN ('new', 'searching') ORDER BY id").pluck().all() as number[];
  const children = db
    .prepare(
      `SELECT c.id, c.council_id AS councilId FROM children c
        WHERE c.current_home_id IS NOT NULL AND c.sibling_group IS NULL
          AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.child_id = c.id AND r.status IN (${OPEN}))
        ORDER BY c.id LIMIT ?`,
    )
    .all(target - open) as { id: number; councilId: number }[];
  if (sources.length === 0 || children.length < target - open) {
    throw new Error(`Only ${children.length} children can take a copied referral (${target - open} wanted) from ${sources.length} open ones.`);
  }
  const referral = copyRows(db, 'referrals', 'id = @source', ['child_id', 'council_id', 'sibling_count', 'sibling_ids']);
  children.forEach((child, i) =>
    referral.run({ source: sources[i % sources.length]!, child_id: child.id, council_id: child.councilId, sibling_count: 0, sibling_ids: '[]' }),
  );
  db.prepare(
    `INSERT INTO referral_history (referral_id, at, user_id, status, note)
     SELECT r.id, r.received_at, NULL, 'new', 'Referral received' FROM referrals r
      WHERE NOT EXISTS (SELECT 1 FROM referral_history h WHERE h.referral_id = r.id)`,
  ).run();
  return children.length;
}

/** Grows the region in one transaction and counts what it holds afterwards. */
export function growRegion(db: WritableDB, target: GrowTarget): GrownRegion {
  return db.transaction(() => {
    const rng = new SeededRandom(target.seed);
    const { homes, vacancies } = addVacancies(db, target.openVacancies, rng);
    const referrals = addReferrals(db, target.plannedReferrals);
    return {
      homesAdded: homes,
      vacanciesAdded: vacancies,
      referralsAdded: referrals,
      openVacancies: count(db, "SELECT count(*) FROM vacancies WHERE status = 'open'"),
      openReferrals: count(db, `SELECT count(*) FROM referrals WHERE status IN (${OPEN})`),
      referralsHoldingBeds: bedsHeldByReferral(db).size,
    };
  })();
}
