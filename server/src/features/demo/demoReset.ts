import { sql } from 'kysely';
import { REVENUE_POLICY_NAMES } from '@opsdesk/shared';
import type { Db } from '../../db/database.js';
import { isExportFileName, removeFile } from '../privacy/export/exportFiles.js';
import { deleteAllRows } from '../revenue/revenueRows.queries.js';
import { forgetDemoActivity } from './demoSeedState.queries.js';
import { appTablesOf, countAppUsers, truncateProductData } from './productData.queries.js';

/**
 * `npm run seed -- --reset`: empties the product data and the Stripe mirror built from
 * the previous demo's emulator (whose objects are gone with it), and what was derived
 * from them: the revenue rows (the emulator's ids are random, so the next company's
 * webhooks would never overwrite them and the dashboards would count both companies) and
 * the moderation queue with its decisions, appeals and rule hits (about content and
 * accounts that are gone: left, they would be worked beside the new company's), and the
 * staff's work about its customers: notes, recently viewed customers, customer actions and
 * approval requests (a pending refund of a charge the new emulator never had), privacy
 * requests (with their export archives on disk: personal data of people who are gone) and
 * reconciliations with the old Stripe. The demo staff's first day is
 * forgotten with them, so the next start records one on the new company. The policy
 * (reason codes), the rules, the flags and the audit log (append-only) stay.
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
  await forgetStaffWorkOnCustomers(db);
}

/** What staff did about the old company's customers; requests about flags, runbooks or staff stay. */
async function forgetStaffWorkOnCustomers(db: Db): Promise<void> {
  const exportFiles = await db.transaction().execute(async (trx) => {
    const exports = await trx.selectFrom('ops.privacyRequests').select('exportPath').where('exportPath', 'is not', null).where('exportDeletedAt', 'is', null).execute();
    await sql`truncate ops.staff_notes, ops.staff_recent_customers, ops.privacy_erasure_steps, ops.privacy_requests,
      ops.revenue_reconciliation_differences, ops.revenue_reconciliation_listed, ops.revenue_reconciliations`.execute(trx);
    await trx.deleteFrom('ops.actionRequests').where('targetType', 'in', ['customer', 'privacy_request']).execute();
    await forgetDemoActivity(trx);
    return exports.map((row) => row.exportPath!);
  });
  // After the commit: a reset that failed keeps its requests and the files they point to.
  // Only names the export writes (the expiry's own rule): a path is never trusted blindly.
  for (const file of exportFiles) if (isExportFileName(file)) await removeFile(file);
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
