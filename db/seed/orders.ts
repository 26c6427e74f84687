import type { WritableDB } from '../handle';
import { addDays, ageOn } from '../../shared/domain/calendar';
import { barredRegistrationWords } from '../../shared/domain/registration';
import { at } from './dates';
import type { HomeRow, RegionModel } from './model';

/**
 * The demo region's orders and registrations (issue 13), chosen by rule from the region already
 * generated rather than by drawing more random numbers, so every other row stays exactly as it was
 * for the same seed and day:
 * - of the new and searching referrals of a child of 12 or over alone, for whom a children's home is
 *   not ruled out: the latest is on a secure accommodation order (s25), the three before it on DoL orders;
 * - half the open (non-secure) children's homes with a bed free, and a third of the others, can
 *   meet a DoL order's conditions;
 * - one children's home suspended by Ofsted a week ago, with its open and held vacancies withdrawn
 *   for that reason (one without offers, so no referral's history changes).
 */
export function markOrdersAndRegistration(m: RegionModel): void {
  const birth = new Map(m.children.map((c) => [c.id, c.birthDate]));
  // New and searching referrals of children of 12 or over alone, for whom a children's home is not ruled out.
  const candidates = m.referrals
    .filter(
      (r) =>
        (r.status === 'new' || r.status === 'searching') &&
        r.residentialSuitability !== 'Unsuitable' &&
        r.siblingCount === 0 &&
        ageOn(birth.get(r.childId) ?? m.today, r.neededByDate) >= 12,
    )
    // Latest first: the earliest referrals are the demo's worked examples (and tests' first picks), left as they were.
    .sort((a, b) => b.id - a.id);
  const [secureChild, ...others] = candidates;
  if (secureChild) {
    secureChild.secureOrder = true;
    secureChild.deprivationOfLiberty = false;
    secureChild.residentialSuitability = 'Preferred';
  }
  for (const r of others.slice(0, 3)) {
    r.deprivationOfLiberty = true;
    // A DoL order's conditions are costly to meet: the budget is agreed once a home is found.
    r.budgetCeilingPence = null;
  }

  const residential = m.homes
    .filter((h) => h.kind === 'residential' && h.active && h.residential !== null && !h.residential.secure)
    .sort((a, b) => a.id - b.id);
  const hasOpen = new Set(m.vacancies.filter((v) => v.status === 'open').map((v) => v.homeId));
  // Half of the homes with a bed free now, a third of the rest: DoL children have somewhere to go, and not everywhere.
  residential.filter((h) => hasOpen.has(h.id)).forEach((h, i) => (h.dolCapable = i % 2 === 0));
  residential.filter((h) => !hasOpen.has(h.id)).forEach((h, i) => (h.dolCapable = i % 3 === 0));
  // And a few specialist foster carers for teenagers, where a DoL order's conditions can be met at home.
  m.homes
    .filter((h) => h.kind === 'foster' && h.active && hasOpen.has(h.id) && h.foster?.skillsTier === 3 && h.foster.specialisms.includes('teenagers'))
    .sort((a, b) => a.id - b.id)
    .forEach((h, i) => (h.dolCapable = i % 4 === 0));

  const offered = new Set(m.offers.map((o) => o.vacancyId));
  const openVacancies = (h: HomeRow) => m.vacancies.filter((v) => v.homeId === h.id && (v.status === 'open' || v.status === 'held'));
  // The last such home, for the same reason as the latest referrals above.
  const suspended = [...residential].reverse().find((h) => !h.dolCapable && openVacancies(h).length > 0 && openVacancies(h).every((v) => !offered.has(v.id)));
  if (suspended) {
    suspended.registrationStatus = 'suspended';
    suspended.registrationSince = addDays(m.today, -7);
    const reason = barredRegistrationWords('suspended', suspended.registrationSince);
    const suspendedAt = at(suspended.registrationSince, 10);
    for (const v of openVacancies(suspended)) {
      // Withdrawn when the suspension was recorded, or straight after the vacancy's last change if that came later.
      const last = v.history.at(-1)?.at ?? suspendedAt;
      const when = last > suspendedAt ? last : suspendedAt;
      v.status = 'withdrawn';
      v.withdrawnReason = reason;
      v.updatedAt = when;
      v.history.push({ status: 'withdrawn', at: when, by: null });
    }
  }
}

/** Writes what markOrdersAndRegistration chose, after the region's rows are in (columns of migration 0200). */
export function writeOrdersAndRegistration(db: WritableDB, m: RegionModel): void {
  const dol = db.prepare('UPDATE homes SET dol_capable = 1 WHERE id = ?');
  const registration = db.prepare('UPDATE homes SET registration_status = ?, registration_status_date = ? WHERE id = ?');
  for (const h of m.homes) {
    if (h.dolCapable) dol.run(h.id);
    if (h.registrationStatus && h.registrationStatus !== 'registered') registration.run(h.registrationStatus, h.registrationSince ?? null, h.id);
  }
  const reason = db.prepare('UPDATE vacancies SET withdrawn_reason = ? WHERE id = ?');
  for (const v of m.vacancies) if (v.withdrawnReason) reason.run(v.withdrawnReason, v.id);
  const secure = db.prepare('UPDATE referrals SET secure_order = 1 WHERE id = ?');
  for (const r of m.referrals) if (r.secureOrder) secure.run(r.id);
}
