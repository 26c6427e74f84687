import { z } from 'zod';
import { formatPence } from '../domain/money';

/**
 * What the contract's schemas find wrong with an input, in the field's words: the one place a zod
 * issue becomes a message. The dispatcher's BAD_INPUT errors and the forms' messages by each field
 * both come from here, so a form never says something different from the server about the same
 * value, and a change of wording is made once.
 *
 * A field's name in the user's words is written once, on the field's own schema in the contract:
 * `.meta({ label: 'weekly price' })`. A field without one is named from its key ('neededByDate' →
 * 'needed by date'), never by its dotted path. A message written in the schema itself
 * (`.max(20, 'No home offers more than 20 beds')`) is already in words and is used as it stands.
 */

declare module 'zod' {
  interface GlobalMeta {
    /** The field as the user knows it ('weekly price'), for messages about it. */
    label?: string;
    /** The field is a calendar date: any fault with it is worded as a date. */
    date?: boolean;
    /** Money held in pence (as every amount is) but shown in pounds; keys ending in 'Pence' need not say so. */
    pence?: boolean;
  }
}

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;
type Schema = z.core.$ZodType;

/** Where a message is shown: away from its field (an API error, a toast) it names the field; beside it, it need not. */
export type Place = 'away' | 'beside';

/** The field an issue is about, as a dotted path ('child.birthDate'); '' for the input as a whole. */
export function issueField(issue: Pick<Issue, 'path'> & { code: string; keys?: string[] }): string {
  const path = issue.path.map(String).join('.');
  // An unknown key is reported on the object holding it: name the key itself.
  if (issue.code === 'unrecognized_keys') return [path, issue.keys?.[0]].filter(Boolean).join('.');
  return path;
}

/**
 * Parses `value` with `schema`, wording every problem for `place`. The contract's own schemas pass
 * through here wherever input is checked: the dispatcher (away) and the forms (beside).
 */
export function parseInWords<S extends z.ZodType>(schema: S, value: unknown, place: Place): z.ZodSafeParseResult<z.output<S>> {
  // A per-parse error map is asked only when the schema wrote no message of its own, so those win.
  return schema.safeParse(value, { error: (issue) => wordIssue(schema, issue, place) });
}

/** The problem as worded by parseInWords (or an importer's own message); for unknown keys, the key's words. */
export function issueWords(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') return 'is not a field of this request';
  return issue.message;
}

/** The message an API error carries: the issue's words, which name the field when parsed for 'away'. */
export function issueMessage(issue: Issue): string {
  return issue.message;
}

/**
 * Each field's first problem under `schema` (the contract's own input schema, or a field of it),
 * keyed by dotted path: {} when the value passes. For forms, checked as the user types.
 */
export function fieldProblems(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = parseInWords(schema, value, 'beside');
  const problems: Record<string, string> = {};
  if (!result.success) for (const issue of result.error.issues) problems[issueField(issue)] ??= issue.message;
  return problems;
}

/** An API error's message when it is about `field` (the form shows it beside that field); otherwise undefined. */
export function messageForField(error: { field?: string | undefined; message: string } | null | undefined, field: string): string | undefined {
  if (!error || error.field !== field) return undefined;
  return error.message;
}

// ——— Finding the field an issue is about ———

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  in?: Schema;
  getter?: () => Schema;
  options?: readonly Schema[];
  left?: Schema;
  right?: Schema;
  valueType?: Schema;
  items?: readonly Schema[];
  rest?: Schema | null;
  values?: readonly unknown[];
}
const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;

/** A schema and the wrappers inside it that leave its meaning alone (optional, nullable, default, a transform's input…). */
function layers(schema: Schema): Schema[] {
  const out: Schema[] = [];
  for (let s: Schema | undefined = schema; s && out.length < 16;) {
    out.push(s);
    const def = defOf(s);
    s = def.innerType ?? (def.type === 'pipe' ? def.in : def.type === 'lazy' ? def.getter?.() : undefined);
  }
  return out;
}

/** The schema of one step of a path inside `schema`, or undefined when the step leaves it. */
function step(schema: Schema, key: PropertyKey): Schema | undefined {
  for (const s of layers(schema)) {
    const def = defOf(s);
    if (def.type === 'object') return def.shape?.[String(key)];
    if (def.type === 'array') return def.element;
    if (def.type === 'record') return def.valueType;
    if (def.type === 'tuple') return typeof key === 'number' ? (def.items?.[key] ?? def.rest ?? undefined) : undefined;
    if (def.type === 'intersection') return step(def.left!, key) ?? step(def.right!, key);
    if (def.type === 'union') {
      for (const option of def.options ?? []) {
        const found = step(option, key);
        if (found) return found;
      }
      return undefined;
    }
  }
  return undefined;
}

function metaOf(schema: Schema): z.core.GlobalMeta {
  const found: z.core.GlobalMeta = {};
  // The outer layer's word wins: a field's label is written on the field, not on the shared schema inside it.
  for (const s of layers(schema).reverse()) Object.assign(found, z.globalRegistry.get(s) ?? {});
  return found;
}

/** 'neededByDate' → 'needed by date', 'councilId' → 'council', 'priceCorePence' → 'price core'. */
export function readableKey(key: string): string {
  const words = key
    .replace(/(.)(Ids?|Pence)$/, '$1')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words || 'value';
}

