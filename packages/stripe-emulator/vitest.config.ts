import { defineConfig } from 'vitest/config';

/**
 * The package's own test run (`npm test -w @opsdesk/stripe-emulator`): no database, so
 * none of the monorepo's PostgreSQL setup. The root config also picks these tests up.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
