import type { LivingCompanions } from '../../shared/domain/placements-standard';
import { addKinshipHousehold, type HomeBook } from './homes';
import type { ChildRow, HomeRow, RiskKey } from './model';
import type { Providers } from './providers';
import type { SeededRandom } from './random';
import { indexByKind } from './spatial';

/**
 * Where every child lives now: sibling groups kept together where a household can take them all,
 * the nearest suitable home otherwise (in-house carers first, as councils search), never more
 * children than a home's approval or places, and the "cared for alongside" answers respected both
 * ways. Children for whom nothing in the region fits are placed outside it, as happens.
 */

const OUT_OF_REGION: Record<string, number> = { foster: 0.03, residential: 0.2, secure: 0, supported: 0.05 };

function has(child: ChildRow, risk: RiskKey): boolean {
  return child.risks.includes(risk);
}

/** Whether `a`'s answer allows living with `b`. */
function allows(rule: LivingCompanions, a: ChildRow, b: { birthDate: string }): boolean {
  if (rule === 'Solo placement recommended') return false;
  if (rule === 'Only with other older children') return b.birthDate < a.birthDate;
  if (rule === 'Only with other younger children') return b.birthDate > a.birthDate;
  return true;
}

/** Whether the children of a unit can join those already placed in a home, both ways. */
export function canLiveTogether(unit: readonly ChildRow[], placed: readonly ChildRow[]): boolean {
  for (const c of unit) {
    for (const p of placed) {
      if (!allows(c.livingCompanions, c, p) || !allows(p.livingCompanions, p, c)) return false;
    }
  }
  // Brothers and sisters share a home whatever the form says about other children.
  return true;
}

function fosterFits(home: HomeRow, unit: readonly ChildRow[]): boolean {
  const f = home.foster;
  if (!f || f.kinship || !home.active) return false;
  if (home.capacity - home.placed.length < unit.length) return false;
  if (unit.length > 1 && !f.approvalSiblings) return false;
  for (const c of unit) {
    if (c.age < f.approvalMinAge || c.age > f.approvalMaxAge) return false;
    if (f.approvalSex && f.approvalSex !== c.sex) return false;
    if (c.wheelchair && !f.wheelchairAdapted) return false;
    if ((has(c, 'riskToOthersAnimals') || c.pets === 'No') && f.pets) return false;
    if (c.pets === 'Yes - must' && !f.pets) return false;
    if (has(c, 'riskToOthersSexual') && (home.placed.length > 0 || f.otherChildren.some((o) => o.age < c.age))) return false;
  }
  return canLiveTogether(unit, home.placed);
}

function fosterScore(rng: SeededRandom, home: HomeRow, km: number, unit: readonly ChildRow[]): number {
  const f = home.foster!;
  const first = unit[0]!;
  let score = km + rng.float(0, 4);
  if (home.provider.providerType === 'ifa') score += 5; // in-house first, as councils search
  if (home.councilIndex !== first.councilIndex) score += 2;
  for (const c of unit) {
    if (c.age >= 13 && !f.specialisms.includes('teenagers')) score += 3;
    if (c.uasc && !f.specialisms.includes('uasc')) score += 6;
    if (c.disability && !f.specialisms.includes('disability')) score += 4;
    if (c.complexity > 1 && f.skillsTier < 2) score += 4;
  }
  return score;
}

/** Ofsted categories a child's needs call for in a children's home. */
export function neededCategories(child: ChildRow): Set<string> {
  const need = new Set<string>();
  if (child.risks.length > 0 || child.complexity > 0.8) need.add('EBD');
  if (child.disability && child.send === 'ehcp') need.add('LD');
  if (child.wheelchair) need.add('PD');
  if (child.communication.includes('BSL')) need.add('SI');
  return need;
}

function residentialFits(home: HomeRow, child: ChildRow, secure: boolean, needs: ReadonlySet<string>): boolean {
  const r = home.residential;
  if (!r || r.secure !== secure) return false;
  if (home.capacity - home.placed.length < 1) return false;
  if (child.age < r.minAge || child.age > r.maxAge) return false;
  for (const c of needs) if (!(r.categories as string[]).includes(c)) return false;
  if (child.livingCompanions === 'Solo placement recommended' && (r.places > 1 || home.placed.length > 0)) return false;
  return canLiveTogether([child], home.placed);
}

