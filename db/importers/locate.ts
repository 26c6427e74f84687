import type { ReadableDB } from '../handle';
import { placesNamed } from '../../shared/geo/gazetteer';
import { greatCircleMilesExact } from '../../shared/scoring/distance';

export interface Located {
  lat: number;
  lon: number;
  easting: number | null;
  northing: number | null;
}

export interface CouncilPlace {
  id: number;
  name: string;
  onsCode: string;
  lat: number;
  lon: number;
}

/** Partner councils by lower-case name and by ONS code, for matching a file's "Local authority" column. */
export function councilLookup(db: ReadableDB): (nameOrCode: string) => CouncilPlace | null {
  const rows = db.prepare('SELECT id, name, ons_code AS onsCode, lat, lon FROM councils').all() as CouncilPlace[];
  const byKey = new Map<string, CouncilPlace>();
  for (const c of rows) {
    byKey.set(c.name.toLowerCase(), c);
    byKey.set(c.onsCode.toLowerCase(), c);
  }
  return (nameOrCode) => byKey.get(nameOrCode.trim().toLowerCase()) ?? null;
}

/**
 * Where a new home is: its postcode in the imported postcode directory when there is one, else
 * its town in the embedded gazetteer (the one nearest the council when several share the name),
 * else the council's centre. Matching and distances are only as exact as this answer.
 */
export function locator(db: ReadableDB): (postcode: string | null, town: string | null, council: CouncilPlace) => Located {
  const byPostcode = db.prepare('SELECT lat, lon, easting, northing FROM postcodes WHERE postcode = ?');
  return (postcode, town, council) => {
    if (postcode) {
      const hit = byPostcode.get(postcode) as Located | undefined;
      if (hit) return hit;
    }
    if (town) {
      const candidates = placesNamed(town);
      if (candidates.length > 0) {
        const nearest = candidates.reduce((a, b) => (greatCircleMilesExact(a, council) <= greatCircleMilesExact(b, council) ? a : b));
        if (greatCircleMilesExact(nearest, council) < 60) return { lat: nearest.lat, lon: nearest.lon, easting: null, northing: null };
      }
    }
    return { lat: council.lat, lon: council.lon, easting: null, northing: null };
  };
}
