// Bundles the main-process entry points and the preload with esbuild into dist/main/.
// The main bundles keep node_modules external (better-sqlite3 is native); the preload is one
// CommonJS file, as Electron's sandboxed preloads must be.
import { build } from 'esbuild';

const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'node20', legalComments: 'none' };

await Promise.all([
  build({
    ...common,
    entryPoints: { cli: 'main/app/cli-main.ts', electron: 'main/app/electron.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: { preload: 'preload/preload.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
  }),
]);
