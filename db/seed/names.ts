import type { ApprovalSex, Sex } from '../../shared/domain/homes';
import type { SeededRandom } from './random';

/**
 * Names, phone numbers and addresses for the demo region. Children have first names only (their
 * records are pseudonymous); adults get obviously invented surnames built from two parts, so no
 * demo carer can be mistaken for a real person. Phone numbers are in Ofcom's ranges reserved for
 * drama (07700 900xxx mobiles, 0161 496 0xxx Manchester landlines) and e-mail goes to example.org.
 */

/** Heritage groups for first names, languages and faith; assigned per family. */
export type Heritage =
  | 'white_british'
  | 'white_irish'
  | 'eastern_european'
  | 'traveller'
  | 'pakistani'
  | 'bangladeshi'
  | 'indian'
  | 'black_african'
  | 'black_caribbean'
  | 'mixed_caribbean'
  | 'mixed_african'
  | 'mixed_asian'
  | 'chinese'
  | 'arab'
  | 'afghan'
  | 'eritrean'
  | 'sudanese'
  | 'kurdish'
  | 'vietnamese'
  | 'albanian';

const GIRLS: Record<string, readonly string[]> = {
  british: [
    'Olivia',
    'Amelia',
    'Isla',
    'Ava',
    'Ivy',
    'Freya',
    'Lily',
    'Florence',
    'Mia',
    'Willow',
    'Rosie',
    'Sophia',
    'Isabella',
    'Grace',
    'Daisy',
    'Sienna',
    'Poppy',
    'Elsie',
    'Evie',
    'Ella',
    'Chloe',
    'Holly',
    'Millie',
    'Ruby',
    'Jessica',
    'Megan',
    'Courtney',
    'Leah',
    'Paige',
    'Kayla',
    'Amber',
    'Summer',
    'Phoebe',
    'Harriet',
    'Maisie',
    'Lacey',
    'Skye',
    'Tilly',
  ],
  irish: ['Aoife', 'Niamh', 'Siobhan', 'Ciara', 'Orla', 'Roisin', 'Maeve'],
  eastern: ['Zuzanna', 'Julia', 'Maja', 'Oliwia', 'Alicja', 'Ioana', 'Andreea', 'Natalia', 'Wiktoria', 'Kornelia'],
  traveller: ['Bridget', 'Margaret', 'Kathleen', 'Mary', 'Shannon', 'Tiffany'],
  southAsian: ['Aisha', 'Maryam', 'Zara', 'Hafsa', 'Inaya', 'Amina', 'Fatima', 'Hana', 'Safa', 'Noor', 'Sana', 'Aleena', 'Zainab', 'Eman'],
  indian: ['Priya', 'Anaya', 'Simran', 'Diya', 'Navneet', 'Jasleen'],
  african: ['Amara', 'Adaeze', 'Nia', 'Zuri', 'Chiamaka', 'Ifeoma', 'Abena', 'Esi', 'Fadumo', 'Hodan'],
  caribbean: ['Jada', 'Tiana', 'Shanice', 'Keisha', 'Aaliyah', 'Maya', 'Imani', 'Kiara'],
  chinese: ['Mei', 'Xin', 'Lian', 'Jia'],
  arab: ['Layla', 'Yasmin', 'Rania', 'Nour', 'Salma'],
  eritrean: ['Selam', 'Helen', 'Rahwa', 'Senait', 'Winta'],
  vietnamese: ['Linh', 'Mai', 'Thu', 'Ngoc'],
  albanian: ['Ardita', 'Elira', 'Besa'],
};

