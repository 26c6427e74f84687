/**
 * Distances as the DfE reports them, so the app's "over 20 miles" matches the national statistics:
 * straight-line miles between OS grid references, sqrt(dE² + dN²) / 1000 / 1.6093, to 0.1 mile.
 * Where either end lacks a grid reference, great-circle miles from lat/lon stand in.
 */
import type { DistanceMethod, Place } from './types';

/** The DfE's conversion factor, kept as published (not the exact 1.609344) to reproduce its figures. */
export const DFE_KM_PER_MILE = 1.6093;
const EARTH_RADIUS_MILES = 3958.8;
const RAD = Math.PI / 180;

export interface Miles {
  miles: number;
  method: DistanceMethod;
}

export function roundTenth(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Unrounded miles between OS grid references by the DfE formula. */
export function gridMilesExact(a: { easting: number; northing: number }, b: { easting: number; northing: number }): number {
  return gridMilesRaw(a.easting, a.northing, b.easting, b.northing);
}

export function gridMilesRaw(e1: number, n1: number, e2: number, n2: number): number {
  const dE = e1 - e2;
  const dN = n1 - n2;
  return Math.sqrt(dE * dE + dN * dN) / 1000 / DFE_KM_PER_MILE;
}

/** Unrounded great-circle (haversine) miles. */
export function greatCircleMilesExact(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return greatCircleMilesRaw(a.lat, a.lon, b.lat, b.lon);
}

export function greatCircleMilesRaw(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * Places packed into flat arrays (NaN easting where there is no grid reference), so a loop over
 * thousands of homes reads numbers rather than chasing three objects per home.
 */
export interface PackedPlaces {
  easting: Float64Array;
  northing: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
}

export function emptyPlaces(n: number): PackedPlaces {
  return { easting: new Float64Array(n), northing: new Float64Array(n), lat: new Float64Array(n), lon: new Float64Array(n) };
}

export function setPlace(packed: PackedPlaces, i: number, p: Place): void {
  packed.easting[i] = p.grid ? p.grid.easting : NaN;
  packed.northing[i] = p.grid ? p.grid.northing : NaN;
  packed.lat[i] = p.lat;
  packed.lon[i] = p.lon;
}

/** Whether places[i] has an OS grid reference. */
export function hasGrid(packed: PackedPlaces, i: number): boolean {
  const e = packed.easting[i]!;
  return e === e;
}

/**
 * milesBetween(a, places[i]) in whole tenths of a mile. A small integer passes between functions
 * unboxed where a fraction would cost an allocation on every call; dividing by 10 gives
 * milesBetween's value to the same bit.
 */
export function tenthsToPacked(a: Place, packed: PackedPlaces, i: number): number {
  const e = packed.easting[i]!;
  return a.grid && e === e
    ? Math.round(gridMilesRaw(a.grid.easting, a.grid.northing, e, packed.northing[i]!) * 10)
    : Math.round(greatCircleMilesRaw(a.lat, a.lon, packed.lat[i]!, packed.lon[i]!) * 10);
}

/** milesBetween(a, places[i]), to the same bit. */
export function milesToPacked(a: Place, packed: PackedPlaces, i: number): number {
  return tenthsToPacked(a, packed, i) / 10;
}

/** Miles between two places to 0.1, by the DfE method where both have grid references. */
export function dfeMiles(a: Place, b: Place): Miles {
  if (a.grid && b.grid) return { miles: roundTenth(gridMilesExact(a.grid, b.grid)), method: 'os-grid' };
  return { miles: roundTenth(greatCircleMilesExact(a, b)), method: 'great-circle' };
}

/** Just the rounded miles, for hot loops. */
export function milesBetween(a: Place, b: Place): number {
  return a.grid && b.grid
    ? roundTenth(gridMilesRaw(a.grid.easting, a.grid.northing, b.grid.easting, b.grid.northing))
    : roundTenth(greatCircleMilesRaw(a.lat, a.lon, b.lat, b.lon));
}
