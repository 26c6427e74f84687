import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { joinContracts, method } from '../../shared/contract/method';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

const RENDERER_HTML = join(import.meta.dirname, '../../renderer/index.html');

function sample(doc: string) {
  return method({ doc, input: z.object({}).strict(), output: z.null(), access: 'public', writes: false, sensitivity: 'none' });
}

describe('joinContracts', () => {
  it('joins disjoint parts into one map', () => {
    const joined = joinContracts({ 'a.one': sample('First.') }, { 'b.two': sample('Second.') });
    expect(Object.keys(joined).sort()).toEqual(['a.one', 'b.two']);
  });

  it('throws on a method name declared twice, naming it', () => {
    expect(() => joinContracts({ 'a.one': sample('First.') }, { 'b.two': sample('Second.'), 'a.one': sample('Again.') })).toThrow(
      /Contract method a\.one is declared twice/,
    );
  });

  it('the real contract joins without duplicates', () => {
    expect(Object.keys(contract).length).toBeGreaterThan(0);
  });
});

/** Directive name → sources, from a CSP string. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function cspMetaOf(html: string): string[] {
  const policies: string[] = [];
  for (const tag of html.match(/<meta\b[^>]*>/gis) ?? []) {
    if (!/http-equiv\s*=\s*["']content-security-policy["']/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*"([^"]*)"|\bcontent\s*=\s*'([^']*)'/is.exec(tag);
    policies.push((content?.[1] ?? content?.[2] ?? '').replace(/\s+/g, ' ').trim());
  }
  return policies;
}

function expectStrictScripts(policy: string, where: string): void {
  const directives = parseCsp(policy);
  expect(policy, `${where} allows eval`).not.toContain("'unsafe-eval'");
  expect(policy, `${where} allows wasm eval`).not.toContain("'wasm-unsafe-eval'");
  // Without script-src, scripts fall back to default-src.
  const scripts = directives.get('script-src') ?? directives.get('default-src');
  expect(scripts, `${where} has neither script-src nor default-src`).toBeDefined();
  expect(scripts, `${where} allows inline scripts`).not.toContain("'unsafe-inline'");
  expect(scripts, `${where} allows any script source`).not.toContain('*');
  for (const attr of ['script-src-elem', 'script-src-attr']) {
    expect(directives.get(attr) ?? [], `${where} ${attr} allows inline scripts`).not.toContain("'unsafe-inline'");
  }
}

describe('Content Security Policy', () => {
  it('renderer/index.html has one CSP meta with no unsafe-eval and no inline scripts', (ctx) => {
    if (!existsSync(RENDERER_HTML)) ctx.skip('renderer/index.html does not exist in this checkout, so its CSP meta cannot be checked');
    const policies = cspMetaOf(readFileSync(RENDERER_HTML, 'utf8'));
    expect(policies, 'renderer/index.html has no Content-Security-Policy meta tag').toHaveLength(1);
    expectStrictScripts(policies[0]!, 'renderer/index.html');
  });

  it('the policy the hosts send as a header is as strict and forbids framing', () => {
    expectStrictScripts(CONTENT_SECURITY_POLICY, 'shared/csp.ts');
    expect(parseCsp(CONTENT_SECURITY_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the parser sees through a lax policy (so the checks above are not vacuous)', () => {
    expect(() => expectStrictScripts("default-src 'self'; script-src 'self' 'unsafe-inline'", 'lax')).toThrow();
    expect(() => expectStrictScripts("default-src 'self' 'unsafe-eval'", 'lax')).toThrow();
    expect(() => expectStrictScripts("default-src 'self' 'unsafe-inline'", 'lax')).toThrow();
    expect(cspMetaOf(`<meta http-equiv='Content-Security-Policy' content="script-src 'self'">`)).toEqual(["script-src 'self'"]);
  });
});
