import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import type { ReferralDetail, ReferralSummary } from '../../shared/contract/referrals';
import { REFERRAL_STATUSES } from '../../shared/domain/referrals';
import { signInAs, type UserClient } from '../helpers/as-user';
import { tempStore, testBackend, testClock } from '../helpers/store';

/**
 * The inbox reads only what a referral's line needs (db/repositories/referrals.ts listReferralLines),
 * the referral page reads the whole referral: the two must tell the same story about every referral.
 */
let store: ReturnType<typeof tempStore>;
let officer: UserClient;

beforeAll(async () => {
  store = tempStore({ kind: 'demo', today: '2026-11-25' });
  officer = await signInAs(testBackend(store.db, testClock('2026-11-25T10:00:00.000Z').now), 'demo.officer', DEMO_PASSWORD);
});
afterAll(() => store?.remove());

describe('the referrals inbox', () => {
  it('gives each referral, in every status, the same line as the referral page’s summary', async () => {
    const lines = (await officer.ok('referrals.inbox', { statuses: [...REFERRAL_STATUSES] })) as ReferralSummary[];
    expect(lines.length).toBe(store.db.prepare('SELECT count(*) FROM referrals').pluck().get());
    expect(new Set(lines.map((l) => l.needsSummary)).size).toBeGreaterThan(5);
    for (const line of lines) {
      const detail = (await officer.ok('referrals.get', { referralId: line.id })) as ReferralDetail;
      expect(line).toEqual(detail.summary);
    }
  });
});
