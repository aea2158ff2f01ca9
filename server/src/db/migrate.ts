import { Migrator, sql, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import { installRevenueRoutines } from '../features/revenue/refreshCustomerRevenue.js';
import { migrations } from './migrations/index.js';
import { withSchemaChangeLock } from './schemaChangeLock.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider, migrationTableSchema: 'public', migrationTableName: 'opsdesk_migrations', migrationLockTableName: 'opsdesk_migrations_lock' });
}

/**
 * The migrations, then the routines of this code's version (functions named by a hash
 * of their text, written from application code, so not frozen in a migration:
 * revenue/revenueRoutines.ts).
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await withSchemaChangeLock(db, async (connection) => {
    const migrated = await createMigrator(connection).migrateToLatest();
    if (!migrated.error) await installRevenueRoutines(connection);
    return migrated;
  });
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Names of migrations the code knows but the database has not run; empty when current.
 * Read from the migration table itself, not through Migrator.getMigrations: that lists
 * every table of the database first, which another process's schema change can fail
 * midway (schemaChangeLock.ts), and a health check should neither fail nor wait for it.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass('public.opsdesk_migrations') is not null as present`.execute(db);
  const executed = rows[0]?.present ? (await sql<{ name: string }>`select name from public.opsdesk_migrations`.execute(db)).rows.map((row) => row.name) : [];
  const done = new Set(executed);
  return Object.keys(migrations)
    .sort()
    .filter((name) => !done.has(name));
}
