import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './0001_reference_product.js';
import * as m0002 from './0002_lookup_indexes.js';
import * as m0003 from './0003_moderation_appeals.js';
import * as m0004 from './0004_account_reports.js';
import { withSchemaChangeLock } from '../../../db/schemaChangeLock.js';

/**
 * Demo and test mode only: creates the reference product schema (`app`). Its own
 * migration table keeps it apart from Opsdesk's migrations, so production databases
 * (where `app` belongs to the company) are never touched by it.
 */
const migrations: Record<string, Migration> = {
  '0001_reference_product': m0001,
  '0002_lookup_indexes': m0002,
  '0003_moderation_appeals': m0003,
  '0004_account_reports': m0004,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateReferenceProductSchema(db: Kysely<any>): Promise<string[]> {
  const migrate = (connection: Kysely<any>) =>
    new Migrator({
      db: connection,
      provider,
      migrationTableSchema: 'public',
      migrationTableName: 'opsdesk_app_migrations',
      migrationLockTableName: 'opsdesk_app_migrations_lock',
    }).migrateToLatest();
  const { error, results } = await withSchemaChangeLock(db, migrate);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
