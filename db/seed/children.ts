import type { Sex } from '../../shared/domain/homes';
import type { CommunicationRequirement, LivingCompanions, PetsAnswer } from '../../shared/domain/placements-standard';
import { latLonToGrid } from '../../shared/geo/grid';
import { DEMO_COUNCILS, placeLabel, type DemoCouncil } from './councils';
import { addDays, addYears, daysBetween } from '../../shared/domain/calendar';
import { allocate, pickTown } from './homes';
import type { ChildRow, RiskKey, Setting } from './model';
import { childFirstName, schoolName, type Heritage } from './names';
import type { SeededRandom } from './random';

/**
 * About 1,000 children in care per preset unit, in families: ages as the DfE reports them (more
 * teenagers than young children), sex, SSDA903 ethnicity, unaccompanied asylum-seeking children
 * (mostly boys of 16-17), disability and SEND, languages, faith, sibling groups sharing a council
 * and a key, the Placements Standard's risks, and where each child is to live now.
 */

/** Children in care for each unit of scale. */
export const CHILDREN_PER_SCALE = 1000;

const ETHNIC_CODE: Record<Heritage, string> = {
  white_british: 'WBRI',
  white_irish: 'WIRI',
  eastern_european: 'WOTH',
  traveller: 'WIRT',
  pakistani: 'APKN',
  bangladeshi: 'ABAN',
  indian: 'AIND',
  black_african: 'BAFR',
  black_caribbean: 'BCRB',
  mixed_caribbean: 'MWBC',
  mixed_african: 'MWBA',
  mixed_asian: 'MWAS',
  chinese: 'CHNE',
  arab: 'OOTH',
  afghan: 'AOTH',
  eritrean: 'BAFR',
  sudanese: 'BAFR',
  kurdish: 'OOTH',
  vietnamese: 'AOTH',
  albanian: 'WOTH',
};

function drawHeritage(rng: SeededRandom, council: DemoCouncil): Heritage {
  const asian = council.southAsian;
  const black = council.blackOrMixed;
  const rest = Math.max(0, 1 - asian - black - 0.085);
  return rng.weighted<Heritage>([
    ['pakistani', asian * 0.6],
    ['bangladeshi', asian * 0.2],
    ['indian', asian * 0.08],
    ['mixed_asian', asian * 0.12],
    ['black_african', black * 0.3],
    ['black_caribbean', black * 0.15],
    ['mixed_caribbean', black * 0.35],
    ['mixed_african', black * 0.2],
    ['eastern_european', 0.04],
    ['white_irish', 0.015],
    ['traveller', 0.01],
    ['chinese', 0.005],
    ['arab', 0.015],
    ['white_british', rest],
  ]);
}

function drawUascHeritage(rng: SeededRandom): Heritage {
  return rng.weighted<Heritage>([
    ['afghan', 30],
    ['eritrean', 18],
    ['sudanese', 18],
    ['kurdish', 12],
    ['vietnamese', 8],
    ['albanian', 8],
    ['arab', 6],
  ]);
}

function childLanguages(rng: SeededRandom, heritage: Heritage, uasc: boolean): string[] {
  const home: Partial<Record<Heritage, readonly (readonly [string, number])[]>> = {
    eastern_european: [
      ['Polish', 40],
      ['Romanian', 15],
      ['Lithuanian', 5],
      ['', 40],
    ],
    pakistani: [
      ['Urdu', 40],
      ['Punjabi', 15],
      ['', 45],
    ],
    bangladeshi: [
      ['Bengali', 45],
      ['', 55],
    ],
    indian: [
      ['Gujarati', 20],
      ['Punjabi', 15],
      ['', 65],
    ],
    black_african: [
      ['Yoruba', 8],
      ['Somali', 10],
      ['Igbo', 5],
      ['French', 4],
      ['', 73],
    ],
    arab: [
      ['Arabic', 85],
      ['', 15],
    ],
    afghan: [
      ['Pashto', 60],
      ['Dari', 40],
    ],
    eritrean: [
      ['Tigrinya', 90],
      ['Arabic', 10],
    ],
    sudanese: [['Arabic', 100]],
    kurdish: [['Kurdish (Sorani)', 100]],
    vietnamese: [['Vietnamese', 100]],
    albanian: [['Albanian', 100]],
  };
  const options = home[heritage];
  const other = options ? rng.weighted(options) : '';
  if (uasc) return rng.chance(0.35) ? [other, 'English'] : [other];
  return other ? ['English', other] : ['English'];
}

