import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * Saturation and backlogs read from the shared database at each flush. Every instance
 * writes the same values; reads take the max across instances (signalSamples.queries.ts).
 * Each subquery is served by a small or partial index (the inbox's failed/pending rows,
 * the unfinished jobs).
 */
export interface SharedGauges {
  pgConnections: number;
  pgMaxConnections: number;
  webhooksFailed: number;
  webhookBacklogAgeSeconds: number | null;
  jobQueueDepth: number;
  jobOldestAgeSeconds: number | null;
}

export async function readSharedGauges(db: DbOrTrx): Promise<SharedGauges> {
  const { rows } = await sql<SharedGauges>`
    select (select count(*) from pg_stat_activity where backend_type = 'client backend')::int as pg_connections,
           current_setting('max_connections')::int as pg_max_connections,
           (select count(*) from ops.stripe_events where status = 'failed')::int as webhooks_failed,
           (select extract(epoch from now() - min(received_at)) from ops.stripe_events where status in ('pending', 'failed'))::float8 as webhook_backlog_age_seconds,
           (select count(*) from ops.jobs where status = 'queued' and run_at <= now())::int as job_queue_depth,
           (select extract(epoch from now() - min(run_at)) from ops.jobs where status = 'queued' and run_at <= now())::float8 as job_oldest_age_seconds`.execute(db);
  return rows[0]!;
}
