import { z } from 'zod';
import type { Code } from '../../shared/domain/ssda903';
import { checkPostcode } from '../../shared/geo/postcode';
import { issueField, issueWords } from '../../shared/contract/issues';

/**
 * Zod schemas for one cell of an imported file. A cell arrives as trimmed text ('' when blank);
 * each schema turns it into the stored value or adds an issue whose message names the value and
 * says what would be right. Messages never repeat the column: the report shows it beside them.
 */

type Cell<T> = z.ZodType<T, string>;

/**
 * Remembers a check's answer per distinct text. Returns repeat heavily (the same dates, codes and
 * postcodes on many rows), so a large file is checked in a fraction of the time.
 */
function memo<T>(check: (raw: string) => { ok: true; value: T } | { ok: false; message: string }, limit = 50_000) {
  const seen = new Map<string, { ok: true; value: T } | { ok: false; message: string }>();
  return (raw: string) => {
    let answer = seen.get(raw);
    if (answer === undefined) {
      answer = check(raw);
      if (seen.size < limit) seen.set(raw, answer);
    }
    return answer;
  };
}

/** dd/mm/yyyy (SSDA903's form) to ISO YYYY-MM-DD, checking the day exists; null when it does not. */
export function ukDateToIso(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!m) return null;
  return isoIfReal(Number(m[3]), Number(m[2]), Number(m[1]));
}

