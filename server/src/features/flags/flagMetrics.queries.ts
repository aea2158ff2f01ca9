import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/** Every query of reported evaluation counts and registered SDK instances: `db` or a transaction first. */

export const FLAG_METRICS_RETENTION_DAYS = 30;

export interface ToggleCount {
  name: string;
  yes: number;
  no: number;
  variants: Record<string, number>;
}

/**
 * Adds one report's counts to the flag × environment × hour rows, in one statement:
 * names that are no flag are dropped by the join, variant counts are summed key by key.
 */
export async function addHourlyCounts(db: DbOrTrx, environment: string, hour: Date, toggles: ToggleCount[]): Promise<number> {
  if (toggles.length === 0) return 0;
  const result = await sql`
    insert into ops.flag_metrics_hourly as m (flag_id, environment, hour, yes, no, variants)
    select f.id, ${environment}, date_trunc('hour', ${hour}::timestamptz), t.yes, t.no, t.variants
    from jsonb_to_recordset(${JSON.stringify(toggles)}::jsonb) as t(name text, yes bigint, no bigint, variants jsonb)
    join ops.flags f on f.key = t.name
    on conflict (flag_id, environment, hour) do update set
      yes = m.yes + excluded.yes,
      no = m.no + excluded.no,
      variants = (
        select coalesce(jsonb_object_agg(k, coalesce((m.variants ->> k)::bigint, 0) + coalesce((excluded.variants ->> k)::bigint, 0)), '{}'::jsonb)
        from (select jsonb_object_keys(m.variants) union select jsonb_object_keys(excluded.variants)) as keys(k)
      ),
      updated_at = now()`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Drops counts past retention (batched: a first run over a backlog never holds one huge delete). */
export async function deleteExpiredCounts(db: DbOrTrx, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - FLAG_METRICS_RETENTION_DAYS * 86_400_000);
  const metrics = await sql`
    delete from ops.flag_metrics_hourly where ctid = any(array(
      select ctid from ops.flag_metrics_hourly where hour < ${cutoff} limit 10000))`.execute(db);
  const clients = await sql`
    delete from ops.flag_clients where ctid = any(array(
      select ctid from ops.flag_clients where last_seen_at < ${cutoff} limit 10000))`.execute(db);
  return Number(metrics.numAffectedRows ?? 0) + Number(clients.numAffectedRows ?? 0);
}

export function findHourlyCounts(db: DbOrTrx, filter: { flagId: string; environment?: string | undefined; since: Date }) {
  let query = db
    .selectFrom('ops.flagMetricsHourly')
    .select(['hour', 'environment', 'yes', 'no', 'variants', 'updatedAt'])
    .where('flagId', '=', filter.flagId)
    .where('hour', '>=', filter.since);
  if (filter.environment) query = query.where('environment', '=', filter.environment);
  return query.orderBy('hour').orderBy('environment').execute();
}

/** When any environment last reported this flag (not bounded by the window asked for). */
export async function findLastReportedAt(db: DbOrTrx, flagId: string, environment?: string): Promise<Date | null> {
  let query = db.selectFrom('ops.flagMetricsHourly').select((eb) => eb.fn.max('updatedAt').as('last')).where('flagId', '=', flagId);
  if (environment) query = query.where('environment', '=', environment);
  const row = await query.executeTakeFirst();
  return (row?.last as Date | null | undefined) ?? null;
}

export async function upsertClient(
  db: DbOrTrx,
  client: { environment: string; appName: string; instanceId: string; sdkVersion: string | null; startedAt: Date | null; intervalMs: number | null },
): Promise<void> {
  await db
    .insertInto('ops.flagClients')
    .values(client)
    .onConflict((oc) =>
      oc.columns(['environment', 'appName', 'instanceId']).doUpdateSet({ sdkVersion: client.sdkVersion, startedAt: client.startedAt, intervalMs: client.intervalMs, lastSeenAt: sql`now()` as never }),
    )
    .execute();
}

/** Instances per environment are capped: a misbehaving fleet of random instance ids cannot grow the table without end. */
export async function countClients(db: DbOrTrx, environment: string): Promise<number> {
  const row = await db.selectFrom('ops.flagClients').select((eb) => eb.fn.countAll<string>().as('count')).where('environment', '=', environment).executeTakeFirstOrThrow();
  return Number(row.count);
}

export function touchClient(db: DbOrTrx, key: { environment: string; appName: string; instanceId: string }) {
  return db
    .updateTable('ops.flagClients')
    .set({ lastSeenAt: sql`now()` as never })
    .where('environment', '=', key.environment)
    .where('appName', '=', key.appName)
    .where('instanceId', '=', key.instanceId)
    .execute();
}
