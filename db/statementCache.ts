import type Database from 'better-sqlite3-multiple-ciphers';
import type { ReadableDB } from './handle';

/**
 * The same handle, but each distinct SQL text is compiled once. Repository functions prepare their
 * statements afresh on every call; where one request calls them in a loop (a loader per referral,
 * counts per constellation), compiling them, not running them, was most of the time on the large
 * region. Made for one request and dropped with it. A statement handed out again is reset to plain
 * rows, so no caller sees another's pluck() or raw().
 */
export function withStatementCache(db: ReadableDB): ReadableDB {
  const statements = new Map<string, Database.Statement>();
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          let stmt = statements.get(sql);
          if (stmt === undefined) {
            stmt = target.prepare(sql);
            statements.set(sql, stmt);
          } else if (stmt.reader) {
            stmt.pluck(false).expand(false).raw(false);
          }
          return stmt;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
