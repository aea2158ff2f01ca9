import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { insertAuditEntry } from '../features/audit/audit.queries.js';

/**
 * Lifts suspensions whose time has passed: status back to `active`, one audit row per
 * user (actor: none — the system; action `customer.suspension_lifted`), in the same
 * transaction. Idempotent (a second run finds nothing) and safe with several servers
 * (`skip locked`: a row being lifted elsewhere is left to that run).
 */
const BATCH = 500;

export async function liftExpiredSuspensions(db: Db): Promise<{ lifted: string[] }> {
  const lifted: string[] = [];
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const rows = await sql<{ id: string; suspendedUntil: Date }>`
        with due as (
          select id, suspended_until from app.users
          where status = 'suspended' and suspended_until <= now()
          order by suspended_until limit ${BATCH}
          for update skip locked)
        update app.users u set status = 'active', suspended_until = null
        from due where u.id = due.id
        returning u.id, due.suspended_until`.execute(trx);
      const request = { requestId: `job-lift-suspensions-${randomBytes(4).toString('hex')}`, ip: null, userAgent: null };
      for (const row of rows.rows) {
        await insertAuditEntry(trx, {
          actor: null,
          action: 'customer.suspension_lifted',
          target: { type: 'customer', id: row.id },
          reason: 'Suspension period ended',
          before: { status: 'suspended', suspendedUntil: row.suspendedUntil },
          after: { status: 'active' },
          result: 'success',
          request,
        });
      }
      return rows.rows.map((r) => r.id);
    });
    lifted.push(...batch);
    if (batch.length < BATCH) return { lifted };
  }
}

/**
 * Runs the job every minute (and once now); the timer does not keep the process alive.
 * A product database without `app.users` (not mapped yet) has nothing to lift: say so once.
 */
export async function startSuspensionLifting(db: Db, logger: Logger, everyMs = 60_000): Promise<{ stop(): void }> {
  const { rows } = await sql<{ exists: boolean }>`select to_regclass('app.users') is not null as exists`.execute(db);
  if (!rows[0]?.exists) {
    logger.warn('app.users not found: suspensions will not be lifted automatically (see docs/product-schema.md)');
    return { stop: () => undefined };
  }
  const run = () =>
    liftExpiredSuspensions(db).then(
      ({ lifted }) => lifted.length && logger.info({ lifted: lifted.length }, 'lifted expired suspensions'),
      (error: unknown) => logger.error({ err: error }, 'lifting expired suspensions failed'),
    );
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
