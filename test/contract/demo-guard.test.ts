import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResultView } from '../../shared/contract/data';
import { episodesCsv, headerCsv, syntheticReturn, xml903 } from '../db/importers/ssda903-generator';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, inProcess, overHttp, type Client, type Transport } from '../helpers/transports';

/**
 * Demo and real never mix: a file shaped like a council's real SSDA903 return (more than a handful
 * of children whose references are not the demo's) is refused from the demo region until the user
 * confirms it is synthetic; the demo's own references, a dry run and a real store are not asked.
 */
const file = (fileName: string, text: string) => ({ fileName, contentBase64: Buffer.from(text, 'utf8').toString('base64') });

describe.each([inProcess, overHttp] as Transport[])('a real-looking return going into the demo region, over $name', (transport) => {
  const store = tempStore({ kind: 'demo' });
  const backend = testBackend(store.db, testClock().now);
  let host: Awaited<ReturnType<Transport['start']>>;
  let officer: Client;
  const councilId = Number(store.db.prepare('SELECT id FROM councils ORDER BY id LIMIT 1').pluck().get());
  const children = () => Number(store.db.prepare('SELECT count(*) FROM children').pluck().get());

  beforeAll(async () => {
    host = await transport.start(backend);
    officer = await host.newClient();
    expectOk(await officer.call('auth.signIn', { username: 'demo.officer', password: 'demo-password' }));
  });
  afterAll(async () => {
    await host.close();
    store.remove();
  });

  it('is refused in words until confirmed, and nothing is imported meanwhile', async () => {
    const real = syntheticReturn({ children: 9, seed: 8 });
    const files = [file('header.csv', headerCsv(real)), file('episodes.csv', episodesCsv(real))];
    const before = children();
    const error = expectError(await officer.call('imports.ssda903', { councilId, files }), 'CONFLICT', 'confirmIntoDemo');
    expect(error.message).toMatch(
      /^This is the demo region, and this file looks like a real SSDA903 return \(9 children whose references are not the demo's\)\./,
    );
    expect(children()).toBe(before);
    // A check writes nothing, so it is not asked.
    expect(expectOk<ImportResultView>(await officer.call('imports.ssda903', { councilId, files, dryRun: true })).dryRun).toBe(true);
    expect(expectOk<ImportResultView>(await officer.call('imports.ssda903', { councilId, files, confirmIntoDemo: true })).imported).toBe(true);
    expect(children()).toBe(before + 9);
  });

  it("the XML form is read the same way; a handful of rows, or the demo's own references, are not asked", async () => {
    const real = syntheticReturn({ children: 7, seed: 9 });
    expectError(await officer.call('imports.ssda903', { councilId, files: [file('return.xml', xml903(real))] }), 'CONFLICT', 'confirmIntoDemo');
    const few = syntheticReturn({ children: 4, seed: 10 });
    expect(
      expectOk<ImportResultView>(
        await officer.call('imports.ssda903', { councilId, files: [file('header.csv', headerCsv(few)), file('episodes.csv', episodesCsv(few))] }),
      ).imported,
    ).toBe(true);
    const demoLike = syntheticReturn({ children: 8, seed: 11 }).map((c, i) => ({ ...c, CHILD: `RCC${String(90000 + i)}` }));
    const outcome = expectOk<ImportResultView>(
      await officer.call('imports.ssda903', { councilId, files: [file('header.csv', headerCsv(demoLike)), file('episodes.csv', episodesCsv(demoLike))] }),
    );
    expect(outcome.rowsRead).toBeGreaterThan(0);
    // The demo's own SSDA903 export (the seed's council child IDs) is the demo's too.
    const ownIds = store.db
      .prepare("SELECT council_child_id FROM ssda903_children s JOIN children c ON c.id = s.child_id WHERE c.source = 'demo' LIMIT 8")
      .pluck()
      .all() as string[];
    const own = syntheticReturn({ children: 8, seed: 12 }).map((c, i) => ({ ...c, CHILD: ownIds[i]! }));
    expect(
      expectOk<ImportResultView>(
        await officer.call('imports.ssda903', {
          councilId,
          files: [file('header.csv', headerCsv(own)), file('episodes.csv', episodesCsv(own))],
          dryRun: false,
        }),
      ).rowsRead,
    ).toBeGreaterThan(0);
  });
});
