import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { insertAuditEntry } from '../features/audit/audit.queries.js';
import type { JobSchedule } from '../features/jobs/jobEngine.js';
import { defineJobKind } from '../features/jobs/jobKind.js';

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
 * The durable job (features/jobs, docs/architecture.md "Jobs") that runs it: scheduled
 * every minute by the engine's cron, which fires once per minute across every server
 * instance; each run is a row on the Jobs page (started by: system). Retried with
 * backoff when it fails (running it twice is harmless). A product database without
 * `app.users` (not mapped yet) has nothing to lift: the run says so and succeeds.
 */
export const liftSuspensionsJob = defineJobKind({
  name: 'suspensions.lift',
  title: 'Lift expired suspensions',
  params: z.strictObject({}),
  timeoutMs: 5 * 60_000,
  retry: { limit: 3, backoff: { initialMs: 5_000, maxMs: 60_000 } },
  resumable: true,
  async run({ db, log }) {
    const { rows } = await sql<{ exists: boolean }>`select to_regclass('app.users') is not null as exists`.execute(db);
    if (!rows[0]?.exists) {
      await log('app.users not found: nothing to lift (see docs/product-schema.md)', 'warn');
      return { lifted: 0 };
    }
    const { lifted } = await liftExpiredSuspensions(db);
    await log(lifted.length ? `Lifted ${lifted.length} expired suspension${lifted.length === 1 ? '' : 's'}.` : 'No suspension has expired.');
    return { lifted: lifted.length };
  },
});

export const suspensionLiftingSchedule: JobSchedule = { kind: liftSuspensionsJob, match: '* * * * *' };
