/**
 * Files exported from the demo region carry this at the front of their name, so a synthetic
 * return is never sent on, or filed, as a real one. (The PDF also says so in its footer.)
 */
export const DEMO_FILE_PREFIX = 'DEMO-synthetic-';

export function exportFileName(name: string, storeKind: 'demo' | 'real' | null): string {
  return storeKind === 'demo' ? `${DEMO_FILE_PREFIX}${name}` : name;
}
