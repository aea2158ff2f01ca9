import { randomBytes } from 'node:crypto';
import { createDatabase, type Db } from '../../../db/database.js';
import { withDatabaseName } from './backup.pgTools.js';
import { createScratchDatabase, dropScratchDatabase, findScratchDatabases } from './backup.queries.js';

export interface ScratchDatabase {
  name: string;
  /** Full URL (password included): for pg_restore's target and a pool of its own. */
  connectionString: string;
  /** A one-connection pool on it, opened on first use and closed before the drop. */
  db(): Db;
}

const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Creates `opsdesk_verify_<random>` on the live server, hands it to `use`, and drops it
 * afterwards whatever happened (a failed or cancelled restore included). A failed drop is
 * reported, never hidden behind the error that came before it.
 */
export async function withScratchDatabase<T>(
  db: Db,
  live: { connectionString: string; database: string },
  log: (line: string, level?: 'info' | 'warn' | 'error') => Promise<void>,
  use: (scratch: ScratchDatabase) => Promise<T>,
): Promise<T> {
  const name = `opsdesk_verify_${randomBytes(6).toString('hex')}`;
  try {
    await createScratchDatabase(db, name, live.database);
  } catch (error) {
    if ((error as { code?: string }).code === INSUFFICIENT_PRIVILEGE) {
      throw new Error(`The database user may not create databases, so no scratch database for the restore: grant it CREATEDB (${(error as Error).message})`);
    }
    throw error;
  }
  await log(`Created scratch database ${name}`);
  const connectionString = withDatabaseName(live.connectionString, name);
  let pool: Db | undefined;
  const scratch: ScratchDatabase = { name, connectionString, db: () => (pool ??= createDatabase(connectionString, { max: 1 })) };
  let failure: unknown;
  try {
    return await use(scratch);
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    await pool?.destroy();
    try {
      await dropScratchDatabase(db, name);
      await log(`Dropped scratch database ${name}`);
    } catch (dropError) {
      await log(`Could not drop scratch database ${name}: ${(dropError as Error).message}. Drop it by hand.`, 'error');
      // When the verification itself went well, the leaked database is the news.
      if (failure === undefined) throw dropError;
    }
  }
}

/** Drops the scratch databases a killed run of this installation left behind; returns their names. */
export async function dropLeftoverScratchDatabases(db: Db, liveDatabase: string, log: (line: string) => Promise<void>): Promise<string[]> {
  const leftovers = await findScratchDatabases(db, liveDatabase);
  for (const name of leftovers) {
    await dropScratchDatabase(db, name);
    await log(`Dropped leftover scratch database ${name} (from a run that was stopped before its clean-up)`);
  }
  return leftovers;
}
