import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type DatabaseOptions, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export interface TestDatabase {
  db: Db;
  url: string;
  /** Runs SQL as the server's superuser (e.g. to tamper with the audit log in a test). */
  superuserQuery: (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
  drop: () => Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A brand-new database on the test PostgreSQL server, with the real migrations applied.
 * The pool is roomy (30) unless a test asks for the server's own settings.
 */
export async function createTestDatabase(pool: DatabaseOptions = { max: 30 }): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `opsdesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = withDatabase(adminUrl, name);
  const db = createDatabase(url, pool);
  await migrateToLatest(db);
  return {
    db,
    url,
    superuserQuery: async (text, values) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await client.query(text, values);
      } finally {
        await client.end();
      }
    },
    drop: async () => {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
