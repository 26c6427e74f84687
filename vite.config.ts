import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The renderer is plain static files: served by app://rcc in Electron and by the loopback server.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      onwarn(warning, warn) {
        // MUI marks its modules 'use client' for server frameworks; meaningless in a desktop bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
