import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/accounts';
import type { Connection, Handler, Handlers, ServiceContext } from '../../electron/rpc/context';
import { createDispatcher, type Dispatch } from '../../electron/rpc/dispatch';
import { EventBus } from '../../electron/rpc/events';
import { allHandlers } from '../../electron/services';
import { ApiError, contract, type ApiResult, type MethodName, type MethodSpec } from '../../shared/contract';
import { tempStore, testClock } from '../helpers/store';

/**
 * Each guard of the dispatcher, shown to catch what it exists for: the services are replaced by
 * stubs that misbehave on purpose (write and then fail, answer the wrong shape, skip the audit),
 * over a real encrypted store, and the store is read afterwards to see that nothing stayed written.
 */

let store: ReturnType<typeof tempStore>;
let childId: number;
let vacancyId: number;

beforeAll(() => {
  store = tempStore({ kind: 'demo' });
  childId = store.db.prepare('SELECT min(id) FROM children').pluck().get() as number;
  vacancyId = store.db.prepare("SELECT min(id) FROM vacancies WHERE status = 'open'").pluck().get() as number;
}, 120_000);
afterAll(() => store?.remove());

const MARK = ' (written by a stub)';

/** A write any stub can make, and can be looked for afterwards. */
function writeMark(ctx: ServiceContext): void {
  ctx.db.prepare('UPDATE councils SET name = name || ? WHERE id = (SELECT min(id) FROM councils)').run(MARK);
}
const marked = () => store.db.prepare('SELECT count(*) FROM councils WHERE name LIKE ?').pluck().get(`%${MARK}`) as number;
const lastAuditId = () => store.db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
const auditSince = (id: number) =>
  store.db.prepare('SELECT method, action, record_type AS recordType, record_id AS recordId, outcome FROM audit_log WHERE id > ? ORDER BY id').all(id) as {
    method: string;
    action: string;
    recordType: string;
    recordId: string;
    outcome: string;
  }[];

/** A dispatcher over the real services, with the given ones replaced by stubs; calls as one user. */
async function dispatcherWith(stubs: Partial<{ [M in MethodName]: Handler<M> }>, username: string) {
  const handlers = { ...allHandlers, ...stubs } as Handlers<MethodName>;
  const dispatch: Dispatch = createDispatcher({
    db: store.db,
    handlers,
    facts: { version: 'test', mode: 'loopback', dataDir: '/tmp/rcc-test', keyProtection: 'key-file' },
    events: new EventBus(),
    now: testClock().now,
  });
  const connection: Connection = { id: randomBytes(8).toString('hex'), session: null };
  const call = async (method: string, payload: unknown) => JSON.parse(JSON.stringify(await dispatch(method, payload, connection))) as ApiResult<unknown>;
  const signedIn = await call('auth.signIn', { username, password: DEMO_PASSWORD });
  if (!signedIn.ok) throw new Error(`Could not sign in as ${username}: ${signedIn.error.message}`);
  return call;
}

/** A real service's answer, which is synchronous: the stubs below build on it. */
function answerOf<T>(answer: T | Promise<T>): T {
  if (answer instanceof Promise) throw new Error('the real services answer synchronously');
  return answer;
}