function childReligion(rng: SeededRandom, heritage: Heritage): string {
  const table: Record<Heritage, readonly (readonly [string, number])[]> = {
    white_british: [
      ['', 62],
      ['Christian', 28],
      ['Roman Catholic', 10],
    ],
    white_irish: [
      ['Roman Catholic', 65],
      ['', 35],
    ],
    eastern_european: [
      ['Roman Catholic', 60],
      ['Orthodox Christian', 20],
      ['', 20],
    ],
    traveller: [
      ['Roman Catholic', 75],
      ['', 25],
    ],
    pakistani: [
      ['Muslim', 96],
      ['', 4],
    ],
    bangladeshi: [
      ['Muslim', 96],
      ['', 4],
    ],
    indian: [
      ['Sikh', 40],
      ['Hindu', 40],
      ['Muslim', 15],
      ['', 5],
    ],
    black_african: [
      ['Christian', 55],
      ['Muslim', 35],
      ['', 10],
    ],
    black_caribbean: [
      ['Christian', 50],
      ['', 50],
    ],
    mixed_caribbean: [
      ['', 60],
      ['Christian', 35],
      ['Rastafari', 5],
    ],
    mixed_african: [
      ['', 50],
      ['Christian', 35],
      ['Muslim', 15],
    ],
    mixed_asian: [
      ['Muslim', 50],
      ['', 45],
      ['Sikh', 5],
    ],
    chinese: [
      ['', 70],
      ['Buddhist', 20],
      ['Christian', 10],
    ],
    arab: [
      ['Muslim', 92],
      ['', 8],
    ],
    afghan: [['Muslim', 100]],
    eritrean: [
      ['Orthodox Christian', 85],
      ['Muslim', 15],
    ],
    sudanese: [
      ['Muslim', 92],
      ['Christian', 8],
    ],
    kurdish: [
      ['Muslim', 80],
      ['', 20],
    ],
    vietnamese: [
      ['Buddhist', 40],
      ['', 40],
      ['Roman Catholic', 20],
    ],
    albanian: [
      ['Muslim', 60],
      ['', 40],
    ],
  };
  return rng.weighted(table[heritage]);
}

