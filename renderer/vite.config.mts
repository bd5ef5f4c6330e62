import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(rendererRoot, '../dist/renderer');

// The root `tsc` build also writes dist/renderer/src/lib (the pure helpers the node tests import),
// so we can't let Vite empty the whole folder. Clear only what Vite itself owns.
function clearOwnOutput(): Plugin {
  return {
    name: 'switchyard-clear-own-output',
    apply: 'build',
    buildStart() {
      for (const entry of ['assets', 'index.html', 'favicon.svg']) {
        rmSync(resolve(outDir, entry), { recursive: true, force: true });
      }
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), clearOwnOutput()],
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    // Every browser we ship to (Chromium in Electron, current desktop browsers) preloads modules natively.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
});