function errorOf(result: ApiResult<unknown>): { code: string; message: string; field?: string } {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

describe("the dispatcher's role check", () => {
  it("refuses a method outside the caller's role before its service runs, and audits the attempt", async () => {
    let ran = 0;
    const stub: Handler<'users.disable'> = (ctx) => {
      ran++;
      writeMark(ctx);
      throw new ApiError('CONFLICT', 'stub reached');
    };
    const officer = await dispatcherWith({ 'users.disable': stub }, 'demo.officer');
    const before = lastAuditId();
    const refused = errorOf(await officer('users.disable', { userId: 1 }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('users.disable');
    expect(ran).toBe(0);
    expect(auditSince(before)).toEqual([{ method: 'users.disable', action: 'attempt', recordType: 'method', recordId: 'userId=1', outcome: 'refused' }]);
    // The same stub is reached by the role the method is for, so the refusal above was the role check's.
    const admin = await dispatcherWith({ 'users.disable': stub }, 'demo.admin');
    expect(errorOf(await admin('users.disable', { userId: 1 })).message).toBe('stub reached');
    expect(ran).toBe(1);
    expect(marked()).toBe(0);
  });
});

describe("the dispatcher's input check", () => {
  it('answers BAD_INPUT naming the field, and the service never runs', async () => {
    let ran = 0;
    const officer = await dispatcherWith(
      { 'vacancies.setStatus': (ctx, input) => (ran++, writeMark(ctx), allHandlers['vacancies.setStatus'](ctx, input)) },
      'demo.officer',
    );
    const wrongValue = errorOf(await officer('vacancies.setStatus', { vacancyId, status: 'reserved' }));
    expect(wrongValue).toMatchObject({ code: 'BAD_INPUT', field: 'status' });
    expect(wrongValue.message).toBe('Choose the vacancy status from the list');
    const strayKey = errorOf(await officer('vacancies.setStatus', { vacancyId, status: 'held', beds: 3 }));
    expect(strayKey).toMatchObject({ code: 'BAD_INPUT', field: 'beds', message: 'Beds is not something this form sends' });
    expect(errorOf(await officer('vacancies.setStatus', { status: 'held' }))).toMatchObject({
      code: 'BAD_INPUT',
      field: 'vacancyId',
      message: 'Choose the vacancy',
    });
    expect(ran).toBe(0);
    expect(marked()).toBe(0);
  });
});

describe("the dispatcher's output check", () => {
  it('drops a key the output schema does not name, so it never reaches the caller', async () => {
    const officer = await dispatcherWith(
      { 'children.get': (ctx, input) => ({ ...answerOf(allHandlers['children.get'](ctx, input)), secretNote: 'not for the screen' }) },
      'demo.officer',
    );
    const answer = await officer('children.get', { childId });
    expect(answer.ok).toBe(true);
    expect(JSON.stringify(answer)).not.toContain('secretNote');
  });

  it('refuses a wrong-typed answer as INTERNAL, and the write the service made is rolled back', async () => {
    const officer = await dispatcherWith(
      {
        'vacancies.setStatus': (ctx, input) => {
          writeMark(ctx);
          return { ...answerOf(allHandlers['vacancies.setStatus'](ctx, input)), beds: 'two' } as never;
        },
      },
      'demo.officer',
    );
    const statusBefore = store.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId);
    expect(errorOf(await officer('vacancies.setStatus', { vacancyId, status: 'withdrawn' })).code).toBe('INTERNAL');
    expect(marked()).toBe(0);
    expect(store.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId)).toBe(statusBefore);
  });
});

describe("the dispatcher's child-audit requirement", () => {
  it('refuses a child-record method whose service wrote no audit entry, and rolls back its writes', async () => {
    const officer = await dispatcherWith(
      {
        'children.get': (ctx, input) => {
          writeMark(ctx);
          // The real answer, without the audit entry the real service writes.
          return allHandlers['children.get']({ ...ctx, audit: () => {} }, input);
        },
      },
      'demo.officer',
    );
    const before = lastAuditId();
    expect(errorOf(await officer('children.get', { childId })).code).toBe('INTERNAL');
    expect(marked()).toBe(0);
    expect(auditSince(before).filter((e) => e.outcome === 'ok')).toEqual([]);
    // With the audit entry the same answer goes through, and the entry is on the log.
    const audited = await dispatcherWith({ 'children.get': (ctx, input) => allHandlers['children.get'](ctx, input) }, 'demo.officer');
    const after = lastAuditId();
    expect((await audited('children.get', { childId })).ok).toBe(true);
    expect(auditSince(after)).toEqual([{ method: 'children.get', action: 'view', recordType: 'child', recordId: String(childId), outcome: 'ok' }]);
  });

  it("puts every refused attempt at a child's record on the audit log, naming the record", async () => {
    const officer = await dispatcherWith(
      {
        'children.get': () => {
          throw new ApiError('FORBIDDEN', 'That record belongs to a council outside your scope.');
        },
      },
      'demo.officer',
    );
    const before = lastAuditId();
    expect(errorOf(await officer('children.get', { childId })).code).toBe('FORBIDDEN');
    expect(errorOf(await officer('children.get', { childId: 'seven' })).code).toBe('BAD_INPUT');
    expect(auditSince(before)).toEqual([
      { method: 'children.get', action: 'attempt', recordType: 'child', recordId: `childId=${childId}`, outcome: 'refused' },
      { method: 'children.get', action: 'attempt', recordType: 'child', recordId: '*', outcome: 'refused' },
    ]);
  });
});

describe("the dispatcher's transaction around a write", () => {
  it('rolls back what a write method wrote before it failed, whether it refused or crashed', async () => {
    const failing =
      (error: Error): Handler<'vacancies.setStatus'> =>
      (ctx, input) => {
        answerOf(allHandlers['vacancies.setStatus'](ctx, input));
        writeMark(ctx);
        throw error;
      };
    const statusBefore = store.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId);
    const historyBefore = store.db.prepare('SELECT count(*) FROM vacancy_status_history').pluck().get();
    const refusing = await dispatcherWith({ 'vacancies.setStatus': failing(new ApiError('CONFLICT', 'Changed my mind.')) }, 'demo.officer');
    expect(errorOf(await refusing('vacancies.setStatus', { vacancyId, status: 'withdrawn' }))).toMatchObject({ code: 'CONFLICT', message: 'Changed my mind.' });
    const crashing = await dispatcherWith({ 'vacancies.setStatus': failing(new TypeError('x is undefined')) }, 'demo.officer');
    const crashed = errorOf(await crashing('vacancies.setStatus', { vacancyId, status: 'withdrawn' }));
    expect(crashed.code).toBe('INTERNAL');
    expect(crashed.message).toContain('nothing was changed');
    expect(marked()).toBe(0);
    expect(store.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId)).toBe(statusBefore);
    expect(store.db.prepare('SELECT count(*) FROM vacancy_status_history').pluck().get()).toBe(historyBefore);
    // The real service alone does write, so the checks above can see a write that stays.
    const real = await dispatcherWith({}, 'demo.officer');
    expect((await real('vacancies.setStatus', { vacancyId, status: 'withdrawn' })).ok).toBe(true);
    expect(store.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId)).toBe('withdrawn');
  });
});

