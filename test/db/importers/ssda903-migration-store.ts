import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../../db/migrate';
import { openStore } from '../../../db/open';

/** A real encrypted store migrated only up to `version`, to test a later migration over existing rows. */
export function tempStoreAt(version: number) {
  const dir = mkdtempSync(join(tmpdir(), 'rcc-migrate-'));
  const db = openStore({ file: join(dir, 'store.db'), key: randomBytes(32), migrateTo: version });
  return {
    db,
    migrateToLatest: () => migrate(db),
    remove() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
