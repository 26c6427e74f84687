import type { ReadableDB, WritableDB } from '../handle';
import { prepare } from '../statementCache';

export type StoreKind = 'demo' | 'real';

export function getMeta(db: ReadableDB, key: string): string | null {
  const row = prepare(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: WritableDB, key: string, value: string): void {
  prepare(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function getStoreKind(db: ReadableDB): StoreKind | null {
  const kind = getMeta(db, 'store_kind');
  return kind === 'demo' || kind === 'real' ? kind : null;
}
