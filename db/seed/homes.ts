import type { HomeKind, Sex } from '../../shared/domain/homes';
import { OFSTED_CATEGORY_CODES, type OfstedCategory } from '../../shared/domain/ofsted';
import { latLonToGrid } from '../../shared/geo/grid';
import type { Specialism, SupportedType } from '../../shared/scoring/types';
import { DEMO_COUNCILS, placeLabel, type DemoCouncil, type Town } from './councils';
import type { CarerRow, FosterDetail, HomeRow, ProviderRow, ResidentialDetail, SupportedDetail } from './model';
import { address, adultName, emailFor, landline, mobile, surname, workerName } from './names';
import { fosterWeeklyPence, residentialFeeTier, residentialWeeklyPence, supportedWeeklyPence } from './pricing';
import { drawGrade, gradeDate, type Providers, type UrnRegister } from './providers';
import type { SeededRandom } from './random';

/**
 * Homes across the region: foster households (in-house, the RCC's and IFAs', about 60/40 in-house
 * once kinship carers are counted), children's homes (1-6 places, Ofsted categories, some with
 * education on site, one secure home per preset) and supported accommodation for 16-17 year olds.
 */

/** Splits `total` into whole numbers in proportion to `weights` (largest remainder). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

export function pickTown(rng: SeededRandom, council: DemoCouncil): Town {
  return rng.weighted(council.towns.map((t) => [t, t.weight] as const));
}

/** Homes, carers and their ids, shared by the steps that add homes (kinship households come later). */
export class HomeBook {
  readonly homes: HomeRow[] = [];
  private carerId = 0;
  private readonly names = new Set<string>();

  constructor(
    private readonly rng: SeededRandom,
    private readonly urns: UrnRegister,
    private readonly today: string,
  ) {}

