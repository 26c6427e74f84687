import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../db/passwords';

describe('password hashing (scrypt)', () => {
  // Two hashes of the same password, made once: each costs ~50 ms on purpose.
  let first: string;
  let second: string;
  beforeAll(() => {
    first = hashPassword('correct horse battery staple');
    second = hashPassword('correct horse battery staple');
  });

  it('stores the scheme and its cost beside a salt and hash, never the password', () => {
    const parts = first.split('$');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64')).toHaveLength(32);
    expect(first).not.toContain('correct horse');
  });

  it('verifies the right password and refuses a wrong one', () => {
    expect(verifyPassword('correct horse battery staple', first)).toBe(true);
    expect(verifyPassword('correct horse battery stapl', first)).toBe(false);
    expect(verifyPassword('Correct horse battery staple', first)).toBe(false);
    expect(verifyPassword('', first)).toBe(false);
  });

  it('salts each hash, so the same password hashes differently and both verify', () => {
    expect(second).not.toBe(first);
    expect(second.split('$')[4]).not.toBe(first.split('$')[4]);
    expect(verifyPassword('correct horse battery staple', second)).toBe(true);
  });

  it('refuses malformed or tampered stored hashes instead of throwing', () => {
    expect(verifyPassword('x', '')).toBe(false);
    expect(verifyPassword('x', 'plain-text-password')).toBe(false);
    expect(verifyPassword('x', 'bcrypt$10$abc$def$ghi$jkl')).toBe(false);
    const parts = first.split('$');
    const hash = Buffer.from(parts[5]!, 'base64');
    hash[0] = hash[0]! ^ 1;
    const tampered = [...parts.slice(0, 5), hash.toString('base64')].join('$');
    expect(verifyPassword('correct horse battery staple', tampered)).toBe(false);
  });
});
