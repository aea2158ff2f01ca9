import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Fresh, throw-away databases for one Opsdesk server each, created on a PostgreSQL
 * server given by an admin URL (DATABASE_URL's server, or the embedded one globalSetup
 * started). Each server instance gets its own, so runs never see each other's data.
 */
export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `opsdesk_e2e_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