function culturalNeeds(rng: SeededRandom, heritage: Heritage, religion: string, languages: readonly string[], uasc: boolean, age: number): string {
  const notes: string[] = [];
  const other = languages.find((l) => l !== 'English');
  if (uasc) {
    notes.push(`Needs an interpreter in ${other ?? 'their first language'} for meetings and health appointments.`);
    if (rng.chance(0.6))
      notes.push(
        `Would like to meet other young people from ${heritage === 'afghan' ? 'Afghanistan' : heritage === 'eritrean' ? 'Eritrea' : heritage === 'sudanese' ? 'Sudan' : heritage === 'kurdish' ? 'Kurdistan' : heritage === 'vietnamese' ? 'Vietnam' : heritage === 'albanian' ? 'Albania' : 'home'}.`,
      );
  }
  switch (religion) {
    case 'Muslim':
      notes.push(rng.pick(['Halal food.', 'Halal diet; observes Ramadan with support.', 'Halal food; would like to keep going to mosque and Qur’an classes.']));
      break;
    case 'Sikh':
      notes.push('Vegetarian; goes to the gurdwara with grandparents; needs help with care of uncut hair.');
      break;
    case 'Hindu':
      notes.push('Vegetarian; celebrates Diwali with family at contact.');
      break;
    case 'Orthodox Christian':
      notes.push(
        `Orthodox Christian: fasts in Lent and on Wednesdays and Fridays; would like a church with services in ${other && other !== 'Arabic' ? other : 'their language'}.`,
      );
      break;
    case 'Roman Catholic':
      if (rng.chance(0.5))
        notes.push(
          age >= 6 && age <= 8
            ? 'Catholic; preparing for First Holy Communion at the family’s parish.'
            : 'Catholic; goes to Mass on Sundays with nan when possible.',
        );
      break;
    case 'Jewish':
      notes.push('Kosher food; keeps Friday night dinner with family.');
      break;
    case 'Christian':
      if (rng.chance(0.25)) notes.push('Goes to church and Sunday club; would like to carry on.');
      break;
    default:
      break;
  }
  if (['black_african', 'black_caribbean', 'mixed_caribbean', 'mixed_african'].includes(heritage) && rng.chance(0.7)) {
    notes.push(
      rng.pick([
        'Afro-textured hair: needs a carer confident with hair care (wash day, braids) and daily skin moisturising.',
        'Wants to learn more about their Caribbean heritage; dad’s family can help with life story work.',
        'Hair and skin care plan in place; knows a local barber and wants to keep going there.',
      ]),
    );
  }
  if (heritage === 'traveller') notes.push('Irish Traveller heritage: keep links with extended family and the family’s cultural events.');
  if (heritage === 'eastern_european' && other === 'Polish' && rng.chance(0.5)) notes.push('Bilingual Polish and English; goes to Polish Saturday school.');
  return notes.join(' ');
}

// DfE children looked after by age: about 5% under 1, 14% aged 1-4, 18% 5-9, 39% 10-15, 24% 16+.
const AGE_WEIGHTS: readonly (readonly [number, number])[] = Array.from(
  { length: 18 },
  (_, age) => [age, age === 0 ? 5 : age <= 4 ? 3.5 : age <= 9 ? 3.6 : age <= 15 ? 6.5 : 11] as const,
);

const RISK_RATES: Record<RiskKey, { teen: [number, number]; child: [number, number]; young: number }> = {
  // [girl, boy] rates for 13-17 and for 8-12; one rate for under 8.
  riskMissing: { teen: [0.24, 0.24], child: [0.05, 0.05], young: 0 },
  riskSexualExploitation: { teen: [0.16, 0.04], child: [0.02, 0.005], young: 0 },
  riskCriminalExploitation: { teen: [0.06, 0.17], child: [0.005, 0.03], young: 0 },
  riskSelfHarm: { teen: [0.2, 0.08], child: [0.03, 0.02], young: 0 },
  riskDrugAlcohol: { teen: [0.13, 0.15], child: [0, 0.005], young: 0 },
  riskEatingDisorder: { teen: [0.04, 0.005], child: [0.005, 0], young: 0 },
  riskToOthersPhysical: { teen: [0.08, 0.15], child: [0.06, 0.09], young: 0.03 },
  riskToOthersSexual: { teen: [0.005, 0.03], child: [0.005, 0.015], young: 0.003 },
  riskToOthersFire: { teen: [0.01, 0.025], child: [0.005, 0.015], young: 0 },
  riskToOthersAnimals: { teen: [0.005, 0.015], child: [0.01, 0.02], young: 0.01 },
  riskToOthersCriminal: { teen: [0.01, 0.04], child: [0, 0.005], young: 0 },
};
const RISK_KEYS = Object.keys(RISK_RATES) as RiskKey[];

function drawRisks(rng: SeededRandom, age: number, sex: Sex, complexity: number, uasc: boolean): RiskKey[] {
  const boost = Math.exp(0.75 * complexity);
  const out: RiskKey[] = [];
  for (const key of RISK_KEYS) {
    const r = RISK_RATES[key];
    let p = age >= 13 ? r.teen[sex === 'F' ? 0 : 1] : age >= 8 ? r.child[sex === 'F' ? 0 : 1] : r.young;
    if (uasc) p = key === 'riskMissing' ? 0.12 : key === 'riskCriminalExploitation' ? 0.1 : key === 'riskSelfHarm' ? 0.08 : p * 0.3;
    if (rng.chance(Math.min(0.9, p * boost))) out.push(key);
  }
  return out;
}

