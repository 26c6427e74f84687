import type { ComponentType, ReactElement } from 'react';
import BedIcon from '@mui/icons-material/HotelOutlined';
import ChildIcon from '@mui/icons-material/ChildCareOutlined';
import MarketIcon from '@mui/icons-material/QueryStatsOutlined';
import HubIcon from '@mui/icons-material/HubOutlined';
import PeopleIcon from '@mui/icons-material/ManageAccountsOutlined';
import AuditIcon from '@mui/icons-material/FactCheckOutlined';
import type { Role } from '../../../shared/domain/roles';
import { VacanciesPage } from '../vacancies/VacanciesPage';
import { ChildrenScreen } from '../children/ChildrenPage';
import { ReferralsScreen } from '../referrals/InboxPage';
import InboxIcon from '@mui/icons-material/AssignmentIndOutlined';
import { MarketPage } from '../market/MarketPage';
import { ConstellationsPage } from '../constellation/ConstellationsPage';
import { UsersPage } from '../admin/UsersPage';
import { AuditPage } from '../admin/AuditPage';

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
  /** Mirrors the contract's access lists; the dispatcher still enforces them. */
  roles: readonly Role[];
  icon: ReactElement;
  /** param: what follows the screen's path in the address, e.g. a record id. */
  Page: ComponentType<{ param: string }>;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: 'referrals', label: 'Referrals', group: 'placement', roles: ['placement_officer', 'administrator'], icon: <InboxIcon />, Page: ReferralsScreen },
  { path: 'vacancies', label: 'Vacancies', group: 'placement', roles: ['placement_officer', 'administrator'], icon: <BedIcon />, Page: VacanciesPage },
  { path: 'children', label: 'Children', group: 'placement', roles: ['placement_officer', 'administrator'], icon: <ChildIcon />, Page: ChildrenScreen },
  { path: 'market', label: 'Market overview', group: 'market', roles: ['commissioner', 'administrator', 'placement_officer'], icon: <MarketIcon />, Page: MarketPage },
  { path: 'constellations', label: 'Constellations', group: 'constellation', roles: ['hub_carer', 'placement_officer', 'commissioner', 'administrator'], icon: <HubIcon />, Page: ConstellationsPage },
  { path: 'users', label: 'Users', group: 'admin', roles: ['administrator'], icon: <PeopleIcon />, Page: UsersPage },
  { path: 'audit', label: 'Audit trail', group: 'admin', roles: ['administrator'], icon: <AuditIcon />, Page: AuditPage },
];

export function itemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
