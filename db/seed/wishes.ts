import type { RecordedWish } from '../../shared/domain/wishes';
import type { ChildRow } from './model';
import type { SeededRandom } from './random';

/**
 * The wishes a referral records one by one, drawn from what is known of the child (family near
 * home, school, faith, language, pets) and only for children whose own words are on record: a
 * child nobody asked has none, and some who were asked have only their words written down, as in
 * life. People and area wishes name the child's town, so they can be measured from it.
 */

const PEOPLE = ['my nan', 'my grandad', 'my auntie', 'my mum', 'my big sister', 'my cousins', 'my best mate'];

export function recordedWishesFor(rng: SeededRandom, c: ChildRow): RecordedWish[] {
  if (c.wishes === '' || c.age < 5 || rng.chance(0.3)) return [];
  const town = c.townName;
  const options: RecordedWish[] = [{ kind: 'people', text: `Near ${rng.pick(PEOPLE)} in ${town}` }];
  if (c.schoolLabel) options.push({ kind: 'school', text: `Stay at ${c.schoolLabel.split(',')[0]}` });
  if (c.religion) options.push({ kind: 'faith', text: `Live with a ${c.religion} family` });
  const other = c.languages.filter((l) => l !== 'English');
  if (other.length > 0) options.push({ kind: 'language', text: `Someone at home who speaks ${other[0]}` });
  options.push(rng.chance(0.7) ? { kind: 'pets', text: rng.pick(['A dog', 'A cat to look after', 'Pets']) } : { kind: 'pets', text: 'No dogs please' });
  options.push({ kind: 'area', text: `Stay in ${town}` });
  options.push({ kind: 'other', text: rng.pick(['A big garden', 'My own bedroom', 'Keep going to football on Saturdays', 'Somewhere quiet']) });
  return rng.sample(options, rng.int(1, Math.min(3, options.length)));
}
