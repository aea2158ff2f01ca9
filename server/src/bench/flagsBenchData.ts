import { sql } from 'kysely';
import type { FlagContext, FlagRulesetInput, FlagStrategy } from '@opsdesk/shared';
import type { Db } from '../db/database.js';

/**
 * The flags bench's data: one ruleset (a Pro-plan rollout with a variant, a country list,
 * a kill switch) evaluated by every part, contexts shaped like the product's, and a
 * product of `users` accounts generated in PostgreSQL with generate_series: four users
 * per workspace, 10 % of workspaces on Business, 30 % on Pro (each a Stripe customer with
 * an active subscription and an MRR row), the rest Free.
 */
export const BENCH_FLAG = 'bench.pro-rollout';

export const benchStrategies: FlagStrategy[] = [
  { name: 'flexibleRollout', parameters: { rollout: '30', stickiness: 'userId', groupId: BENCH_FLAG }, constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro', 'business'] }] },
  { name: 'default', parameters: {}, constraints: [{ contextName: 'country', operator: 'IN', values: ['NZ', 'IS'] }] },
];

export const benchRuleset: FlagRulesetInput = {
  version: 2,
  features: [
    { name: BENCH_FLAG, enabled: true, strategies: benchStrategies, variants: [{ name: 'blue', weight: 500, stickiness: 'userId' }, { name: 'green', weight: 500, stickiness: 'userId' }] },
    { name: 'bench.kill', enabled: true, strategies: [{ name: 'default', parameters: {}, constraints: [{ contextName: 'subscriptionStatus', operator: 'NOT_IN', values: ['past_due'] }] }] },
  ],
};

const PLANS = ['free', 'free', 'pro', 'business'];
const COUNTRIES = ['DE', 'US', 'FR', 'NZ', 'GB', 'IS', 'JP', 'BR'];

export function benchContexts(count: number): FlagContext[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: `user-${i}`,
    properties: { plan: PLANS[i % PLANS.length]!, country: COUNTRIES[i % COUNTRIES.length]!, subscriptionStatus: i % 7 === 0 ? 'past_due' : 'active', workspaceId: `ws-${i >> 2}` },
  }));
}

/** Generates the product (random-looking ids from md5; users signed up one a minute, in insertion order, as a live product's are): `users` users, users/4 workspaces, their memberships, subscriptions and MRR. */
export async function generateBenchProduct(db: Db, users: number): Promise<void> {
  const workspaces = Math.ceil(users / 4);
  // Search indexes the preview never reads: dropped so generating 1M users takes seconds, not minutes.
  for (const index of ['users_email_trgm_idx', 'users_name_trgm_idx', 'users_email_local_trgm_idx', 'workspaces_name_trgm_idx']) await sql`drop index if exists ${sql.ref(`app.${index}`)}`.execute(db);
  await sql`
    insert into app.users (id, email, name, country, created_at)
    select md5('user' || i)::uuid, 'user' || i || '@bench.test', 'User ' || i, (${COUNTRIES}::text[])[1 + i % 8], now() - (${users} - i) * interval '1 minute'
    from generate_series(1, ${users}) i`.execute(db);
  await sql`
    insert into app.workspaces (id, name, owner_user_id, plan, stripe_customer_id)
    select ('00000000-0000-4000-8000-' || lpad(to_hex(j), 12, '0'))::uuid, 'Workspace ' || j, md5('user' || (j * 4 - 3))::uuid,
      case when j % 10 = 0 then 'business' when j % 10 < 4 then 'pro' else 'free' end,
      case when j % 10 = 0 or j % 10 < 4 then 'cus_bench_' || j end
    from generate_series(1, ${workspaces}) j`.execute(db);
  await sql`
    insert into app.workspace_members (workspace_id, user_id, role)
    select ('00000000-0000-4000-8000-' || lpad(to_hex((n + 3) / 4), 12, '0'))::uuid, md5('user' || n)::uuid, case when n % 4 = 1 then 'owner' else 'member' end
    from generate_series(1, ${users}) n`.execute(db);
  await sql`
    insert into billing.subscriptions (id, customer_id, status, created, as_of, data)
    select 'sub_bench_' || j, 'cus_bench_' || j, case when j % 17 = 0 then 'past_due' else 'active' end, now() - interval '90 days', 0, '{}'::jsonb
    from generate_series(1, ${workspaces}) j where j % 10 = 0 or j % 10 < 4`.execute(db);
  await sql`
    insert into revenue.customer_mrr_changes (policy, customer_id, day, mrr_cents, currency)
    select 'stripe', 'cus_bench_' || j, current_date - 30, case when j % 10 = 0 then 5000 else 2000 end, 'usd'
    from generate_series(1, ${workspaces}) j where j % 10 = 0 or j % 10 < 4`.execute(db);
  await sql`analyze app.users, app.workspaces, app.workspace_members, billing.subscriptions, revenue.customer_mrr_changes`.execute(db);
}
