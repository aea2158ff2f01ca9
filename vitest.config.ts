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
    // Each worker keeps its process and its loaded modules from one file to the next
    // instead of a fresh fork per file: importing the server's module graph (~2.8 s of
    // CPU a file, 242 files) was a third of the suite's CPU. The whole suite measured
    // both ways on this machine: 1,263 s isolated, 971 s not, the same 2,195 tests passing.
    // What this asks of a test file: leave no global behind (real timers restored, no
    // process.env written; every app, registry and pool is the file's own, closed after).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
