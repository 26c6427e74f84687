import type { ReadableDB } from '../../db/handle';
import {
  listActiveHomeCapacity,
  listActiveHomeSupply,
  listCouncilPoints,
  listOpenReferralFacts,
  listOpenVacancyFacts,
  listPlacementFacts,
  listPlacementFactsLikeForLike,
  listPlacementFactsNotRunningOn,
  listPlacementFactsWithNeeds,
  listProviderFacts,
  type ChildNeedDetail,
  type CouncilPoint,
  type HomeCapacity,
  type HomeSupply,
  type LikeForLikeDetail,
  type OpenReferralFact,
  type PlacementFact,
  type ProviderFact,
  type VacancyFact,
} from '../../db/repositories/market';
import type { Sector } from '../../shared/contract/market';
import type { HomeKind, OfstedGrade } from '../../shared/domain/homes';
import { homeOfstedGrade } from '../../shared/domain/ofsted';
import { financialYearOf } from './market-dates';
import { currentPolicy } from '../../db/repositories/policies';
import { listInHouseOverheads, type InHouseOverheads } from '../../db/repositories/overheads';

/** Running on a day: started by it and not ended on or before it. */
export function isRunningOn(p: Pick<PlacementFact, 'startDate' | 'endDate'>, day: string): boolean {
  return p.startDate <= day && (p.endDate === null || p.endDate > day);
}

/**
 * The market's facts for one request, each read from the database at most once: the summary PDF
 * draws four views from the same placements, and the spend view's year already holds today's.
 * Made per request and dropped after it, so it never serves a stale answer.
 */
export class MarketData {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly db: ReadableDB,
    /** ISO date every figure is "as at". */
    readonly today: string,
  ) {}

  private once<T>(key: string, load: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as T;
  }

  /** The policy's distance line in miles: "placed over N miles from home" counts beyond it. */
  get distanceLineMiles(): number {
    return this.once('distanceLine', () => currentPolicy(this.db).distance.twentyMileLine);
  }

  get financialYear(): { start: string; end: string } {
    return financialYearOf(this.today);
  }

  /** Placements running at any time in this financial year, by placing council (null: all). */
  yearPlacements(councilId: number | null): PlacementFact[] {
    const year = this.financialYear;
    const window = { from: year.start, to: year.end, placingCouncilId: councilId };
    return this.once(`year:${councilId}`, () => {
      // The summary report has read today's placements for sufficiency already: only the rest of the year is left to read.
      if (!this.cache.has(`needs:${councilId}`)) return listPlacementFacts(this.db, window, this.today);
      const rest = listPlacementFactsNotRunningOn(this.db, window, this.today);
      return [...this.currentWithNeeds(councilId), ...rest].sort((a, b) => a.id - b.id);
    });
  }

  /** Placements running today, by placing council (null: all). */
  currentPlacements(councilId: number | null): PlacementFact[] {
    if (this.cache.has(`needs:${councilId}`)) return this.currentWithNeeds(councilId);
    if (this.cache.has(`year:${councilId}`))
      return this.once(`current:${councilId}`, () => this.yearPlacements(councilId).filter((p) => isRunningOn(p, this.today)));
    return this.once(`current:${councilId}`, () => listPlacementFacts(this.db, { from: this.today, to: this.today, placingCouncilId: councilId }, this.today));
  }

  /** Placements running today with what like-for-like comparison needs, narrowed in SQL by type and provider when given. */
  currentLikeForLike(kind: HomeKind | undefined, providerId: number | undefined): (PlacementFact & LikeForLikeDetail)[] {
    return this.once(`l4l:${kind}:${providerId}`, () =>
      listPlacementFactsLikeForLike(this.db, { from: this.today, to: this.today, kind, providerId }, this.today),
    );
  }

  /** Placements running today with the child's age and needs, for demand. */
  currentWithNeeds(councilId: number | null): (PlacementFact & ChildNeedDetail)[] {
    return this.once(`needs:${councilId}`, () =>
      listPlacementFactsWithNeeds(this.db, { from: this.today, to: this.today, placingCouncilId: councilId }, this.today),
    );
  }

  /** Referrals still waiting for a home, by the council that made them (null: all). */
  openReferrals(councilId: number | null): OpenReferralFact[] {
    return this.once(`referrals:${councilId}`, () => listOpenReferralFacts(this.db, this.today, councilId));
  }

  openVacancies(): VacancyFact[] {
    return this.once('vacancies', () => listOpenVacancyFacts(this.db));
  }

  activeHomes(): HomeCapacity[] {
    return this.once('homes', () => listActiveHomeCapacity(this.db));
  }

  /** Active homes' places, summed over homes alike in type, council, ages, registration and specialisms. */
  homeSupply(): HomeSupply[] {
    return this.once('homeSupply', () => listActiveHomeSupply(this.db));
  }

  /** In-house overheads per week per placement by kind of home, as commissioners entered them. */
  inHouseOverheads(): InHouseOverheads[] {
    return this.once('overheads', () => listInHouseOverheads(this.db));
  }

  councils(): CouncilPoint[] {
    return this.once('councils', () => listCouncilPoints(this.db));
  }

  private councilMap(): Map<number, CouncilPoint> {
    return this.once('councilMap', () => new Map(this.councils().map((c) => [c.id, c])));
  }

  council(id: number): CouncilPoint {
    const c = this.councilMap().get(id);
    if (!c) throw new Error(`Council ${id} is referred to but missing`);
    return c;
  }

  providers(): ProviderFact[] {
    return this.once('providers', () => listProviderFacts(this.db));
  }

  provider(id: number): ProviderFact {
    const p = this.once('providerMap', () => new Map(this.providers().map((x) => [x.id, x]))).get(id);
    if (!p) throw new Error(`Provider ${id} is referred to but missing`);
    return p;
  }

  /** A placement's provider sector: the region's own or external. */
  sectorOf(p: Pick<PlacementFact, 'providerId'>): Sector {
    return this.provider(p.providerId).sector;
  }

  /** The home's Ofsted grade, or its agency's for a foster household. */
  gradeOf(p: Pick<PlacementFact, 'providerId' | 'homeGrade'>): OfstedGrade {
    return homeOfstedGrade(p.homeGrade, this.provider(p.providerId).grade);
  }
}
