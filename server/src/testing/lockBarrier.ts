import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../db/database.js';
import { HANG_BOUND_MS } from './bounded.js';

export interface LockBarrier {
  /** Resolves once `count` backends of this database wait on a lock; fails after a bound. */
  untilWaiters(count: number): Promise<void>;
  /** Ends the barrier's transaction: everything queued behind it proceeds. */
  release(): Promise<void>;
}

/**
 * Takes a lock (`statement`) in a transaction on a connection of its own and keeps it
 * until release(): the work a test starts meanwhile runs up to that lock and queues
 * there, a deterministic way to make concurrent requests overlap.
 */
export async function holdLock(database: { db: Db; url: string }, statement: string): Promise<LockBarrier> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  await client.query('begin');
  await client.query(statement);
  return {
    async untilWaiters(count) {
      const deadline = Date.now() + HANG_BOUND_MS;
      for (;;) {
        // Polled on the pool, outside the barrier's transaction: pg_stat_activity is a snapshot per transaction.
        const result = await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and pid <> ${rows[0]!.pid}`.execute(database.db);
        const waiting = result.rows[0]?.waiting ?? 0;
        if (waiting >= count) return;
        if (Date.now() > deadline) throw new Error(`Only ${waiting} of ${count} backends reached the barrier within ${HANG_BOUND_MS / 1000} s.`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async release() {
      await client.query('commit');
      await client.end();
    },
  };
}

/**
 * The audit chain head's row lock: every audited change takes it last, just before it
 * commits, so changes started meanwhile run past all their checks and queue there.
 */
export function holdAuditChainHead(database: { db: Db; url: string }): Promise<LockBarrier> {
  return holdLock(database, 'select 1 from ops.audit_chain_head where singleton for update');
}