interface Field {
  label: string;
  /** A pick from a list (a code, a record, yes/no): "Choose", not "Enter". */
  choose: boolean;
  money: boolean;
  date: boolean;
  /** The innermost schema's kind: 'string', 'number', 'enum', 'array'… */
  kind: string;
}

function fieldAt(root: Schema, path: readonly PropertyKey[]): Field {
  let schema: Schema | undefined = root;
  // The field whose name is used: an element of a list is named by its list.
  let named: { schema: Schema | undefined; key: string } = { schema: root, key: '' };
  for (const key of path) {
    schema = schema ? step(schema, key) : undefined;
    if (typeof key === 'string') named = { schema, key };
  }
  const meta = named.schema ? metaOf(named.schema) : {};
  const own = schema ? metaOf(schema) : {};
  const inner = schema ? layers(schema).at(-1)! : undefined;
  const kind = inner ? defOf(inner).type : 'unknown';
  const innerKind = (s: Schema): string => defOf(layers(s).at(-1)!).type;
  const listOf = inner && kind === 'array' ? innerKind(defOf(inner).element!) : '';
  // A union of fixed values (the hub's bed 1 or 2) is a pick from a list too.
  const fixedValues = inner && kind === 'union' && (defOf(inner).options ?? []).every((o) => innerKind(o) === 'literal');
  const label = meta.label ?? (named.key ? readableKey(named.key) : 'details');
  return {
    label,
    choose: /Ids?$/.test(named.key) || ['enum', 'literal', 'boolean'].includes(kind) || ['enum', 'literal'].includes(listOf) || Boolean(fixedValues),
    money: /Pence$/.test(named.key) || Boolean(own.pence ?? meta.pence),
    date: Boolean(own.date ?? meta.date),
    kind,
  };
}

// ——— Wording ———

const count = (n: number | bigint): string => Number(n).toLocaleString('en-GB');

function wordIssue(root: Schema, issue: RawIssue, place: Place): string {
  const away = place === 'away';
  if (issue.code === 'unrecognized_keys') {
    const key = readableKey(issue.keys[0] ?? '');
    return `${key.charAt(0).toUpperCase()}${key.slice(1)} is not something this form sends`;
  }
  const field = fieldAt(root, issue.path ?? []);
  const { label } = field;
  const pick = field.choose ? 'Choose' : 'Enter';
  const fillIn = field.kind === 'boolean' ? (away ? `Choose yes or no for the ${label}` : 'Choose yes or no') : `${pick} the ${label}`;
  const realDate = away ? `Enter a real date for the ${label}` : 'Enter a real date';
  const input = issue.input;
  if (input === undefined || input === null || (input === '' && issue.code !== 'too_big')) return fillIn;
  if (field.date) return realDate;

  switch (issue.code) {
    case 'invalid_type': {
      if (field.choose) return fillIn;
      if (issue.expected === 'number' || issue.expected === 'int') {
        const what = issue.expected === 'int' ? (field.money ? 'whole pence' : 'a whole number') : 'a number';
        return away ? `Enter the ${label} as ${what}` : `Enter ${what}`;
      }
      if (issue.expected === 'string') return away ? `Enter the ${label} as text` : 'Enter text';
      return fillIn;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      // The schema's kind, not the issue's origin: zod still runs a list's length check on a string sent in its place.
      const origin = ['string', 'array', 'set', 'number'].includes(field.kind) ? field.kind : issue.origin;
      if (origin === 'string') {
        if (small && Number(limit) <= 1) return fillIn;
        if (small) return away ? `Enter at least ${count(limit)} characters for the ${label}` : `Enter at least ${count(limit)} characters`;
        return away ? `Keep the ${label} under ${count(limit)} characters` : `Keep it under ${count(limit)} characters`;
      }
      if (origin === 'array' || origin === 'set') {
        const n = Number(limit) === 1 ? 'one' : count(limit);
        const bound = `${small ? 'at least' : 'at most'} ${n}`;
        return away ? `Choose ${bound} of the ${label}` : `Choose ${bound}`;
      }
      if (field.choose) return fillIn;
      const shown = field.money ? formatPence(Number(limit)) : count(limit);
      const bound = `${small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than'} ${shown}`;
      return away ? `Enter ${bound} for the ${label}` : `Enter ${bound}`;
    }
    case 'invalid_value': {
      const only = issue.values.length === 1 ? issue.values[0] : undefined;
      if (only === true) return away ? `Tick to confirm the ${label}` : 'Tick to confirm';
      return away ? `Choose the ${label} from the list` : 'Choose one from the list';
    }
    case 'invalid_format': {
      if (issue.format === 'email') return away ? `Enter the ${label} as an e-mail address` : 'Enter an e-mail address';
      if (issue.format === 'url') return away ? `Enter the ${label} as a web address` : 'Enter a web address';
      return away ? `Check the ${label}: it is not in the form expected` : 'Not in the form expected';
    }
    case 'not_multiple_of':
      return away
        ? `Enter the ${label} in steps of ${field.money ? formatPence(Number(issue.divisor)) : count(issue.divisor)}`
        : `Enter steps of ${count(issue.divisor)}`;
    case 'invalid_union':
      return field.choose ? fillIn : `Check the ${label}`;
    default:
      return `Check the ${label}`;
  }
}
