import type { Migration } from '../migrate';

/**
 * A secure accommodation order and a Deprivation of Liberty order are two different things (issue
 * 13): a referral records the first in secure_order beside deprivation_of_liberty, and a home
 * records whether it is willing and able to meet a DoL order's conditions (dol_capable; a
 * capability of the home, as its other capabilities are, so every vacancy of it carries it).
 *
 * A home's Ofsted registration status and the day it took effect: a suspended, cancelled, resigned
 * or closed home may take no child, and unregistered provision no child under 16
 * (shared/domain/registration.ts). Vacancies withdrawn because of it keep the reason in words for
 * the vacancies board. Existing referrals keep secure_order 0: a DoL order never meant a secure
 * order, so none is inferred from one.
 */
export const m0200OrdersAndRegistration: Migration = {
  version: 200,
  name: 'orders-and-registration',
  up(db) {
    db.exec(`
      ALTER TABLE referrals ADD COLUMN secure_order INTEGER NOT NULL DEFAULT 0 CHECK (secure_order IN (0, 1));
      ALTER TABLE homes ADD COLUMN dol_capable INTEGER NOT NULL DEFAULT 0 CHECK (dol_capable IN (0, 1));
      ALTER TABLE homes ADD COLUMN registration_status TEXT NOT NULL DEFAULT 'registered'
        CHECK (registration_status IN ('registered', 'suspended', 'cancelled', 'resigned', 'closed', 'unregistered'));
      ALTER TABLE homes ADD COLUMN registration_status_date TEXT;
      ALTER TABLE vacancies ADD COLUMN withdrawn_reason TEXT;
    `);
  },
};
