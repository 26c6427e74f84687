import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../shared/contract';
import { RosterView } from '../../shared/contract/constellation';

/**
 * A constellation roster pack: the roster a hub carer needs on their own laptop, encrypted with a
 * passphrase the officer gives them by another route (phone, in person).
 *
 * Layout (all of it but the ciphertext is the header, which is authenticated as GCM's additional
 * data, so changing any byte anywhere is detected):
 *   magic "RCCPACK" (7) | format version (1) | scrypt log2 N (1) | r (1) | p (1) | salt (16) | IV (12)
 *   | ciphertext (…) | GCM tag (16)
 * The plaintext is JSON: { constellationName, exportedAt, roster }.
 */

const MAGIC = Buffer.from('RCCPACK', 'latin1');
export const PACK_FORMAT_VERSION = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + 3 + SALT_BYTES + IV_BYTES;
/** scrypt cost: 2^15 x 8 x 128 bytes = 32 MiB and about a tenth of a second per pack. */
const DEFAULT_KDF = { log2N: 15, r: 8, p: 1 };
/** A pack may not ask for more work than this, so a crafted file cannot stall the app. */
const MAX_LOG2N = 17;

const PackContents = z.object({
  constellationName: z.string().min(1),
  exportedAt: z.string().min(1),
  roster: RosterView,
});
export type PackContents = z.infer<typeof PackContents>;

function deriveKey(passphrase: string, salt: Buffer, kdf: { log2N: number; r: number; p: number }): Buffer {
  const N = 2 ** kdf.log2N;
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r });
}

export function encryptRosterPack(contents: PackContents, passphrase: string, kdf = DEFAULT_KDF): Buffer {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([PACK_FORMAT_VERSION, kdf.log2N, kdf.r, kdf.p]), salt, iv]);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, kdf), iv);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(JSON.stringify(contents), 'utf8'), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

const NOT_A_PACK = 'This file is not an RCC Placements roster pack. Nothing was imported.';

/** Opens a pack, or throws an ApiError that says plainly why not; never returns partial contents. */
export function decryptRosterPack(pack: Buffer, passphrase: string): PackContents {
  if (pack.length < HEADER_BYTES + TAG_BYTES || !pack.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new ApiError('BAD_INPUT', NOT_A_PACK, 'packBase64');
  }
  const version = pack[MAGIC.length]!;
  if (version !== PACK_FORMAT_VERSION) {
    throw new ApiError(
      'BAD_INPUT',
      `This roster pack uses format ${version}, which this version of RCC Placements cannot read (it reads format ${PACK_FORMAT_VERSION}). Nothing was imported.`,
      'packBase64',
    );
  }
  const kdf = { log2N: pack[MAGIC.length + 1]!, r: pack[MAGIC.length + 2]!, p: pack[MAGIC.length + 3]! };
  if (kdf.log2N < 10 || kdf.log2N > MAX_LOG2N || kdf.r < 1 || kdf.r > 16 || kdf.p < 1 || kdf.p > 4) {
    throw new ApiError('BAD_INPUT', NOT_A_PACK, 'packBase64');
  }
  const saltAt = MAGIC.length + 4;
  const salt = pack.subarray(saltAt, saltAt + SALT_BYTES);
  const iv = pack.subarray(saltAt + SALT_BYTES, HEADER_BYTES);
  const header = pack.subarray(0, HEADER_BYTES);
  const body = pack.subarray(HEADER_BYTES, pack.length - TAG_BYTES);
  const tag = pack.subarray(pack.length - TAG_BYTES);

  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt, kdf), iv);
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    // GCM cannot tell a wrong key from altered bytes, and saying which would help an attacker.
    throw new ApiError(
      'BAD_INPUT',
      'The passphrase is wrong, or the file was changed after it was exported. Check the passphrase with the officer who sent the pack. Nothing was imported.',
      'passphrase',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw new ApiError('BAD_INPUT', NOT_A_PACK, 'packBase64');
  }
  const parsed = PackContents.safeParse(json);
  if (!parsed.success) {
    throw new ApiError('BAD_INPUT', 'The roster in this pack is not in a form this version of RCC Placements understands. Nothing was imported.', 'packBase64');
  }
  return parsed.data;
}

/** Base64 as sent over the contract; anything else is refused before any decryption is tried. */
export function packFromBase64(text: string): Buffer {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new ApiError('BAD_INPUT', NOT_A_PACK, 'packBase64');
  return Buffer.from(clean, 'base64');
}
