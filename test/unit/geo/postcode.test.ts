import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPostcode, looksLikePostcode, normalisePostcode, PostcodeError } from '../../../shared/geo/postcode';

describe('checkPostcode', () => {
  it.each([
    ['SW1A 1AA', 'SW1A 1AA'],
    ['sw1a1aa', 'SW1A 1AA'],
    ['  m1 1ae ', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['cr2 6xh', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A   1BB', 'EC1A 1BB'],
    ['BL1 1RU', 'BL1 1RU'],
  ])('accepts %j as %s', (input, expected) => {
    const result = checkPostcode(input);
    expect(result).toMatchObject({ ok: true, postcode: expected });
    expect(normalisePostcode(input)).toBe(expected);
  });

  it('splits a valid postcode into outward and inward codes', () => {
    expect(checkPostcode('bl11ru')).toEqual({ ok: true, postcode: 'BL1 1RU', outcode: 'BL1', incode: '1RU' });
  });

  it.each([
    ['', /Enter a postcode/],
    ['   ', /Enter a postcode/],
    ['SW1A', /only the first half of a postcode.*"SW1A 1AA"/],
    ['m1', /only the first half/],
    ['M1 1A€', /only letters, digits and one space/],
    ['SW1A-1AA', /only letters, digits and one space/],
    ['SW1A 1AAA', /has 8 letters and digits, but a postcode has 5 to 7/],
    ['M11', /only the first half|5 to 7/],
    ['SW1A 11A', /must end with a digit and two letters/],
    ['1SW 1AA', /first half must be one or two letters/],
    ['ABC1 1AA', /first half must be one or two letters/],
  ])('rejects %j with a message saying why', (input, message) => {
    const result = checkPostcode(input);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.message).toMatch(message);
    expect(() => normalisePostcode(input)).toThrow(PostcodeError);
  });

  it('names what the user typed in the message', () => {
    const result = checkPostcode('XYZ 123');
    expect(result.ok === false && result.message).toContain('"XYZ 123"');
  });

  it('forgives case and spacing for every well-formed postcode, and normalising twice changes nothing', () => {
    const letter = fc.constantFrom(...'ABCDEFGHJKLMNOPRSTUWYZ');
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    const outward = fc.oneof(
      fc.tuple(letter, digit).map((p) => p.join('')),
      fc.tuple(letter, digit, digit).map((p) => p.join('')),
      fc.tuple(letter, letter, digit).map((p) => p.join('')),
      fc.tuple(letter, letter, digit, digit).map((p) => p.join('')),
      fc.tuple(letter, letter, digit, letter).map((p) => p.join('')),
    );
    const inward = fc.tuple(digit, fc.constantFrom(...'ABDEFGHJLNPQRSTUWXYZ'), fc.constantFrom(...'ABDEFGHJLNPQRSTUWXYZ')).map((p) => p.join(''));
    fc.assert(
      fc.property(outward, inward, fc.constantFrom('', ' ', '  '), fc.boolean(), (out, inw, gap, lower) => {
        const typed = `${out}${gap}${inw}`;
        const normal = normalisePostcode(lower ? typed.toLowerCase() : typed);
        expect(normal).toBe(`${out} ${inw}`);
        expect(normalisePostcode(normal)).toBe(normal);
      }),
    );
  });
});

describe('looksLikePostcode', () => {
  it('tells postcodes (or attempts at one) from town names', () => {
    for (const text of ['M1 1AE', 'sw1a1aa', 'BL1', 'SW1A 1AAA']) expect(looksLikePostcode(text), text).toBe(true);
    for (const text of ['Bolton', 'Newport, Isle of Wight', "Bo'ness", 'Stoke-on-Trent']) expect(looksLikePostcode(text), text).toBe(false);
  });
});
