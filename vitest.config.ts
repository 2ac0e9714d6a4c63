// Vitest: unit, integration and end-to-end tests live under tests/, mirroring src/.
import { defineConfig } from 'vitest/config';

const ALL = ['tests/**/*.test.ts', 'tests/**/*.test.tsx'];
const E2E = ['tests/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    exclude: ['tests/fixtures/**', 'node_modules/**'],
    environment: 'node',
    globalSetup: ['tests/support/chromiumGlobalSetup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // expect.poll waits for something that will happen (a page loads, a fill arrives); on a shared two-core machine
    // vitest's 1 s default is not enough to wait. The assertion is unchanged.
    expect: { poll: { timeout: 15_000 } },
    // Two cores: keep heavy suites (Chromium, worker threads, crash rounds) from starving each other.
    maxWorkers: 2,
    // Two groups, run one after the other: Chromium sessions never share the two cores with the crash suite, the
    // worker-thread pools and the IB pacing suite. Twice a run failed only because an e2e test ran beside those.
    projects: [
      {
        extends: true,
        test: { name: 'core', include: ALL, exclude: ['tests/fixtures/**', 'node_modules/**', ...E2E], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // An e2e test drives a browser through several steps, each waiting up to the poll timeout: the test
        // timeout is a hang guard sized to that, not a speed requirement.
        test: { name: 'e2e', include: E2E, testTimeout: 90_000, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
