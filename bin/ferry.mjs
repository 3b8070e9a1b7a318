#!/usr/bin/env node
// The `ferry` command: runs the bundled CLI, or the TypeScript sources through tsx when the
// bundle has not been built yet (a fresh checkout before `npm install` finished its prepare step).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/main/cli.mjs', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../main/app/cli-main.ts', import.meta.url).href);
}
