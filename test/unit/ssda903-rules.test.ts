import { describe, expect, it } from 'vitest';
import { check903, RULES_903, type Return903, type Row } from '../../shared/domain/ssda903-rules';

/**
 * Each restated DfE SSDA903 rule (shared/domain/ssda903-rules.ts) on a small worked return: a girl
 * placed in a children's home, moved to foster carers and returned home. The return passes every
 * rule; each case below changes one thing and must be caught by the rule named.
 */

const HEADER: Row = { CHILD: 'A1', SEX: 'F', DOB: '14/03/2012', ETHNIC: 'WBRI', UPN: 'A123456789012', MOTHER: '0', MC_DOB: '' };
const FIRST: Row = {
  CHILD: 'A1',
  DECOM: '01/06/2026',
  RNE: 'S',
  LS: 'C2',
  CIN: 'N1',
  PLACE: 'K2',
  PLACE_PROVIDER: 'PR4',
  DEC: '15/09/2026',
  REC: 'X1',
  REASON_PLACE_CHANGE: 'CARPL',
  HOME_POST: 'M1 1AE',
  PL_POST: 'M2 3AB',
  URN: 'SC123456',
};
const SECOND: Row = {
  ...FIRST,
  DECOM: '15/09/2026',
  RNE: 'P',
  PLACE: 'U6',
  PLACE_PROVIDER: 'PR1',
  DEC: '20/11/2026',
  REC: 'E4A',
  REASON_PLACE_CHANGE: '',
  PL_POST: 'OL1 1AA',
  URN: 'XXXXXXX',
};

type Change = Readonly<Record<string, string>>;

function worked(change: { header?: Change; first?: Change; second?: Change | null; year?: number } = {}): Return903 {
  const episodes = [{ ...FIRST, ...change.first }];
  if (change.second !== null) episodes.push({ ...SECOND, ...change.second });
  return { header: [{ ...HEADER, ...change.header }], episodes, year: change.year ?? 2026, asAt: '2026-11-25' };
}

const rulesOf = (r: Return903) => check903(r).map((p) => p.rule);

