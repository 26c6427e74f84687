import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ReadableDB, WritableDB } from '../../db/handle';
import { getMeta, setMeta } from '../../db/repositories/meta';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/contract';
import type { Handler, Handlers, MethodWrites, ServiceContext } from '../../electron/rpc/context';

// The checks below are made by the type checker (npx tsc --noEmit): a @ts-expect-error that no
// longer finds its error fails it. The test bodies only make them part of the suite.

/** A read-only method's handler cannot call a repository function that writes. */
export const readOnlyHandler: Handler<'audit.list'> = (ctx) => {
  getMeta(ctx.db, 'store_kind');
  // @ts-expect-error audit.list declares writes: false, so its handle is a ReadableDB
  setMeta(ctx.db, 'x', 'y');
  return { rows: [], total: 0 };
};

/** A method that writes gets a WritableDB. */
export const writingHandler: Handler<'audit.export'> = (ctx) => {
  setMeta(ctx.db, 'x', 'y');
  return { filename: 'a.csv', mimeType: 'text/csv', base64: '', entries: 0 };
};

/** The same holds in a handler map, where each method's handler is typed from its own spec. */
export const handlerMap: Pick<Handlers<'audit.list' | 'audit.export'>, 'audit.list'> = {
  'audit.list': (ctx) => {
    // @ts-expect-error read-only in a map too
    setMeta(ctx.db, 'x', 'y');
    return { rows: [], total: 0 };
  },
};

/** Code any method may call takes ServiceContext and may only read; code that writes asks for ServiceContext<true>. */
export function readsOnly(ctx: ServiceContext): string | null {
  // @ts-expect-error a plain ServiceContext may be a read-only method's
  setMeta(ctx.db, 'x', 'y');
  return getMeta(ctx.db, 'store_kind');
}

describe('read-only handlers receive a read-only handle by type', () => {
  it("keeps each method's writes flag as a literal type, from the contract alone", () => {
    expectTypeOf<MethodWrites<'audit.list'>>().toEqualTypeOf<false>();
    expectTypeOf<MethodWrites<'audit.export'>>().toEqualTypeOf<true>();
    expectTypeOf<ServiceContext<MethodWrites<'audit.list'>>['db']>().toEqualTypeOf<ReadableDB>();
    expectTypeOf<ServiceContext<MethodWrites<'audit.export'>>['db']>().toEqualTypeOf<WritableDB>();
    expect(contract['audit.list'].writes).toBe(false);
    expect(contract['audit.export'].writes).toBe(true);
  });

  it('has a literal writes flag on every method (no method typed as plain boolean)', () => {
    // A spec whose writes were widened to boolean would give its handler a handle of either kind.
    type Widened = { [M in MethodName]: boolean extends MethodWrites<M> ? M : never }[MethodName];
    expectTypeOf<Widened>().toEqualTypeOf<never>();
    for (const name of METHOD_NAMES) expect(typeof contract[name].writes, name).toBe('boolean');
  });
});
