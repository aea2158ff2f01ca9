import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../../db/database.js';

/**
 * The product's accounts as the impact preview evaluates them: one row per user (not
 * deleted) with its primary workspace (the one it owns, else the first it joined), that
 * workspace's plan, its Stripe customer's latest subscription status and current MRR
 * (the last change point on or before today under the Stripe policy).
 */
export interface ImpactAccountRow {
  userId: string;
  country: string | null;
  /** The UTC signup day as YYYY-MM-DD: text, so 1M rows are not parsed into Dates. */
  signupDay: string;
  workspaceId: string | null;
  plan: string | null;
  stripeCustomerId: string | null;
  subscriptionStatus: string | null;
  mrrCents: string | null;
  /** The keyset position, as PostgreSQL's text (microseconds kept, which a Date would lose). */
  createdAtKey: string;
}

export interface ImpactAccountKey {
  createdAtKey: string;
  userId: string;
}

/**
 * One keyset page after `after`, in signup order (users_created_id_idx): users arrive in
 * that order, so a page reads neighbouring heap pages and workspace-mates sit together
 * (PostgreSQL memoizes their workspace, subscription and MRR lookups), where random uuid
 * order would read the whole table at random.
 */
export async function findImpactAccountsPage(db: DbOrTrx, after: ImpactAccountKey | null, limit: number): Promise<ImpactAccountRow[]> {
  const { rows } = await sql<ImpactAccountRow>`
    select u.id as user_id, u.created_at::text as created_at_key, u.country, to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD') as signup_day, w.id as workspace_id, w.plan, w.stripe_customer_id,
      s.status as subscription_status, m.mrr_cents
    from app.users u
    left join lateral (
      select wm.workspace_id from app.workspace_members wm where wm.user_id = u.id
      order by (wm.role = 'owner') desc, wm.joined_at, wm.workspace_id limit 1) pw on true
    left join app.workspaces w on w.id = pw.workspace_id
    left join lateral (
      select status from billing.subscriptions s where s.customer_id = w.stripe_customer_id and s.deleted_at is null
      order by s.created desc, s.id desc limit 1) s on true
    left join lateral (
      select mrr_cents from revenue.customer_mrr_changes c
      where c.policy = 'stripe' and c.customer_id = w.stripe_customer_id and c.day <= current_date
      order by c.day desc limit 1) m on true
    where u.status <> 'deleted' ${after ? sql`and (u.created_at, u.id) > (${after.createdAtKey}::timestamptz, ${after.userId}::uuid)` : sql``}
    order by u.created_at, u.id
    limit ${limit}`.execute(db);
  return rows;
}

/** One account as the snapshot reads it (flagImpactSnapshot.ts): the same fields, in one set-based pass. */
export interface ImpactSnapshotRow {
  userId: string;
  country: string | null;
  /** The UTC signup day as the number YYYYMMDD (`signupDateValue`'s form). */
  signupDate: number;
  workspaceId: string | null;
  plan: string | null;
  stripeCustomerId: string | null;
  subscriptionStatus: string | null;
  mrrCents: string | null;
}

/**
 * Every account at once, as `findImpactAccountsPage` defines them, but joined with hash
 * joins over whole tables (the primary workspace, latest subscription and current MRR
 * each picked once with `distinct on`) instead of four index probes per user: about 3 s
 * for 1M users where the probes took over 5 s. Read through a cursor in batches of
 * `batchSize`, so only one batch of row objects exists at a time; `cursor_tuple_fraction
 * = 1` because every row is read (the default 0.1 would favour the nested-loop plan).
 * Returns the transaction's time, when the accounts were read.
 */
export async function readImpactSnapshotRows(db: Db, batchSize: number, onBatch: (rows: ImpactSnapshotRow[]) => void): Promise<Date> {
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      await sql`set local cursor_tuple_fraction = 1`.execute(trx);
      const { rows } = await sql<{ asOf: Date }>`select now() as as_of`.execute(trx);
      await sql`
        declare impact_accounts no scroll cursor for
        select u.id as user_id, u.country, to_char(u.created_at at time zone 'UTC', 'YYYYMMDD')::int as signup_date, w.id as workspace_id, w.plan, w.stripe_customer_id,
          s.status as subscription_status, m.mrr_cents
        from app.users u
        left join (
          select distinct on (wm.user_id) wm.user_id, wm.workspace_id from app.workspace_members wm
          order by wm.user_id, (wm.role = 'owner') desc, wm.joined_at, wm.workspace_id) pw on pw.user_id = u.id
        left join app.workspaces w on w.id = pw.workspace_id
        left join (
          select distinct on (customer_id) customer_id, status from billing.subscriptions where deleted_at is null
          order by customer_id, created desc, id desc) s on s.customer_id = w.stripe_customer_id
        left join (
          select distinct on (customer_id) customer_id, mrr_cents from revenue.customer_mrr_changes where policy = 'stripe' and day <= current_date
          order by customer_id, day desc) m on m.customer_id = w.stripe_customer_id
        where u.status <> 'deleted'
        order by u.created_at, u.id`.execute(trx);
      for (;;) {
        const batch = await sql<ImpactSnapshotRow>`fetch forward ${sql.raw(String(Math.trunc(batchSize)))} from impact_accounts`.execute(trx);
        if (batch.rows.length === 0) break;
        onBatch(batch.rows);
      }
      return rows[0]!.asOf;
    });
}

/** Email, name and plan of the sampled accounts (fetched for the sample only, not for every row). */
export function findImpactSampleAccounts(db: DbOrTrx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('app.users').select(['id', 'email', 'name']).where('id', 'in', userIds).execute();
}

/** The account currency every MRR figure is in. */
export async function findRevenueCurrency(db: DbOrTrx): Promise<string> {
  const { rows } = await sql<{ currency: string }>`select currency from revenue.settings limit 1`.execute(db);
  return rows[0]?.currency ?? 'usd';
}

/** Whether the product schema exists (an installation without it has no accounts to preview). */
export async function hasProductSchema(db: DbOrTrx): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass('app.users') is not null as present`.execute(db);
  return rows[0]?.present ?? false;
}
