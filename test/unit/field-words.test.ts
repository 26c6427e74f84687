import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, METHOD_NAMES } from '../../shared/contract';
import { parseInWords, type Place } from '../../shared/contract/issues';

/** Values that are wrong for most fields in some way: missing, the wrong type, out of any range, too long. */
const BAD_VALUES: unknown[] = [undefined, null, '', 'not-a-thing', -1, 0, 1.5, 1e12, true, {}, [], ['not-a-thing'], [-1], 'x'.repeat(20_001)];

type Shape = Record<string, z.core.$ZodType>;

/** The object shape of a schema, looking through optional, nullable, default and transform wrappers. */
function shapeOf(schema: z.core.$ZodType): Shape | undefined {
  for (let s: z.core.$ZodType | undefined = schema, i = 0; s && i < 16; i++) {
    const def = s._zod.def as unknown as { type: string; shape?: Shape; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.type === 'object') return def.shape;
    s = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  }
  return undefined;
}

/** Every path to a field of the input, nested objects included (a few levels deep). */
function paths(schema: z.core.$ZodType, depth = 0): string[][] {
  const shape = shapeOf(schema);
  if (!shape || depth > 3) return [];
  return Object.entries(shape).flatMap(([key, inner]) => [[key], ...paths(inner, depth + 1).map((p) => [key, ...p])]);
}

function payloadWith(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** Words no user should read: a dotted path, a camelCase key, zod's own phrasing. */
const SCHEMA_TEXT = /\b[a-zA-Z]{2,}\.[a-zA-Z]{2,}\b|\b[a-z]+[A-Z]\w*\b|expected|received|Invalid input|Invalid option|Too small|Too big|Unrecognized/;

describe('every contract input’s problems read in the field’s words', () => {
  it('names no internal key, path or schema text for missing, wrong, out-of-range and unknown values', () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const name of METHOD_NAMES) {
      const schema = contract[name].input as z.ZodType;
      const payloads: unknown[] = [{}, null, 'not-an-object', { notSomethingThisFormSends: 1 }];
      for (const path of paths(schema)) for (const value of BAD_VALUES) payloads.push(payloadWith(path, value));
      for (const payload of payloads) {
        for (const place of ['away', 'beside'] as Place[]) {
          const result = parseInWords(schema, payload, place);
          if (result.success) continue;
          for (const issue of result.error.issues) {
            checked++;
            if (SCHEMA_TEXT.test(issue.message) || issue.message.trim() === '')
              offenders.push(`${name} ${JSON.stringify(payload)?.slice(0, 80)} → ${issue.message}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect([...new Set(offenders)]).toEqual([]);
  });
});
