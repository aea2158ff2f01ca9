import { defineConfig } from 'vitest/config';

/**
 * The package's own test run (`npm test -w @opsdesk/flags-client`): the client tests serve
 * rulesets from node:http; only the end-to-end test needs the monorepo's PostgreSQL setup,
 * so run that one through the root config. The root config also picks these tests up.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.opsdesk.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
