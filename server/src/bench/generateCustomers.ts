import { sql, type Kysely } from 'kysely';
import { COMPANY_SUFFIXES, COMPANY_WORDS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES } from '../features/demo/wordLists.js';

/**
 * Fills `app` and the Stripe mirror with `users` synthetic customers, set-based
 * (generate_series, one INSERT per table), deterministic (the same n gives the same
 * rows): names from the demo word lists, so there are ~300 "Emma Smith"s per million;
 * emails `first.last<n>@domain` in a few shapes; 80 % own a workspace, 30 % pay, with
 * a Stripe customer, a subscription, 1–6 invoices with a charge each (card last 4),
 * a few failed payments and refunds.
 *
 * With `deferIndexes`, secondary indexes of the touched tables are dropped first and
 * rebuilt from their own definitions afterwards: the same indexes, built in bulk.
 */
export interface GenerateOptions {
  users: number;
  deferIndexes?: boolean;
  log?: (message: string) => void;
}

const TABLES = ['app.users', 'app.workspaces', 'app.workspace_members', 'billing.customers', 'billing.subscriptions', 'billing.subscription_items', 'billing.invoices', 'billing.charges', 'billing.refunds'];
const COUNTRY_CODES = ['US', 'US', 'US', 'GB', 'DE', 'FR', 'CA', 'NL', 'ES', 'IN', 'BR', 'AU', 'SE', 'JP', 'PL', 'IT', 'NG', 'MX', 'KE'];
const COMPANY_DOMAINS = COMPANY_WORDS.flatMap((word) => ['com', 'io', 'co'].map((tld) => `${word.toLowerCase()}.${tld}`));
/** Free-mail first, so ~half the users are on a handful of big domains, like real life. */
const DOMAINS = [...EMAIL_DOMAINS, ...EMAIL_DOMAINS, ...COMPANY_DOMAINS];
export const BENCH_PRICES = [
  { id: 'price_bench_starter_month', plan: 'starter', amount: 1900, interval: 'month', count: 1 },
  { id: 'price_bench_pro_month', plan: 'pro', amount: 4900, interval: 'month', count: 1 },
  { id: 'price_bench_pro_year', plan: 'pro', amount: 49000, interval: 'year', count: 1 },
  { id: 'price_bench_business_quarter', plan: 'business', amount: 29700, interval: 'month', count: 3 },
] as const;