describe('the restated SSDA903 rules', () => {
  it('pass the worked return', () => {
    expect(check903(worked())).toEqual([]);
  });

  it.each<[string, string, Parameters<typeof worked>[0] | (() => Return903)]>([
    ['a second header row for the child', 'INT32', () => ({ ...worked(), header: [HEADER, HEADER] })],
    ['an episode for a child with no header row', 'INT03', () => ({ ...worked(), header: [] })],
    ['a CHILD of eleven characters', 'CHILD', { header: { CHILD: 'A1234567890' } }],
    ['SEX 2 in 2026-27 (1 and 2 ended with 2023-24)', '101', { header: { SEX: '2' } }],
    ['a DOB that is not a date', '102', { header: { DOB: '31/02/2012' } }],
    ['a DOB after the year', '301', { header: { DOB: '01/04/2027' } }],
    ['an ethnicity not on the list', '103', { header: { ETHNIC: 'XXXX' } }],
    ['a blank UPN', '442', { header: { UPN: '' } }],
    ['a UPN starting with O', '168', { header: { UPN: 'O123456789012' } }],
    ['UN6, not an unknown-UPN code', '168', { header: { UPN: 'UN6' } }],
    ["a girl's MOTHER blank", '393', { header: { MOTHER: '' } }],
    ['MOTHER 1 without MC_DOB', '611', { header: { MOTHER: '1' } }],
    ['MC_DOB with MOTHER 0', '612', { header: { MC_DOB: '01/01/2026' } }],
    ['MC_DOB for a boy', '174', { header: { SEX: 'M', MOTHER: '1', MC_DOB: '01/01/2026' } }],
    ['a DECOM that is not a date', '141', { first: { DECOM: '2026-06-01' } }],
    ['a DEC that is not a date', '147', { second: { DEC: '20/11/26' } }],
    ['an episode ending before it starts', '356', { second: { DEC: '01/09/2026' } }],
    ['an episode starting and ending the same day', '355', { second: { DEC: '15/09/2026' } }],
    ['an episode ending after the year', '385', { second: { DEC: '01/04/2027' }, year: 2026 }],
    ['an episode starting after the year', '354', { year: 2025 }],
    ['DEC without REC', '148', { second: { REC: '' } }],
    ['an RNE not on the list', '143', { second: { RNE: 'X' } }],
    ['a legal status not on the list', '144', { first: { LS: 'C9' } }],
    ['a category of need not on the list', '145', { first: { CIN: 'N9' } }],
    ['H5, retired from 2025-26', '146', { second: { PLACE: 'H5', URN: 'SC123456' } }],
    ['a provider code not on the list', '178', { first: { PLACE_PROVIDER: 'PR9' } }],
    ['a REC not on the list', '149', { second: { REC: 'E99' } }],
    ['a reason for placement change not on the list', '1009', { first: { REASON_PLACE_CHANGE: 'MOVED' } }],
    ['a foster placement without a provider', '526', { second: { PLACE_PROVIDER: '' } }],
    ['PR0 (parents) for a children’s home', '550', { first: { PLACE_PROVIDER: 'PR0' } }],
    ['placed with parents (P1) by a private provider', '527-531', { second: { PLACE: 'P1', PLACE_PROVIDER: 'PR4', URN: '' } }],
    ['own council provision of NHS care (R2)', '527/528', { second: { PLACE: 'R2', URN: '' } }],
    ['other public provision (PR3) of foster care', '529', { second: { PLACE_PROVIDER: 'PR3' } }],
    ['a children’s home with no URN, not even XXXXXXX', '218', { first: { URN: '' } }],
    ['a URN for a placement with parents', '222', { second: { PLACE: 'P1', PLACE_PROVIDER: 'PR0', URN: 'SC123456' } }],
    ['a URN of the wrong shape', '1008', { first: { URN: 'SC12' } }],
    ['a placement postcode that is not a postcode', '392c', { second: { PL_POST: 'OL1' } }],
    ['a second episode while the first is open', '142', { first: { DEC: '', REC: '', REASON_PLACE_CHANGE: '' } }],
    ['episodes that overlap', '501', { second: { DECOM: '10/09/2026' } }],
    ['a continuation that starts later than the last episode ended', '433', { second: { DECOM: '16/09/2026' } }],
    ['a new period of care (S) the day the last ended', '431', { second: { RNE: 'S' } }],
    ['X1 on the last episode: no episode follows', '388', { second: { REC: 'X1' } }],
    ['a move with no reason for placement change', '225', { first: { REASON_PLACE_CHANGE: '' } }],
    ['a reason for placement change where care ends', '226', { second: { REASON_PLACE_CHANGE: 'CHILD' } }],
    ['an episode before the child was born', '302', { header: { DOB: '01/07/2026' } }],
    ['starting to be looked after at 18', '352', { header: { DOB: '01/05/2008' } }],
    ['an open foster placement past the 18th birthday', '359', { header: { DOB: '01/10/2008' }, second: { DEC: '', REC: '' } }],
  ])('catch %s (rule %s)', (_what, rule, change) => {
    const r = typeof change === 'function' ? change() : worked(change);
    expect(rulesOf(r)).toContain(rule);
  });

  it('allow what the rules allow: XXXXXXX, UN codes, a mother with her child’s date of birth, V2 in a children’s home past 18', () => {
    expect(check903(worked({ first: { URN: 'XXXXXXX' }, header: { UPN: 'UN5' } }))).toEqual([]);
    expect(check903(worked({ header: { MOTHER: '1', MC_DOB: '02/02/2026' } }))).toEqual([]);
    expect(check903(worked({ header: { SEX: 'M', MOTHER: '' } }))).toEqual([]);
    const adult = worked({ header: { DOB: '01/10/2008' }, second: { LS: 'V2', PLACE: 'K2', PLACE_PROVIDER: 'PR4', URN: 'SC654321', DEC: '', REC: '' } });
    expect(check903({ ...adult, episodes: adult.episodes.map((e) => ({ ...e, LS: 'V2' })) })).toEqual([]);
  });

  it('name each rule once, with what it says', () => {
    const ids = RULES_903.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES_903) expect(r.says).toMatch(/\.$/);
  });
});
