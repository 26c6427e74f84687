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
  const dE = a.easting - b.easting;
  const dN = a.northing - b.northing;
  return Math.sqrt(dE * dE + dN * dN) / 1000 / DFE_KM_PER_MILE;
}

/** Unrounded great-circle (haversine) miles. */
export function greatCircleMilesExact(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Miles between two places to 0.1, by the DfE method where both have grid references. */
export function dfeMiles(a: Place, b: Place): Miles {
  if (a.grid && b.grid) return { miles: roundTenth(gridMilesExact(a.grid, b.grid)), method: 'os-grid' };
  return { miles: roundTenth(greatCircleMilesExact(a, b)), method: 'great-circle' };
}

/** Just the rounded miles, for hot loops. */
export function milesBetween(a: Place, b: Place): number {
  return a.grid && b.grid ? roundTenth(gridMilesExact(a.grid, b.grid)) : roundTenth(greatCircleMilesExact(a, b));
}