function livingCompanions(rng: SeededRandom, age: number, risks: readonly RiskKey[], complexity: number): LivingCompanions {
  if (risks.includes('riskToOthersSexual')) return rng.chance(0.6) ? 'Solo placement recommended' : 'Only with other older children';
  if (age >= 12 && complexity > 1.8 && risks.length >= 3 && rng.chance(0.6)) return 'Solo placement recommended';
  if (risks.includes('riskSexualExploitation') && rng.chance(0.4)) return 'Only with other younger children';
  if (age <= 8 && rng.chance(0.15)) return 'With other children recommended';
  if (age <= 10 && rng.chance(0.04)) return 'Only with other older children';
  if (age >= 13 && rng.chance(0.06)) return 'Only with other younger children';
  return 'No preference';
}

function petsAnswer(rng: SeededRandom, risks: readonly RiskKey[]): PetsAnswer {
  if (risks.includes('riskToOthersAnimals')) return 'No';
  return rng.weighted<PetsAnswer>([
    ['Yes - can', 48],
    ['Not Known', 32],
    ['No', 17],
    ['Yes - must', 3],
  ]);
}

/** Current setting for one child, before any home is found (kinship and awaiting are decided per family). */
function drawSetting(rng: SeededRandom, age: number, uasc: boolean, complexity: number, disability: boolean): Setting {
  const z = Math.max(0, complexity);
  if (uasc)
    return age >= 16
      ? rng.weighted<Setting>([
          ['supported', 60],
          ['foster', 38],
          ['residential', 2],
        ])
      : rng.weighted<Setting>([
          ['foster', 95],
          ['residential', 5],
        ]);
  if (age === 0)
    return rng.weighted<Setting>([
      ['foster', 93],
      ['parents', 7],
    ]);
  if (age <= 4)
    return rng.weighted<Setting>([
      ['foster', 84],
      ['adoption', 10],
      ['parents', 6],
    ]);
  if (age <= 12) {
    return rng.weighted<Setting>([
      ['foster', 84],
      ['residential', 4 + 12 * z],
      ['parents', 7],
      ['other', disability ? 6 : 0],
      ['adoption', age <= 6 ? 2 : 0],
    ]);
  }
  if (age <= 15)
    return rng.weighted<Setting>([
      ['foster', 62],
      ['residential', 17 + 20 * z],
      ['parents', 6],
      ['secure', complexity > 1.6 ? 4 : 0],
      ['other', 0.8],
    ]);
  return rng.weighted<Setting>([
    ['foster', 46],
    ['residential', 10 + 12 * z],
    ['supported', 30],
    ['parents', 6],
    ['other', 1.5],
  ]);
}

export interface ChildrenResult {
  children: ChildRow[];
  /** Families of two or more, by sibling group key. */
  groups: Map<string, ChildRow[]>;
}

