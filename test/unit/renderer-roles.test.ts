import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { mayCall, mayCallAny } from '../../shared/contract/access';
import { contract, METHOD_NAMES } from '../../shared/contract';
import { ROLES } from '../../shared/domain/roles';

/*
 * The renderer asks the contract who may do what (shared/contract/access.ts) and never names a role
 * itself, so a screen's gate and the dispatcher's cannot drift apart. Structural: any role name
 * written as a string in renderer/ fails here, wherever it is (a copied list, a `role === '…'`).
 */

const ROOT = join(import.meta.dirname, '..', '..');
const RENDERER = join(ROOT, 'renderer');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

/** Every string written in a file (literals and the fixed parts of template strings), with its line. */
function stringsIn(path: string, code = readFileSync(path, 'utf8')): { text: string; line: number }[] {
  const source = ts.createSourceFile(path, code, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isJsxText(node)) {
      found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('role rules in the renderer come from the contract', () => {
  it('no renderer file writes a role name as a string', () => {
    const files = sourceFiles(RENDERER);
    expect(files.length).toBeGreaterThan(20);
    const roleNames = new Set<string>(ROLES);
    const offences = files.flatMap((file) =>
      stringsIn(file)
        .filter((s) => roleNames.has(s.text.trim()))
        .map((s) => `${relative(ROOT, file)}:${s.line} '${s.text}'`),
    );
    expect(offences, 'ask shared/contract/access.ts (mayCall) instead of naming a role').toEqual([]);
  });

  it('would catch a copied role test (the scan itself works)', () => {
    const code =
      "const may = me.role === 'administrator' || me.role === `commissioner`;\nconst nav = { roles: ['hub_carer'] };\nconst p = <p>placement_officer</p>;";
    expect(stringsIn('x.tsx', code).map((s) => s.text.trim())).toEqual(['administrator', 'commissioner', 'hub_carer', 'placement_officer']);
  });

  it('mayCall answers from each method’s access list, for every method and role', () => {
    for (const method of METHOD_NAMES) {
      const access = contract[method].access;
      for (const role of ROLES) expect(mayCall(role, method), `${role} ${method}`).toBe(access === 'public' || access.includes(role));
      expect(mayCall(null, method), method).toBe(access === 'public');
    }
    expect(mayCallAny('commissioner', ['users.list', 'market.spend'])).toBe(true);
    expect(mayCallAny('commissioner', ['users.list', 'children.get'])).toBe(false);
  });
});
