import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPlacementsStandard, PLACEMENTS_STANDARD_COLUMNS } from '../../../db/exporters/placements-standard';
import { describeSsda903Return, exportSsda903Episodes } from '../../../db/exporters/ssda903';
import { PLACE_WITHOUT_URN } from '../../../shared/domain/ssda903';
import { readCsv } from '../../../db/importers/csv';
import { importSsda903, SSDA903_COLUMNS } from '../../../db/importers/ssda903';
import {
  ADDITIONAL_SUPPORT,
  COMMUNICATION_NEEDS,
  COMMUNICATION_REQUIREMENTS,
  CULTURAL_NEEDS,
  LIVING_COMPANIONS,
  PETS,
  PLACEMENT_TYPES,
  RISK_LEVELS,
  SUITABILITY,
} from '../../../shared/domain/placements-standard';
import { fixture, importStore, type ImportStore } from './helpers';
import { EPISODE_COLUMNS, episodeRows, episodesCsv, fileOf, headerCsv, syntheticReturn } from './ssda903-generator';

let store: ImportStore;
beforeEach(() => {
  store = importStore();
});
afterEach(() => store.remove());

/** Two placements: one from a referral with every field, one from a child's history with no referral. */
function seedPlacements(): void {
  const db = store.db;
  const provider = Number(
    db.prepare("INSERT INTO providers (name, ownership, provider_type, ofsted_urn) VALUES ('Oak Care', 'private', 'private_residential', 'SC777777')").run()
      .lastInsertRowid,
  );
  const home = Number(
    db
      .prepare(
        "INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon, ofsted_urn) VALUES (?, ?, 'Oak House', 'residential', 'Eccles', 53.48, -2.33, 'SC777777')",
      )
      .run(provider, store.councilId).lastInsertRowid,
  );
  const child = (ref: string, risks: string) =>
    Number(
      db
        .prepare(
          "INSERT INTO children (ref, first_name, birth_date, sex, council_id, place_label, risks, living_companions, pets) VALUES (?, 'Test', '2011-05-01', 'F', ?, 'Salford', ?, 'Only with other younger children', 'Yes - can')",
        )
        .run(ref, store.councilId, risks).lastInsertRowid,
    );
  const a = child('RCC-00001', '["riskMissing"]');
  const b = child('RCC-00002', '["riskSelfHarm","riskToOthersFire"]');
  const referral = Number(
    db
      .prepare(
        `INSERT INTO referrals (child_id, council_id, received_at, needed_by, needed_by_date, sibling_count, preferred_location, foster_suitability,
           residential_suitability, supported_suitability, communication_needs, communication_requirements, home_adaptation, cultural_needs, living_companions,
           pets, additional_support, deprivation_of_liberty, risks, risk_other, status, referral_officer_name, updated_at)
         VALUES (?, ?, '2026-10-01T09:00:00Z', 'in less than 5 days', '2026-10-04', 1, 'Within 5 miles of Oak Lane School', 'Unsuitable', 'Preferred', 'Not specified', 'Y',
           '["BSL","Makaton"]', 1, 'Required', 'Solo placement recommended', 'No', '["taxis to school","therapeutic support"]', 0,
           '{"riskSelfHarm":"No known risk","riskCriminalExploitation":"Risk Present"}', 'Fire near school', 'placed', 'R. Officer', '2026-10-05T00:00:00Z')`,
      )
      .run(a, store.councilId).lastInsertRowid,
  );
  const place = db.prepare(
    `INSERT INTO placements (child_id, referral_id, home_id, council_id, placement_type, start_date, price_core_pence, price_support_pence, price_education_pence,
       price_other_pence, location_label, location_preferable, education_continuity, siblings_together, provider_urn, placement_officer_name, placement_date,
       cost_officer_name, cost_date)
     VALUES (?, ?, ?, ?, 'Residential', ?, 480000, 50050, 0, 0, 'Eccles', ?, 1, 0, 'SC777777', 'P. Officer', ?, 'C. Officer', ?)`,
  );
  db.prepare("UPDATE referrals SET preferred_location_reason = 'Keeps the same school.' WHERE id = ?").run(referral);
  // The first child came from the council's SSDA903 return: the council knows them as 40712.
  db.prepare("INSERT INTO ssda903_children (child_id, council_child_id) VALUES (?, '40712')").run(a);
  place.run(a, referral, home, store.councilId, '2026-10-05', 1, '2026-10-05', '2026-10-06');
  place.run(b, null, home, store.councilId, '2025-01-10', 0, '2025-01-10', '2025-01-10');
}

