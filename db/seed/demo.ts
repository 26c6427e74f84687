import type { WritableDB } from '../handle';
import { hashPassword } from '../passwords';
import { insertUser } from '../repositories/users';
import { setMeta } from '../repositories/meta';
import { appendAudit } from '../repositories/audit';
import type { Role } from '../../shared/domain/roles';
import type { HomeKind } from '../../shared/domain/homes';
import { DEMO_COUNCILS } from './councils';
import { SeededRandom } from './random';

/** Shown on the sign-in screen of a demo store, never usable on a real one. */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'demo.officer', displayName: 'Demo placement officer', role: 'placement_officer' },
  { username: 'demo.commissioner', displayName: 'Demo commissioner', role: 'commissioner' },
  { username: 'demo.hubcarer', displayName: 'Demo hub carer', role: 'hub_carer' },
  { username: 'demo.admin', displayName: 'Demo administrator', role: 'administrator' },
];

const FIRST_NAMES = ['Amara', 'Ben', 'Chloe', 'Daniel', 'Ella', 'Farhan', 'Grace', 'Harry', 'Isla', 'Jayden', 'Kacper', 'Leah', 'Mohammed', 'Nia', 'Oscar', 'Poppy', 'Reuben', 'Sofia', 'Tyler', 'Zainab'];
const SURNAMES = ['Ahmed', 'Brown', 'Clarke', 'Davies', 'Evans', 'Hughes', 'Khan', 'Lewis', 'Nowak', 'Okafor', 'Patel', 'Roberts', 'Shaw', 'Taylor', 'Walsh'];