const BOYS: Record<string, readonly string[]> = {
  british: [
    'Oliver',
    'George',
    'Noah',
    'Arthur',
    'Leo',
    'Harry',
    'Oscar',
    'Archie',
    'Henry',
    'Theo',
    'Freddie',
    'Jack',
    'Charlie',
    'Alfie',
    'Finley',
    'Tommy',
    'Riley',
    'Jacob',
    'Mason',
    'Logan',
    'Ethan',
    'Kai',
    'Tyler',
    'Callum',
    'Connor',
    'Jayden',
    'Lewis',
    'Kian',
    'Dylan',
    'Reece',
    'Liam',
    'Brandon',
    'Ben',
    'Max',
    'Harvey',
    'Ronnie',
    'Louie',
    'Jenson',
  ],
  irish: ['Cian', 'Oisin', 'Liam', 'Padraig', 'Conor', 'Ronan'],
  eastern: ['Jakub', 'Kacper', 'Szymon', 'Filip', 'Antoni', 'Andrei', 'Mihai', 'Bartosz', 'Dawid', 'Mateusz'],
  traveller: ['Patrick', 'Johnny', 'Michael', 'Martin', 'Tom', 'Francie'],
  southAsian: ['Muhammad', 'Ibrahim', 'Yusuf', 'Ayaan', 'Zayn', 'Hamza', 'Ali', 'Bilal', 'Rayan', 'Usman', 'Zakariya', 'Haris', 'Arham', 'Imran'],
  indian: ['Arjun', 'Rohan', 'Harjit', 'Dev', 'Kabir', 'Gurpreet'],
  african: ['Kwame', 'Chidi', 'Tobi', 'Emeka', 'Kofi', 'Abdi', 'Mohamed', 'Daniel', 'Samuel', 'David'],
  caribbean: ['Jaden', 'Marcus', 'Tyrese', 'Andre', 'Kemar', 'Jermaine', 'Isaiah', 'Elijah'],
  chinese: ['Wei', 'Jun', 'Hao', 'Ming'],
  arab: ['Omar', 'Khalid', 'Ahmed', 'Yousef', 'Hassan'],
  afghan: ['Ahmad', 'Mustafa', 'Farhad', 'Jawad', 'Sayed', 'Rahmat', 'Naveed', 'Bashir', 'Habib', 'Samiullah'],
  eritrean: ['Yonas', 'Daniel', 'Filmon', 'Robel', 'Aman', 'Henok', 'Mehari', 'Tesfay'],
  sudanese: ['Mohammed', 'Abdelrahman', 'Osman', 'Adam', 'Musa', 'Ismail'],
  kurdish: ['Rebin', 'Hawre', 'Karwan', 'Aram', 'Dilan', 'Shvan'],
  vietnamese: ['Minh', 'Duc', 'Tuan', 'Quang', 'Long'],
  albanian: ['Arber', 'Kristi', 'Ermal', 'Endrit', 'Dritan', 'Klevis'],
};

/** Which name pools a heritage draws from (the first is the most likely). */
const POOLS: Record<Heritage, readonly string[]> = {
  white_british: ['british'],
  white_irish: ['irish', 'british'],
  eastern_european: ['eastern'],
  traveller: ['traveller', 'british'],
  pakistani: ['southAsian'],
  bangladeshi: ['southAsian'],
  indian: ['indian'],
  black_african: ['african'],
  black_caribbean: ['caribbean', 'british'],
  mixed_caribbean: ['caribbean', 'british'],
  mixed_african: ['african', 'british'],
  mixed_asian: ['southAsian', 'british'],
  chinese: ['chinese', 'british'],
  arab: ['arab'],
  afghan: ['afghan'],
  eritrean: ['eritrean'],
  sudanese: ['sudanese', 'arab'],
  kurdish: ['kurdish'],
  vietnamese: ['vietnamese'],
  albanian: ['albanian'],
};

export function childFirstName(rng: SeededRandom, sex: Sex, heritage: Heritage): string {
  const pools = POOLS[heritage];
  const key = pools.length > 1 && rng.chance(0.35) ? pools[1]! : pools[0]!;
  const table = sex === 'F' ? GIRLS : BOYS;
  return rng.pick(table[key] ?? table.british!);
}

const ADULT_FIRST = {
  F: [
    'Joanne',
    'Sarah',
    'Lisa',
    'Michelle',
    'Claire',
    'Karen',
    'Nicola',
    'Amanda',
    'Rachel',
    'Helen',
    'Tracey',
    'Gemma',
    'Kelly',
    'Donna',
    'Julie',
    'Samina',
    'Nasreen',
    'Shabana',
    'Grace',
    'Funmi',
    'Beverley',
    'Sandra',
    'Agnieszka',
    'Pauline',
    'Emma',
    'Louise',
    'Jenny',
    'Anita',
  ],
  M: [
    'Paul',
    'Mark',
    'David',
    'Andrew',
    'Gary',
    'Steven',
    'Darren',
    'Lee',
    'Craig',
    'Neil',
    'Ian',
    'Wayne',
    'Martin',
    'Tariq',
    'Imran',
    'Shahid',
    'Kevin',
    'Tony',
    'Femi',
    'Marek',
    'Colin',
    'Rob',
    'Dean',
    'Graham',
    'Simon',
    'Jason',
  ],
};

