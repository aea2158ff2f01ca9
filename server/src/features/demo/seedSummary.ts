import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SeedProgress, SeedResult } from './seedDemoCompany.js';

/**
 * What the terminal shows while seeding and after: read back from the database (the
 * mirror as the webhooks built it), not from the generator's own bookkeeping.
 */
export interface SeedSummary {
  users: number;
  workspaces: number;
  payingWorkspaces: number;
  customers: number;
  subscriptionsByStatus: Record<string, number>;
  invoices: number;
  mrrCents: number;
  eventsProcessed: number;
}

export async function readSeedSummary(db: Db): Promise<SeedSummary> {
  const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows[0]!;
  const counts = await one<{ users: string; workspaces: string; paying: string; customers: string; invoices: string; events: string }>(sql`
    select (select count(*) from app.users) as users,
           (select count(*) from app.workspaces) as workspaces,
           (select count(*) from app.workspaces where plan <> 'free') as paying,
           (select count(*) from billing.customers where deleted_at is null) as customers,
           (select count(*) from billing.invoices) as invoices,
           (select count(*) from ops.stripe_events where status <> 'failed') as events`);
  const statuses = await sql<{ status: string; n: string }>`select status, count(*) as n from billing.subscriptions group by status order by status`.execute(db);
  // List-price MRR (before discounts) of live subscriptions: a quick sanity figure, not finance's number.
  const mrr = await one<{ cents: string | null }>(sql`
    select sum(p.unit_amount * i.quantity / case p.recurring_interval when 'year' then 12.0 * p.recurring_interval_count
                                                                     when 'week' then 12.0 / 52 * p.recurring_interval_count
                                                                     else p.recurring_interval_count end) as cents
    from billing.subscriptions s
    join billing.subscription_items i on i.subscription_id = s.id
    join billing.prices p on p.id = i.price_id
    where s.status in ('active', 'past_due')`);
  return {
    users: Number(counts.users),
    workspaces: Number(counts.workspaces),
    payingWorkspaces: Number(counts.paying),
    customers: Number(counts.customers),
    subscriptionsByStatus: Object.fromEntries(statuses.rows.map((r) => [r.status, Number(r.n)])),
    invoices: Number(counts.invoices),
    mrrCents: Math.round(Number(mrr.cents ?? 0)),
    eventsProcessed: Number(counts.events),
  };
}

export function formatProgress(p: SeedProgress): string {
  const label = { product: 'product data', billing: 'billing history', link: 'linking', webhooks: 'webhooks' }[p.phase];
  return `  ${label.padEnd(15)} ${String(p.done).padStart(6)}/${String(p.total).padEnd(6)} ${p.detail}`;
}

export function formatSummary(summary: SeedSummary, result: SeedResult | null, seconds: number): string {
  const subs = Object.entries(summary.subscriptionsByStatus).map(([s, n]) => `${s} ${n}`).join(', ') || 'none';
  const usd = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  return [
    `Demo company ready in ${seconds.toFixed(1)} s:`,
    `  users ${summary.users}, workspaces ${summary.workspaces} (${summary.payingWorkspaces} on a paid plan)`,
    `  Stripe customers ${summary.customers}, subscriptions: ${subs}`,
    `  invoices ${summary.invoices}, MRR at list price ≈ ${usd(summary.mrrCents)}`,
    `  Stripe events processed through webhooks ${summary.eventsProcessed}${result ? ` (emitted ${result.eventsEmitted}, ${result.billing.clocks} test clocks)` : ''}`,
  ].join('\n');
}
