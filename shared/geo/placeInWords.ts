import { allPlaces, searchKey, type GazetteerPlace } from './gazetteer';
import { greatCircleMilesExact } from '../scoring/distance';

/*
 * The town a child's wish names ("near my nan in Wigan"), so a people or area wish can be measured
 * from it. Only capitalised words are tried, longest run first, so "church" or "school" in a
 * sentence are never mistaken for a village of that name; where several towns share the name, the
 * one nearest the child's home is meant.
 */

let byName: Map<string, GazetteerPlace[]> | null = null;

function placesByName(): Map<string, GazetteerPlace[]> {
  if (byName) return byName;
  byName = new Map();
  for (const p of allPlaces()) {
    const key = searchKey(p.name);
    const list = byName.get(key);
    if (list) list.push(p);
    else byName.set(key, [p]);
  }
  return byName;
}

const MAX_WORDS = 4;

/** The first town named in `text`, nearest `near` when the name is shared; null when none is named. */
export function placeNamedIn(text: string, near: { lat: number; lon: number }): GazetteerPlace | null {
  const words = text.split(/[\s,.;:!?()"“”]+/).filter((w) => w !== '');
  const index = placesByName();
  for (let i = 0; i < words.length; i++) {
    if (!/^\p{Lu}/u.test(words[i]!)) continue;
    for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1; n--) {
      const found = index.get(searchKey(words.slice(i, i + n).join(' ')));
      if (!found) continue;
      return found.reduce((best, p) => (greatCircleMilesExact(p, near) < greatCircleMilesExact(best, near) ? p : best));
    }
  }
  return null;
}
