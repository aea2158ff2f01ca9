import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { installJobEngine } from '../features/jobs/jobEngine.js';
import { createTestDatabase, type TestDatabase } from '../testing/testDatabase.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe('schema changes at start', () => {
  it('wait for one another across processes: migrations and the job engine install start only when the lock is free', async () => {
    database = await createTestDatabase({ max: 4 });
    // Another process, in the middle of its own schema change.
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    await other.query(`select pg_advisory_lock(hashtextextended('opsdesk:schema-changes', 0))`);

    const settled: string[] = [];
    const migrating = migrateToLatest(database.db).then(() => settled.push('migrations'));
    const installing = installJobEngine(database.db, database.url).then(() => settled.push('job engine'));
    await waitUntil(async () => (await waitingAdvisoryLocks(other)) === 2);
    expect(settled).toEqual([]);
    const { rows } = await other.query<{ present: boolean }>(`select to_regnamespace('graphile_worker') is not null as present`);
    expect(rows[0]!.present).toBe(false);

    await other.end();
    await Promise.all([migrating, installing]);
    expect(settled.sort()).toEqual(['job engine', 'migrations']);
    const installed = await database.superuserQuery(`select to_regclass('graphile_worker._private_known_crontabs') is not null as present`);
    expect(installed.rows[0].present).toBe(true);
  });

  it('names the pending migrations from the migration table, without listing the database', async () => {
    database = await createTestDatabase({ max: 2 });
    expect(await pendingMigrations(database.db)).toEqual([]);
    const names = Object.keys(migrations).sort();
    await database.superuserQuery('delete from public.opsdesk_migrations where name = $1', [names.at(-1)]);
    expect(await pendingMigrations(database.db)).toEqual([names.at(-1)]);
    await database.superuserQuery('drop table public.opsdesk_migrations');
    expect(await pendingMigrations(database.db)).toEqual(names);
  });
});

async function waitingAdvisoryLocks(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    `select count(*)::int as count from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`,
  );
  return rows[0]!.count;
}

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within 20 s');
}
