import { sql, type Kysely } from 'kysely';

/**
 * The SLO alert history lists the events of one evaluation pass — one minute — by rule
 * (page-1h, page-6h, ticket-1d, ticket-3d) before their id, so the same events read in
 * the same order on every load (slo/sloAlerts.queries.ts findAlertEvents): with (at, id)
 * alone, a page-1h and the page-6h firing in the same minute came in the order of two
 * random uuids. The two indexes the history pages through take the rule into their order.
 *
 * A plain `create index` (migrations run in one transaction); the table holds state
 * changes only, a few rows per SLO a day. Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index ops.slo_alert_events_recent_idx`.execute(db);
  await sql`drop index ops.slo_alert_events_slo_idx`.execute(db);
  await sql`create index slo_alert_events_recent_idx on ops.slo_alert_events (at desc, rule, id desc)`.execute(db);
  await sql`create index slo_alert_events_slo_idx on ops.slo_alert_events (slo_id, at desc, rule, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ops.slo_alert_events_recent_idx`.execute(db);
  await sql`drop index ops.slo_alert_events_slo_idx`.execute(db);
  await sql`create index slo_alert_events_recent_idx on ops.slo_alert_events (at desc, id desc)`.execute(db);
  await sql`create index slo_alert_events_slo_idx on ops.slo_alert_events (slo_id, at desc, id desc)`.execute(db);
}