describe('a service that awaits', () => {
  it("is refused inside the dispatcher's transaction as INTERNAL, and what it wrote first is rolled back", async () => {
    const officer = await dispatcherWith(
      {
        'vacancies.setStatus': (ctx, input) => {
          writeMark(ctx);
          return Promise.resolve(answerOf(allHandlers['vacancies.setStatus'](ctx, input)));
        },
      },
      'demo.officer',
    );
    const statusBefore = store.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId);
    expect(errorOf(await officer('vacancies.setStatus', { vacancyId, status: 'withdrawn' })).code).toBe('INTERNAL');
    expect(marked()).toBe(0);
    expect(store.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId)).toBe(statusBefore);
  });

  it('may await when its method says ownTransactions: other calls are answered meanwhile, and its audit entry is written when it ends', async () => {
    // No method awaits yet (long work will), so one is marked for this test only.
    const spec = contract['children.get'] as MethodSpec;
    spec.ownTransactions = true;
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const officer = await dispatcherWith(
        {
          'children.get': async (ctx, input) => {
            await gate;
            return allHandlers['children.get'](ctx, input);
          },
        },
        'demo.officer',
      );
      const before = lastAuditId();
      const slow = officer('children.get', { childId });
      // The same window asks something else while the first call waits: it is answered at once.
      expect((await officer('auth.me', {})).ok).toBe(true);
      expect(auditSince(before).filter((e) => e.method === 'children.get')).toEqual([]);
      release();
      expect((await slow).ok).toBe(true);
      expect(auditSince(before).filter((e) => e.method === 'children.get')).toEqual([
        { method: 'children.get', action: 'view', recordType: 'child', recordId: String(childId), outcome: 'ok' },
      ]);

      // The child-audit requirement holds after an await too.
      const unaudited = await dispatcherWith(
        {
          'children.get': async (ctx, input) => {
            await Promise.resolve();
            return allHandlers['children.get']({ ...ctx, audit: () => {} }, input);
          },
        },
        'demo.officer',
      );
      expect(errorOf(await unaudited('children.get', { childId })).code).toBe('INTERNAL');
    } finally {
      delete spec.ownTransactions;
    }
  });
});
