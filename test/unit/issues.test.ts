import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../shared/contract';
import { fieldProblems, issueField, issueMessage, messageForField, parseInWords, readableKey } from '../../shared/contract/issues';
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
      availableFrom: 'Enter a real date',
    });
    // Beside the field the words need not name it; zod's own text never shows.
    expect(fieldProblems(update, { ...goodUpdate, beds: undefined, priceSupportPence: 1.5, availableFrom: '2026-13-01' })).toEqual({
      beds: 'Enter the number of beds',
      priceSupportPence: 'Enter whole pence',
      availableFrom: 'Enter a real date',
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

  it('words an API error as the dispatcher sends it: the field named in words, its dotted path kept apart for forms', () => {
    const away = (schema: z.ZodType, value: unknown) => {
      const parsed = parseInWords(schema, value, 'away');
      expect(parsed.success).toBe(false);
      const issue = parsed.error!.issues[0]!;
      return { field: issueField(issue), message: issueMessage(issue) };
    };
    // A message written in the schema stands as it is, with no "beds: " before it.
    const beds = away(update, { ...goodUpdate, beds: 0 });
    expect(beds).toEqual({ field: 'beds', message: 'A vacancy has at least one bed' });
    expect(messageForField(beds, 'beds')).toBe('A vacancy has at least one bed');
    expect(messageForField(beds, 'restrictions')).toBeUndefined();
    // Was "availableFrom: 2027-02-30 is not a date on the calendar".
    expect(away(update, { ...goodUpdate, availableFrom: '2027-02-30' })).toEqual({
      field: 'availableFrom',
      message: 'Enter a real date for the available-from date',
    });
    // Was "priceSupportPence: Invalid input: expected number, received undefined".
    expect(away(update, { ...goodUpdate, priceSupportPence: undefined }).message).toBe('Enter the weekly price for support');
    // Was "colour is not a field of this request".
    expect(away(update, { ...goodUpdate, colour: 'blue' })).toEqual({ field: 'colour', message: 'Colour is not something this form sends' });
    // Was "vacancyId: Invalid input: expected number, received string".
    expect(away(update, { ...goodUpdate, vacancyId: 'seven' }).message).toBe('Choose the vacancy');

    const placing = contract['placement.place'].input;
    const place = {
      referralId: 1,
      vacancyId: 2,
      startDate: '2026-12-01',
      rationale: 'Near school, and the carers know the area',
      distanceReason: 'Safeguarding',
    };
    const price = { core: 100_000, support: 0, education: 0, other: 0 };
    // Was "price.core: Money cannot be negative" (written in the schema: it stands); a missing part names itself in words.
    expect(away(placing, { ...place, price: { ...price, core: -1 } })).toEqual({ field: 'price.core', message: 'Money cannot be negative' });
    expect(away(placing, { ...place, price: { support: 0, education: 0, other: 0 } })).toEqual({ field: 'price.core', message: 'Enter the core weekly price' });
    // Was "distanceReason: Invalid option: expected one of …".
    expect(away(placing, { ...place, price, distanceReason: 'because' }).message).toBe('Choose the reason for the distance from the list');

    const referral = contract['referrals.save'].input;
    // Was "limit: Too small: expected number to be >=1".
    const listing = contract['market.topPlacements'].input;
    expect(away(listing, { limit: 0 }).message).toBe('Enter at least 1 for the number of placements to list');
    expect(away(referral, { referralId: null, asDraft: 'yes', fields: {} })).toEqual({ field: 'asDraft', message: 'Choose yes or no for the draft setting' });
    expect(away(contract['policy.save'].input, { policy: {}, note: '' }).message).toBe('Enter the score weights');
  });

  it('shows money in pounds, counts with separators, and names a field without a label from its key', () => {
    const price = z
      .object({ weeklyPricePence: z.number().int().min(100).max(5_000_000).meta({ label: 'weekly price' }), notes: z.string().max(2000) })
      .strict();
    const away = (value: unknown) => parseInWords(price, value, 'away').error!.issues[0]!.message;
    expect(away({ weeklyPricePence: 99, notes: '' })).toBe('Enter at least £1 for the weekly price');
    expect(away({ weeklyPricePence: 5_000_001, notes: '' })).toBe('Enter at most £50,000 for the weekly price');
    expect(fieldProblems(price, { weeklyPricePence: 99, notes: '' })).toEqual({ weeklyPricePence: 'Enter at least £1' });
    expect(away({ weeklyPricePence: 100, notes: 'x'.repeat(2001) })).toBe('Keep the notes under 2,000 characters');
    expect(away({ weeklyPricePence: 100 })).toBe('Enter the notes');
    const budget = contract['referrals.inbox'].input;
    expect(fieldProblems(budget, { statuses: [] })).toEqual({ statuses: 'Choose at least one status' });
    const limits = contract['policy.preview'].input;
    const policy = editOf(DEFAULT_POLICY);
    expect(fieldProblems(limits, { policy: { ...policy, caps: { ...policy.caps, maxMiles: undefined } } })).toEqual({
      'policy.caps.maxMiles': 'Enter the distance limit in miles',
    });
    expect(readableKey('neededByDate')).toBe('needed by date');
    expect(readableKey('councilId')).toBe('council');
    expect(readableKey('priceCorePence')).toBe('price core');
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
