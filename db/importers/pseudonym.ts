import { createHmac, randomBytes } from 'node:crypto';
import type { ReadableDB, WritableDB } from '../handle';
import { getMeta, setMeta } from '../repositories/meta';

/**
 * Imported children get pseudonymous references. The children table the screens read holds only a
 * keyed hash of the council's own child identifier (children.source_key), so importing next year's
 * return finds the same child without any screen showing or joining on the council's identifier.
 * The identifier itself is kept apart, in ssda903_children, for one purpose: exporting the
 * council's SSDA903 return with its own identifiers. The key is random per store and lives inside
 * the encrypted store.
 */
const KEY_NAME = 'pseudonym_key';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function readPseudonymKey(db: ReadableDB): Buffer | null {
  const hex = getMeta(db, KEY_NAME);
  return hex ? Buffer.from(hex, 'hex') : null;
}

export function ensurePseudonymKey(db: WritableDB): Buffer {
  const existing = readPseudonymKey(db);
  if (existing) return existing;
  const key = randomBytes(32);
  setMeta(db, KEY_NAME, key.toString('hex'));
  return key;
}

/** The stored stand-in for a council's child identifier. */
export function sourceKeyFor(key: Buffer, councilOnsCode: string, councilChildId: string): string {
  return createHmac('sha256', key).update(`ssda903\u0000${councilOnsCode}\u0000${councilChildId}`).digest('hex');
}

/**
 * A reference for the screens: 'S' and nine Crockford base-32 characters (ten in all, so it fits
 * SSDA903's CHILD field on export). `attempt` picks another window of the hash if one is taken.
 */
export function refFor(sourceKey: string, attempt = 0): string {
  const bytes = Buffer.from(sourceKey, 'hex');
  let value = 0n;
  for (let i = 0; i < 6; i++) value = (value << 8n) | BigInt(bytes[(attempt * 6 + i) % bytes.length]!);
  let out = '';
  for (let i = 0; i < 9; i++) {
    out = CROCKFORD[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return `S${out}`;
}
