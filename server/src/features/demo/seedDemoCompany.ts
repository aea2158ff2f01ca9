import type Stripe from 'stripe';
import type { Db } from '../../db/database.js';
import type { StripeEmulator } from '@opsdesk/stripe-emulator';
import { migrateReferenceProductSchema } from './appSchema/migrateReferenceProductSchema.js';
import { playBillingHistory, COHORT_SECONDS, type BillingHistory } from './billingHistory.js';
import { planBillingCustomers } from './billingPlan.js';
import { appPlanOf } from './billingStories.js';
import { analyzeProductData, appTablesOf, insertPlanLimits, insertProductData, linkWorkspacesToBilling } from './productData.queries.js';
import { buildProductData } from './productData.js';
import { saveDemoSeedState } from './demoSeedState.queries.js';
import { createRandom } from './random.js';
import { waitForWebhooks } from './waitForWebhooks.js';

/**
 * The demo company: product data in `app` and ~`months` of Stripe history made through
 * the emulator with the official SDK. The caller connects the emulator's webhooks to a
 * listening Opsdesk first: the billing data reaches the mirror only through signed
 * webhooks, the same path as production. Same seed → same company (ids and wall-clock
 * timestamps aside).
 */
export const DEFAULT_DEMO_SIZE = { users: 5000, seed: 42, months: 24 } as const;
/**
 * Share of eligible workspaces that pay: most stay on Free, as in any SaaS. Also what
 * sets the seed's duration (~80 Stripe events per paying customer over 24 months).
 */
export const DEFAULT_PAYING_SHARE = 0.03;

const WEBHOOK_CONCURRENCY = 4;

export interface SeedProgress {
  phase: 'product' | 'billing' | 'webhooks' | 'link';
  done: number;
  total: number;
  detail: string;
}

export interface SeedDemoCompanyOptions {
  db: Db;
  stripe: Stripe;
  emulator: StripeEmulator;
  users?: number;
  seed?: number;
  months?: number;
  payingShare?: number;
  /** Unix seconds the history ends at; defaults to the current hour (stable within it). */
  now?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedResult {
  users: number;
  workspaces: number;
  reports: number;
  billing: BillingHistory;
  eventsEmitted: number;
  webhooksProcessed: number;
}

export async function seedDemoCompany(options: SeedDemoCompanyOptions): Promise<SeedResult> {
  // Webhook processing bounds the seed's duration; Stripe delivers concurrently too, and
  // the ledger's ordering rule makes arrival order irrelevant to the mirror's final state.
  const { emulator } = options;
  const deliveryConcurrency = emulator.faults.concurrency;
  emulator.faults.concurrency = WEBHOOK_CONCURRENCY;
  try {
    return await seedAll(options);
  } finally {
    emulator.faults.concurrency = deliveryConcurrency;
  }
}

async function seedAll(options: SeedDemoCompanyOptions): Promise<SeedResult> {
  const { stripe, emulator } = options;
  const db = appTablesOf(options.db);
  const report = options.onProgress ?? (() => undefined);
  const random = createRandom(options.seed ?? DEFAULT_DEMO_SIZE.seed);
  const end = options.now ?? Math.floor(Date.now() / 1000 / 3600) * 3600;
  const start = end - (options.months ?? DEFAULT_DEMO_SIZE.months) * COHORT_SECONDS;

  // 1. Product data, inserted directly: it is the product's own database. Marked as
  //    started first, complete only at the end (demoFirstStart repairs what is between).
  await migrateReferenceProductSchema(db);
  await saveDemoSeedState(options.db, 'started');
  const product = buildProductData(random.fork('product'), { users: options.users ?? DEFAULT_DEMO_SIZE.users, start, end });
  let tables = 0;
  await insertProductData(db, product, (table, rows) => report({ phase: 'product', done: ++tables, total: 7, detail: `${table}: ${rows} rows` }));
  await insertPlanLimits(db);

  // 2. Billing history through the emulator; the mirror fills from its webhooks meanwhile.
  const plans = planBillingCustomers(random.fork('billing'), { users: product.users, workspaces: product.workspaces, end, payingShare: options.payingShare ?? DEFAULT_PAYING_SHARE });
  const billing = await playBillingHistory({
    stripe,
    emulator,
    plans,
    start,
    end,
    onCohort: (done, total, customers) => report({ phase: 'billing', done, total, detail: `${customers} paying customers, ${emulator.events.length} Stripe events` }),
  });

  // 3. The product records who pays and on which plan, as its own billing code would.
  const statuses = new Map<string, string>();
  for await (const sub of stripe.subscriptions.list({ status: 'all', limit: 100 })) statuses.set(sub.id, sub.status);
  const links = billing.customers.map((c) => ({ workspaceId: c.plan.workspaceId, stripeCustomerId: c.customerId, plan: appPlanOf(statuses.get(c.subscriptionId) ?? 'canceled', c.planKey) }));
  await linkWorkspacesToBilling(db, links);
  await analyzeProductData(db);
  report({ phase: 'link', done: links.length, total: links.length, detail: `${links.length} workspaces linked to Stripe customers` });

  // 4. Done only when every event is in the ledger, none failed.
  const webhooks = await waitForWebhooks(options.db, emulator, (done, total) => report({ phase: 'webhooks', done, total, detail: `${done}/${total} webhook events in the ledger` }));
  await saveDemoSeedState(options.db, 'complete');
  return { users: product.users.length, workspaces: product.workspaces.length, reports: product.reports.length, billing, eventsEmitted: webhooks.emitted, webhooksProcessed: webhooks.processed };
}
