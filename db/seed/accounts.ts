import type { Role } from '../../shared/domain/roles';
import { DEMO_COUNCILS } from './councils';
import type { Actor } from './model';

/** Shown on the sign-in screen of a demo store, never usable on a real one. */
export const DEMO_PASSWORD = 'demo-password';

/** One account per role, shown on the sign-in screen of a demo store. */
export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'demo.officer', displayName: 'Demo placement officer', role: 'placement_officer' },
  { username: 'demo.commissioner', displayName: 'Demo commissioner', role: 'commissioner' },
  { username: 'demo.hubcarer', displayName: 'Demo hub carer', role: 'hub_carer' },
  { username: 'demo.admin', displayName: 'Demo administrator', role: 'administrator' },
];

/** Further demo accounts for trying council scope; not on the sign-in screen (same password). */
export const DEMO_SCOPED_ACCOUNTS: readonly { username: string; displayName: string; role: Role; council: string }[] = [
  { username: 'demo.officer.bolton', displayName: 'Demo placement officer (Bolton)', role: 'placement_officer', council: 'Bolton' },
];

/** The demo officer who works a council's referrals and vacancies: its own officer if it has one. */
export function officerFor(councilIndex: number): Actor {
  const council = DEMO_COUNCILS[councilIndex]?.name;
  return DEMO_SCOPED_ACCOUNTS.find((a) => a.role === 'placement_officer' && a.council === council)?.username ?? 'demo.officer';
}
