import type { WritableDB } from './handle';
import { StoreError } from './errors';
import { MIGRATIONS } from './migrations';

export interface Migration {
  /** Numbered in tens so a fix can slot in between two released migrations. */
  version: number;
  name: string;
  up(db: WritableDB): void;
}

export function latestSchemaVersion(): number {
  return MIGRATIONS.at(-1)?.version ?? 0;
}

/** Applies every pending migration in one transaction and records the result in user_version. */
export function migrate(db: WritableDB, upTo: number = latestSchemaVersion()): number {
  const current = Number(db.pragma('user_version', { simple: true }));
  const latest = latestSchemaVersion();
  if (current > latest) {
    throw new StoreError(
      'too-new',
      `This data store was written by a newer version of RCC Placements (schema ${current}; this app knows up to ${latest}). Install the newer version to open it; nothing was changed.`,
    );
  }
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= upTo);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${pending.at(-1)!.version}`);
  })();
  return pending.at(-1)!.version;
}
