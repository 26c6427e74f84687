import type { OfstedGrade } from '../../shared/domain/homes';
import type { Ownership } from '../../shared/scoring/types';
import { DEMO_COUNCILS, DEMO_REGION_NAME } from './councils';
import { addDays } from '../../shared/domain/calendar';
import type { ProviderRow, ProviderType } from './model';
import { landline, slug } from './names';
import type { SeededRandom } from './random';

/**
 * Providers of every kind: each council's own fostering service, the RCC's service, independent
 * fostering agencies, private, voluntary and council children's homes, and supported
 * accommodation. Ofsted URNs are SC plus six digits; grades are mostly Good, as nationally.
 */

/** Unique invented Ofsted URNs. */
export class UrnRegister {
  private readonly taken = new Set<string>();

  constructor(private readonly rng: SeededRandom) {}

  next(): string {
    for (;;) {
      const urn = `SC${this.rng.int(100_000, 999_999)}`;
      if (!this.taken.has(urn)) {
        this.taken.add(urn);
        return urn;
      }
    }
  }
}

/** Roughly the national spread of overall effectiveness judgements for children's social care. */
export function drawGrade(rng: SeededRandom, notYetInspected = 0.03): OfstedGrade {
  if (rng.chance(notYetInspected)) return 'not_yet_inspected';
  return rng.weighted<OfstedGrade>([
    ['good', 62],
    ['outstanding', 15],
    ['requires_improvement', 18],
    ['inadequate', 5],
  ]);
}

/** Judgements that found problems are recent (re-inspected sooner); good ones can be years old. */
export function gradeDate(rng: SeededRandom, grade: OfstedGrade, today: string): string | null {
  if (grade === 'not_yet_inspected') return null;
  const maxDays = grade === 'inadequate' ? 240 : grade === 'requires_improvement' ? 420 : 1100;
  return addDays(today, -rng.int(30, maxDays));
}

const IFA_NAMES = [
  'Brightpath',
  'Northern Hearth',
  'Pennine Families',
  'Kindred Oak',
  'Lanternlight',
  'Riverstone',
  'Millstone',
  'Heatherbank',
  'Irwell Valley',
  'Moorland Families',
  'Beacon Hill',
  'Cottonfield',
  'Larkrise',
  'Greenway',
  'Ashgrove',
  'Tandle Hill',
  'Red Rose Families',
  'Meadowlark',
  'Oakapple',
  'Hollybank',
  'Fairhaven',
  'Wildflower',
  'Stonebridge',
  'Harbourlight',
];
const IFA_SUFFIX = ['Fostering', 'Foster Care', 'Family Placements', 'Fostering Partnership'];
const HOME_GROUP_NAMES = [
  'Moorside Care',
  'Harbour Lane Care',
  'Kinder Scout Homes',
  'Cedarwood Care',
  'Rosemount Children’s Services',
  'Blackstone Care',
  'Evergreen Homes',
  'Northlight Care',
  'Summit View Care',
  'Sycamore Children’s Homes',
  'Thornfield Care',
  'Hilltop Residential',
  'Waterside Care',
  'Brackenridge Homes',
  'Orchard House Care',
  'Keystone Care',
  'Lindenbrook Care',
  'Maplestone Homes',
];
const CHARITY_NAMES = [
  'Hope Street Trust',
  'Open Door Children’s Charity',
  'Saint Anselm’s Trust',
  'Friends of the Irwell',
  'Millgate Trust',
  'New Leaf Children’s Charity',
];
const SUPPORTED_NAMES = [
  'Threshold Supported Living',
  'Stepping Stones Housing',
  'First Key Homes',
  'Next Chapter Living',
  'Launchpad Supported Housing',
  'Compass Point Living',
  'Bridgeway Housing',
  'Foundations Youth Housing',
];

function uniqueName(base: readonly string[], suffixes: readonly string[], n: number): string {
  const name = base[n % base.length]!;
  const suffix = suffixes[Math.floor(n / base.length) % suffixes.length] ?? '';
  const round = Math.floor(n / (base.length * Math.max(1, suffixes.length)));
  return `${name}${suffix ? ` ${suffix}` : ''}${round > 0 ? ` ${['North', 'South', 'East', 'West', 'Central'][round % 5]!}${round > 5 ? ` ${round}` : ''}` : ''}`;
}

export interface Providers {
  all: ProviderRow[];
  inHouse: ProviderRow[];
  rcc: ProviderRow;
  ifas: ProviderRow[];
  privateResidential: ProviderRow[];
  voluntaryResidential: ProviderRow[];
  /** Indexed by council; null where the council runs no children's homes of its own. */
  councilResidential: (ProviderRow | null)[];
  supported: ProviderRow[];
}

export function makeProviders(rng: SeededRandom, urns: UrnRegister, scale: number, today: string): Providers {
  const all: ProviderRow[] = [];
  const add = (name: string, ownership: Ownership, providerType: ProviderType, councilIndex: number | null, growth: [number, number]): ProviderRow => {
    const grade = drawGrade(rng, providerType === 'supported' ? 0.5 : 0.02);
    const row: ProviderRow = {
      id: all.length + 1,
      name,
      ownership,
      providerType,
      urn: urns.next(),
      grade,
      gradeDate: gradeDate(rng, grade, today),
      phone: landline(rng),
      email: `placements@${slug(name)}.example.org`,
      councilIndex,
      priceGrowth: rng.float(growth[0], growth[1]),
    };
    all.push(row);
    return row;
  };

  const inHouse = DEMO_COUNCILS.map((c, i) => add(`${c.name} Council Fostering Service`, 'in_house', 'in_house', i, [0.02, 0.03]));
  const rcc = add(`${DEMO_REGION_NAME} Regional Care Cooperative`, 'in_house', 'rcc', null, [0.02, 0.03]);
  const ifas = Array.from({ length: 8 * scale }, (_, n) =>
    add(uniqueName(IFA_NAMES, IFA_SUFFIX, n), rng.chance(0.3) ? 'voluntary' : 'ifa', 'ifa', null, [0.02, 0.05]),
  );
  const privateResidential = Array.from({ length: 7 * scale }, (_, n) =>
    add(uniqueName(HOME_GROUP_NAMES, [''], n), 'private', 'private_residential', null, [0.05, 0.1]),
  );
  const voluntaryResidential = Array.from({ length: 2 * scale }, (_, n) =>
    add(uniqueName(CHARITY_NAMES, [''], n), 'voluntary', 'voluntary_residential', null, [0.03, 0.06]),
  );
  // About two councils in three still run children's homes of their own.
  const councilResidential = DEMO_COUNCILS.map((c, i) =>
    i % 3 === 2 ? null : add(`${c.name} Council Children’s Homes`, 'council', 'council_residential', i, [0.03, 0.05]),
  );
  const supported = Array.from({ length: 5 * scale }, (_, n) =>
    add(uniqueName(SUPPORTED_NAMES, [''], n), rng.chance(0.4) ? 'voluntary' : 'private', 'supported', null, [0.03, 0.07]),
  );
  return { all, inHouse, rcc, ifas, privateResidential, voluntaryResidential, councilResidential, supported };
}
