import { Router } from 'express';
import type { Logger } from 'pino';
import { isPoolExhausted, poolStats, type Db } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import { pingDatabase } from './health.queries.js';

/** /readyz never waits longer than this for the database: a probe that hangs tells nothing. */
export const READY_CHECK_TIMEOUT_MS = 2_000;

/**
 * /healthz: the process answers. /readyz: the database answers within a short wait (a
 * connection from the pool and a query), and its migrations are current; 503 otherwise,
 * so a load balancer stops sending work here. A queue for connections that clears within
 * the wait is ordinary load, not unreadiness: only a pool that stays exhausted for the
 * whole wait makes the instance unready.
 */
export function healthRoutes(db: Db, logger?: Logger): Router {
  const routes = Router();
  routes.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  routes.get('/readyz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const pending = await withinReadyTimeout(async () => {
        await pingDatabase(db);
        return pendingMigrations(db);
      });
      if (pending.length > 0) {
        res.status(503).json({ status: 'not_ready', reason: 'migrations pending', pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      const pool = poolStats(db);
      if (pool && isPoolExhausted(pool)) {
        res.status(503).json({ status: 'not_ready', reason: 'database pool exhausted', pool });
        return;
      }
      // The database's own message goes to the log, not to an anonymous caller.
      logger?.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'not_ready', reason: 'database unreachable' });
    }
  });
  return routes;
}

async function withinReadyTimeout<T>(check: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READY_CHECK_TIMEOUT_MS} ms`)), READY_CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
