import { sql, type Kysely } from 'kysely';

/**
 * The Stripe mirror (`billing`) and the webhook event ledger (`ops.stripe_events`).
 * Every mirrored object keeps its full Stripe snapshot in `data` plus the columns
 * Opsdesk queries, and `as_of` (unix seconds of the event or fetch that produced it):
 * an older event never overwrites a newer state (see docs/billing.md, "Ordering").
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists billing`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);

  const mirrored = sql.raw(`
      as_of bigint not null,
      as_of_event_id text,
      deleted_at timestamptz,
      data jsonb not null,
      synced_at timestamptz not null default now()`);

  await sql`
    create table billing.customers (
      id text primary key,
      email text,
      name text,
      balance bigint not null default 0,
      currency text,
      delinquent boolean not null default false,
      test_clock text,
      created timestamptz not null,
      ${mirrored}
    )`.execute(db);
  await sql`create index customers_email_idx on billing.customers (lower(email))`.execute(db);
  await sql`create index customers_created_idx on billing.customers (created)`.execute(db);

  await sql`
    create table billing.products (
      id text primary key,
      name text not null,
      active boolean not null,
      created timestamptz not null,
      ${mirrored}
    )`.execute(db);

  await sql`
    create table billing.prices (
      id text primary key,
      product_id text not null,
      active boolean not null,
      currency text not null,
      unit_amount bigint,
      type text not null,
      recurring_interval text,
      recurring_interval_count integer,
      recurring_usage_type text,
      nickname text,
      lookup_key text,
      created timestamptz not null,
      ${mirrored}
    )`.execute(db);
  await sql`create index prices_product_idx on billing.prices (product_id)`.execute(db);

  await sql`
    create table billing.coupons (
      id text primary key,
      duration text not null,
      duration_in_months integer,
      percent_off numeric,
      amount_off bigint,
      currency text,
      valid boolean not null,
      created timestamptz not null,
      ${mirrored}
    )`.execute(db);

  await sql`
    create table billing.subscriptions (
      id text primary key,
      customer_id text not null,
      status text not null,
      collection_method text,
      cancel_at_period_end boolean not null default false,
      cancel_at timestamptz,
      canceled_at timestamptz,
      ended_at timestamptz,
      trial_start timestamptz,
      trial_end timestamptz,
      current_period_start timestamptz,
      current_period_end timestamptz,
      pause_collection jsonb,
      coupon_ids text[] not null default '{}',
      latest_invoice_id text,
      start_date timestamptz,
      created timestamptz not null,
      ${mirrored}
    )`.execute(db);
  await sql`create index subscriptions_customer_idx on billing.subscriptions (customer_id)`.execute(db);
  await sql`create index subscriptions_status_idx on billing.subscriptions (status)`.execute(db);

  await sql`
    create table billing.subscription_items (
      id text primary key,
      subscription_id text not null,
      price_id text not null,
      quantity integer not null default 1,
      current_period_start timestamptz,
      current_period_end timestamptz,
      data jsonb not null
    )`.execute(db);
  await sql`create index subscription_items_subscription_idx on billing.subscription_items (subscription_id)`.execute(db);

  // Every state a subscription had and when it took effect: revenue metrics replay it.
  // Keyed by the event that carried the state, so duplicates and reordering are harmless.
  await sql`
    create table billing.subscription_history (
      id bigserial primary key,
      subscription_id text not null,
      customer_id text not null,
      effective_at timestamptz not null,
      source text not null,
      source_id text not null,
      status text not null,
      cancel_at_period_end boolean not null,
      trial_end timestamptz,
      items jsonb not null,
      coupon_ids text[] not null default '{}',
      recorded_at timestamptz not null default now(),
      unique (subscription_id, source, source_id)
    )`.execute(db);
  await sql`create index subscription_history_effective_idx on billing.subscription_history (subscription_id, effective_at)`.execute(db);
  await sql`create index subscription_history_time_idx on billing.subscription_history (effective_at)`.execute(db);

  await sql`
    create table billing.invoices (
      id text primary key,
      customer_id text not null,
      subscription_id text,
      status text,
      number text,
      currency text not null,
      amount_due bigint not null,
      amount_paid bigint not null,
      amount_remaining bigint not null,
      subtotal bigint,
      total bigint,
      billing_reason text,
      attempt_count integer not null default 0,
      period_start timestamptz,
      period_end timestamptz,
      due_date timestamptz,
      paid_at timestamptz,
      payment_intent_ids text[] not null default '{}',
      hosted_invoice_url text,
      created timestamptz not null,
      ${mirrored}
    )`.execute(db);
  await sql`create index invoices_customer_idx on billing.invoices (customer_id, created desc)`.execute(db);
  await sql`create index invoices_subscription_idx on billing.invoices (subscription_id)`.execute(db);
  await sql`create index invoices_number_idx on billing.invoices (number)`.execute(db);
  await sql`create index invoices_payment_intents_idx on billing.invoices using gin (payment_intent_ids)`.execute(db);

  await sql`
    create table billing.invoice_lines (
      id text not null,
      invoice_id text not null,
      subscription_id text,
      price_id text,
      description text,
      amount bigint not null,
      currency text not null,
      quantity integer,
      proration boolean not null default false,
      period_start timestamptz,
      period_end timestamptz,
      data jsonb not null,
      primary key (invoice_id, id)
    )`.execute(db);

  await sql`
    create table billing.charges (
      id text primary key,
      customer_id text,
      payment_intent_id text,
      amount bigint not null,
      amount_captured bigint not null default 0,
      amount_refunded bigint not null default 0,
      currency text not null,
      status text not null,
      paid boolean not null,
      refunded boolean not null,
      disputed boolean not null,
      failure_code text,
      failure_message text,
      card_brand text,
      card_last4 text,
      created timestamptz not null,
      ${mirrored}
    )`.execute(db);
  await sql`create index charges_customer_idx on billing.charges (customer_id, created desc)`.execute(db);
  await sql`create index charges_payment_intent_idx on billing.charges (payment_intent_id)`.execute(db);
  await sql`create index charges_card_last4_idx on billing.charges (card_last4)`.execute(db);

  await sql`
    create table billing.refunds (
      id text primary key,
      charge_id text,
      payment_intent_id text,
      amount bigint not null,
      currency text not null,
      status text,
      reason text,
      created timestamptz not null,
      ${mirrored}
    )`.execute(db);
  await sql`create index refunds_charge_idx on billing.refunds (charge_id)`.execute(db);

  await sql`
    create table billing.credit_notes (
      id text primary key,
      invoice_id text not null,
      customer_id text not null,
      number text,
      amount bigint not null,
      total bigint not null,
      currency text not null,
      status text not null,
      reason text,
      type text,
      created timestamptz not null,
      ${mirrored}
    )`.execute(db);
  await sql`create index credit_notes_customer_idx on billing.credit_notes (customer_id)`.execute(db);

  await sql`
    create table billing.disputes (
      id text primary key,
      charge_id text not null,
      amount bigint not null,
      currency text not null,
      status text not null,
      reason text,
      created timestamptz not null,
      ${mirrored}
    )`.execute(db);
  await sql`create index disputes_charge_idx on billing.disputes (charge_id)`.execute(db);

  // invoice.upcoming carries an invoice without an id: one row per subscription, replaced.
  await sql`
    create table billing.upcoming_invoices (
      subscription_id text primary key,
      customer_id text not null,
      amount_due bigint not null,
      currency text not null,
      next_payment_attempt timestamptz,
      ${mirrored}
    )`.execute(db);

  await sql`
    create table ops.stripe_events (
      id text primary key,
      type text not null,
      created timestamptz not null,
      api_version text,
      payload jsonb not null,
      received_at timestamptz not null default now(),
      processed_at timestamptz,
      attempts integer not null default 0,
      status text not null check (status in ('processed', 'failed', 'ignored')),
      last_error text
    )`.execute(db);
  await sql`create index stripe_events_failed_idx on ops.stripe_events (received_at) where status = 'failed'`.execute(db);
  await sql`create index stripe_events_type_idx on ops.stripe_events (type, created desc)`.execute(db);

  // Where a backfill stopped, per resource, so a re-run resumes instead of restarting.
  await sql`
    create table ops.stripe_backfill_state (
      resource text primary key,
      cursor text,
      objects_synced bigint not null default 0,
      started_at timestamptz not null default now(),
      completed_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.stripe_backfill_state, ops.stripe_events`.execute(db);
  await sql`drop schema billing cascade`.execute(db);
}
