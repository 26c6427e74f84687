import type { ComponentType, ReactElement } from 'react';
import BedIcon from '@mui/icons-material/HotelOutlined';
import ChildIcon from '@mui/icons-material/ChildCareOutlined';
import MarketIcon from '@mui/icons-material/QueryStatsOutlined';
import HubIcon from '@mui/icons-material/HubOutlined';
import RosterIcon from '@mui/icons-material/Diversity3Outlined';
import CalendarIcon from '@mui/icons-material/CalendarMonthOutlined';
import LifeIcon from '@mui/icons-material/EventNoteOutlined';
import PackIcon from '@mui/icons-material/EnhancedEncryptionOutlined';
import PeopleIcon from '@mui/icons-material/ManageAccountsOutlined';
import AuditIcon from '@mui/icons-material/FactCheckOutlined';
import CouncilIcon from '@mui/icons-material/AccountBalanceOutlined';
import { isScopedToConstellation, type Role } from '../../../shared/domain/roles';
import type { MethodName } from '../../../shared/contract';
import { mayCallAny } from '../../../shared/contract/access';
import { VacanciesPage } from '../vacancies/VacanciesPage';
import { ChildrenScreen } from '../children/ChildrenPage';
import { ReferralsScreen } from '../referrals/InboxPage';
import InboxIcon from '@mui/icons-material/AssignmentIndOutlined';
import CostsIcon from '@mui/icons-material/CalculateOutlined';
import SpendIcon from '@mui/icons-material/PaymentsOutlined';
import SufficiencyIcon from '@mui/icons-material/BalanceOutlined';
import ProviderIcon from '@mui/icons-material/BusinessOutlined';
import { PricesPage } from '../market/PricesPage';
import { CostsPage } from '../market/CostsPage';
import { SpendPage } from '../market/SpendPage';
import { SufficiencyPage } from '../market/SufficiencyPage';
import { ProvidersPage } from '../market/ProvidersPage';
import { ConstellationsPage } from '../constellation/ConstellationsPage';
import { RosterPage } from '../constellation/RosterPage';
import { CalendarPage } from '../constellation/CalendarPage';
import { LifePage } from '../constellation/LifePage';
import { RosterPackPage } from '../constellation/RosterPackPage';
import { UsersPage } from '../admin/UsersPage';
import { AuditPage } from '../admin/AuditPage';
import { CouncilsPage } from '../admin/CouncilsPage';
import { BackupsPage } from '../admin/BackupsPage';
import BackupIcon from '@mui/icons-material/SettingsBackupRestoreOutlined';
import { DATA_NAV_ITEM } from '../data/nav';
import PlanIcon from '@mui/icons-material/RouteOutlined';
import PolicyIcon from '@mui/icons-material/TuneOutlined';
import { PlanPage } from '../plan/PlanPage';
import { PolicyPage } from '../policy/PolicyPage';

export const NAV_GROUPS = {
  placement: 'Placement work',
  market: 'Market and sufficiency',
  constellation: 'Constellation',
  admin: 'Administration',
} as const;

export interface NavItem {
  path: string;
  label: string;
  group: keyof typeof NAV_GROUPS;
  /**
   * The method (or any of the methods) the screen is for: it is shown to the roles the contract
   * lets call it, so the menu and the dispatcher cannot disagree.
   */
  needs: MethodName | readonly MethodName[];
  /** Shown only to users whose scope is their own constellation (hub carers), whose screens these are. */
  ownConstellation?: true;
  icon: ReactElement;
  /** param: what follows the screen's path in the address, e.g. a record id. */
  Page: ComponentType<{ param: string }>;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: 'referrals', label: 'Referrals', group: 'placement', needs: 'referrals.inbox', icon: <InboxIcon />, Page: ReferralsScreen },
  // The board is where vacancies are kept up to date; commissioners read them through the market screens.
  { path: 'vacancies', label: 'Vacancies', group: 'placement', needs: 'vacancies.setStatus', icon: <BedIcon />, Page: VacanciesPage },
  { path: 'children', label: 'Children', group: 'placement', needs: 'children.list', icon: <ChildIcon />, Page: ChildrenScreen },
  { path: 'region-plan', label: 'Region plan', group: 'placement', needs: 'plan.start', icon: <PlanIcon />, Page: PlanPage },
  // The commissioner's screens (the contract lets officers compare prices too).
  { path: 'market-sufficiency', label: 'Sufficiency', group: 'market', needs: 'market.sufficiency', icon: <SufficiencyIcon />, Page: SufficiencyPage },
  { path: 'market-prices', label: 'Prices', group: 'market', needs: 'market.prices', icon: <MarketIcon />, Page: PricesPage },
  { path: 'market-spend', label: 'Spend', group: 'market', needs: 'market.spend', icon: <SpendIcon />, Page: SpendPage },
  { path: 'market-costs', label: 'Unit costs', group: 'market', needs: 'market.unitCosts', icon: <CostsIcon />, Page: CostsPage },
  { path: 'market-providers', label: 'Providers', group: 'market', needs: 'market.providers', icon: <ProviderIcon />, Page: ProvidersPage },
  { path: 'constellations', label: 'Constellations', group: 'constellation', needs: 'constellation.overview', icon: <HubIcon />, Page: ConstellationsPage },
  // A hub carer's screens: the roster comes first, so it is what they see on signing in. Officers
  // and administrators reach any constellation's through the Constellations screen instead.
  { path: 'roster', label: 'Roster', group: 'constellation', needs: 'constellation.roster', ownConstellation: true, icon: <RosterIcon />, Page: RosterPage },
  {
    path: 'calendar',
    label: 'Sleepover calendar',
    group: 'constellation',
    needs: 'constellation.calendar',
    ownConstellation: true,
    icon: <CalendarIcon />,
    Page: CalendarPage,
  },
  {
    path: 'constellation-life',
    label: 'Constellation life',
    group: 'constellation',
    needs: 'constellation.life',
    ownConstellation: true,
    icon: <LifeIcon />,
    Page: LifePage,
  },
  { path: 'roster-pack', label: 'Roster pack', group: 'constellation', needs: 'constellation.importRosterPack', icon: <PackIcon />, Page: RosterPackPage },
  { path: 'councils', label: 'Partner councils', group: 'admin', needs: 'councils.create', icon: <CouncilIcon />, Page: CouncilsPage },
  { path: 'users', label: 'Users', group: 'admin', needs: 'users.list', icon: <PeopleIcon />, Page: UsersPage },
  { path: 'audit', label: 'Audit trail', group: 'admin', needs: 'audit.list', icon: <AuditIcon />, Page: AuditPage },
  { path: 'matching-policy', label: 'Matching policy', group: 'admin', needs: 'policy.save', icon: <PolicyIcon />, Page: PolicyPage },
  { path: 'backups', label: 'Backups and recovery', group: 'admin', needs: 'backups.list', icon: <BackupIcon />, Page: BackupsPage },
  DATA_NAV_ITEM,
];

export function itemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter(
    (item) => mayCallAny(role, typeof item.needs === 'string' ? [item.needs] : item.needs) && (!item.ownConstellation || isScopedToConstellation(role)),
  );
}
