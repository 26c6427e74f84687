// `npm start`: builds, then opens the desktop app where Electron's binary exists, otherwise the
// same backend on 127.0.0.1 with the interface in Chromium's app mode. Says which and why.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinaryPath } from './electron-binary.mjs';

const extra = process.argv.slice(2);

function chooseMode() {
  const electron = electronBinaryPath();
  if (!electron) return { mode: 'loopback', reason: 'no Electron binary is installed (it could not be downloaded on this machine)' };
  if (process.env.RCC_FORCE_LOOPBACK) return { mode: 'loopback', reason: 'RCC_FORCE_LOOPBACK is set' };
  // Electron needs its own build of the SQLite module; Node's build in node_modules stays untouched.
  const native = spawnSync(process.execPath, ['build/native-electron.mjs'], { stdio: 'inherit' });
  if (native.status !== 0) return { mode: 'loopback', reason: 'the SQLite module could not be built for Electron (see above)' };
  return { mode: 'desktop', electron };
}

const built = spawnSync(process.execPath, ['build/bundle.mjs'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const choice = chooseMode();
const child =
  choice.mode === 'desktop'
    ? (console.log(`[rcc] Mode: desktop app (Electron binary at ${choice.electron}).`), spawn(choice.electron, ['.', ...extra], { stdio: 'inherit' }))
    : spawn(process.execPath, ['dist/electron/server.cjs', '--reason', choice.reason, ...extra], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
