import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { fieldProblems, issueMessage, messageForField } from '../../shared/contract/issues';
import { MoveScenarioInput } from '../../shared/contract/market';
import { PolicyEdit } from '../../shared/contract/policy';
import { DEFAULT_POLICY } from '../../shared/scoring/policy';
import { editOf } from '../../electron/services/policy';

const update = contract['vacancies.update'].input;
const goodUpdate = {
  vacancyId: 1,
  beds: 2,
  availableFrom: '2026-12-01',
  priceCorePence: 100_000,
  priceSupportPence: 0,
  priceEducationPence: 0,
  priceOtherPence: 0,
  restrictions: '',
};

describe('zod issues in the field’s words, in one place', () => {
  it('gives each field its first problem from the contract’s own schema, keyed as the server names it', () => {
    expect(fieldProblems(update, goodUpdate)).toEqual({});
    expect(fieldProblems(update, { ...goodUpdate, beds: 21, priceCorePence: 0, restrictions: 'x'.repeat(501), availableFrom: '2026-02-30' })).toEqual({
      beds: 'No home offers more than 20 beds in one vacancy',
      priceCorePence: 'The core weekly price must be more than £0',
      restrictions: 'Keep restrictions under 500 characters',
      availableFrom: '2026-02-30 is not a date on the calendar',
    });
  });

  it('reaches refinements on nested objects and across fields', () => {
    const edit = editOf(DEFAULT_POLICY);
    expect(fieldProblems(PolicyEdit, edit)).toEqual({});
    const zero = { ...edit, weights: { cost: 0, distance: 0, stability: 0, needs: 0, wishes: 0 } };
    expect(fieldProblems(PolicyEdit, zero)).toEqual({ weights: 'At least one score weight must be above zero' });
    expect(fieldProblems(MoveScenarioInput, { from: 'foster:in_house', to: 'residential:external', children: 1001 })).toEqual({
      children: 'At most 1,000 children',
    });
    expect(fieldProblems(MoveScenarioInput, { from: 'foster:in_house', to: 'foster:in_house', children: 3 })).toEqual({
      to: 'Choose two different kinds of home',
    });
  });

  it('words an API error as the dispatcher sends it, and a form takes the field’s part back out', () => {
    const parsed = update.safeParse({ ...goodUpdate, beds: 0 });
    expect(parsed.success).toBe(false);
    const message = issueMessage(parsed.error!.issues[0]!);
    expect(message).toBe('beds: A vacancy has at least one bed');
    expect(messageForField({ field: 'beds', message }, 'beds')).toBe('A vacancy has at least one bed');
    expect(messageForField({ field: 'beds', message }, 'restrictions')).toBeUndefined();
    const extra = update.safeParse({ ...goodUpdate, colour: 'blue' });
    expect(issueMessage(extra.error!.issues[0]!)).toBe('colour is not a field of this request');
  });

  it('is the only place in the renderer that reads zod issues (forms call fieldProblems)', () => {
    const root = join(import.meta.dirname, '..', '..');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const offenders = files(join(root, 'renderer')).filter((f) => /\.safeParse\(|\.issues\b|issue\.path/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
