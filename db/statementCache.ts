import type Database from 'better-sqlite3-multiple-ciphers';
import type { ReadableDB } from './handle';

/**
 * How many distinct SQL texts one connection keeps compiled. Most are fixed strings; the rest are
 * IN-lists whose length varies (a constellation's homes), so the cache is bounded, dropping the
 * statement used longest ago.
 */
const MAX_STATEMENTS = 500;

/** Per connection: a closed or replaced handle (a restore) takes its statements with it. */
const caches = new WeakMap<ReadableDB, Map<string, Database.Statement>>();

/**
 * The one way repositories prepare SQL: each distinct text is compiled once per connection and
 * handed out again after. Compiling, not running, was most of the time where a request called a
 * repository in a loop (a loader per referral, counts per constellation).
 *
 * A statement handed out again is reset to plain rows, so no caller sees another's pluck(), raw()
 * or expand(); one still being iterated (busy) is not shared, and a fresh one is compiled instead.
 * Modes are set per call, so a caller must not keep a statement across a call that may prepare
 * the same text (hold the rows, not the statement).
 */
export function prepare(db: ReadableDB, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  const cached = cache.get(sql);
  if (cached !== undefined && !cached.busy) {
    // Most recently used last, so the oldest is the first to go.
    cache.delete(sql);
    cache.set(sql, cached);
    if (cached.reader) cached.pluck(false).expand(false).raw(false);
    return cached;
  }
  const stmt = db.prepare(sql);
  if (cached !== undefined) return stmt;
  cache.set(sql, stmt);
  if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
  return stmt;
}

/** How many statements a connection holds compiled (tests). */
export function cachedStatementCount(db: ReadableDB): number {
  return caches.get(db)?.size ?? 0;
}
