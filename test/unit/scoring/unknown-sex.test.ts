import { describe, expect, it } from 'vitest';
import { whyNot } from '../../../shared/scoring/explain';
import { DEFAULT_POLICY } from '../../../shared/scoring/policy';
import { rankVacanciesForReferral } from '../../../shared/scoring/rank';
import type { ChildForMatching, VacancyForMatching } from '../../../shared/scoring/types';
import { child, vacancy } from './fixtures';

/**
 * A child whose sex is recorded as U (unknown or indeterminate, SSDA903 from 2024-25). What it
 * means for matching, decided here: a home approved or registered for one sex does not exclude
 * such a child, nor does a same-sex housemate rule; neither can be judged from the record, so the
 * officer is told at each home where it matters, and checks with people rather than the app
 * guessing a sex.
 */

function summary(c: ChildForMatching, v: VacancyForMatching): readonly string[] {
  const answer = whyNot(c, v, DEFAULT_POLICY);
  if (answer.excluded) throw new Error(`Excluded: ${JSON.stringify(answer.reasons)}`);
  return answer.match.explanation!.summary;
}

const note = /unknown or indeterminate \(U\)/;

describe('a child recorded as sex U', () => {
  it('is not excluded by a girls-only or boys-only approval, and the officer is told at that home', () => {
    const u = child({ sex: 'U' });
    const girls = summary(u, vacancy({ approval: { sex: 'F' } }));
    expect(girls).toContain(
      'Approved for girls only. The child’s sex is recorded as unknown or indeterminate (U), so this does not exclude the home: check with the fostering service before placing.',
    );
    const boys = summary(u, vacancy({ kind: 'residential', ofstedGrade: 'good', approval: { sex: 'M' } }));
    expect(boys).toContain(
      'Registered for boys only. The child’s sex is recorded as unknown or indeterminate (U), so this does not exclude the home: check with the home before placing.',
    );
    // A home for either sex needs no note; nor does a girl at a girls-only home.
    expect(summary(u, vacancy()).some((line) => note.test(line))).toBe(false);
    expect(summary(child({ sex: 'F' }), vacancy({ approval: { sex: 'F' } })).some((line) => note.test(line))).toBe(false);
  });

  it('in a sibling group: a girl and a U child fit a girls-only home (with the note), not a boys-only one', () => {
    const group = child({ sex: 'F', siblings: [{ id: 'C2', age: 8, sex: 'U' }] });
    const home = { bedsFree: 2 };
    expect(summary(group, vacancy({ ...home, approval: { sex: 'F' } }))).toContain(
      'Approved for girls only. A child in the group has their sex recorded as unknown or indeterminate (U), so this does not exclude the home: check with the fostering service before placing.',
    );
    expect(whyNot(group, vacancy({ ...home, approval: { sex: 'M' } }), DEFAULT_POLICY).reasons).toEqual([
      { rule: 'approvalSex', reason: 'Approved for boys only; the group includes a girl.' },
    ]);
  });

  it('a same-sex housemate rule is not applied to a U child, nor against a U housemate; the U child’s officer is told', () => {
    const u = child({ age: 14, sex: 'U', onlyWithSameSex: true });
    const mixed = vacancy({
      otherChildren: [
        { age: 15, sex: 'F' },
        { age: 12, sex: 'M' },
      ],
    });
    expect(summary(u, mixed)).toContain(
      'The care plan says the child should live only with children of their own sex; with the sex recorded as unknown or indeterminate (U) that is not checked here: ask the child’s social worker about the children who live here.',
    );
    const girl = child({ age: 14, sex: 'F', onlyWithSameSex: true });
    expect(whyNot(girl, vacancy({ otherChildren: [{ age: 13, sex: 'U' }] }), DEFAULT_POLICY).reasons).toEqual([]);
    expect(
      whyNot(
        girl,
        vacancy({
          otherChildren: [
            { age: 13, sex: 'U' },
            { age: 12, sex: 'M' },
          ],
        }),
        DEFAULT_POLICY,
      ).reasons,
    ).toEqual([{ rule: 'housemateSex', reason: 'The care plan says the child should live only with other girls; a 12-year-old boy lives here.' }]);
  });

  it('a search ranks single-sex homes for a U child that it excludes for a boy', () => {
    const homes = [
      vacancy({ vacancyId: 'V1', homeId: 'H1', approval: { sex: 'F' } }),
      vacancy({ vacancyId: 'V2', homeId: 'H2', approval: { sex: 'M' } }),
      vacancy({ vacancyId: 'V3', homeId: 'H3' }),
    ];
    const ranked = (c: ChildForMatching) =>
      rankVacanciesForReferral(c, homes, DEFAULT_POLICY)
        .ranked.map((r) => r.vacancyId)
        .sort();
    expect(ranked(child({ sex: 'U' }))).toEqual(['V1', 'V2', 'V3']);
    expect(ranked(child({ sex: 'M' }))).toEqual(['V2', 'V3']);
  });
});
