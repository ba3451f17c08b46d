import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start real local servers and subprocesses; the machine has 2 cores.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