  /** A name not yet used in the region, so officers can tell homes apart. */
  uniqueName(make: () => string): string {
    for (let i = 0; i < 6; i++) {
      const name = make();
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
    let n = 2;
    const base = make();
    while (this.names.has(`${base} ${n}`)) n++;
    this.names.add(`${base} ${n}`);
    return `${base} ${n}`;
  }

  add(
    provider: ProviderRow,
    councilIndex: number,
    town: Town,
    kind: HomeKind,
    name: string,
    spreadKm: number,
    details: { foster?: FosterDetail; residential?: ResidentialDetail; supported?: SupportedDetail },
  ): HomeRow {
    const rng = this.rng;
    const council = DEMO_COUNCILS[councilIndex]!;
    const at = rng.near(town.lat, town.lon, spreadKm);
    const grid = latLonToGrid(at.lat, at.lon);
    const registered = kind !== 'foster';
    const grade = registered ? drawGrade(rng, kind === 'supported' ? 0.55 : 0.04) : null;
    const foster = details.foster ?? null;
    const home: HomeRow = {
      id: this.homes.length + 1,
      providerId: provider.id,
      councilId: councilIndex + 1,
      name,
      kind,
      placeLabel: placeLabel(town, council),
      lat: at.lat,
      lon: at.lon,
      easting: grid.easting,
      northing: grid.northing,
      urn: registered ? this.urns.next() : null,
      grade,
      gradeDate: grade ? gradeDate(rng, grade, this.today) : null,
      phone: kind === 'foster' ? '' : landline(rng),
      address: kind === 'foster' ? address(rng, town.name) : '',
      addressShared: false,
      supervisingSocialWorker: kind === 'foster' ? workerName(rng) : '',
      supervisingPhone: kind === 'foster' ? mobile(rng) : '',
      constellationId: null,
      isHub: false,
      householdKind: 'foster',
      active: true,
      foster,
      residential: details.residential ?? null,
      supported: details.supported ?? null,
      carers: [],
      provider,
      councilIndex,
      capacity: foster?.approvalMaxChildren ?? details.residential?.places ?? details.supported?.places ?? 1,
      weeklyPence: 0,
      placed: [],
      stays: [],
    };
    this.homes.push(home);
    return home;
  }

  addCarers(home: HomeRow, family: string, couple: boolean): void {
    const rng = this.rng;
    const first = adultName(rng, couple ? 'F' : rng.chance(0.85) ? 'F' : 'M', family);
    const names = couple ? [first, adultName(rng, rng.chance(0.9) ? 'M' : 'F', family)] : [first];
    names.forEach((name, i) => {
      const carer: CarerRow = { id: ++this.carerId, homeId: home.id, name, phone: mobile(rng), email: emailFor(name), isMain: i === 0 };
      home.carers.push(carer);
    });
    home.phone = home.carers[0]!.phone;
  }
}

const SECOND_LANGUAGES: readonly (readonly [string, number])[] = [
  ['Urdu', 8],
  ['Punjabi', 4],
  ['Polish', 3],
  ['Bengali', 2],
  ['Arabic', 2],
  ['Pashto', 1],
  ['Somali', 1],
  ['Tigrinya', 0.5],
  ['Kurdish', 0.5],
  ['Romanian', 1],
  ['Gujarati', 1],
  ['BSL', 1.5],
  ['Makaton', 3],
  ['', 71.5],
];
const MUSLIM_LANGUAGES = new Set(['Urdu', 'Punjabi', 'Bengali', 'Arabic', 'Pashto', 'Somali', 'Kurdish']);

function fosterReligion(rng: SeededRandom, language: string): string {
  if (MUSLIM_LANGUAGES.has(language) && rng.chance(0.85)) return 'Muslim';
  if (language === 'Polish') return 'Roman Catholic';
  if (language === 'Gujarati') return rng.pick(['Hindu', 'Muslim']);
  if (language === 'Tigrinya') return 'Orthodox Christian';
  return rng.weighted([
    ['', 42],
    ['Christian', 33],
    ['Roman Catholic', 10],
    ['Muslim', 8],
    ['Sikh', 2],
    ['Hindu', 2],
    ['Jewish', 2],
    ['Buddhist', 1],
  ]);
}

/** An approved foster household's approval, skills and life at home. */
export function fosterDetail(rng: SeededRandom, ifa: boolean): FosterDetail {
  const yearsApproved = Math.min(30, Math.round(rng.exponential(6)));
  const feeTier = rng.weighted<1 | 2 | 3 | 4>([
    [1, 25],
    [2, 40],
    [3, 22],
    [4, 13],
  ]);
  const skillsTier: 1 | 2 | 3 =
    feeTier === 4 ? 3 : feeTier === 3 ? rng.pick([2, 3] as const) : yearsApproved > 8 && rng.chance(0.4) ? 2 : feeTier === 2 ? rng.pick([1, 2] as const) : 1;
  const [minAge, maxAge] = rng.weighted<[number, number]>([
    [[0, 4], 10],
    [[0, 10], 18],
    [[0, 17], 22],
    [[5, 17], 15],
    [[8, 17], 12],
    [[11, 17], 15],
    [[13, 17], 8],
  ]);
  const approvalMaxChildren = rng.weighted([
    [1, 30],
    [2, 42],
    [3, 22],
    [4, 6],
  ]);
  // Households approved for three or four children mostly look after brothers and sisters, whose
  // ages spread, so their approval spans at least a dozen years (a 0-4 approval becomes 0-12).
  const approvalMinAge = minAge;
  const approvalMaxAge = approvalMaxChildren >= 3 ? Math.max(maxAge, Math.min(17, minAge + 12)) : maxAge;
  const specialisms: Specialism[] = [];
  const teenCapable = approvalMaxAge >= 16 && approvalMinAge >= 5;
  if (teenCapable && rng.chance(0.7)) specialisms.push('teenagers');
  else if (approvalMaxAge >= 16 && rng.chance(0.15)) specialisms.push('teenagers');
  if (rng.chance(0.08)) specialisms.push('disability');
  if (approvalMinAge === 0 && rng.chance(ifa ? 0.1 : 0.04)) specialisms.push('parent_and_child');
  if (teenCapable && rng.chance(0.12)) specialisms.push('uasc');
  if (feeTier >= 3 && rng.chance(0.5)) specialisms.push('therapeutic');
  if (rng.chance(0.08)) specialisms.push('short_breaks');
  const second = rng.weighted(SECOND_LANGUAGES);
  const languages = second ? ['English', second] : ['English'];
  const otherChildren: { age: number; sex: Sex }[] = [];
  if (rng.chance(0.4)) {
    for (let n = rng.int(1, 3); n > 0; n--) otherChildren.push({ age: rng.int(0, 24), sex: rng.pick(['F', 'M'] as const) });
    otherChildren.sort((a, b) => b.age - a.age);
  }
  const disability = specialisms.includes('disability');
  return {
    approvalMinAge,
    approvalMaxAge,
    approvalMaxChildren,
    approvalSex: rng.chance(0.1) ? rng.pick(['F', 'M'] as const) : null,
    approvalSiblings: approvalMaxChildren >= 2 && rng.chance(0.7),
    feeTier,
    skillsTier,
    specialisms,
    languages,
    religion: fosterReligion(rng, second),
    pets: rng.chance(0.45),
    wheelchairAdapted: rng.chance(disability ? 0.4 : 0.02),
    otherChildren,
    yearsApproved,
    endingsPlanned: Math.round(yearsApproved * rng.float(0.5, 1.6)),
    endingsUnplanned: Math.round(yearsApproved * rng.float(0, 0.35)),
    kinship: false,
  };
}

/** A family-and-friends household assessed for particular children (SSDA903 U1-U3). */
export function kinshipDetail(rng: SeededRandom, ages: readonly number[], languages: readonly string[], religion: string): FosterDetail {
  return {
    approvalMinAge: Math.min(...ages),
    approvalMaxAge: 17,
    approvalMaxChildren: ages.length,
    approvalSex: null,
    approvalSiblings: ages.length > 1,
    feeTier: 1,
    skillsTier: 1,
    specialisms: [],
    languages: [...languages],
    religion,
    pets: rng.chance(0.5),
    wheelchairAdapted: false,
    otherChildren: rng.chance(0.45) ? [{ age: rng.int(3, 20), sex: rng.pick(['F', 'M'] as const) }] : [],
    yearsApproved: rng.int(0, 3),
    endingsPlanned: 0,
    endingsUnplanned: 0,
    kinship: true,
  };
}

const HOUSE_FIRST = [
  'Oak',
  'Willow',
  'Birch',
  'Rowan',
  'Hazel',
  'Cedar',
  'Elm',
  'Holly',
  'Laurel',
  'Maple',
  'Ash',
  'Beech',
  'Alder',
  'Juniper',
  'Linden',
  'Hawthorn',
  'Moorview',
  'Fellside',
  'Brookfield',
  'Meadow',
  'Riverbank',
  'Hillside',
  'Orchard',
  'Heather',
  'Larch',
  'Sycamore',
  'Cherry',
  'Poplar',
];
const HOUSE_SECOND = ['House', 'Lodge', 'View', 'Cottage', 'Place', 'Grange', 'Court', 'Barn'];

function residentialDetail(rng: SeededRandom, secure: boolean): ResidentialDetail {
  if (secure) return { places: 10, categories: ['EBD', 'MHD', 'DRUG'], minAge: 10, maxAge: 17, educationOnSite: true, secure: true, feeTier: 4 };
  const places = rng.weighted([
    [1, 10],
    [2, 14],
    [3, 20],
    [4, 26],
    [5, 15],
    [6, 15],
  ]);
  const disabilityHome = rng.chance(0.1);
  const categories = new Set<OfstedCategory>();
  if (disabilityHome) {
    categories.add('LD');
    categories.add('PD');
    if (rng.chance(0.4)) categories.add('SI');
    if (rng.chance(0.3)) categories.add('EBD');
  } else {
    if (rng.chance(0.95)) categories.add('EBD');
    if (rng.chance(0.35)) categories.add('MHD');
    if (rng.chance(0.15)) categories.add('LD');
    if (rng.chance(0.04)) categories.add('PD');
    if (rng.chance(0.03)) categories.add('SI');
    if (rng.chance(0.12)) categories.add('DRUG');
    if (rng.chance(0.08)) categories.add('ALC');
    if (categories.size === 0) categories.add('EBD');
  }
  return {
    places,
    categories: OFSTED_CATEGORY_CODES.filter((c) => categories.has(c)),
    minAge: disabilityHome ? rng.int(5, 8) : rng.int(8, 12),
    maxAge: 17,
    educationOnSite: rng.chance(0.22),
    secure: false,
    feeTier: 1,
  };
}

export interface HomeTargets {
  fosterInHouse: number;
  fosterRcc: number;
  fosterIfa: number;
  residential: number;
  secure: number;
  supported: number;
}

export function homeTargets(scale: number): HomeTargets {
  return { fosterInHouse: 200 * scale, fosterRcc: 25 * scale, fosterIfa: 205 * scale, residential: 28 * scale, secure: scale, supported: 36 * scale };
}

/** "Thistlecombe household", or with the town when another household has the name already. */
function fosterName(book: HomeBook, family: string, town: Town): string {
  let first = true;
  return book.uniqueName(() => {
    const name = first ? `${family} household` : `${family} household, ${town.name}`;
    first = false;
    return name;
  });
}

/** Adds one approved (non-kinship) foster household. */
function addFosterHousehold(rng: SeededRandom, book: HomeBook, provider: ProviderRow, councilIndex: number): HomeRow {
  const council = DEMO_COUNCILS[councilIndex]!;
  const ifa = provider.providerType === 'ifa';
  const detail = fosterDetail(rng, ifa);
  const family = surname(rng);
  const town = pickTown(rng, council);
  const home = book.add(provider, councilIndex, town, 'foster', fosterName(book, family, town), 3, { foster: detail });
  book.addCarers(home, family, rng.chance(0.62));
  home.weeklyPence = fosterWeeklyPence(rng, provider.providerType, detail.feeTier, false, detail.specialisms.includes('parent_and_child'));
  return home;
}

export function makeHomes(rng: SeededRandom, book: HomeBook, providers: Providers, scale: number): void {
  const t = homeTargets(scale);
  const cla = DEMO_COUNCILS.map((c) => c.childrenInCare);

  allocate(t.fosterInHouse, cla).forEach((n, ci) => {
    for (let k = 0; k < n; k++) addFosterHousehold(rng, book, providers.inHouse[ci]!, ci);
  });
  allocate(t.fosterRcc, cla).forEach((n, ci) => {
    for (let k = 0; k < n; k++) addFosterHousehold(rng, book, providers.rcc, ci);
  });
  allocate(t.fosterIfa, cla).forEach((n, ci) => {
    for (let k = 0; k < n; k++) addFosterHousehold(rng, book, rng.pick(providers.ifas), ci);
  });

  const residentialWeights = DEMO_COUNCILS.map((c) => c.residentialSupply * Math.sqrt(c.childrenInCare));
  allocate(t.residential, residentialWeights).forEach((n, ci) => {
    for (let k = 0; k < n; k++) {
      const own = providers.councilResidential[ci];
      const provider = rng.weighted<ProviderRow>([
        [rng.pick(providers.privateResidential), 65],
        [rng.pick(providers.voluntaryResidential), 10],
        [own ?? rng.pick(providers.privateResidential), 20],
        [providers.rcc, 5],
      ]);
      const detail = residentialDetail(rng, false);
      const name = book.uniqueName(() => `${rng.pick(HOUSE_FIRST)} ${rng.pick(HOUSE_SECOND)}`);
      const home = book.add(provider, ci, pickTown(rng, DEMO_COUNCILS[ci]!), 'residential', name, 4, { residential: detail });
      home.weeklyPence = residentialWeeklyPence(rng, detail.places, false);
      detail.feeTier = residentialFeeTier(home.weeklyPence);
    }
  });
  for (let k = 0; k < t.secure; k++) {
    // The secure home sits in Salford, as the region's real one does; its name is invented.
    const ci = DEMO_COUNCILS.findIndex((c) => c.name === 'Salford');
    const detail = residentialDetail(rng, true);
    const name = book.uniqueName(() => 'Irwell Bank Secure Children’s Home');
    const home = book.add(providers.councilResidential[ci] ?? providers.rcc, ci, DEMO_COUNCILS[ci]!.towns[3]!, 'residential', name, 2, { residential: detail });
    home.weeklyPence = residentialWeeklyPence(rng, detail.places, true);
  }

  allocate(t.supported, cla).forEach((n, ci) => {
    const council = DEMO_COUNCILS[ci]!;
    for (let k = 0; k < n; k++) {
      const kind = rng.weighted<SupportedType>([
        ['shared', 50],
        ['solo', 25],
        ['lodgings', 25],
      ]);
      const places = kind === 'solo' ? 1 : kind === 'shared' ? rng.int(3, 6) : rng.int(1, 2);
      const town = pickTown(rng, council);
      const provider = rng.pick(providers.supported);
      const name =
        kind === 'lodgings'
          ? book.uniqueName(() => `${surname(rng)} supported lodgings`)
          : kind === 'solo'
            ? book.uniqueName(() => `${rng.pick(HOUSE_FIRST)} Court flat ${rng.int(1, 12)}, ${town.name}`)
            : book.uniqueName(() => `${town.name} ${rng.pick(['Foyer', 'Supported Housing', 'Young People’s House', 'Move-On House'])}`);
      const home = book.add(provider, ci, town, 'supported', name, 2.5, { supported: { kind, places } });
      if (kind === 'lodgings') book.addCarers(home, surname(rng), rng.chance(0.5));
      home.weeklyPence = supportedWeeklyPence(rng, kind);
    }
  });

  // A few households are approved but not taking children just now (a break, a move, an investigation).
  for (const home of book.homes) {
    if (home.kind === 'foster' && rng.chance(0.02)) home.active = false;
  }
}

/** A kinship household for a sibling group (or one child) near the family home. */
export function addKinshipHousehold(
  rng: SeededRandom,
  book: HomeBook,
  provider: ProviderRow,
  councilIndex: number,
  near: { lat: number; lon: number },
  ages: readonly number[],
  languages: readonly string[],
  religion: string,
): HomeRow {
  const council = DEMO_COUNCILS[councilIndex]!;
  const town = council.towns.reduce((best, t) =>
    Math.hypot(t.lat - near.lat, t.lon - near.lon) < Math.hypot(best.lat - near.lat, best.lon - near.lon) ? t : best,
  );
  const family = surname(rng);
  const detail = kinshipDetail(rng, ages, languages, religion);
  const home = book.add(
    provider,
    councilIndex,
    { ...town, lat: near.lat, lon: near.lon },
    'foster',
    book.uniqueName(() => `${family} household (family and friends)`),
    4,
    { foster: detail },
  );
  book.addCarers(home, family, rng.chance(0.5));
  home.weeklyPence = fosterWeeklyPence(rng, provider.providerType, 1, true, false);
  return home;
}
