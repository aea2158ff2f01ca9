import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests of every workspace (server, shared, web, packages/*).
 * Integration tests get a fresh, migrated PostgreSQL database each: from DATABASE_URL's
 * server when set, otherwise from an embedded PostgreSQL started once by the global setup.
 */
export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'shared/src/**/*.test.ts', 'web/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    globalSetup: ['server/src/testing/globalSetup.ts'],
    pool: 'forks',
    // Two files at a time even on a 2-core machine (vitest's default there is one): most
    // of a file's time is spent waiting on PostgreSQL, servers and browsers, not computing,
    // so the suite takes about a third less time than one file after another.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
