import { readFileSync, readdirSync } from 'node:fs';
import { it } from 'vitest';
import { importSsda903 } from '../../../db/importers/ssda903';
import { importStore } from './helpers';
it('smoke', () => {
  const s = importStore();
  const dir = '/work/shared/fixtures/ssda903/';
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => ({ fileName: f, bytes: readFileSync(dir + f) }));
  const t0 = Date.now();
  const r = importSsda903(s.db, files, { councilId: s.councilId, today: '2026-11-25', skipBadRows: true, dryRun: false });
  console.log(Date.now() - t0, JSON.stringify({ ...r, problems: undefined }, null, 0));
  const counts: Record<string, number> = {};
  for (const p of r.problems) { const k = p.severity + ' ' + p.column + ' ' + p.problem.replace(/'[^']*'/g, 'Q').replace(/\d+/g, 'N').slice(0, 90); counts[k] = (counts[k] ?? 0) + 1; }
  console.log(Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v}\t${k}`).join('\n'));
  const x = importSsda903(s.db, [{ fileName: 'fake_903.xml', bytes: readFileSync(dir + 'fake_903.xml') }], { councilId: s.otherCouncilId, today: '2026-11-25', skipBadRows: true, dryRun: false });
  console.log(JSON.stringify({ ...x, problems: x.problems.slice(0, 8) }, null, 0));
  s.remove();
});