export async function generateCustomers(db: Kysely<any>, options: GenerateOptions): Promise<void> {
  const log = options.log ?? (() => undefined);
  const n = options.users;
  const deferred = options.deferIndexes ? await dropSecondaryIndexes(db) : [];
  const step = async (label: string, query: ReturnType<typeof sql>) => {
    const started = performance.now();
    await query.execute(db);
    log(`  ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };

  await sql`insert into billing.products (id, name, active, created, as_of, data) values
    ('prod_bench_starter', 'Starter', true, now(), 0, '{}'), ('prod_bench_pro', 'Pro', true, now(), 0, '{}'), ('prod_bench_business', 'Business', true, now(), 0, '{}')
    on conflict do nothing`.execute(db);
  for (const price of BENCH_PRICES) {
    await sql`insert into billing.prices (id, product_id, active, currency, unit_amount, type, recurring_interval, recurring_interval_count, created, as_of, data)
      values (${price.id}, ${`prod_bench_${price.plan}`}, true, 'usd', ${price.amount}, 'recurring', ${price.interval}, ${price.count}, now(), 0, '{}')
      on conflict do nothing`.execute(db);
  }

  // h(i, salt): a stable pseudo-random non-negative int per row.
  await step(
    `${n} users`,
    sql`insert into app.users (id, email, name, status, country, created_at, last_seen_at)
      select md5('user' || i)::uuid,
        case i % 4
          when 0 then lower(f) || '.' || lower(l) || i
          when 1 then lower(f) || lower(l) || i
          when 2 then left(lower(f), 1) || '.' || lower(l) || i
          else lower(f) || '_' || i
        end || '@' || d,
        f || ' ' || l,
        case when i % 100 < 95 then 'active' when i % 100 < 98 then 'suspended' else 'banned' end,
        (${COUNTRY_CODES}::text[])[1 + h % ${COUNTRY_CODES.length}],
        now() - interval '5 years' * (1 - i::float8 / ${n}) - interval '1 second' * (h % 3600),
        now() - interval '1 minute' * (h % 100000)
      from generate_series(1, ${n}) i
      cross join lateral (select (2147483647 & hashtext('u' || i)) as h) r
      cross join lateral (select (${FIRST_NAMES}::text[])[1 + r.h % ${FIRST_NAMES.length}] as f,
                                 (${LAST_NAMES}::text[])[1 + (r.h / 97) % ${LAST_NAMES.length}] as l,
                                 (${DOMAINS}::text[])[1 + (r.h / 7919) % ${DOMAINS.length}] as d) w`,
  );
  await step(
    'workspaces',
    sql`insert into app.workspaces (id, name, owner_user_id, plan, stripe_customer_id, created_at)
      select md5('ws' || i)::uuid,
        (${COMPANY_WORDS}::text[])[1 + h % ${COMPANY_WORDS.length}] || ' ' || (${COMPANY_SUFFIXES}::text[])[1 + (h / 31) % ${COMPANY_SUFFIXES.length}] || ' ' || (i % 997),
        md5('user' || i)::uuid,
        case when i % 10 < 3 then (array['starter', 'pro', 'pro', 'business'])[1 + i % 4] else 'free' end,
        case when i % 10 < 3 then 'cus_' || substr(md5('cus' || i), 1, 14) end,
        now() - interval '5 years' * (1 - i::float8 / ${n})
      from generate_series(1, ${n}) i
      cross join lateral (select (2147483647 & hashtext('w' || i)) as h) r
      where i % 10 < 8`,
  );
  await step(
    'memberships',
    sql`insert into app.workspace_members (workspace_id, user_id, role, joined_at)
      select md5('ws' || i)::uuid, md5('user' || i)::uuid, 'owner', now() - interval '5 years' * (1 - i::float8 / ${n})
      from generate_series(1, ${n}) i where i % 10 < 8
      union all
      select md5('ws' || o)::uuid, md5('user' || i)::uuid, 'member', now()
      from generate_series(1, ${n}) i
      cross join lateral (select (1 + (i::bigint * 7919) % ${n})::int as o) other
      where i % 5 = 0 and o % 10 < 8 and o <> i`,
  );
  await step(
    'Stripe customers',
    sql`insert into billing.customers (id, email, name, currency, created, as_of, data)
      select w.stripe_customer_id, u.email, u.name, 'usd', w.created_at, 0, '{}'
      from app.workspaces w join app.users u on u.id = w.owner_user_id where w.stripe_customer_id is not null`,
  );
  await step(
    'subscriptions and items',
    sql`with subs as (
        insert into billing.subscriptions (id, customer_id, status, current_period_start, current_period_end, start_date, created, as_of, data)
        select 'sub_' || substr(md5('sub' || w.stripe_customer_id), 1, 14), w.stripe_customer_id,
          case when h % 100 < 85 then 'active' when h % 100 < 92 then 'past_due' else 'canceled' end,
          date_trunc('month', now()), date_trunc('month', now()) + interval '1 month', w.created_at, w.created_at, 0, '{}'
        from app.workspaces w cross join lateral (select (2147483647 & hashtext(w.stripe_customer_id)) as h) r
        where w.stripe_customer_id is not null
        returning id, customer_id)
      insert into billing.subscription_items (id, subscription_id, price_id, quantity, data)
      select 'si_' || substr(md5(s.id), 1, 14), s.id,
        (${BENCH_PRICES.map((p) => p.id)}::text[])[1 + (2147483647 & hashtext(s.id)) % ${BENCH_PRICES.length}], 1 + (2147483647 & hashtext(s.id)) % 3, '{}'
      from subs s`,
  );
  await step(
    'invoices and charges',
    sql`with inv as (
        insert into billing.invoices (id, customer_id, subscription_id, status, number, currency, amount_due, amount_paid, amount_remaining,
          total, attempt_count, payment_intent_ids, created, as_of, data)
        select 'in_' || substr(md5(s.id || k), 1, 16), s.customer_id, s.id,
          case when k = 1 and s.status = 'past_due' then 'open' else 'paid' end,
          upper(substr(md5(s.customer_id), 1, 8)) || '-' || lpad(k::text, 4, '0'), 'usd', 4900,
          case when k = 1 and s.status = 'past_due' then 0 else 4900 end,
          case when k = 1 and s.status = 'past_due' then 4900 else 0 end, 4900,
          case when k = 1 and s.status = 'past_due' then 2 else 1 end,
          array['pi_' || substr(md5('pi' || s.id || k), 1, 16)],
          now() - interval '1 month' * k, 0, '{}'
        from billing.subscriptions s
        cross join lateral generate_series(1, 1 + (2147483647 & hashtext(s.id)) % 6) k
        where s.id like 'sub\\_%'
        returning id, customer_id, status, payment_intent_ids, created)
      insert into billing.charges (id, customer_id, payment_intent_id, amount, amount_captured, currency, status, paid, refunded, disputed, card_brand, card_last4, created, as_of, data)
      select 'ch_' || substr(md5('ch' || inv.id), 1, 16), inv.customer_id, inv.payment_intent_ids[1], 4900,
        case when inv.status = 'paid' then 4900 else 0 end, 'usd',
        case when inv.status = 'paid' then 'succeeded' else 'failed' end, inv.status = 'paid', false, false, 'visa',
        lpad(((2147483647 & hashtext('card' || inv.customer_id)) % 10000)::text, 4, '0'), inv.created, 0, '{}'
      from inv`,
  );
  await step(
    'refunds',
    sql`insert into billing.refunds (id, charge_id, payment_intent_id, amount, currency, status, reason, created, as_of, data)
      select 're_' || substr(md5('re' || c.id), 1, 16), c.id, c.payment_intent_id, 1000, 'usd', 'succeeded', 'requested_by_customer', c.created, 0, '{}'
      from billing.charges c where c.status = 'succeeded' and (2147483647 & hashtext(c.id)) % 50 = 0`,
  );

  for (const index of deferred) await step(`index ${index.name}`, sql.raw(index.definition));
  await step('analyze', sql.raw(`analyze ${TABLES.join(', ')}`));
}

/** Drops every index of the generated tables that no constraint owns; returns how to rebuild them. */
async function dropSecondaryIndexes(db: Kysely<any>): Promise<{ name: string; definition: string }[]> {
  const { rows } = await sql<{ schemaname: string; indexname: string; indexdef: string }>`
    select i.schemaname, i.indexname, i.indexdef from pg_indexes i
    where (i.schemaname || '.' || i.tablename) = any(${TABLES.map((t) => t.replace('.', '.'))}::text[])
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
    order by i.indexname`.execute(db);
  await sql`set maintenance_work_mem = '1GB'`.execute(db);
  for (const row of rows) await sql.raw(`drop index ${row.schemaname}.${row.indexname}`).execute(db);
  return rows.map((row) => ({ name: row.indexname, definition: row.indexdef }));
}
