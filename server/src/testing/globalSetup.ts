import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../db/embeddedPostgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server-level URL (any database); each test file creates its own database from it. */
    postgresAdminUrl: string;
  }
}

/** Once per `vitest run`: find or start a PostgreSQL server for the integration tests. */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('postgresAdminUrl', process.env.DATABASE_URL);
    return;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'opsdesk-test-pg-'));
  // When run as root, PostgreSQL runs as a separate OS user that must reach this folder.
  chmodSync(dataDir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pgdata'), port: 54330 + Math.floor(Math.random() * 500), database: 'postgres', persistent: false });
  project.provide('postgresAdminUrl', embedded.url);
  return async () => {
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
