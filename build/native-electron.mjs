#!/usr/bin/env node
// Builds better-sqlite3-multiple-ciphers for Electron's ABI into
// build/native/electron-<electron version>/better_sqlite3.node, which main.ts loads in development and
// electron-builder ships as resources/native/better_sqlite3.node (see electron-builder.yml).
//
// node_modules keeps its Node build untouched (the tests and loopback mode need it): the package
// source is copied to a temp folder and compiled there with node-gyp against Electron's headers.
// Compile on each platform you package for; the module is built for this machine's OS and arch.
//
//   node build/native-electron.mjs           build unless there is no Electron binary or it already exists
//   node build/native-electron.mjs --force   rebuild even if the output exists
//   node build/native-electron.mjs --check   only check that the output exists (exit 1 if not); run before electron-builder
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPath } from './electron-binary.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const MODULE = 'better-sqlite3-multiple-ciphers';
const args = process.argv.slice(2);
const log = (message) => console.log(`[rcc] ${message}`);

const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
const outDir = join(ROOT, 'build', 'native', `electron-${electronVersion}`);
const outFile = join(outDir, 'better_sqlite3.node');

if (args.includes('--check')) {
  if (existsSync(outFile)) {
    log(`Electron build of ${MODULE} present: ${outFile}`);
    process.exit(0);
  }
  console.error(
    `[rcc] Missing ${outFile}: run \`node build/native-electron.mjs\` on a machine with Electron ${electronVersion} and network access to electronjs.org/headers.`,
  );
  process.exit(1);
}
if (existsSync(outFile) && !args.includes('--force')) {
  log(`Skipping: ${outFile} already exists (--force rebuilds it).`);
  process.exit(0);
}
if (!electronBinaryPath()) {
  log(
    `Skipping the Electron build of ${MODULE}: Electron's binary is not installed here (node_modules/electron/path.txt and dist/ missing), so the app runs in loopback mode with the Node build.`,
  );
  process.exit(0);
}

/** node-gyp: the project's copy if any, else the one bundled with npm. */
function findNodeGyp() {
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    /* not a project dependency */
  }
  const npmDirs = [];
  if (process.env.npm_execpath) npmDirs.push(resolve(dirname(process.env.npm_execpath), '..'));
  const prefix = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['prefix', '-g'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (prefix.status === 0) {
    const p = prefix.stdout.trim();
    npmDirs.push(join(p, 'lib', 'node_modules', 'npm'), join(p, 'node_modules', 'npm'));
  }
  npmDirs.push(resolve(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm'), join(dirname(process.execPath), 'node_modules', 'npm'));
  return npmDirs.map((d) => join(d, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')).find((f) => existsSync(f)) ?? null;
}

const nodeGyp = findNodeGyp();
if (!nodeGyp) {
  console.error('[rcc] Cannot find node-gyp (neither in node_modules nor bundled with npm).');
  process.exit(1);
}

const sourceDir = dirname(require.resolve(`${MODULE}/package.json`));
const work = mkdtempSync(join(tmpdir(), 'rcc-native-electron-'));
const buildDir = join(work, MODULE);
try {
  // Sources only: not the Node build in build/, which node-gyp would otherwise reuse.
  cpSync(sourceDir, buildDir, { recursive: true, filter: (src) => src !== join(sourceDir, 'build') && src !== join(sourceDir, 'node_modules') });

  // npm exports its config as npm_config_* (this machine's npmrc sets nodedir=/usr, for example);
  // node-gyp obeys those over --target, and nodedir would silently compile against Node's headers.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|devdir|build_from_source)$/i.test(k)),
  );
  const arch = args.find((a) => a.startsWith('--arch='))?.slice('--arch='.length) ?? process.arch;
  const gypArgs = [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
    `--arch=${arch}`,
    // Electron's headers apart from Node's, as @electron/rebuild does.
    `--devdir=${join(homedir(), '.electron-gyp')}`,
  ];
  log(`Building ${MODULE} for Electron ${electronVersion} (ABI ${abi}, ${process.platform}-${arch}) in ${buildDir}…`);
  const result = spawnSync(process.execPath, gypArgs, { cwd: buildDir, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node-gyp failed (exit ${result.status ?? result.signal}).`);

  const built = join(buildDir, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) throw new Error(`node-gyp finished but ${built} is missing.`);
  // A non-N-API addon exports node_register_module_v<ABI>: proof it was built for Electron, not Node.
  const marker = `node_register_module_v${abi}`;
  if (!readFileSync(built).includes(marker))
    throw new Error(`the built module does not export ${marker}: it was not compiled for Electron ${electronVersion}.`);

  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, `${outFile}.tmp`);
  renameSync(`${outFile}.tmp`, outFile);
  log(`Wrote ${outFile}`);
} catch (error) {
  console.error(`[rcc] Could not build ${MODULE} for Electron: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
