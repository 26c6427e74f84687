import type { ChildRow } from './model';
import type { SeededRandom } from './random';

/**
 * Children's wishes in their own words (short first-person sentences, as a social worker writes
 * them down) and the care notes a carer is given: allergies, routines, health, contact. Pieces
 * are chosen to fit the child (age, brothers and sisters, pets, faith, school, language), so no two
 * children read the same. Only 41% of children with a care plan are asked where they want to live:
 * some records here have no wishes yet, as in life.
 */

const HOBBIES = [
  'football',
  'dancing',
  'boxing',
  'swimming',
  'drawing',
  'gaming',
  'gymnastics',
  'cooking',
  'drama club',
  'cadets',
  'BMX',
  'basketball',
  'singing',
  'rugby',
];
const PEOPLE = ['my nan', 'my grandad', 'my auntie', 'my mum', 'my dad', 'my big sister', 'my cousins', 'my best mate'];
const PETS = ['my dog', 'my cat', 'my rabbit', 'my guinea pigs'];

function young(rng: SeededRandom, c: ChildRow): string[] {
  const out = [
    rng.pick([
      'I want to live with a family that has a garden.',
      'I want a house with a trampoline.',
      'I like my teddy and I want to take him with me.',
      'I want a bedroom with a night light.',
    ]),
    rng.pick([
      'I want to see Mummy on Saturdays.',
      `I want to see ${rng.pick(PEOPLE)} a lot.`,
      'I like it when we have pancakes.',
      'I don’t like loud shouting.',
    ]),
  ];
  if (c.siblings.length > 0) out.push(`I want to live with my ${c.siblings[0]!.sex === 'F' ? 'sister' : 'brother'}.`);
  if (c.pets === 'Yes - can' || c.pets === 'Yes - must') out.push(rng.pick(['I want a house with a dog.', 'Can there be a cat?']));
  if (c.schoolLabel) out.push('I don’t want to change school because my friends are there.');
  return out;
}

function middle(rng: SeededRandom, c: ChildRow): string[] {
  const school = c.schoolLabel.split(',')[0];
  const out = [
    school
      ? rng.pick([`I want to stay at ${school} because all my friends are there.`, `Please don’t make me change school again.`])
      : 'I want to go back to school.',
    rng.pick([
      `I want to keep going to ${rng.pick(HOBBIES)}.`,
      `I want to keep seeing ${rng.pick(PEOPLE)} every week.`,
      'I want my own bedroom.',
      'I don’t want to move again.',
      'I want carers who listen to me.',
    ]),
  ];
  if (c.siblings.length > 0) {
    const s = c.siblings[0]!;
    out.push(
      rng.pick([
        `Please can I live with ${s.firstName}?`,
        `I want to see ${s.firstName} more.`,
        `I don’t want to be split up from my ${s.sex === 'F' ? 'sister' : 'brother'}.`,
      ]),
    );
  }
  if (c.pets === 'No') out.push('I’m scared of big dogs.');
  else if (c.pets === 'Yes - must') out.push(`I want ${rng.pick(PETS)} to come with me.`);
  if (c.religion === 'Muslim') out.push('I want to keep going to mosque with my uncle.');
  return out;
}

function teen(rng: SeededRandom, c: ChildRow): string[] {
  const out = [
    rng.pick([
      `I want to stay near ${c.townName} so I can see my mates.`,
      'I don’t want to live in a children’s home again.',
      'I want somewhere I actually get a say in things.',
      'I’d rather be with a family that doesn’t have little kids.',
      'I want to stay in the same school for my GCSEs.',
      'I just want to be left to settle somewhere.',
      'I want carers who don’t treat me like I’m bad.',
      'I want to be able to have my friends round.',
    ]),
    rng.pick([
      `I want to keep going to ${rng.pick(HOBBIES)}.`,
      `I want to see ${rng.pick(PEOPLE)} at weekends.`,
      'I need my own room and some privacy.',
      'I want wifi and to be able to keep my phone.',
    ]),
  ];
  if (c.risks.includes('riskCriminalExploitation') || c.risks.includes('riskSexualExploitation')) {
    out.push(
      rng.pick([
        'I don’t want to go back to the area I was in before.',
        'I know I need to be away from some people for a bit.',
        'I want to stay near my family even if people say it’s not safe.',
      ]),
    );
  }
  if (c.siblings.length > 0) out.push(`I want to see ${c.siblings[0]!.firstName} every week.`);
  return out;
}

