// electron-vite: main (Electron entry, CLI, engine entries), preload (one CommonJS file for the sandbox), renderer (React).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/** Every engine folder with an entry: a new engine needs no line here. */
const engineEntries = Object.fromEntries(
  readdirSync('src/engines', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join('src/engines', d.name, 'entry.ts')))
    .map((d) => [`engines/${d.name}`, resolve('src/engines', d.name, 'entry.ts')]),
);

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Dev-only peers the CLI's bench suites load; native or browser-driving, never bundled.
      externalizeDeps: { include: ['talib', 'technicalindicators', 'playwright-core', 'tsx'] },
      rollupOptions: {
        input: {
          index: resolve('src/main/electron/main.ts'),
          cli: resolve('src/cli/main.ts'),
          ...engineEntries,
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require npm packages: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
