import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../server/src/db/embeddedPostgres';
import { freePort } from './freePort';

/**
 * The PostgreSQL server the e2e run creates its databases on: DATABASE_URL's server when
 * set (CI, developers with a local PostgreSQL), otherwise an embedded one in a temp dir,
 * so `npm run test:e2e` works on a machine with Node.js only.
 */
export interface PostgresForTests {
  adminUrl: string;
  stop: () => Promise<void>;
}

export async function startPostgresForTests(): Promise<PostgresForTests> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: async () => undefined };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'opsdesk-e2e-pg-'));
  // mkdtemp makes it owner-only; as root, PostgreSQL runs as the `postgres` user and must get in.
  chmodSync(dataDir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pgdata'), port: await freePort(), database: 'postgres', persistent: false });
  return {
    adminUrl: embedded.url,
    stop: async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
