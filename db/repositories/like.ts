/**
 * A LIKE pattern (used with ESCAPE '\\') that matches `text` anywhere: % and _ typed by a user match
 * themselves. LIKE ignores case for ASCII, which is what references and names are searched in.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
