// Lint: TypeScript rules plus DESIGN.md's import table, which fails the build when a layer is crossed.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { builtinModules } from 'node:module';
import globals from 'globals';

// Exact names (paths), not gitignore-style patterns: a pattern `assert` would also refuse `./assert`.
const nodeBuiltinPaths = builtinModules.map((name) => ({ name, message: 'DESIGN.md: no node:* in core, shared or renderer.' }));
const databases = ['better-sqlite3', '@duckdb/node-api', '@duckdb/*'];

/** DESIGN.md's import table: each layer may import only the layers listed. */
const layers = {
  core: ['core'],
  shared: ['core', 'shared'],
  engines: ['core', 'shared', 'engines'],
  main: ['core', 'shared', 'engines', 'main'],
  preload: ['shared', 'preload'],
  renderer: ['shared', 'core', 'renderer'],
  cli: ['main', 'core', 'shared', 'cli', 'engines'],
};
const allLayers = Object.keys(layers);
const layerZones = Object.entries(layers).flatMap(([layer, allowed]) =>
  allLayers
    .filter((other) => !allowed.includes(other))
    .map((other) => ({
      target: `./src/${layer}`,
      from: `./src/${other}`,
      message: `DESIGN.md: ${layer} may import only ${allowed.join(', ')}.`,
    })),
);

const banned = (names, why) => ({ group: names, message: why });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'tests/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.node.json', 'tsconfig.web.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    files: ['src/core/**', 'src/shared/**', 'src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths,
          patterns: [
            banned(['node:*'], 'DESIGN.md: no node:* in core, shared or renderer.'),
            banned(databases, 'DESIGN.md: databases live in src/main/storage.'),
            banned(['electron', 'electron/*'], 'DESIGN.md: electron only in src/main/electron and src/preload.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Core takes time from an injected Clock.' },
        { object: 'Math', property: 'random', message: 'Core takes randomness from an injected RandomSource.' },
      ],
    },
  },
  {
    files: ['src/main/**', 'src/engines/**', 'src/cli/**'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [banned(['electron', 'electron/*'], 'DESIGN.md: electron only in src/main/electron and src/preload.')] },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
