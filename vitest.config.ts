import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code; cross-process suites live in test/ (Playwright for e2e).
export const config = defineConfig({
  plugins: [react()],
  test: {
    include: ['{main,shared,renderer,preload,scripts,resources,test/integration}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20000,
    pool: 'forks',
  },
});

export default config;
