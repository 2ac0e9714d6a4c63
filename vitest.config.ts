// Vitest: unit, integration and end-to-end tests live under tests/, mirroring src/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/fixtures/**', 'node_modules/**'],
    environment: 'node',
    globalSetup: ['tests/support/chromiumGlobalSetup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two cores: keep heavy suites (Chromium, worker threads, crash rounds) from starving each other.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