function supportedFits(home: HomeRow, child: ChildRow): boolean {
  const s = home.supported;
  if (!s || child.age < 16) return false;
  if (home.capacity - home.placed.length < 1) return false;
  if (child.livingCompanions === 'Solo placement recommended' && s.kind !== 'solo') return false;
  return canLiveTogether([child], home.placed);
}

export function placeInHome(child: ChildRow, home: HomeRow): void {
  child.home = home;
  child.currentHomeId = home.id;
  home.placed.push(child);
}

export interface PlacementContext {
  rng: SeededRandom;
  book: HomeBook;
  providers: Providers;
}

/** Finds every child's current home (or none: with parents, placed for adoption, outside the region). */
export function placeChildren(ctx: PlacementContext, children: readonly ChildRow[]): void {
  const { rng, book, providers } = ctx;
  const index = indexByKind(book.homes);

  // Units: a family's children who are to be fostered (or cared for by family and friends) together.
  const units: ChildRow[][] = [];
  const byFamily = new Map<number, ChildRow[]>();
  for (const c of children) {
    const list = byFamily.get(c.familyId);
    if (list) list.push(c);
    else byFamily.set(c.familyId, [c]);
  }
  for (const family of byFamily.values()) {
    const together = family.filter((c) => c.setting === 'foster' || c.setting === 'kinship');
    if (together.length > 0) units.push(together);
    for (const c of family) if (c.setting !== 'foster' && c.setting !== 'kinship') units.push([c]);
  }

  for (const unit of rng.shuffle(units)) {
    const first = unit[0]!;
    const at = { lat: first.homeLat, lon: first.homeLon };
    switch (first.setting) {
      case 'kinship': {
        const home = addKinshipHousehold(
          rng,
          book,
          providers.inHouse[first.councilIndex]!,
          first.councilIndex,
          rng.near(at.lat, at.lon, 5),
          unit.map((c) => c.age),
          first.languages,
          first.religion,
        );
        for (const c of unit) placeInHome(c, home);
        break;
      }
      case 'foster': {
        if (rng.chance(OUT_OF_REGION.foster!)) {
          for (const c of unit) c.outOfRegionMiles = Math.round(rng.float(22, 90) * 10) / 10;
          break;
        }
        // Together if any household can take them all; otherwise in as few homes as possible.
        let rest = [...unit];
        while (rest.length > 0) {
          let placed = false;
          for (let size = rest.length; size >= 1 && !placed; size--) {
            const group = rest.slice(0, size);
            const home = index.foster.best(
              at,
              (h) => fosterFits(h, group),
              (h, km) => fosterScore(rng, h, km, group),
            );
            if (home) {
              for (const c of group) placeInHome(c, home);
              rest = rest.slice(size);
              placed = true;
            }
          }
          if (!placed) {
            for (const c of rest) c.outOfRegionMiles = Math.round(rng.float(22, 90) * 10) / 10;
            rest = [];
          }
        }
        break;
      }
      case 'residential':
      case 'secure': {
        const secure = first.setting === 'secure';
        const needs = neededCategories(first);
        const home = rng.chance(OUT_OF_REGION[first.setting]!)
          ? null
          : index.residential.best(
              at,
              (h) => residentialFits(h, first, secure, needs),
              (h, km) => km + rng.float(0, 8) + (h.provider.ownership === 'council' ? 0 : 3),
              4,
              12,
            );
        if (home) placeInHome(first, home);
        else first.outOfRegionMiles = Math.round(rng.float(25, 160) * 10) / 10;
        break;
      }
      case 'supported': {
        const home = rng.chance(OUT_OF_REGION.supported!)
          ? null
          : index.supported.best(
              at,
              (h) => supportedFits(h, first),
              (h, km) => km + rng.float(0, 6) + (first.uasc && h.supported!.kind === 'shared' ? 0 : 2),
              4,
              12,
            );
        if (home) placeInHome(first, home);
        else first.outOfRegionMiles = Math.round(rng.float(22, 70) * 10) / 10;
        break;
      }
      default:
        break;
    }
  }
}
