import { Router } from 'express';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';

/** /healthz: the process answers. /readyz: the database answers and its migrations are current. */
export function healthRoutes(db: Db): Router {
  const routes = Router();
  routes.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  routes.get('/readyz', async (_req, res) => {
    try {
      await sql`select 1`.execute(db);
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        res.status(503).json({ status: 'not_ready', reason: 'migrations pending', pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'not_ready', reason: 'database unreachable', error: (error as Error).message });
    }
  });
  return routes;
}
