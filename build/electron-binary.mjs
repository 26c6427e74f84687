// Fetches Electron's binary after install, where the machine can reach its download host.
// npm's own run of electron's install script is switched off (allowScripts) because on a machine
// that cannot download it the failure would fail the whole install; here a failure only means the
// app will start in loopback mode, and we say so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function electronBinaryPath() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', require('node:fs').readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env.CI || process.env.RCC_SKIP_ELECTRON) {
    console.log('[rcc] Skipping the Electron binary download (CI or RCC_SKIP_ELECTRON set); the app will use loopback mode.');
  } else if (electronBinaryPath()) {
    console.log('[rcc] Electron binary present.');
  } else {
    let installScript = null;
    try {
      installScript = join(dirname(require.resolve('electron/package.json')), 'install.js');
    } catch {
      console.log('[rcc] The electron package is not installed; the app will use loopback mode.');
    }
    if (installScript) {
      console.log("[rcc] Downloading Electron's binary…");
      const result = spawnSync(process.execPath, [installScript], { stdio: 'inherit', timeout: 10 * 60_000 });
      console.log(
        result.status === 0 && electronBinaryPath()
          ? '[rcc] Electron binary installed: npm start opens the desktop app.'
          : "[rcc] Electron's binary could not be downloaded on this machine. That is fine: npm start will run the same backend on 127.0.0.1 and open the app in Chromium.",
      );
    }
  }
}
