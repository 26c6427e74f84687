import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs table shared with eslint.config.js; it has no type declarations.
import { PACKAGE_PLACES } from '../../../build/package-places.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
const places = PACKAGE_PLACES as Record<string, string>;

describe('where each package may run (build/package-places.mjs)', () => {
  it('places every runtime dependency, so the lint boundaries cover it', () => {
    const unplaced = Object.keys(pkg.dependencies).filter((name) => !(name in places));
    expect(unplaced, 'add these to build/package-places.mjs').toEqual([]);
  });

  it('names only packages we depend on, in one of the four places', () => {
    for (const [name, place] of Object.entries(places)) {
      expect(pkg.dependencies, name).toHaveProperty([name]);
      expect(['renderer', 'backend', 'anywhere', 'build']).toContain(place);
    }
  });
});
