import type { ImportFile } from '../../db/importers/files';

/** The demo region's child references as its own SSDA903 export writes them (RCC-00001 → RCC00001). */
const DEMO_CHILD = /^RCC-?\d{5}$/;
/** More rows than a trainer types by hand to try the import. */
const HANDFUL = 5;

/**
 * Whether an SSDA903 return about to go into the demo region looks like a council's real one: more
 * than a handful of children whose CHILD references are not the demo's (its references, or the
 * council child IDs the demo seed gave its children, which its own SSDA903 export writes). Only the CHILD column is
 * read (a CSV's CHILD column, or the XML form's CHILDID); the check is a warning the user can overrule, not a parse.
 */
export function looksLikeRealReturn(files: readonly ImportFile[], demoIds: ReadonlySet<string> = new Set()): { children: number } | null {
  const ids = new Set<string>();
  for (const file of files) {
    const text = Buffer.from(file.bytes).toString('latin1');
    // The XML form holds each child's reference in <CHILDID> (<CHILD> is the child's whole record).
    if (/<CHILDID>/i.test(text)) {
      for (const m of text.matchAll(/<CHILDID>\s*([^<]*?)\s*<\/CHILDID>/gi)) ids.add(m[1]!);
      continue;
    }
    const lines = text.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').split(/\r?\n/);
    const header = (lines[0] ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, '').toUpperCase());
    const column = header.indexOf('CHILD');
    if (column < 0) continue;
    for (const line of lines.slice(1)) {
      const value = line.split(',')[column]?.trim().replace(/^"|"$/g, '');
      if (value) ids.add(value);
    }
  }
  const foreign = [...ids].filter((id) => !DEMO_CHILD.test(id) && !demoIds.has(id));
  return ids.size > HANDFUL && foreign.length > 0 ? { children: ids.size } : null;
}
