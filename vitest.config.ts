import { defineConfig } from 'vitest/config';

/**
 * Unit, integration and end-to-end tests in one run. Each file gets its own process
 * (Colyseus's matchmaker is process-wide, so one server per file), two at a time on
 * the 2-core CI machine. Timeouts are generous: tests must pass on a slow, busy box.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
