import { sql } from 'kysely';
import { REVENUE_POLICY_NAMES } from '@opsdesk/shared';
import type { Db } from '../../db/database.js';
import { deleteAllRows } from '../revenue/revenueRows.queries.js';
import { appTablesOf, countAppUsers, truncateProductData } from './productData.queries.js';

/**
 * `npm run seed -- --reset`: empties the product data and the Stripe mirror built from
 * the previous demo's emulator (whose objects are gone with it), and what was derived
 * from them: the revenue rows (the emulator's ids are random, so the next company's
 * webhooks would never overwrite them and the dashboards would count both companies) and
 * the moderation queue with its decisions, appeals and rule hits (about content and
 * accounts that are gone: left, they would be worked beside the new company's). The
 * policy (reason codes) and the rules stay.
 * Demo databases only; the CLI refuses to run against real Stripe.
 */
export async function resetDemoData(db: Db): Promise<void> {
  await truncateProductData(appTablesOf(db));
  const tables = await sql<{ name: string }>`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'billing'`.execute(db);
  const names = [...tables.rows.map((t) => t.name), 'ops.stripe_events', 'ops.stripe_backfill_state'];
  await sql`truncate ${sql.raw(names.join(', '))}`.execute(db);
  await deleteAllRows(db, REVENUE_POLICY_NAMES, true);
  await sql`truncate revenue.rebuild_state`.execute(db);
  await sql`truncate ${sql.raw(MODERATION_CASEWORK.map((table) => `ops.${table}`).join(', '))}`.execute(db);
}

/** Moderation's work on the product's content and accounts; its counts are kept by triggers a truncate skips, so they go too. */
const MODERATION_CASEWORK = [
  'moderation_queue',
  'moderation_queue_reports',
  'moderation_queue_counts',
  'moderation_events',
  'moderation_notes',
  'moderation_decisions',
  'moderation_outcomes',
  'moderation_appeals',
  'moderation_product_appeals',
  'moderation_bulk_runs',
  'moderation_bulk_items',
  'moderation_rule_hits',
  'moderation_reporter_stats',
];

export async function hasProductUsers(db: Db): Promise<boolean> {
  return (await countAppUsers(appTablesOf(db))) > 0;
}