function exportedRows(detail: 'full' | 'market') {
  const file = exportPlacementsStandard(store.db, { councilId: null, detail, today: '2026-11-25' });
  const { table, problems } = readCsv(file.content.toString('utf8'), file.fileName);
  expect(problems).toEqual([]);
  return { file, headers: table!.headers, rows: table!.rows.map((r) => Object.fromEntries(table!.headers.map((h, i) => [h, r.cells[i] ?? '']))) };
}

describe('Placements Standard export', () => {
  it('writes one row per placement with the standard’s own option strings', () => {
    seedPlacements();
    const { file, headers, rows } = exportedRows('full');
    expect(file.fileName).toBe('placements-standard-2026-11-25.csv');
    expect(headers).toEqual(PLACEMENTS_STANDARD_COLUMNS);
    expect(rows).toHaveLength(2);
    const [history, referred] = rows as [Record<string, string>, Record<string, string>];
    expect(referred).toMatchObject({
      // The council's own child ID, and the location the referral asked for, with its reason.
      childId: '40712',
      preferredLocation: 'Within 5 miles of Oak Lane School (reason: Keeps the same school.)',
      neededBy: 'in less than 5 days',
      siblingCount: '1',
      communicationNeeds: 'Y',
      specificCommunicationRequirements: 'BSL; Makaton',
      homeAdaptation: 'true',
      culturalNeeds: 'Required',
      livingCompanions: 'Solo placement recommended',
      pets: 'No',
      additionalSupport: 'therapeutic support',
      deprivationOfLiberty: 'false',
      fosterCareSuitability: 'Unsuitable',
      residentialCareSuitability: 'Preferred',
      riskSelfHarm: 'No known risk',
      riskCriminalExploitation: 'Risk Present',
      riskMissing: 'No known risk',
      riskOther: 'Fire near school',
      totalWeeklyCost: '5301',
      placementLocation: 'Eccles',
      preferabilityLocation: 'true',
      providerURN: 'SC777777',
      placementType: 'Residential',
      referralOfficerName: 'R. Officer',
      referralDate: '2026-10-01',
      placementDate: '2026-10-05',
      costDate: '2026-10-06',
    });
    // Without a referral, the child's own record gives the risks and who they can live with.
    expect(history).toMatchObject({
      // No council ID on record: the app's reference, as the SSDA903 export writes it.
      childId: 'RCC00002',
      neededBy: '',
      livingCompanions: 'Only with other younger children',
      pets: 'Yes - can',
      riskSelfHarm: 'Risk Present',
      riskToOthersFire: 'Risk Present',
      riskMissing: 'No known risk',
      preferabilityLocation: 'false',
    });
    // Every categorical value is one of the shared lists the standard defines.
    const lists: Record<string, readonly string[]> = {
      communicationNeeds: COMMUNICATION_NEEDS,
      culturalNeeds: CULTURAL_NEEDS,
      livingCompanions: LIVING_COMPANIONS,
      pets: PETS,
      additionalSupport: ADDITIONAL_SUPPORT,
      fosterCareSuitability: SUITABILITY,
      residentialCareSuitability: SUITABILITY,
      supportedAccommodationSuitability: SUITABILITY,
      placementType: PLACEMENT_TYPES,
      riskSelfHarm: RISK_LEVELS,
      riskToOthersFire: RISK_LEVELS,
    };
    for (const row of rows) {
      for (const [field, options] of Object.entries(lists)) if (row[field] !== '') expect(options).toContain(row[field]);
      for (const item of row.specificCommunicationRequirements!.split('; ')) expect(COMMUNICATION_REQUIREMENTS).toContain(item);
    }
  });

  it('the market view for commissioners keeps the pseudonymous child id and the placement, and no child needs or risks', () => {
    seedPlacements();
    const { file, headers, rows } = exportedRows('market');
    expect(file.fileName).toMatch(/market/);
    expect(headers).toEqual(PLACEMENTS_STANDARD_COLUMNS);
    for (const row of rows) {
      expect(row.childId).toMatch(/^\d+$/);
      expect(row.totalWeeklyCost).toMatch(/^\d+$/);
      for (const field of [
        'neededBy',
        'communicationNeeds',
        'livingCompanions',
        'pets',
        'riskSelfHarm',
        'riskMissing',
        'riskOther',
        'fosterCareSuitability',
        'deprivationOfLiberty',
      ])
        expect(row[field]).toBe('');
    }
  });

  const specPath = fixture('placements-standard', 'placements.json');
  it.skipIf(specPath === null)('matches the standard’s machine-readable spec: every entity’s fields in order, types, cardinality and options', () => {
    interface Field {
      name: string;
      type: 'Integer' | 'String' | 'Categorical' | 'Boolean' | 'Date';
      cardinality: string;
      options?: string[];
    }
    const spec = JSON.parse(readFileSync(specPath!, 'utf8')) as { entities: { name: string; fields: Field[] }[] };
    const fields = spec.entities.flatMap((e) => e.fields);
    seedPlacements();
    const { headers, rows } = exportedRows('full');
    expect(headers).toEqual(fields.map((f) => f.name));
    for (const field of fields) {
      const required = field.cardinality.startsWith('1');
      for (const row of rows) {
        const value = row[field.name]!;
        if (value === '') {
          // A placement with no referral has no answer to the referral's optional questions.
          expect(required, `${field.name} is required by the standard but empty`).toBe(false);
          continue;
        }
        const values = field.cardinality.endsWith('*') ? value.split('; ') : [value];
        for (const v of values) {
          if (field.type === 'Categorical') expect(field.options, `${field.name}`).toContain(v);
          if (field.type === 'Boolean') expect(['true', 'false']).toContain(v);
          // childId is the council's own identifier, which may hold letters (SSDA903 CHILD: up to ten letters and digits).
          if (field.type === 'Integer') expect(v).toMatch(field.name === 'childId' ? /^[A-Za-z0-9]{1,10}$/ : /^\d+$/);
          if (field.type === 'Date') expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }
    }
    // And the shared code lists carry exactly the standard's options.
    const options = Object.fromEntries(fields.filter((f) => f.options).map((f) => [f.name, f.options]));
    expect(options.neededBy).toEqual(['Today', 'in less than 5 days', 'in more than 5 days']);
    expect(options.communicationNeeds).toEqual([...COMMUNICATION_NEEDS]);
    expect(options.specificCommunicationRequirements).toEqual([...COMMUNICATION_REQUIREMENTS]);
    expect(options.culturalNeeds).toEqual([...CULTURAL_NEEDS]);
    expect(options.livingCompanions).toEqual([...LIVING_COMPANIONS]);
    expect(options.pets).toEqual([...PETS]);
    expect(options.additionalSupport).toEqual([...ADDITIONAL_SUPPORT]);
    expect(options.fosterCareSuitability).toEqual([...SUITABILITY]);
    expect(options.riskSelfHarm).toEqual([...RISK_LEVELS]);
    expect(options.placementType).toEqual([...PLACEMENT_TYPES]);
  });
});

describe('SSDA903 episodes export', () => {
  it('round trip: an imported return exports as that year’s episodes, in the DfE column order and dd/mm/yyyy dates, under the council’s own CHILD', () => {
    const children = syntheticReturn({ children: 30, seed: 11 });
    const imported = importSsda903(store.db, [fileOf('header.csv', headerCsv(children)), fileOf('episodes.csv', episodesCsv(children))], {
      councilId: store.councilId,
      today: '2026-11-25',
      skipBadRows: false,
      dryRun: false,
    });
    expect(imported.imported).toBe(true);
    const file = exportSsda903Episodes(store.db, { councilId: store.councilId, today: '2026-11-25', collectionYear: 2025 });
    expect(file.fileName).toMatch(/^ssda903-episodes-\w+-2025-26-analysis-only-2026-11-25\.csv$/);
    const { table } = readCsv(file.content.toString('utf8'), file.fileName);
    expect(table!.headers).toEqual([...SSDA903_COLUMNS.episodes]);
    expect([...EPISODE_COLUMNS]).toEqual([...SSDA903_COLUMNS.episodes]);

    // The 2025-26 return: episodes open at some time from 1 April 2025; a blank URN where the type needs one is XXXXXXX.
    const isoOf = (d: string) => d.split('/').reverse().join('-');
    const expected = episodeRows(children)
      .filter((r) => r[7] === '' || isoOf(r[7]!) >= '2025-04-01')
      .map((r) => [...r.slice(0, 12), r[12] === '' && !PLACE_WITHOUT_URN.has(r[5]!) ? 'XXXXXXX' : r[12]!])
      .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : isoOf(a[1]!) < isoOf(b[1]!) ? -1 : 1));
    expect(table!.rows.map((r) => r.cells)).toEqual(expected);
    expect(new Set(table!.rows.map((r) => r.cells[0]))).toEqual(new Set(expected.map((r) => r[0])));
    // The synthetic header gives no MOTHER, so girls' MOTHER is filled in: the return is for analysis only.
    expect(describeSsda903Return(store.db, { councilId: store.councilId, today: '2026-11-25', collectionYear: 2025 }).analysisOnlyReasons).toEqual([
      expect.stringMatching(/MOTHER is not on record: written as 0/),
    ]);
  });
});
