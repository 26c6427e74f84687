import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGridReference, gridToLatLon, isOnBritishGrid, latLonToGrid } from '../../../shared/geo/grid';

const dms = (d: number, m: number, s: number) => d + m / 60 + s / 3600;

describe('British National Grid conversion', () => {
  // The Ordnance Survey's published test point, Caister water tower ("A guide to coordinate systems
  // in Great Britain"): ETRS89 52°39'28.8282"N 1°42'57.8663"E is E 651409.903, N 313177.270 by OSTN15.
  // WGS84 and ETRS89 agree to about a metre in Britain, and the Helmert transform proj4 uses is
  // within a few metres of OSTN15.
  it('puts the OS test point within 5 m of its OSTN15 grid reference', () => {
    const grid = latLonToGrid(dms(52, 39, 28.8282), dms(1, 42, 57.8663));
    const error = Math.hypot(grid.easting - 651409.903, grid.northing - 313177.27);
    expect(error).toBeLessThan(5);
  });

  it('converts the OS test point back to within 5 m', () => {
    const { lat, lon } = gridToLatLon(651410, 313177);
    const metresNorth = (lat - dms(52, 39, 28.8282)) * 111_250;
    const metresEast = (lon - dms(1, 42, 57.8663)) * 111_250 * Math.cos((lat * Math.PI) / 180);
    expect(Math.hypot(metresNorth, metresEast)).toBeLessThan(5);
  });

  it('round-trips any point in Great Britain to within a metre', () => {
    fc.assert(
      fc.property(fc.double({ min: 50, max: 58.6, noNaN: true }), fc.double({ min: -5.7, max: 1.7, noNaN: true }), (lat, lon) => {
        const grid = latLonToGrid(lat, lon);
        expect(isOnBritishGrid(grid.easting, grid.northing)).toBe(true);
        const back = latLonToGrid(gridToLatLon(grid.easting, grid.northing).lat, gridToLatLon(grid.easting, grid.northing).lon);
        expect(Math.abs(back.easting - grid.easting)).toBeLessThanOrEqual(1);
        expect(Math.abs(back.northing - grid.northing)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses positions that are not on Earth or not on the grid, saying which', () => {
    expect(() => latLonToGrid(95, 0)).toThrow(/not a position on Earth/);
    expect(() => latLonToGrid(Number.NaN, 0)).toThrow(RangeError);
    expect(() => gridToLatLon(-5, 100)).toThrow(/outside the British National Grid/);
    expect(() => gridToLatLon(100, 1_400_000)).toThrow(RangeError);
  });
});

describe('formatGridReference', () => {
  it('writes the lettered OS reference at 4 to 10 figures', () => {
    expect(formatGridReference(651409, 313177, 10)).toBe('TG 51409 13177');
    expect(formatGridReference(651409, 313177)).toBe('TG 514 131');
    expect(formatGridReference(651409, 313177, 4)).toBe('TG 51 13');
    // Ben Nevis summit, NN 16667 71255.
    expect(formatGridReference(216667, 771255, 10)).toBe('NN 16667 71255');
    // Manchester Town Hall, about SJ 838 981.
    expect(formatGridReference(383800, 398100)).toBe('SJ 838 981');
    // Land's End (SW) and the Shetland square (HP) at the grid's corners.
    expect(formatGridReference(134000, 25000).slice(0, 2)).toBe('SW');
    expect(formatGridReference(460000, 1_210_000).slice(0, 2)).toBe('HP');
  });
});
