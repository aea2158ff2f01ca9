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
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