export function makeChildren(rng: SeededRandom, scale: number, today: string): ChildrenResult {
  const total = CHILDREN_PER_SCALE * scale;
  const perCouncil = allocate(
    total,
    DEMO_COUNCILS.map((c) => c.childrenInCare),
  );
  const children: ChildRow[] = [];
  const groups = new Map<string, ChildRow[]>();
  const uascTarget = Math.round(total * 0.075);
  const awaitingTarget = 4 * scale;
  let uascMade = 0;
  let awaitingMade = 0;
  let familyId = 0;

  perCouncil.forEach((quota, ci) => {
    const council = DEMO_COUNCILS[ci]!;
    let made = 0;
    while (made < quota) {
      familyId++;
      const left = quota - made;
      const uasc = uascMade < (uascTarget * (children.length + 1)) / total && rng.chance(0.5);
      const awaiting = !uasc && awaitingMade < (awaitingTarget * (children.length + 1)) / total && rng.chance(0.3);
      let size =
        uasc || awaiting
          ? 1
          : rng.weighted([
              [1, 80],
              [2, 13],
              [3, 5],
              [4, 1.6],
              [5, 0.4],
            ]);
      size = Math.min(size, left);

      // Ages: the oldest first, then younger brothers and sisters one to four years apart.
      let ages: number[];
      if (uasc)
        ages = [
          rng.weighted([
            [17, 40],
            [16, 45],
            [15, 9],
            [14, 4],
            [13, 2],
          ]),
        ];
      else if (awaiting) ages = [rng.int(8, 16)];
      else if (size === 1) ages = [rng.weighted(AGE_WEIGHTS)];
      else {
        ages = [rng.int(3 + size, 16)];
        while (ages.length < size) {
          const next = ages[ages.length - 1]! - rng.int(1, 4);
          if (next < 0) break;
          ages.push(next);
        }
      }
      const heritage = uasc ? drawUascHeritage(rng) : drawHeritage(rng, council);
      const town = pickTown(rng, council);
      const home = rng.near(town.lat, town.lon, 2.2);
      const familyZ = rng.normal(0, 0.7);
      const cin = uasc
        ? 'N8'
        : rng.weighted([
            ['N1', 66],
            ['N5', 14],
            ['N4', 8],
            ['N3', 3],
            ['N8', 3],
            ['N6', 2.5],
            ['N2', 3],
            ['N7', 0.5],
          ]);
      const religion = childReligion(rng, heritage);
      const kinship = !uasc && !awaiting && ages[0]! <= 15 && rng.chance(0.2);
      // Time in care: most entered in the last few years; siblings usually came in together.
      const familyYears = uasc ? rng.exponential(0.9) : rng.exponential(2.4);
      const groupKey = ages.length > 1 ? `SG-${String(groups.size + 1).padStart(5, '0')}` : null;
      const family: ChildRow[] = [];

      for (const age of ages) {
        const sex: Sex = uasc ? (rng.chance(0.93) ? 'M' : 'F') : rng.chance(0.56) ? 'M' : 'F';
        const birthDate = addDays(today, -(age * 365 + rng.int(age === 0 ? 7 : 0, 364)));
        const complexity = familyZ + rng.normal(0, 0.7);
        const disability = cin === 'N2' || rng.chance(0.08);
        const communication: CommunicationRequirement[] = [];
        if (uasc && rng.chance(0.9)) communication.push('ESOL');
        if (disability) {
          if (rng.chance(0.25)) communication.push('Makaton');
          if (rng.chance(0.04)) communication.push('BSL');
          if (rng.chance(0.1)) communication.push('Other');
        }
        const languages = childLanguages(rng, heritage, uasc);
        const risks = drawRisks(rng, age, sex, complexity, uasc);
        const send: ChildRow['send'] = disability
          ? age >= 2
            ? rng.weighted([
                ['ehcp', 80],
                ['support', 15],
                ['none', 5],
              ])
            : 'none'
          : age >= 4
            ? rng.weighted([
                ['ehcp', 22],
                ['support', 28],
                ['none', 50],
              ])
            : 'none';
        let careStart: string;
        if (awaiting) careStart = today;
        else {
          const maxYears = uasc ? Math.max(0.02, age - 13.5) : age + 0.9;
          const years = Math.min(maxYears, Math.max(0.02, familyYears));
          careStart = addDays(today, -Math.round(years * 365.25));
          if (careStart < birthDate) careStart = addDays(birthDate, rng.int(1, 20));
          if (careStart >= today) careStart = addDays(today, -rng.int(1, 6));
        }
        let schoolLabel = '';
        let school: { lat: number; lon: number } | null = null;
        if (age >= 4 && age <= 15) {
          schoolLabel = schoolName(rng, age, town.name);
          school = rng.near(home.lat, home.lon, 1.5);
        } else if (age >= 16 && rng.chance(uasc ? 0.85 : 0.72)) {
          schoolLabel = schoolName(rng, age, council.towns[0]!.name);
          const main = council.towns[0]!;
          school = rng.near(main.lat, main.lon, 1);
        }
        const child: ChildRow = {
          id: children.length + 1,
          ref: `RCC-${String(children.length + 1).padStart(5, '0')}`,
          firstName: childFirstName(rng, sex, heritage),
          birthDate,
          sex,
          councilId: ci + 1,
          placeLabel: placeLabel(town, council),
          ethnicity: rng.chance(0.015) ? rng.pick(['NOBT', 'REFU']) : heritage === 'traveller' && rng.chance(0.3) ? 'WROM' : ETHNIC_CODE[heritage],
          legalStatus: 'C2',
          categoryOfNeed: disability && rng.chance(0.3) ? 'N2' : cin,
          uasc,
          disability,
          wheelchair: disability && rng.chance(0.15),
          send,
          communication,
          languages,
          religion,
          culturalNeeds: rng.chance(uasc || heritage !== 'white_british' || religion !== '' ? 0.8 : 0.2)
            ? culturalNeeds(rng, heritage, religion, languages, uasc, age)
            : '',
          homeLat: home.lat,
          homeLon: home.lon,
          schoolLabel,
          schoolLat: school?.lat ?? null,
          schoolLon: school?.lon ?? null,
          siblingGroup: groupKey,
          risks,
          livingCompanions: livingCompanions(rng, age, risks, complexity),
          pets: petsAnswer(rng, risks),
          wishes: '',
          careNotes: '',
          currentHomeId: null,
          councilIndex: ci,
          townName: town.name,
          age,
          heritage,
          complexity,
          familyId,
          siblings: [],
          careStart,
          setting: awaiting ? 'awaiting' : kinship ? 'kinship' : drawSetting(rng, age, uasc, complexity, disability),
          home: null,
          placedSince: null,
          outOfRegionMiles: null,
          priorResidential: false,
          homeGrid: latLonToGrid(home.lat, home.lon),
        };
        // A placement order (and so an adoptive placement) comes after months of care proceedings.
        if (child.setting === 'adoption' && daysBetween(careStart, today) < 300) {
          child.careStart = addDays(today, -rng.int(300, Math.max(301, Math.min(720, daysBetween(birthDate, today) - 3))));
        }
        child.legalStatus = legalStatusFor(rng, child, today);
        family.push(child);
        children.push(child);
      }
      for (const c of family) c.siblings = family.filter((s) => s !== c);
      if (groupKey) groups.set(groupKey, family);
      if (uasc) uascMade++;
      if (awaiting) awaitingMade++;
      made += family.length;
    }
  });
  return { children, groups };
}

