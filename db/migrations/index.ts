import type { Migration } from '../migrate';
import { m0010Foundation } from './0010-foundation';
import { m0020RegionModel } from './0020-region-model';
import { m0040Imports } from './0040-imports';
import { m0060ConstellationLife } from './0060-constellation-life';
import { m0070MarketIndexes } from './0070-market-indexes';
import { m0080Matching } from './0080-matching';
import { m0090ScreenIndexes } from './0090-screen-indexes';
import { m0100ReferralSiblings } from './0100-referral-siblings';
import { m0110Ssda903Years } from './0110-ssda903-years';
import { m0120CouncilCodes } from './0120-council-codes';
import { m0140AccountLifecycle } from './0140-account-lifecycle';
import { m0170FindAndAssign } from './0170-find-and-assign';
import { m0180AppliedMigrations } from './0180-applied-migrations';
import { m0190OfficerDay } from './0190-officer-day';
import { m0200OrdersAndRegistration } from './0200-orders-and-registration';
import { m0210PurposeAndKinship } from './0210-purpose-and-kinship';
import { m0220PlacementEndings } from './0220-placement-endings';
import { m0230Ssda903HeaderDetails } from './0230-ssda903-header-details';
import { m0240LikeForLikeCosts } from './0240-like-for-like-costs';
import { m0250WishesAndMockingbird } from './0250-wishes-and-mockingbird';
import { m0260SearchVacancySets } from './0260-search-vacancy-sets';
import { m0270OpenVacanciesToken } from './0270-open-vacancies-token';

/**
 * In order; each version is a multiple of ten. A store must have applied exactly the first N of
 * these (db/migrate.ts refuses a gap), so a fix slotted in below a released migration needs a plan
 * for the stores already past it.
 */
export const MIGRATIONS: readonly Migration[] = [
  m0010Foundation,
  m0020RegionModel,
  m0040Imports,
  m0060ConstellationLife,
  m0070MarketIndexes,
  m0080Matching,
  m0090ScreenIndexes,
  m0100ReferralSiblings,
  m0110Ssda903Years,
  m0120CouncilCodes,
  m0140AccountLifecycle,
  m0170FindAndAssign,
  m0180AppliedMigrations,
  m0190OfficerDay,
  m0200OrdersAndRegistration,
  m0210PurposeAndKinship,
  m0220PlacementEndings,
  m0230Ssda903HeaderDetails,
  m0240LikeForLikeCosts,
  m0250WishesAndMockingbird,
  m0260SearchVacancySets,
  m0270OpenVacanciesToken,
];
