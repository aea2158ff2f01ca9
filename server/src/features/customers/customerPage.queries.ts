import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import type { TCustomerPage } from '@opsdesk/shared';
import type { Db, DbOrTrx } from '../../db/database.js';
import { countBillingRecords, findLatestInvoices, findLatestPayments, findLatestRefunds, findStripeCustomers, findSubscriptions } from './customerBilling.queries.js';
import { loadModerationHistory, type ModerationHistorySection } from './moderationHistory.js';
import { mrrTotals } from './mrr.js';
import { findCustomerNotes } from './staffNotes.queries.js';

/**
 * The customer page in one round: every section is an indexed query keyed by the user
 * id (billing ones through the owned workspaces' Stripe customers as a subquery), run
 * in parallel, lists limited to the latest 50 with counts alongside. No N+1: nested
 * data (items, members) is aggregated in the same query.
 */
export type CustomerPage = TCustomerPage & {
  moderation: ModerationHistorySection;
  /** Subscriptions whose discounts arrived as bare `di_` ids: their MRR is before those discounts. */
  mrrExcludesUnknownDiscounts: string[];
};

async function findUser(db: DbOrTrx, userId: string) {
  return db.selectFrom('app.users').select(['id', 'email', 'name', 'status', 'suspendedUntil', 'country', 'createdAt', 'lastSeenAt']).where('id', '=', userId).executeTakeFirst();
}

/** Workspaces the user belongs to or owns, with up to 50 members each. */
async function findWorkspaces(db: DbOrTrx, userId: string): Promise<TCustomerPage['workspaces']> {
  const rows = await sql<{ id: string; name: string; plan: string; role: string; stripeCustomerId: string | null; members: TCustomerPage['workspaces'][number]['members'] }>`
    select w.id, w.name, w.plan, w.stripe_customer_id,
      coalesce(me.role, case when w.owner_user_id = ${userId} then 'owner' end, 'member') as role,
      coalesce((
        select jsonb_agg(jsonb_build_object('userId', u.id, 'email', u.email, 'role', m.role) order by m.role = 'owner' desc, m.joined_at)
        from (select * from app.workspace_members wm where wm.workspace_id = w.id order by wm.role = 'owner' desc, wm.joined_at limit 50) m
        join app.users u on u.id = m.user_id), '[]'::jsonb) as members
    from app.workspaces w
    left join app.workspace_members me on me.workspace_id = w.id and me.user_id = ${userId}
    where w.id in (select workspace_id from app.workspace_members where user_id = ${userId} union all select id from app.workspaces where owner_user_id = ${userId})
    order by w.created_at`.execute(db);
  return rows.rows;
}

async function findSessions(db: DbOrTrx, userId: string): Promise<TCustomerPage['sessions']> {
  const rows = await db
    .selectFrom('app.sessions')
    .select(['id', 'createdAt', 'lastSeenAt', sql<string | null>`host(ip)`.as('ip'), 'userAgent'])
    .where('userId', '=', userId)
    .where('expiresAt', '>', sql<Date>`now()`)
    .orderBy('lastSeenAt', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString(), ip: r.ip, userAgent: r.userAgent }));
}

/**
 * Usage of the owned workspaces since the current billing period started (the live
 * subscription's period, else the calendar month) against their plan's limits; a null
 * limit is unlimited. With several workspaces each row names its own. Seats are a level,
 * not a flow: a plan with a `seats` limit is measured by the workspace's members now (no
 * product records a usage event per seat; summing them read "Seats: 0" beside a team of 11).
 */
async function findUsage(db: DbOrTrx, userId: string): Promise<TCustomerPage['usage']> {
  const rows = await sql<{ workspace: string; metric: string; used: string; limit: string | null; since: Date }>`
    select w.name as workspace, k.metric, k.used, pl."limit", p.since
    from app.workspaces w
    cross join lateral (
      select coalesce((select max(s.current_period_start) from billing.subscriptions s
                       where s.customer_id = w.stripe_customer_id and s.status in ('active', 'past_due', 'trialing')),
                      date_trunc('month', now())) as since) p
    cross join lateral (
      select metric, sum(used) as used from (
        select e.kind as metric, e.quantity as used from app.usage_events e where e.workspace_id = w.id and e.occurred_at >= p.since and e.kind <> 'seats'
        union all select l.metric, case when l.metric = 'seats' then (select count(*) from app.workspace_members m where m.workspace_id = w.id) else 0 end
          from app.plan_limits l where l.plan = w.plan) u
      group by metric) k
    left join app.plan_limits pl on pl.plan = w.plan and pl.metric = k.metric
    where w.owner_user_id = ${userId}
    order by w.created_at, k.metric`.execute(db);
  const several = new Set(rows.rows.map((r) => r.workspace)).size > 1;
  return rows.rows.map((r) => ({ workspace: several ? r.workspace : null, metric: r.metric, used: Number(r.used), limit: r.limit === null ? null : Number(r.limit), since: new Date(r.since).toISOString() }));
}

export async function loadCustomerPage(pool: Db, userId: string, viewerId: string | null = null): Promise<CustomerPage> {
  // One connection for the whole page (pg queues the queries on it): twelve queries on
  // twelve pooled connections would let a few page views take the entire pool.
  return pool.connection().execute((db) => loadOnOneConnection(db, userId, viewerId));
}

async function loadOnOneConnection(db: DbOrTrx, userId: string, viewerId: string | null): Promise<CustomerPage> {
  const [user, workspaces, stripeCustomers, subscriptions, invoices, payments, refunds, counts, usage, sessions, notes, moderation] = await Promise.all([
    findUser(db, userId),
    findWorkspaces(db, userId),
    findStripeCustomers(db, userId),
    findSubscriptions(db, userId),
    findLatestInvoices(db, userId),
    findLatestPayments(db, userId),
    findLatestRefunds(db, userId),
    countBillingRecords(db, userId),
    findUsage(db, userId),
    findSessions(db, userId),
    findCustomerNotes(db, userId, viewerId),
    loadModerationHistory(db, userId),
  ]);
  if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'No customer with that id.' });
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      status: user.status,
      suspendedUntil: user.suspendedUntil?.toISOString() ?? null,
      country: user.country,
      createdAt: user.createdAt.toISOString(),
      lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
    },
    workspaces,
    stripeCustomers,
    subscriptions: subscriptions.map(({ discountsUnknown: _unknown, ...s }) => s),
    invoices,
    payments,
    refunds,
    usage,
    sessions,
    notes,
    totals: { ...mrrTotals(subscriptions, stripeCustomers[0]?.currency ?? null), invoices: counts.invoices, payments: counts.payments },
    moderation,
    mrrExcludesUnknownDiscounts: subscriptions.filter((s) => s.discountsUnknown && s.mrr > 0).map((s) => s.id),
  };
}
