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
    // expect.poll waits for something that will happen (a page loads, a fill arrives); on a shared two-core machine
    // running Chromium beside a 200 s crash suite, vitest's 1 s default is not enough to wait. The assertion is unchanged.
    expect: { poll: { timeout: 15_000 } },
    // Two cores: keep heavy suites (Chromium, worker threads, crash rounds) from starving each other.
    maxWorkers: 2,
  },
});
