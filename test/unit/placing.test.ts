import { describe, expect, it } from 'vitest';
import {
  episodeCeasedProblem,
  placeChangeReasonProblem,
  placeCodeFor,
  placePurposeOf,
  placeCodeProblem,
  placeProviderFor,
  reasonChoices,
} from '../../shared/domain/placing';
import { EPISODE_CEASED_CLASS, PLACEMENT_CHANGE_CLASS } from '../../shared/domain/endings';

const MANCHESTER = 1;
const SALFORD = 2;

describe('PLACE_PROVIDER relative to the placing council (DfE: PR1 own, PR2 another council, PR4 private, PR5 voluntary)', () => {
  it('a council’s own foster carer is PR1 for that council and PR2 for the council next door', () => {
    const salfordCarer = { ownership: 'in_house' as const, regional: false, councilId: SALFORD };
    expect(placeProviderFor(salfordCarer, SALFORD)).toBe('PR1');
    // The case the old map got wrong: another council's in-house home is that council's provision, not ours.
    expect(placeProviderFor(salfordCarer, MANCHESTER)).toBe('PR2');
  });

  it('a council-run children’s home is PR1 for its council and PR2 for others', () => {
    const home = { ownership: 'council' as const, regional: false, councilId: MANCHESTER };
    expect(placeProviderFor(home, MANCHESTER)).toBe('PR1');
    expect(placeProviderFor(home, SALFORD)).toBe('PR2');
  });

  it('the RCC’s own homes are every member council’s own provision', () => {
    const rcc = { ownership: 'in_house' as const, regional: true, councilId: SALFORD };
    expect(placeProviderFor(rcc, MANCHESTER)).toBe('PR1');
    expect(placeProviderFor(rcc, SALFORD)).toBe('PR1');
  });

  it('private homes and IFAs are PR4, voluntary ones PR5, wherever they are', () => {
    expect(placeProviderFor({ ownership: 'private', regional: false, councilId: MANCHESTER }, MANCHESTER)).toBe('PR4');
    expect(placeProviderFor({ ownership: 'ifa', regional: false, councilId: SALFORD }, MANCHESTER)).toBe('PR4');
    expect(placeProviderFor({ ownership: 'voluntary', regional: false, councilId: MANCHESTER }, MANCHESTER)).toBe('PR5');
  });
});

describe('PLACE for the kind of home, by collection year', () => {
  const foster = { kind: 'foster' as const, kinship: false, secure: false };
  const kinship = { kind: 'foster' as const, kinship: true, secure: false };
  const home = { kind: 'residential' as const, kinship: false, secure: false };
  const secure = { kind: 'residential' as const, kinship: false, secure: true };
  const supported = { kind: 'supported' as const, kinship: false, secure: false };

  it('defaults to the code that fits the home; a purpose picks long-term or fostering for adoption', () => {
    expect(placeCodeFor(foster, '2026-12-01')).toBe('U6');
    expect(placeCodeFor(foster, '2026-12-01', 'long_term')).toBe('U4');
    expect(placeCodeFor(foster, '2026-12-01', 'fostering_for_adoption')).toBe('U5');
    expect(placeCodeFor(kinship, '2026-12-01')).toBe('U3');
    expect(placeCodeFor(kinship, '2026-12-01', 'long_term')).toBe('U1');
    expect(placeCodeFor(home, '2026-12-01')).toBe('K2');
    expect(placeCodeFor(secure, '2026-12-01')).toBe('K1');
  });

  it("reads the referral's purpose: a long-term referral is long-term fostering, every other purpose other fostering", () => {
    expect(placeCodeFor(foster, '2026-12-01', placePurposeOf('long_term'))).toBe('U4');
    expect(placeCodeFor(kinship, '2026-12-01', placePurposeOf('long_term'))).toBe('U1');
    for (const purpose of ['emergency', 'short_term', 'short_breaks', 'parent_and_child', undefined] as const)
      expect(placeCodeFor(foster, '2026-12-01', placePurposeOf(purpose))).toBe('U6');
    // A children's home's code does not change with the purpose.
    expect(placeCodeFor(home, '2026-12-01', placePurposeOf('long_term'))).toBe('K2');
  });

  it('supported accommodation is K3 from 2024-25 and H5 before it', () => {
    expect(placeCodeFor(supported, '2024-04-01')).toBe('K3');
    expect(placeCodeFor(supported, '2024-03-31')).toBe('H5');
  });

  it('refuses a code retired in the placement’s year, or one that does not describe the home, naming what fits', () => {
    expect(placeCodeProblem(supported, 'H5', '2026-12-01')).toMatch(
      /'H5' .* is not valid in 2026-27, the year this placement starts in: it was retired from 2025-26/,
    );
    expect(placeCodeProblem(home, 'U4', '2026-12-01')).toMatch(/does not describe this home; it may be recorded as K2/);
    expect(placeCodeProblem(kinship, 'U4', '2026-12-01')).toMatch(/U1 or U2 or U3/);
    expect(placeCodeProblem(home, 'Q9', '2026-12-01')).toMatch(/not an SSDA903 placement type/);
    expect(placeCodeProblem(foster, 'U4', '2026-12-01')).toBeNull();
  });
});

describe('the reasons an officer gives for a move or an ending', () => {
  it('a move takes any reason for placement change but PLACE, which is a change with the same carers', () => {
    expect(placeChangeReasonProblem('CHILD', '2026-12-01')).toBeNull();
    expect(placeChangeReasonProblem('ALLEG', '2026-12-01')).toBeNull();
    expect(placeChangeReasonProblem('PLACE', '2026-12-01')).toMatch(/same carers, not a move/);
    expect(placeChangeReasonProblem('MOVED', '2026-12-01')).toMatch(/not a reason for placement change code; use one of CARPL, CLOSE/);
  });

  it('ending a placement takes a REC code that ends care; X1 is left to a move, an unknown code is named', () => {
    expect(episodeCeasedProblem('E4A', '2026-12-01')).toBeNull();
    expect(episodeCeasedProblem('X1', '2026-12-01')).toMatch(/X1 means a new episode begins the same day/);
    expect(episodeCeasedProblem('E4', '2026-12-01')).toMatch(/'E4' is not a reason episode ceased \(REC\) code/);
  });

  it('offers each reason with its label and the one planned/unplanned class of shared/domain/endings.ts', () => {
    const moves = reasonChoices('move', '2026-12-01');
    expect(moves.map((c) => c.code)).not.toContain('PLACE');
    for (const c of moves) expect(c.ending).toBe(PLACEMENT_CHANGE_CLASS[c.code]);
    expect(moves.find((c) => c.code === 'CHILD')).toEqual({ code: 'CHILD', label: 'Child requests placement end', ending: 'unplanned' });
    const endings = reasonChoices('ending', '2026-12-01');
    expect(endings.map((c) => c.code)).not.toContain('X1');
    for (const c of endings) expect(c.ending).toBe(EPISODE_CEASED_CLASS[c.code]);
    expect(endings.find((c) => c.code === 'E4A')?.ending).toBe('planned');
    expect(endings.find((c) => c.code === 'E4B')?.ending).toBe('unplanned');
  });
});
