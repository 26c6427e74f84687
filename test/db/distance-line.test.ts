import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicy, savePolicyVersion } from '../../db/repositories/policies';
import { MarketData } from '../../electron/services/market-data';
import { buildPricesView } from '../../electron/services/market-prices';
import { buildSufficiencyView } from '../../electron/services/market-sufficiency';
import { PriceFilter } from '../../shared/contract/market';
import { DEFAULT_POLICY, DFE_DISTANCE_LINE_MILES } from '../../shared/scoring/policy';
import { tempStore } from '../helpers/store';
import { NOW, PLACEMENTS, seedMarketFixture, TODAY } from './market.fixture';

/*
 * The distance line comes from the policy in force everywhere it is counted or labelled: the
 * sufficiency figures (and through them the summary PDF's labels) and the price bands. Moving the
 * line in the policy moves every one of them; nothing keeps a 20 of its own.
 */

let store: ReturnType<typeof tempStore>;
beforeAll(() => {
  store = tempStore({ kind: 'empty' });
  seedMarketFixture(store.db);
});
afterAll(() => store?.remove());

const md = () => new MarketData(store.db, TODAY);
const isCurrent = (p: (typeof PLACEMENTS)[number]) => p.start <= TODAY && (p.end === null || p.end > TODAY);
/** Current placements with a recorded distance beyond `line` (the fixture's unrecorded ones are all near). */
const beyond = (line: number) => PLACEMENTS.filter((p) => isCurrent(p) && p.distance !== null && p.distance > line).length;

function useLine(miles: number): void {
  const userId = store.db.prepare('SELECT min(id) FROM users').pluck().get() as number;
  const base = currentPolicy(store.db);
  const policy = { ...base, version: base.version + 1, distance: { ...base.distance, twentyMileLine: miles } };
  savePolicyVersion(store.db, policy, `Distance line at ${miles} miles`, NOW, userId);
}

describe('the policy’s distance line', () => {
  it('defaults to DfE’s 20 miles, written once', () => {
    expect(DFE_DISTANCE_LINE_MILES).toBe(20);
    expect(DEFAULT_POLICY.distance.twentyMileLine).toBe(DFE_DISTANCE_LINE_MILES);
    const v = buildSufficiencyView(md(), null, 'the region');
    expect(v.distance.lineMiles).toBe(20);
    expect(v.distance.over20Miles).toBe(beyond(20));
  });

  it('moves the sufficiency count and its labels’ figure when the policy moves it', () => {
    useLine(25);
    const v = buildSufficiencyView(md(), null, 'the region');
    expect(v.distance.lineMiles).toBe(25);
    expect(v.distance.over20Miles).toBe(beyond(25));
    // The fixture has current placements at 24 and 30 miles: the first is over 20 but not over 25.
    expect(beyond(25)).toBeLessThan(beyond(20));
    const reasons = v.distance.reasons.reduce((n, r) => n + r.over20Miles, 0);
    expect(reasons).toBe(v.distance.over20Miles);
  });

  it('puts a price band edge at the line', () => {
    useLine(30);
    const v = buildPricesView(md(), PriceFilter.parse({}));
    const keys = new Set(v.byDistance.map((g) => g.key));
    expect(
      [...keys].every((k) => ['0-5', '5-10', '10-30', '30-50', '50+'].includes(k)),
      [...keys].join(' '),
    ).toBe(true);
    expect(v.byDistance.find((g) => g.key === '10-30')?.label).toBe('10 to 30 miles');
  });
});
