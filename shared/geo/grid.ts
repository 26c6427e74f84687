import proj4 from 'proj4';

/** A point on the British National Grid (OSGB36 / EPSG:27700), in metres. */
export interface GridPoint {
  easting: number;
  northing: number;
}

/** A WGS84 latitude and longitude in decimal degrees (what GPS, GeoNames and ONSPD's lat/long give). */
export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * EPSG:27700 as proj4 defines it: Transverse Mercator on the Airy 1830 ellipsoid, with the Ordnance
 * Survey's published seven-parameter Helmert transformation from WGS84/ETRS89.
 *
 * Accuracy: the projection itself is exact (the OS worked example is reproduced to a millimetre);
 * the Helmert datum shift is what limits it, to within about 3-5 m of the OS's definitive OSTN15
 * transformation across Great Britain (3.6 m at the OS's own Caister test point; see the unit test).
 * That is 30 times finer than the 0.1 mile (161 m) the DfE rounds distances to. Where a postcode
 * directory gives the OS grid reference itself, that reference is used and no conversion happens.
 */
export const BRITISH_NATIONAL_GRID =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

const wgs84ToGrid = proj4('WGS84', BRITISH_NATIONAL_GRID);

/** The grid's false origin and extent: every British grid reference lies inside this box. */
const GRID_MAX_EASTING = 700_000;
const GRID_MAX_NORTHING = 1_300_000;

/** True for a point inside the British National Grid's 700 km x 1300 km extent. */
export function isOnBritishGrid(easting: number, northing: number): boolean {
  return Number.isFinite(easting) && Number.isFinite(northing) && easting >= 0 && easting < GRID_MAX_EASTING && northing >= 0 && northing < GRID_MAX_NORTHING;
}

/** True for a latitude/longitude in the box around the UK, Channel Islands and Isle of Man. */
export function isInUkBox(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && lat >= 49 && lat <= 61.1 && lon >= -8.7 && lon <= 2;
}

/** WGS84 latitude/longitude to a grid reference, rounded to the metre. */
export function latLonToGrid(lat: number, lon: number): GridPoint {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new RangeError(`Latitude ${lat} and longitude ${lon} are not a position on Earth.`);
  }
  const [easting, northing] = wgs84ToGrid.forward([lon, lat]) as [number, number];
  return { easting: Math.round(easting), northing: Math.round(northing) };
}

/** A grid reference to WGS84 latitude/longitude (six decimal places, about 0.1 m). */
export function gridToLatLon(easting: number, northing: number): LatLon {
  if (!isOnBritishGrid(easting, northing)) {
    throw new RangeError(`Easting ${easting} and northing ${northing} are outside the British National Grid (0-700000, 0-1300000).`);
  }
  const [lon, lat] = wgs84ToGrid.inverse([easting, northing]) as [number, number];
  return { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
}

/**
 * The lettered OS grid reference people read off a map, e.g. 'SJ 838 977' (6 figures, 100 m) or
 * 'TG 51409 13177' (10 figures, 1 m).
 */
export function formatGridReference(easting: number, northing: number, figures: 4 | 6 | 8 | 10 = 6): string {
  if (!isOnBritishGrid(easting, northing)) {
    throw new RangeError(`Easting ${easting} and northing ${northing} are outside the British National Grid.`);
  }
  const e100k = Math.floor(easting / 100_000);
  const n100k = Math.floor(northing / 100_000);
  // The 500 km square letter, then the 100 km square letter inside it; 'I' is never used.
  let first = 19 - n100k - ((19 - n100k) % 5) + Math.floor((e100k + 10) / 5);
  let second = (((19 - n100k) * 5) % 25) + (e100k % 5);
  if (first > 7) first++;
  if (second > 7) second++;
  const letters = String.fromCharCode(65 + first, 65 + second);
  const digits = figures / 2;
  const scale = 10 ** (5 - digits);
  const e = String(Math.floor((easting % 100_000) / scale)).padStart(digits, '0');
  const n = String(Math.floor((northing % 100_000) / scale)).padStart(digits, '0');
  return `${letters} ${e} ${n}`;
}