/** ISO YYYY-MM-DD (how Excel date cells arrive) checked the same way. */
export function isoDateIfReal(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? isoIfReal(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function isoIfReal(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO YYYY-MM-DD to dd/mm/yyyy for SSDA903 and the templates. */
export function isoToUkDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

interface CellOptions {
  required?: boolean;
}

function blank(ctx: z.RefinementCtx, required: boolean | undefined): null {
  if (required) ctx.addIssue({ code: 'custom', message: 'This value is required but the cell is empty' });
  return null;
}

/** A date written dd/mm/yyyy; with `alsoIso`, an Excel date cell (read as YYYY-MM-DD) too. */
export function dateCell(options: CellOptions & { alsoIso?: boolean } = {}): Cell<string | null> {
  const check = memo<string>((raw) => {
    const iso = ukDateToIso(raw) ?? (options.alsoIso ? isoDateIfReal(raw) : null);
    if (iso !== null) return { ok: true, value: iso };
    const shape = /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(raw) || (options.alsoIso === true && /^\d{4}-\d{2}-\d{2}$/.test(raw));
    return { ok: false, message: shape ? `'${raw}' is not a real date` : `'${raw}' is not a date in the form dd/mm/yyyy` };
  });
  return z.string().transform((raw, ctx) => {
    if (raw === '') return blank(ctx, options.required);
    const answer = check(raw);
    if (!answer.ok) {
      ctx.addIssue({ code: 'custom', message: answer.message });
      return z.NEVER;
    }
    return answer.value;
  });
}

/** A code from one of the shared lists (retired codes pass here; the importer flags them with the row's context). */
export function codeCell(list: Record<string, Code>, listName: string, options: CellOptions = {}): Cell<string | null> {
  // The list's own key strings are returned, so a million rows share a handful of strings.
  const canonical = new Map<string, string>();
  for (const key of Object.keys(list)) {
    canonical.set(key, key);
    canonical.set(key.toLowerCase(), key);
  }
  return z.string().transform((raw, ctx) => {
    if (raw === '') return blank(ctx, options.required);
    const code = canonical.get(raw) ?? canonical.get(raw.toLowerCase());
    if (code === undefined) {
      ctx.addIssue({ code: 'custom', message: `'${raw}' is not ${listName} code (expected one of ${Object.keys(list).join(', ')})` });
      return z.NEVER;
    }
    return code;
  });
}

/** One of a short list of option strings (case forgiven; the stored value is the list's own spelling). */
export function optionCell<T extends string>(options: readonly T[], what: string, cell: CellOptions = {}): Cell<T | null> {
  const byKey = new Map(options.map((o) => [o.toLowerCase(), o] as const));
  return z.string().transform((raw, ctx) => {
    if (raw === '') return blank(ctx, cell.required);
    const hit = byKey.get(raw.toLowerCase());
    if (hit === undefined) {
      ctx.addIssue({ code: 'custom', message: `'${raw}' is not ${what} (expected one of ${options.join(', ')})` });
      return z.NEVER;
    }
    return hit;
  });
}

/** Free text up to a length. */
export function textCell(options: CellOptions & { max?: number } = {}): Cell<string | null> {
  const max = options.max ?? 200;
  return z.string().transform((raw, ctx) => {
    if (raw === '') return blank(ctx, options.required);
    if (raw.length > max) {
      ctx.addIssue({ code: 'custom', message: `This text is ${raw.length} characters long; at most ${max} fit` });
      return z.NEVER;
    }
    return raw;
  });
}

/** A whole number in a range. */
export function intCell(min: number, max: number, options: CellOptions = {}): Cell<number | null> {
  return z.string().transform((raw, ctx) => {
    if (raw === '') return blank(ctx, options.required);
    if (!/^[+-]?\d+(\.0+)?$/.test(raw)) {
      ctx.addIssue({ code: 'custom', message: `'${raw}' is not a whole number` });
      return z.NEVER;
    }
    const n = Number.parseInt(raw, 10);
    if (n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `${n} is outside the allowed range ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });
}

/** Pounds, with or without £ and thousands commas, to whole pence. */
export function poundsCell(options: CellOptions = {}): Cell<number | null> {
  return z.string().transform((raw, ctx) => {
    if (raw === '') return blank(ctx, options.required);
    const cleaned = raw.replace(/^£/, '').replace(/,/g, '').trim();
    if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) {
      ctx.addIssue({ code: 'custom', message: `'${raw}' is not an amount in pounds (e.g. 820 or 820.50)` });
      return z.NEVER;
    }
    const [whole, frac = ''] = cleaned.split('.');
    const pence = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
    if (pence > 100_000_00) {
      ctx.addIssue({ code: 'custom', message: `£${cleaned} a week is more than the £100,000 limit; check the amount` });
      return z.NEVER;
    }
    return pence;
  });
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** Yes/No (also Y/N, true/false, 1/0). */
export function yesNoCell(options: CellOptions = {}): Cell<boolean | null> {
  return z.string().transform((raw, ctx) => {
    if (raw === '') return blank(ctx, options.required);
    const key = raw.toLowerCase();
    if (YES.has(key)) return true;
    if (NO.has(key)) return false;
    ctx.addIssue({ code: 'custom', message: `'${raw}' is not Yes or No` });
    return z.NEVER;
  });
}

/** A UK postcode, normalised ('sw1a1aa' is 'SW1A 1AA'); the shared checker words the problem. */
export function postcodeCell(options: CellOptions = {}): Cell<string | null> {
  const check = memo<string>((raw) => {
    const result = checkPostcode(raw);
    return result.ok ? { ok: true, value: result.postcode } : { ok: false, message: result.message };
  });
  return z.string().transform((raw, ctx) => {
    if (raw === '') return blank(ctx, options.required);
    const answer = check(raw);
    if (!answer.ok) {
      ctx.addIssue({ code: 'custom', message: answer.message });
      return z.NEVER;
    }
    return answer.value;
  });
}

/**
 * An Ofsted unique reference number: 'SC' and six digits for social care settings and agencies,
 * or six or seven digits; SSDA903 also allows 'XXXXXXX' for a placement with no URN (stored as none).
 */
export function urnCell(options: CellOptions & { allowNone?: boolean } = {}): Cell<string | null> {
  return z.string().transform((raw, ctx) => {
    if (raw === '') return blank(ctx, options.required);
    const urn = raw.toUpperCase().replace(/\s+/g, '');
    if (options.allowNone && urn === 'XXXXXXX') return null;
    if (!/^(SC\d{6}|\d{6,7})$/.test(urn)) {
      ctx.addIssue({ code: 'custom', message: `'${raw}' is not an Ofsted URN (SC and six digits, or six or seven digits)` });
      return z.NEVER;
    }
    return urn;
  });
}

/** A list in one cell, separated by semicolons (or commas), each item one of the given options when they are given. */
export function listCell<T extends string>(options: readonly T[] | null, what: string): Cell<string[]> {
  const byKey = options ? new Map(options.map((o) => [o.toLowerCase(), o] as const)) : null;
  return z.string().transform((raw, ctx) => {
    if (raw === '') return [];
    const items = raw
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const out: string[] = [];
    for (const item of items) {
      if (!byKey) {
        out.push(item);
        continue;
      }
      const hit = byKey.get(item.toLowerCase());
      if (hit === undefined) {
        ctx.addIssue({ code: 'custom', message: `'${item}' is not ${what} (expected any of ${options!.join(', ')})` });
        return z.NEVER;
      }
      if (!out.includes(hit)) out.push(hit);
    }
    return out;
  });
}

/** The problems of a failed row parse as (column, message) pairs, one per column. */
export function issuesByColumn(error: z.ZodError): { column: string; message: string }[] {
  const seen = new Set<string>();
  const out: { column: string; message: string }[] = [];
  for (const issue of error.issues) {
    const column = issueField(issue);
    if (seen.has(column)) continue;
    seen.add(column);
    out.push({ column, message: issueWords(issue) });
  }
  return out;
}
