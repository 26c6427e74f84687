import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStore, type ImportStore } from './helpers';

/** The lookups an import makes once per row must use an index, or a large file slows to a crawl. */
let store: ImportStore;
beforeAll(() => {
  store = importStore();
});
afterAll(() => store.remove());

function plan(sql: string): string {
  const params = Array.from(sql.matchAll(/\?/g), () => 1);
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('import lookups use indexes', () => {
  it.each([
    ['an imported child by keyed hash', 'SELECT id FROM children WHERE source_key = ?', /USING (COVERING )?INDEX children_by_source_key/],
    [
      'a child’s episode by start date',
      'SELECT id FROM episodes WHERE child_id = ? AND decom = ?',
      /USING (COVERING )?INDEX episodes_by_child \(child_id=\? AND decom=\?\)/,
    ],
    [
      'a child’s latest episode',
      'SELECT ls FROM episodes WHERE child_id = ? ORDER BY decom DESC LIMIT 1',
      /USING (COVERING )?INDEX episodes_by_child \(child_id=\?\)/,
    ],
    [
      'a missing episode by start date',
      'SELECT id FROM missing_episodes WHERE child_id = ? AND start_date = ?',
      /USING (COVERING )?INDEX sqlite_autoindex_missing_episodes_1/,
    ],
    [
      'a foster household by its provider’s reference',
      "SELECT id FROM homes WHERE provider_id = ? AND external_ref = ? AND kind = 'foster'",
      /USING (COVERING )?INDEX homes_by_external_ref/,
    ],
    ['a home by Ofsted URN', 'SELECT id FROM homes WHERE ofsted_urn = ?', /USING (COVERING )?INDEX homes_by_urn/],
    ['a provider by Ofsted URN', 'SELECT id FROM providers WHERE ofsted_urn = ?', /USING (COVERING )?INDEX sqlite_autoindex_providers_1/],
  ])('%s', (_what, sql, expected) => {
    const detail = plan(sql);
    expect(detail).toMatch(expected);
    expect(detail).not.toMatch(/^SCAN/);
  });
});
