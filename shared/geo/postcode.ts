import { isValid as isPostcodeShape, toNormalised } from 'postcode';

/** A postcode that passed validation, in its normal form ('SW1A 1AA'). */
export interface ValidPostcode {
  ok: true;
  postcode: string;
  /** The first half, e.g. 'SW1A'. */
  outcode: string;
  /** The second half, e.g. '1AA'. */
  incode: string;
}

export interface InvalidPostcode {
  ok: false;
  /** A sentence a user can act on, naming what they typed. */
  message: string;
}

/**
 * Checks and normalises a UK postcode with the `postcode` library (ideal-postcodes, tested
 * against the ONS Postcode Directory): case and spacing are forgiven ('sw1a1aa' is 'SW1A 1AA'),
 * the shape is not. The library checks shape only, so a well-formed postcode may still not exist;
 * whether it does is the imported directory's answer.
 */
export function checkPostcode(input: string): ValidPostcode | InvalidPostcode {
  const shown = input.trim();
  const compact = shown.replace(/\s+/g, '').toUpperCase();
  if (compact === '') return { ok: false, message: 'Enter a postcode, e.g. "M1 1AE".' };
  if (!/^[A-Z0-9]+$/.test(compact)) {
    return { ok: false, message: `"${shown}" is not a UK postcode: a postcode has only letters, digits and one space.` };
  }
  if (isPostcodeShape(compact)) {
    const postcode = toNormalised(compact)!;
    const [outcode, incode] = postcode.split(' ') as [string, string];
    return { ok: true, postcode, outcode, incode };
  }
  if (/^[A-Z]{1,2}\d[A-Z\d]?$/.test(compact)) {
    return {
      ok: false,
      message: `"${shown}" is only the first half of a postcode (the outward code); give the full postcode, e.g. "${compact} 1AA".`,
    };
  }
  if (compact.length < 5 || compact.length > 7) {
    return {
      ok: false,
      message: `"${shown}" is not a UK postcode: it has ${compact.length} letters and digits, but a postcode has 5 to 7 (e.g. "M1 1AE", "SW1A 1AA").`,
    };
  }
  if (!/\d[A-Z]{2}$/.test(compact)) {
    return { ok: false, message: `"${shown}" is not a UK postcode: it must end with a digit and two letters, e.g. "1AA".` };
  }
  return {
    ok: false,
    message: `"${shown}" is not a UK postcode: the first half must be one or two letters, a digit, then optionally a letter or digit (e.g. "M1", "B33", "SW1A").`,
  };
}

/** Thrown by normalisePostcode; its message is checkPostcode's. */
export class PostcodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostcodeError';
  }
}

/** The normal form of a postcode ('SW1A 1AA'), or a PostcodeError saying what is wrong. */
export function normalisePostcode(input: string): string {
  const result = checkPostcode(input);
  if (!result.ok) throw new PostcodeError(result.message);
  return result.postcode;
}

/**
 * Whether free text was meant as a postcode rather than a town: it has a digit and no more than
 * eight letters and digits ('M1', 'SW1A 1AA', 'sw1a1aa'). Town names never contain digits.
 */
export function looksLikePostcode(input: string): boolean {
  const compact = input.replace(/\s+/g, '');
  return /\d/.test(compact) && compact.length <= 8 && /^[A-Za-z0-9]+$/.test(compact);
}
