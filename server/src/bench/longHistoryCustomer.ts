import { sql, type Kysely } from 'kysely';

/** A customer five years in: `months` monthly invoices, each paid by a charge. Returns the user id. */
export async function insertLongHistoryCustomer(db: Kysely<any>, months: number): Promise<string> {
  const userId = '00000000-0000-4000-8000-0000000b3c40';
  await sql`insert into app.users (id, email, name, country, created_at) values (${userId}, 'long.history@veteran.test', 'Lena Longhistory', 'DE', now() - interval '5 years')`.execute(db);
  await sql`insert into app.workspaces (id, name, owner_user_id, plan, stripe_customer_id, created_at)
    values ('00000000-0000-4000-8000-0000000b3c41', 'Veteran Works', ${userId}, 'pro', 'cus_LongHistory01', now() - interval '5 years')`.execute(db);
  await sql`insert into app.workspace_members (workspace_id, user_id, role) values ('00000000-0000-4000-8000-0000000b3c41', ${userId}, 'owner')`.execute(db);
  await sql`insert into billing.customers (id, email, name, currency, created, as_of, data) values ('cus_LongHistory01', 'long.history@veteran.test', 'Lena Longhistory', 'usd', now() - interval '5 years', 0, '{}')`.execute(db);
  await sql`insert into billing.subscriptions (id, customer_id, status, current_period_start, current_period_end, start_date, created, as_of, data)
    values ('sub_LongHistory01', 'cus_LongHistory01', 'active', date_trunc('month', now()), date_trunc('month', now()) + interval '1 month', now() - interval '5 years', now() - interval '5 years', 0, '{}')`.execute(db);
  await sql`insert into billing.subscription_items (id, subscription_id, price_id, quantity, data) values ('si_LongHistory01', 'sub_LongHistory01', 'price_bench_pro_month', 1, '{}')`.execute(db);
  await sql`insert into billing.invoices (id, customer_id, subscription_id, status, number, currency, amount_due, amount_paid, amount_remaining, total, attempt_count, payment_intent_ids, paid_at, period_start, period_end, created, as_of, data)
    select 'in_LongHistory' || lpad(k::text, 3, '0'), 'cus_LongHistory01', 'sub_LongHistory01', 'paid', 'LONG-' || lpad(k::text, 4, '0'), 'usd', 4900, 4900, 0, 4900, 1,
      array['pi_LongHistory' || lpad(k::text, 3, '0')], now() - interval '1 month' * k, now() - interval '1 month' * (k + 1), now() - interval '1 month' * k, now() - interval '1 month' * k, 0, '{}'
    from generate_series(1, ${months}) k`.execute(db);
  await sql`insert into billing.charges (id, customer_id, payment_intent_id, amount, amount_captured, currency, status, paid, refunded, disputed, card_brand, card_last4, created, as_of, data)
    select 'ch_LongHistory' || lpad(k::text, 3, '0'), 'cus_LongHistory01', 'pi_LongHistory' || lpad(k::text, 3, '0'), 4900, 4900, 'usd', 'succeeded', true, false, false, 'visa', '1881', now() - interval '1 month' * k, 0, '{}'
    from generate_series(1, ${months}) k`.execute(db);
  await sql`analyze app.users, app.workspaces, billing.invoices, billing.charges`.execute(db);
  return userId;
}
