import type { HomeKind } from '../../shared/domain/homes';
import type { HomeRow } from './model';

/**
 * Homes bucketed on a coarse lat/lon grid (about 5.5 km squares), so finding the nearest homes
 * that fit a child looks at a few squares instead of every home: the large preset has 6,000.
 */
const CELL_LAT = 0.05;
const CELL_LON = 0.08;
const KM_PER_DEG_LAT = 111;
const KM_PER_DEG_LON = 111 * Math.cos((53.5 * Math.PI) / 180);

/** Kilometres between two points (equirectangular: exact enough within a region, and fast). */
export function kmBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return Math.hypot((a.lat - b.lat) * KM_PER_DEG_LAT, (a.lon - b.lon) * KM_PER_DEG_LON);
}

export class HomeIndex {
  private readonly cells = new Map<number, HomeRow[]>();

  constructor(homes: readonly HomeRow[]) {
    for (const h of homes) this.add(h);
  }

  add(home: HomeRow): void {
    const key = this.key(Math.floor(home.lat / CELL_LAT), Math.floor(home.lon / CELL_LON));
    const list = this.cells.get(key);
    if (list) list.push(home);
    else this.cells.set(key, [home]);
  }

  private key(i: number, j: number): number {
    return (i + 5_000) * 100_000 + (j + 5_000);
  }

  private visit(i: number, j: number, each: (home: HomeRow) => void): void {
    const list = this.cells.get(this.key(i, j));
    if (list) for (const home of list) each(home);
  }

  /**
   * The best-scoring home that fits, looking outwards ring by ring until `enough` fitting homes
   * have been seen, `maxRings` rings (about 5 km each) have been searched, or `maxExamined` homes
   * have been looked at: in the dense large preset a search for a home nobody has gives up early.
   */
  best(
    at: { lat: number; lon: number },
    fits: (home: HomeRow) => boolean,
    score: (home: HomeRow, km: number) => number,
    enough = 6,
    maxRings = 10,
    maxExamined = 1_500,
  ): HomeRow | null {
    const ci = Math.floor(at.lat / CELL_LAT);
    const cj = Math.floor(at.lon / CELL_LON);
    let best: HomeRow | null = null;
    let bestScore = Infinity;
    let seen = 0;
    let examined = 0;
    const consider = (home: HomeRow) => {
      examined++;
      if (!fits(home)) return;
      seen++;
      const s = score(home, kmBetween(at, home));
      if (s < bestScore) {
        bestScore = s;
        best = home;
      }
    };
    for (let r = 0; r <= maxRings; r++) {
      if (r === 0) this.visit(ci, cj, consider);
      else {
        // Only the ring's edge: the squares inside it were searched already.
        for (let j = cj - r; j <= cj + r; j++) {
          this.visit(ci - r, j, consider);
          this.visit(ci + r, j, consider);
        }
        for (let i = ci - r + 1; i <= ci + r - 1; i++) {
          this.visit(i, cj - r, consider);
          this.visit(i, cj + r, consider);
        }
      }
      if ((seen >= enough && r >= 1) || examined >= maxExamined) break;
    }
    return best;
  }
}

/** One index per kind of home, so a search for a foster home never walks past children's homes. */
export type HomeIndexes = Record<HomeKind, HomeIndex>;

export function indexByKind(homes: readonly HomeRow[]): HomeIndexes {
  // Family-and-friends households are assessed for their own children only, so never searched.
  const open = homes.filter((h) => !h.foster?.kinship);
  return {
    foster: new HomeIndex(open.filter((h) => h.kind === 'foster')),
    residential: new HomeIndex(open.filter((h) => h.kind === 'residential')),
    supported: new HomeIndex(open.filter((h) => h.kind === 'supported')),
  };
}
