import type { WritableDB } from '../../db/handle';
import { hashPassword } from '../../db/passwords';
import { insertUser } from '../../db/repositories/users';
import type { LivingCompanions } from '../../shared/domain/placements-standard';

/**
 * A small hand-made Mockingbird world for tests, independent of the demo seed: two councils, two
 * constellations (ours with a hub and three satellites, theirs with a hub and one satellite),
 * children placed in them, a few placement endings, and one account per role. Values a hub carer
 * must never see are planted with the SECRET prefix, so a test can search every answer for them.
 */
export const SECRET = 'SECRET';
export const FIXTURE_PASSWORD = 'fixture-password-1';

export interface FixtureChild {
  firstName: string;
  birthDate: string;
  livingCompanions?: LivingCompanions;
}

export interface ConstellationFixture {
  councilId: number;
  otherCouncilId: number;
  ours: { id: number; hubHomeId: number; satelliteIds: number[]; name: string };
  theirs: { id: number; hubHomeId: number; satelliteIds: number[]; name: string };
  /** Children by first name. */
  child: Record<string, number>;
  /** A foster household in no constellation, in our council. */
  looseHomeId: number;
  residentialHomeId: number;
  users: { hubCarer: string; otherHubCarer: string; officer: string; otherCouncilOfficer: string; regionOfficer: string; commissioner: string; admin: string };
}

