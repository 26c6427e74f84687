import { describe, expect, it } from 'vitest';
import {
  dfeMiles,
  emptyPlaces,
  gridMilesExact,
  greatCircleMilesExact,
  milesBetween,
  milesToPacked,
  setPlace,
  tenthsToPacked,
} from '../../../shared/scoring/distance';
import { placeFromGrid } from '../../generators/synthetic-region';

describe('DfE distance', () => {
  it('is sqrt(dE² + dN²) / 1000 / 1.6093 to 0.1 mile between grid references', () => {
    // A 30 km by 40 km offset is 50 km: 50 / 1.6093 = 31.0694... miles, published as 31.1.
    const a = { lat: 0, lon: 0, grid: { easting: 400_000, northing: 300_000 } };
    const b = { lat: 0, lon: 0, grid: { easting: 430_000, northing: 340_000 } };
    expect(dfeMiles(a, b)).toEqual({ miles: 31.1, method: 'os-grid' });
    expect(gridMilesExact(a.grid, b.grid)).toBeCloseTo(31.0694, 4);
  });

  it('reproduces a known pair: Manchester town hall to Liverpool town hall', () => {
    // Grid references SJ 83896 98189 and SJ 34233 90522 (383896, 398189) and (334233, 390522):
    // dE = 49663, dN = 7667, sqrt = 50251.3 m, / 1609.3 = 31.2 miles.
    const manchester = placeFromGrid(383_896, 398_189);
    const liverpool = placeFromGrid(334_233, 390_522);
    expect(dfeMiles(manchester, liverpool)).toEqual({ miles: 31.2, method: 'os-grid' });
  });

  it('falls back to great-circle miles where either end has no grid reference', () => {
    const london = { lat: 51.5074, lon: -0.1278 };
    const manchester = { lat: 53.4808, lon: -2.2426 };
    const d = dfeMiles(london, manchester);
    expect(d.method).toBe('great-circle');
    // The published great-circle distance is about 163 miles.
    expect(d.miles).toBeGreaterThan(160);
    expect(d.miles).toBeLessThan(166);
    expect(greatCircleMilesExact(london, london)).toBe(0);
  });

  it('is symmetric, and the packed path gives the same miles to the bit', () => {
    const places = [placeFromGrid(383_896, 398_189), { lat: 53.4, lon: -2.1 }, placeFromGrid(390_000, 410_000)];
    const packed = emptyPlaces(places.length);
    places.forEach((p, i) => setPlace(packed, i, p));
    for (const a of places) {
      for (let i = 0; i < places.length; i++) {
        expect(milesBetween(a, places[i]!)).toBe(milesBetween(places[i]!, a));
        expect(milesToPacked(a, packed, i)).toBe(milesBetween(a, places[i]!));
        expect(tenthsToPacked(a, packed, i) / 10).toBe(milesBetween(a, places[i]!));
      }
    }
  });
});
