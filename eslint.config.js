// Lint, with the layering rules of docs/architecture.md: who may import whom.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const node = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto', 'worker_threads', 'url', 'module'];
const ban = (groups, message) => ({ group: groups, message });
const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/**', '.tsbuild/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'docs/lab-probe/**', 'native/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only (architecture.md).' }],
    },
  },
  layer(
    ['shared/**/*.ts'],
    [
      ban(['electron', 'react', 'react-dom', '@fluentui/*', 'zustand', 'better-sqlite3', ...node], 'shared/ runs anywhere: no electron, node:*, DOM or React.'),
      ban(['**/main/**', '**/renderer/**', '**/preload/**'], 'shared/ may import only shared/.'),
    ],
  ),
  layer(
    ['main/domain/**/*.ts'],
    [
      ban(['electron', 'better-sqlite3', 'ws', 'electron-store', ...node], 'main/domain is pure: reach I/O through ports.'),
      ban(
        ['**/infra/**', '**/services/**', '**/app/**', '**/ipc/**', '**/server/**', '**/renderer/**', '**/preload/**'],
        'main/domain may import only shared/ and main/domain.',
      ),
    ],
  ),
  layer(
    ['main/infra/**/*.ts', 'main/services/**/*.ts', 'main/server/**/*.ts'],
    [
      ban(['electron', 'electron-store'], 'Only main/ipc and main/app touch Electron.'),
      ban(['**/renderer/**', '**/preload/**', '**/app/**', '**/ipc/**'], 'infra/services/server may not import app, ipc, renderer or preload.'),
    ],
  ),
  layer(['main/ipc/**/*.ts', 'main/app/**/*.ts'], [ban(['**/renderer/**', '**/preload/**'], 'main/ may not import the renderer or the preload.')]),
  layer(
    ['preload/**/*.ts'],
    [
      ban([...node, 'better-sqlite3', 'zod'], 'The preload exposes the contract and nothing else.'),
      ban(['**/main/**', '**/renderer/**', '**/shared/model/**'], 'The preload may import only electron and shared/contract.'),
    ],
  ),
  layer(
    ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    [
      ban(['electron', 'better-sqlite3', 'ws', 'electron-store', ...node], 'The renderer runs in a sandboxed page: no electron or node:*.'),
      ban(['**/main/**', '**/preload/**'], 'The renderer reaches main only through the Backend interface.'),
    ],
  ),
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.{ts,mjs}', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}', 'bin/**/*.mjs', '*.config.{js,ts}'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'test/electron-standin/*.mjs', '*.config.js', '.ci/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', globalThis: 'readonly' },
    },
  },
);
