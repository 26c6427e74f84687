import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// js-yaml ships no types of its own (and @types/js-yaml is not installed): type the one call we use.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string, options?: { filename?: string }): unknown };

const ROOT = resolve(__dirname, '..', '..');
const CONFIG_FILE = resolve(ROOT, 'electron-builder.yml');
const SCHEMA_FILE = resolve(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json');

type Config = Record<string, unknown> & {
  files?: unknown;
  asarUnpack?: unknown;
  electronFuses?: Record<string, unknown>;
  extraResources?: unknown;
  linux?: Record<string, unknown>;
  win?: Record<string, unknown>;
  mac?: Record<string, unknown>;
  nsis?: Record<string, unknown>;
  directories?: Record<string, unknown>;
};

/** Target names from electron-builder's many shapes: "x", ["x"], [{ target: "x" }], { target: ... }. */
function targetNames(platform: Record<string, unknown> | undefined): string[] {
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') names.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object' && 'target' in value) visit((value as { target: unknown }).target);
  };
  visit(platform?.target);
  return names;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

describe('electron-builder.yml', () => {
  let config: Config;
  let validate: ValidateFunction;

  beforeAll(() => {
    config = yaml.load(readFileSync(CONFIG_FILE, 'utf8'), { filename: CONFIG_FILE }) as Config;
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    // scheme.json is draft-07, which is Ajv 8's default dialect; it uses union types ("type": [..])
    // and keywords Ajv's strict mode rejects, hence these two options.
    const ajv = new Ajv({ strict: false, allowUnionTypes: true, allErrors: true });
    validate = ajv.compile(schema);
  });

  function errorsOf(candidate: unknown): string {
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n') || String(candidate);
  }

  it('is valid against app-builder-lib/scheme.json', () => {
    const ok = validate(config);
    expect(ok, errorsOf(config)).toBe(true);
  });

  it('the schema check can fail: unknown keys, misspelt fuses and wrong types are rejected', () => {
    const unknownTopLevel = { ...clone(config), notAnElectronBuilderOption: true };
    expect(validate(unknownTopLevel)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'additionalProperties')).toBe(true);

    const misspeltFuse = clone(config);
    misspeltFuse.electronFuses = { ...misspeltFuse.electronFuses, runAsNod: false };
    expect(validate(misspeltFuse)).toBe(false);

    const wrongType = { ...clone(config), npmRebuild: 'no' };
    expect(validate(wrongType)).toBe(false);

    const wrongNested = clone(config);
    wrongNested.nsis = { ...wrongNested.nsis, oneClick: 'false' };
    expect(validate(wrongNested)).toBe(false);
  });

  it('names the app and its folders', () => {
    expect(config.appId).toBe('uk.rcc.placements');
    expect(config.productName).toBe('RCC Placements');
    expect(config.directories).toMatchObject({ output: 'dist-app', buildResources: 'build' });
  });

  it('packages only the built bundles and package.json', () => {
    const files = config.files as string[];
    expect(Array.isArray(files)).toBe(true);
    expect(files.filter((f) => !f.startsWith('!'))).toEqual(['dist/**', 'package.json']);
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main.startsWith('dist/')).toBe(true);
  });

  it('uses asar, unpacks native modules and never rebuilds node_modules in place', () => {
    expect(config.asar).toBe(true);
    const unpack = ([] as unknown[]).concat(config.asarUnpack ?? []);
    expect(unpack.some((p) => typeof p === 'string' && /\*\.node$/.test(p))).toBe(true);
    expect(config.npmRebuild).toBe(false);
  });

  it('ships the Electron build of the SQLite module where main.ts looks for it, for the installed Electron', () => {
    const electronVersion = (JSON.parse(readFileSync(resolve(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
    const entries = ([] as unknown[]).concat(config.extraResources ?? []) as Array<{ from?: string; to?: string }>;
    const native = entries.find((e) => e.to === 'native/better_sqlite3.node');
    expect(native, 'an extraResources entry to native/better_sqlite3.node').toBeDefined();
    expect(native?.from).toBe(`build/native/electron-${electronVersion}/better_sqlite3.node`);
    // The main process looks in exactly this place (electron/main.ts, electronNativeBinding).
    expect(readFileSync(resolve(ROOT, 'electron', 'main.ts'), 'utf8')).toContain("join(process.resourcesPath, 'native', 'better_sqlite3.node')");
  });

  it('sets every fuse the security baseline requires', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage and deb, NSIS and DMG', () => {
    const all = [...targetNames(config.linux), ...targetNames(config.win), ...targetNames(config.mac)];
    expect(all).toEqual(expect.arrayContaining(['AppImage', 'deb', 'nsis', 'dmg']));
    expect(targetNames(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetNames(config.win)).toContain('nsis');
    expect(targetNames(config.mac)).toContain('dmg');
  });

  it('has the per-platform settings', () => {
    expect(config.linux).toMatchObject({ category: 'Office' });
    expect(String(config.linux?.maintainer)).toMatch(/^.+ <[^<>@\s]+@[^<>@\s]+>$/);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
    expect(config.mac).toMatchObject({ category: 'public.app-category.productivity', hardenedRuntime: true });
  });

  it('points at an icon that exists and is a PNG of at least 512×512', () => {
    const icon = resolve(ROOT, String(config.icon));
    expect(existsSync(icon)).toBe(true);
    const png = readFileSync(icon);
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });
});