function older(rng: SeededRandom, c: ChildRow): string[] {
  const out = [
    rng.pick([
      'I want my own flat when I’m 18 and to learn to cook first.',
      'I’d like to stay with my carers after 18 if I can.',
      'I want somewhere close to the bus to college.',
      'I want to finish my college course.',
      'I want to get a job and save up.',
      'I want to be treated like an adult.',
    ]),
  ];
  if (c.setting === 'residential') out.push('I don’t want to be in a home with younger kids.');
  if (c.setting === 'supported') out.push(rng.pick(['I like having my own space.', 'I want help with money and bills.']));
  if (c.siblings.length > 0) out.push(`I want to be near ${c.siblings[0]!.firstName}.`);
  return out;
}

function uasc(rng: SeededRandom, c: ChildRow): string[] {
  const language = c.languages[0] ?? 'my language';
  return [
    rng.pick([
      'I want to learn English and go to college.',
      'I want to study and become an engineer.',
      'I want to go to school and learn.',
      'I want to work and help my family.',
    ]),
    rng.pick([
      `I would like to live with people who speak ${language}.`,
      'I want to be near a mosque.',
      'I want to play football and make friends.',
      'I want to stay in Manchester, I know people here.',
      'I want to live somewhere quiet. I cannot sleep well.',
    ]),
  ];
}

export function wishesFor(rng: SeededRandom, c: ChildRow): string {
  if (c.age < 4 || rng.chance(0.12)) return '';
  const pool = c.uasc ? uasc(rng, c) : c.age <= 8 ? young(rng, c) : c.age <= 12 ? middle(rng, c) : c.age <= 15 ? teen(rng, c) : older(rng, c);
  const n = Math.min(pool.length, rng.int(1, 3));
  return rng.sample(pool, n).join(' ');
}

export function careNotesFor(rng: SeededRandom, c: ChildRow): string {
  const notes: string[] = [];
  notes.push(
    rng.weighted([
      ['Allergies: none known.', 60],
      ['Nut allergy: carries an adrenaline auto-injector; school holds a second one.', 6],
      ['Allergic to penicillin.', 5],
      ['Hay fever in summer: antihistamine each morning.', 8],
      ['Eczema: emollient cream twice a day.', 8],
      ['Asthma: brown inhaler morning and night, blue when needed.', 13],
    ]),
  );
  if (c.age < 2) notes.push(rng.pick(['Formula bottles four-hourly; sleeps in a cot in the carers’ room.', 'Weaning: soft foods; likes banana.']));
  else if (c.age < 8)
    notes.push(
      rng.pick([
        'Bedtime 7pm with a story; likes the landing light left on.',
        'Needs a visual timetable for the morning routine.',
        'Still wets the bed sometimes: no fuss, spare sheets ready.',
      ]),
    );
  else if (c.age < 13)
    notes.push(
      rng.pick([
        'Bedtime 8.30pm; reads for half an hour.',
        'Takes melatonin at 8pm as prescribed.',
        'Up early; likes breakfast before 7.',
        'Struggles with changes to plans: give plenty of warning.',
      ]),
    );
  else
    notes.push(
      rng.pick([
        'Phone handed in at 10.30pm on school nights (agreed with the child).',
        'Curfew 9pm in the week, 10pm at weekends.',
        'Likes to be asked, not told; responds well to humour.',
        'Needs a lift to the gym on Tuesdays.',
      ]),
    );
  if (c.uasc) notes.push(`Needs an interpreter (${c.languages[0] ?? 'first language'}) for appointments and school meetings.`);
  else if (c.setting !== 'parents') {
    const familyTime = [
      `Supervised family time with mum fortnightly, Saturdays 10-12, at the family centre in ${c.townName}.`,
      'No contact with father: if he gets in touch, call the social worker.',
      'Sees grandparents every other weekend, arranged by the social worker.',
    ];
    if (c.age < 3)
      familyTime.push('Family time with mum three times a week at the contact centre (care proceedings).', 'Letterbox contact with birth family twice a year.');
    else
      familyTime.push(
        'Phone call with dad on Sunday evenings.',
        'Family time with mum and siblings on Wednesdays after school.',
        'Video call with nan on Thursdays.',
      );
    notes.push(rng.pick(familyTime));
  }
  if (c.send === 'ehcp') notes.push('Extra help at school: the SENCo is the contact for homework and the school day.');
  if (c.schoolLabel && c.age <= 15 && c.home && c.schoolLat !== null && Math.abs(c.home.lat - c.schoolLat) > 0.05)
    notes.push('School transport: taxi arranged by the council.');
  if (c.disability && c.wheelchair) notes.push('Uses a wheelchair: needs level access and a ground-floor bedroom.');
  return notes.join('\n');
}
