/**
 * How much one call may upload, defined once: the contract's import schemas, both transports (the
 * loopback server's request limit and the desktop IPC channel), the renderer's file picker and the
 * importers all use these, and all refuse with the same words.
 */

/** The files of one import together, before base64 (an Ofsted list is a few MB; a large council's SSDA903 episodes 10-20 MB). */
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;

/** The length of n bytes written as base64. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** The largest request a transport takes: the files as base64, with room for their names and the options. */
export const MAX_REQUEST_BYTES = base64Length(MAX_UPLOAD_BYTES) + 256 * 1024;

/** What the user reads, from whichever part refused the upload. */
export const UPLOAD_TOO_LARGE = `The file is too large to import: one import takes at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Split it into smaller files, or save only the sheet or columns you need, and import them one at a time.`;

/**
 * True when a payload (as the desktop window sends it) carries more than `limit` characters of
 * text: what a JSON request of it would at least weigh. Stops counting as soon as it is over.
 */
export function payloadExceeds(payload: unknown, limit: number): boolean {
  let total = 0;
  const stack: unknown[] = [payload];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') total += value.length;
    else if (Array.isArray(value)) stack.push(...value);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        total += key.length;
        stack.push(inner);
      }
    } else total += 8;
    if (total > limit) return true;
  }
  return false;
}