export function buildConstellationFixture(
  db: WritableDB,
  options: {
    prefix?: string;
    hubChildren?: FixtureChild[];
    satelliteChildren?: FixtureChild[][];
    today?: string;
  } = {},
): ConstellationFixture {
  const p = options.prefix ?? 'Larkfield';
  const today = options.today ?? '2026-11-25';
  const hubChildren = options.hubChildren ?? [{ firstName: 'Hana', birthDate: '2012-03-01', livingCompanions: 'No preference' }];
  const satelliteChildren = options.satelliteChildren ?? [
    [{ firstName: 'Noah', birthDate: '2017-06-10', livingCompanions: 'No preference' }],
    [
      { firstName: 'Ava', birthDate: '2015-02-20', livingCompanions: 'No preference' },
      { firstName: 'Leo', birthDate: '2019-09-09', livingCompanions: 'Only with other older children' },
    ],
    [{ firstName: 'Mia', birthDate: '2013-11-30', livingCompanions: 'Solo placement recommended' }],
  ];
  const child: Record<string, number> = {};
  let seq = 0;

  return db.transaction(() => {
    const council = (name: string, code: string) =>
      Number(db.prepare('INSERT INTO councils (name, ons_code, lat, lon) VALUES (?, ?, 53.5, -2.2)').run(name, code).lastInsertRowid);
    const councilId = council(`${p} Borough`, `${p.slice(0, 3).toUpperCase()}0001`);
    const otherCouncilId = council(`${p} Other Borough`, `${p.slice(0, 3).toUpperCase()}0002`);
    const providerId = Number(db.prepare("INSERT INTO providers (name, ownership) VALUES (?, 'in_house')").run(`${p} Fostering Service`).lastInsertRowid);

    const home = (name: string, councilIdFor: number, opts: { shared?: boolean; kind?: string } = {}): number => {
      const id = Number(
        db
          .prepare(
            `INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon, phone, address, address_shared, supervising_social_worker, supervising_phone)
             VALUES (?, ?, ?, ?, ?, 53.5, -2.2, ?, ?, ?, ?, ?)`,
          )
          .run(
            providerId,
            councilIdFor,
            name,
            opts.kind ?? 'foster',
            `${name.split(' ')[0]}ton`,
            '0161 000 0000',
            opts.shared ? `1 Shared Street, ${name}` : `${SECRET}-ADDRESS ${name}`,
            opts.shared ? 1 : 0,
            `SSW for ${name}`,
            '0161 111 1111',
          ).lastInsertRowid,
      );
      if ((opts.kind ?? 'foster') === 'foster') {
        db.prepare(
          `INSERT INTO foster_households (home_id, approval_min_age, approval_max_age, approval_max_children, fee_tier, skills_tier, other_children, religion)
           VALUES (?, 0, 17, 3, 2, 2, ?, ?)`,
        ).run(id, JSON.stringify([{ age: 15, sex: 'F' }]), `${SECRET}-RELIGION`);
        db.prepare('INSERT INTO carers (home_id, name, phone, email, is_main) VALUES (?, ?, ?, ?, 1)').run(
          id,
          `Carer of ${name}`,
          '07700 900000',
          `carer${id}@example.org`,
        );
      }
      return id;
    };
    const placeChild = (c: FixtureChild, homeId: number, councilIdFor: number) => {
      seq++;
      const id = Number(
        db
          .prepare(
            `INSERT INTO children (ref, first_name, birth_date, sex, council_id, place_label, school_label, care_notes, living_companions,
               current_home_id, wishes, risks, ethnicity, legal_status, category_of_need, religion, home_postcode)
             VALUES (?, ?, ?, 'F', ?, 'Somewhere', ?, ?, ?, ?, ?, ?, 'WBRI', 'C2', 'N1', ?, ?)`,
          )
          .run(
            `${SECRET}-REF-${p}-${seq}`,
            c.firstName,
            c.birthDate,
            councilIdFor,
            `${c.firstName}'s Primary`,
            `${c.firstName}: nut allergy; bedtime 8pm; contact with mum on Saturdays`,
            c.livingCompanions ?? 'No preference',
            homeId,
            `${SECRET}-WISHES`,
            JSON.stringify([`${SECRET}-RISK`]),
            `${SECRET}-RELIGION`,
            `${SECRET}-POSTCODE`,
          ).lastInsertRowid,
      );
      child[c.firstName] = id;
      return id;
    };
    const constellation = (name: string, councilIdFor: number, hubName: string, satellites: string[], kids: FixtureChild[][], hubKids: FixtureChild[]) => {
      const hubHomeId = home(hubName, councilIdFor, { shared: true });
      const id = Number(
        db
          .prepare(
            "INSERT INTO constellations (name, council_id, hub_home_id, liaison_worker, liaison_phone, out_of_hours_phone) VALUES (?, ?, ?, ?, '0161 222 2222', '0800 123 4567')",
          )
          .run(name, councilIdFor, hubHomeId, `Liaison for ${name}`).lastInsertRowid,
      );
      db.prepare('UPDATE homes SET constellation_id = ?, is_hub = 1 WHERE id = ?').run(id, hubHomeId);
      const satelliteIds = satellites.map((s) => {
        const homeId = home(s, councilIdFor);
        db.prepare('UPDATE homes SET constellation_id = ? WHERE id = ?').run(id, homeId);
        return homeId;
      });
      for (const c of hubKids) placeChild(c, hubHomeId, councilIdFor);
      kids.forEach((list, i) => list.forEach((c) => placeChild(c, satelliteIds[i]!, councilIdFor)));
      return { id, hubHomeId, satelliteIds, name };
    };

    const ours = constellation(`${p} constellation`, councilId, `${p} Hub`, [`${p} Ash`, `${p} Beech`, `${p} Cedar`], satelliteChildren, hubChildren);
    const theirs = constellation(
      `${p} other constellation`,
      otherCouncilId,
      `${p} Other Hub`,
      [`${p} Damson`],
      [[{ firstName: `${SECRET}Otto`, birthDate: '2014-01-01' }]],
      [],
    );
    const looseHomeId = home(`${p} Elm`, councilId);
    const residentialHomeId = home(`${p} House`, councilId, { kind: 'residential' });

    // Two placements that ended in the last year in our constellation, one long ago.
    const endPlacement = (homeId: number, endDate: string, reason: string) =>
      db
        .prepare(
          `INSERT INTO placements (child_id, home_id, council_id, placement_type, start_date, end_date, end_reason, price_core_pence, location_label, placement_date, cost_date)
           VALUES (?, ?, ?, 'Foster', '2020-01-01', ?, ?, 50000, 'Somewhere', '2020-01-01', '2020-01-01')`,
        )
        .run(child['Noah']!, homeId, councilId, endDate, reason);
    endPlacement(ours.satelliteIds[0]!, '2026-06-01', 'CREQB');
    endPlacement(ours.satelliteIds[1]!, '2026-09-01', 'CREQB');
    endPlacement(ours.hubHomeId, '2026-10-01', 'PLACE');
    endPlacement(ours.hubHomeId, '2024-01-01', 'ALLEG');

    const passwordHash = hashPassword(FIXTURE_PASSWORD);
    const lower = p.toLowerCase();
    const users = {
      hubCarer: `${lower}.hub`,
      otherHubCarer: `${lower}.otherhub`,
      officer: `${lower}.officer`,
      otherCouncilOfficer: `${lower}.otherofficer`,
      regionOfficer: `${lower}.regionofficer`,
      commissioner: `${lower}.commissioner`,
      admin: `${lower}.admin`,
    };
    const user = (
      username: string,
      displayName: string,
      role: 'hub_carer' | 'placement_officer' | 'commissioner' | 'administrator',
      scope: { councilId?: number; constellationId?: number },
    ) =>
      insertUser(
        db,
        { username, displayName, role, councilId: scope.councilId ?? null, constellationId: scope.constellationId ?? null, passwordHash, isDemo: false },
        `${today}T08:00:00.000Z`,
      );
    user(users.hubCarer, `${p} hub carer`, 'hub_carer', { constellationId: ours.id });
    user(users.otherHubCarer, `${p} other hub carer`, 'hub_carer', { constellationId: theirs.id });
    user(users.officer, `${p} officer`, 'placement_officer', { councilId });
    user(users.otherCouncilOfficer, `${p} other officer`, 'placement_officer', { councilId: otherCouncilId });
    user(users.regionOfficer, `${p} region officer`, 'placement_officer', {});
    user(users.commissioner, `${p} commissioner`, 'commissioner', {});
    user(users.admin, `${p} administrator`, 'administrator', {});

    return { councilId, otherCouncilId, ours, theirs, child, looseHomeId, residentialHomeId, users };
  })();
}