interface SeedOptions {
  seed: number;
  /** The day the demo region is generated for, ISO. */
  today: string;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A minimal demo region: the ten councils, in-house and IFA foster homes, children's homes,
 * supported accommodation, three Mockingbird constellations, vacancies, children and one demo
 * account per role. Same seed, same region.
 */
export function seedDemoRegion(db: WritableDB, options: SeedOptions): void {
  const rng = new SeededRandom(options.seed);
  const now = `${options.today}T09:00:00.000Z`;
  db.transaction(() => {
    setMeta(db, 'store_kind', 'demo');
    setMeta(db, 'demo_seed', String(options.seed));

    const insertCouncil = db.prepare('INSERT INTO councils (name, ons_code, lat, lon) VALUES (?, ?, ?, ?)');
    const councilIds = DEMO_COUNCILS.map((c) => Number(insertCouncil.run(c.name, c.onsCode, c.lat, c.lon).lastInsertRowid));

    const insertProvider = db.prepare('INSERT INTO providers (name, ownership, ofsted_urn, ofsted_grade, ofsted_grade_date) VALUES (?, ?, ?, ?, ?)');
    let urn = 2000000;
    const provider = (name: string, ownership: string, grade: string): number =>
      Number(insertProvider.run(name, ownership, `SC${urn++}`, grade, addDays(options.today, -rng.int(60, 900))).lastInsertRowid);
    const inHouse = DEMO_COUNCILS.map((c) => provider(`${c.name} Council Fostering Service`, 'in_house', rng.pick(['good', 'good', 'outstanding', 'requires_improvement'])));
    const ifas = ['Northern Hearth Fostering', 'Brightpath Foster Care', 'Pennine Family Placements'].map((n) => provider(n, 'ifa', rng.pick(['good', 'outstanding', 'good'])));
    const resi = ['Moorside Care Group', 'Irwell Children\'s Homes', 'Harbour Lane Care'].map((n) => provider(n, 'private', rng.pick(['good', 'requires_improvement', 'outstanding', 'inadequate'])));
    const supported = provider('Threshold Supported Living', 'voluntary', 'good');

    const insertHome = db.prepare('INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertVacancy = db.prepare(
      `INSERT INTO vacancies (home_id, beds, available_from, status, price_core_pence, price_support_pence, price_education_pence, price_other_pence, updated_at)
       VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
    );
    const insertHistory = db.prepare("INSERT INTO vacancy_status_history (vacancy_id, status, at, user_id) VALUES (?, 'open', ?, NULL)");
    const homeIdsByCouncil = new Map<number, number[]>();

    const addHome = (providerId: number, councilIndex: number, name: string, kind: HomeKind, weeklyPounds: number, withVacancy: boolean): number => {
      const c = DEMO_COUNCILS[councilIndex]!;
      const councilId = councilIds[councilIndex]!;
      const at = rng.near(c.lat, c.lon, 5);
      const homeId = Number(insertHome.run(providerId, councilId, name, kind, c.name, at.lat, at.lon).lastInsertRowid);
      homeIdsByCouncil.set(councilId, [...(homeIdsByCouncil.get(councilId) ?? []), homeId]);
      if (withVacancy) {
        const core = Math.round(weeklyPounds * 0.8) * 100;
        const support = Math.round(weeklyPounds * 0.15) * 100;
        const education = kind === 'residential' ? Math.round(weeklyPounds * 0.05) * 100 : 0;
        const vacancyId = Number(
          insertVacancy.run(homeId, kind === 'foster' ? rng.int(1, 2) : 1, addDays(options.today, rng.int(0, 28)), core, support, education, 0, now).lastInsertRowid,
        );
        insertHistory.run(vacancyId, now);
      }
      return homeId;
    };

    DEMO_COUNCILS.forEach((c, i) => {
      for (let k = 0; k < 3; k++) {
        addHome(inHouse[i]!, i, `${rng.pick(SURNAMES)} household (${c.name})`, 'foster', rng.int(400, 520), rng.chance(0.6));
      }
      addHome(rng.pick(ifas), i, `${rng.pick(SURNAMES)} household (IFA)`, 'foster', rng.int(820, 1200), rng.chance(0.7));
      if (i % 2 === 0) addHome(rng.pick(resi), i, `${rng.pick(['Oak', 'Willow', 'Birch', 'Rowan', 'Hazel'])} House`, 'residential', rng.int(3800, 8000), rng.chance(0.7));
      if (i % 3 === 0) addHome(supported, i, `${c.name} Supported Flats`, 'supported', rng.int(900, 1600), true);
    });
    // One residential outlier above £10,000 a week, as the primer says happens.
    addHome(resi[0]!, 2, 'Cedar Lodge (solo placement)', 'residential', 11200, true);

    const insertConstellation = db.prepare('INSERT INTO constellations (name, council_id, hub_home_id) VALUES (?, ?, ?)');
    const constellationIds = [0, 3, 7].map((ci, n) => {
      const hub = addHome(inHouse[ci]!, ci, `${rng.pick(SURNAMES)} hub home`, 'foster', 480, false);
      return Number(insertConstellation.run(`${DEMO_COUNCILS[ci]!.name} Mockingbird constellation ${n + 1}`, councilIds[ci]!, hub).lastInsertRowid);
    });

    const insertChild = db.prepare('INSERT INTO children (ref, first_name, birth_date, sex, council_id, place_label) VALUES (?, ?, ?, ?, ?, ?)');
    for (let n = 1; n <= 120; n++) {
      const ci = rng.int(0, DEMO_COUNCILS.length - 1);
      const age = rng.pick([0, 2, 4, 6, 8, 10, 11, 12, 13, 14, 14, 15, 15, 16, 16, 17]);
      const birth = addDays(options.today, -(age * 365 + rng.int(0, 364)));
      insertChild.run(`RCC-${String(n).padStart(5, '0')}`, rng.pick(FIRST_NAMES), birth, rng.pick(['F', 'M'] as const), councilIds[ci]!, DEMO_COUNCILS[ci]!.name);
    }

    const passwordHash = hashPassword(DEMO_PASSWORD);
    for (const account of DEMO_ACCOUNTS) {
      insertUser(
        db,
        {
          ...account,
          councilId: null,
          constellationId: account.role === 'hub_carer' ? constellationIds[0]! : null,
          passwordHash,
          isDemo: true,
        },
        now,
      );
    }
    appendAudit(db, { at: now, userId: null, username: 'system', role: 'system', method: 'seed', action: 'create', recordType: 'store', recordId: 'demo', outcome: 'ok' });
  })();
}
