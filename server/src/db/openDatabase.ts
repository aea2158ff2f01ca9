import path from 'node:path';
import type { Config } from '../config/config.js';
import { createDatabase, type Db } from './database.js';
import { startEmbeddedPostgres } from './embeddedPostgres.js';
import { migrateToLatest } from './migrate.js';

export interface OpenedDatabase {
  db: Db;
  url: string;
  embedded: boolean;
  close: () => Promise<void>;
}

/** DATABASE_URL when given; otherwise the embedded PostgreSQL under OPSDESK_DATA_DIR. Migrated either way. */
export async function openDatabase(config: Config, log: (message: string) => void): Promise<OpenedDatabase> {
  let url = config.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    log(`Starting embedded PostgreSQL (data in ${path.resolve(config.OPSDESK_DATA_DIR, 'pgdata')})…`);
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(config.OPSDESK_DATA_DIR, 'pgdata'), port: config.EMBEDDED_PG_PORT, database: 'opsdesk' });
    url = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const db = createDatabase(url);
  const applied = await migrateToLatest(db);
  if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  return {
    db,
    url,
    embedded: stopEmbedded !== undefined,
    close: async () => {
      await db.destroy();
      await stopEmbedded?.();
    },
  };
}