/** The current legal status, from the setting and time in care (care proceedings take about 26 weeks). */
function legalStatusFor(rng: SeededRandom, child: ChildRow, today: string): string {
  const days = daysBetween(child.careStart, today);
  if (child.setting === 'awaiting')
    return rng.weighted([
      ['L1', 40],
      ['L2', 20],
      ['V2', 40],
    ]);
  if (child.uasc) return 'V2';
  if (child.setting === 'adoption') return 'E1';
  if (child.setting === 'parents') return rng.chance(0.85) ? 'C2' : 'C1';
  if (child.setting === 'secure') return rng.chance(0.7) ? 'C2' : 'J1';
  if (days < 10)
    return rng.weighted([
      ['L2', 30],
      ['C1', 35],
      ['V2', 35],
    ]);
  if (days < 220)
    return rng.weighted([
      ['C1', 52],
      ['V2', 26],
      ['C2', 18],
      ['J1', child.age >= 12 ? 4 : 0],
    ]);
  if (child.age <= 6 && child.setting === 'foster' && rng.chance(0.08)) return 'E1';
  return rng.weighted([
    ['C2', 85],
    ['V2', 9],
    ['C1', 5],
    ['J3', child.age >= 14 ? 1 : 0],
  ]);
}

/** 18th birthday: where long-term plans end. */
export function eighteenthBirthday(child: ChildRow): string {
  return addYears(child.birthDate, 18);
}