export interface PlacementSearchScenario {
  childRef: string;
  referralId: number;
  /** An open vacancy in a satellite household of our constellation (Cedar). */
  satelliteVacancyId: number;
  /** An open vacancy in the foster household in no constellation (Elm), otherwise alike. */
  looseVacancyId: number;
}

/**
 * A child in our council waiting for a home, with a referral, and two open foster vacancies that
 * differ only in that one is a satellite of our constellation: what the officer's search should
 * count as Mockingbird support.
 */
export function addPlacementSearch(db: WritableDB, fx: ConstellationFixture, at = '2026-11-24T09:00:00.000Z'): PlacementSearchScenario {
  return db.transaction(() => {
    const childRef = `REF-${fx.ours.name.split(' ')[0]!.toUpperCase()}-SAM`;
    const childId = Number(
      db
        .prepare(
          `INSERT INTO children (ref, first_name, birth_date, sex, council_id, place_label, home_lat, home_lon) VALUES (?, 'Sam', '2016-04-04', 'M', ?, 'Somewhere', 53.51, -2.21)`,
        )
        .run(childRef, fx.councilId).lastInsertRowid,
    );
    const referralId = Number(
      db
        .prepare(
          `INSERT INTO referrals (child_id, council_id, received_at, needed_by, needed_by_date, status, updated_at)
           VALUES (?, ?, ?, 'in more than 5 days', date(?, '+14 days'), 'new', ?)`,
        )
        .run(childId, fx.councilId, at, at, at).lastInsertRowid,
    );
    const vacancy = db.prepare(
      `INSERT INTO vacancies (home_id, beds, available_from, status, price_core_pence, updated_at) VALUES (?, 1, date(?), 'open', 60000, ?)`,
    );
    const satelliteVacancyId = Number(vacancy.run(fx.ours.satelliteIds[2]!, at, at).lastInsertRowid);
    const looseVacancyId = Number(vacancy.run(fx.looseHomeId, at, at).lastInsertRowid);
    return { childRef, referralId, satelliteVacancyId, looseVacancyId };
  })();
}