// Two invented halves: "Thistlecombe", "Pebbleworth". Few of these exist as real surnames.
const SURNAME_START = [
  'Amber',
  'Bramble',
  'Copper',
  'Dapple',
  'Elder',
  'Fern',
  'Gorse',
  'Heather',
  'Ivy',
  'Juniper',
  'Kestrel',
  'Larch',
  'Merry',
  'Nettle',
  'Orchard',
  'Pebble',
  'Quill',
  'Rowan',
  'Sorrel',
  'Thistle',
  'Umber',
  'Vetch',
  'Willow',
  'Yarrow',
  'Bracken',
  'Clover',
  'Dandel',
  'Fennel',
  'Hazel',
  'Linnet',
  'Marigold',
  'Primrose',
  'Rush',
  'Saffron',
  'Teasel',
  'Wren',
  'Alder',
  'Burdock',
  'Cobble',
  'Plover',
];
const SURNAME_END = [
  'brook',
  'by',
  'combe',
  'dale',
  'field',
  'ford',
  'hurst',
  'ley',
  'more',
  'ridge',
  'stead',
  'thorpe',
  'well',
  'wick',
  'wood',
  'worth',
  'gate',
  'holme',
  'shaw',
  'ton',
];

export function surname(rng: SeededRandom): string {
  return `${rng.pick(SURNAME_START)}${rng.pick(SURNAME_END)}`;
}

export function adultName(rng: SeededRandom, sex: ApprovalSex = rng.chance(0.7) ? 'F' : 'M', family: string = surname(rng)): string {
  return `${rng.pick(ADULT_FIRST[sex])} ${family}`;
}

/** A worker's name (social worker, liaison worker, officer). */
export function workerName(rng: SeededRandom): string {
  return adultName(rng, rng.chance(0.75) ? 'F' : 'M');
}

export function mobile(rng: SeededRandom): string {
  return `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`;
}

export function landline(rng: SeededRandom): string {
  return `0161 496 0${String(rng.int(0, 999)).padStart(3, '0')}`;
}

export function emailFor(name: string): string {
  return `${name
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.')}@example.org`;
}

export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const STREET_END = ['Close', 'Road', 'Avenue', 'Street', 'Grove', 'Lane', 'Drive', 'Way', 'Crescent', 'Mews', 'Gardens', 'Walk'];

/** An invented street address in a real town. */
export function address(rng: SeededRandom, town: string): string {
  return `${rng.int(1, 180)} ${rng.pick(SURNAME_START)}${rng.pick(['field', 'wood', 'brook', 'dale', 'bank', 'lea', 'holme'])} ${rng.pick(STREET_END)}, ${town}`;
}

const SCHOOL_FIRST = [
  'Oakfield',
  'Brookside',
  'Hollins',
  'Meadowbank',
  'Greenacre',
  'Highfield',
  'Riverside',
  'Larkhill',
  'Moorside',
  'Fernlea',
  'Beechwood',
  'Kingsway',
  'Springfield',
  'Hillcrest',
  'Thornbank',
  'Ashbourne',
  'Millbrook',
  'Parklands',
  'Cherry Tree',
  'Westwood',
];

/** An invented school (or college) name for a child's age, in a real town. */
export function schoolName(rng: SeededRandom, age: number, town: string): string {
  const first = rng.pick(SCHOOL_FIRST);
  if (age <= 10) {
    const kind = rng.pick(['Primary School', 'Community Primary', 'RC Primary', 'CE Primary', 'Primary Academy']);
    return kind.startsWith('RC') ? `St ${rng.pick(['Anne', 'Joseph', 'Mary', 'Peter', 'Teresa'])}'s ${kind}, ${town}` : `${first} ${kind}, ${town}`;
  }
  if (age <= 15) return `${first} ${rng.pick(['High School', 'Academy', 'Community School', 'School'])}, ${town}`;
  return `${town} ${rng.pick(['College', 'Sixth Form College', 'College (further education)'])}`;
}
