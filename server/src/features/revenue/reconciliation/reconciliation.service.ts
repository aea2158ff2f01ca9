import type Stripe from 'stripe';
import type { DbOrTrx } from '../../../db/database.js';
import { computeCustomerRevenue } from '../revenueCompute.js';
import { findHistoryOfCustomers, type HistoryRow } from '../revenueHistory.queries.js';
import { findRevenueSettings } from '../revenueRows.queries.js';
import { classifyDifference, type CustomerComparison } from './classifyDifference.js';
import { findMirrorFacts, findOpsdeskMrrOnDay, insertDifferences, type NewDifference } from './reconciliationCompare.queries.js';
import { findListedValues, markRunSucceeded, type ClaimedRun, type RunOutcome } from './reconciliationRuns.queries.js';
import { liveSubscriptionValue, type LiveSubscriptionValue } from './stripeLiveMrr.js';

/**
 * One reconciliation (docs/metrics.md, "Reconciliation"): every subscription listed from
 * the Stripe API a page at a time (each page kept with its cursor), valued on the day
 * by the shared engine; then each customer's figure compared with Opsdesk's precomputed
 * row, and the customers that differ explained from what the mirror knows.
 */
export const PAGE_SIZE = 100;
/** At most this many differences are stored per run (the largest); all are counted. */
export const MAX_STORED_DIFFERENCES = 5_000;
const FACTS_BATCH = 500;
const DAY_MS = 86_400_000;

export type ProgressReporter = (progress: { phase: 'listing' | 'comparing'; done: number }) => Promise<void>;

interface StripeCustomerSide {
  stripeCents: number;
  live: LiveSubscriptionValue[];
}

/** One page as listed: its values (the subscriptions that existed on the day), the cursor after it, and the count so far. */
export interface ListedPage {
  values: LiveSubscriptionValue[];
  cursor: string;
  listed: number;
}

export interface ReconcileHooks {
  /** Keeps a page with its cursor (one commit), so a run cut off by a crash lists on after it. */
  keepPage(page: ListedPage): Promise<void>;
  report: ProgressReporter;
  signal: AbortSignal;
}

/**
 * Every subscription (any status), with what the value needs expanded: the discounts'
 * coupons. A resumed run starts from what its earlier attempt kept and lists on after
 * its cursor (Stripe lists newest first; a subscription created meanwhile is simply not
 * in this run, as if it had been created after the run).
 */
async function listStripeSide(db: DbOrTrx, stripe: Stripe, run: ClaimedRun, hooks: ReconcileHooks) {
  const customers = new Map<string, StripeCustomerSide>();
  const add = (value: LiveSubscriptionValue) => {
    const side = customers.get(value.customerId) ?? { stripeCents: 0, live: [] };
    side.live.push(value);
    if (value.currency === run.currency) side.stripeCents += value.mrrCents;
    customers.set(value.customerId, side);
  };
  let listed = 0;
  let startingAfter: string | undefined;
  if (run.stripeCursor) {
    for (const value of await findListedValues(db, run.id)) add(value);
    listed = run.listed;
    startingAfter = run.stripeCursor;
  }
  for (;;) {
    hooks.signal.throwIfAborted();
    const page = await stripe.subscriptions.list({ status: 'all', limit: PAGE_SIZE, expand: ['data.discounts', 'data.discounts.source.coupon'], ...(startingAfter && { starting_after: startingAfter }) });
    hooks.signal.throwIfAborted();
    const values = page.data.map((subscription) => liveSubscriptionValue(subscription, run.day)).filter((value) => value.existed);
    for (const value of values) add(value);
    listed += page.data.length;
    if (page.data.length > 0) {
      startingAfter = page.data.at(-1)!.id;
      await hooks.keepPage({ values, cursor: startingAfter, listed });
    }
    if (!page.has_more || page.data.length === 0) return { customers, listed };
  }
}

/** The engine over the mirror's own history: what the precomputed rows should say, and which subscriptions changed after the day. */
function historyFacts(history: readonly HistoryRow[], day: string, settings: { currency: string; pastDueChurnDays: number }) {
  const endOfDay = Date.parse(`${day}T00:00:00Z`) + DAY_MS;
  const byCustomer = new Map<string, HistoryRow[]>();
  const changedAfterDay = new Set<string>();
  for (const row of history) {
    const rows = byCustomer.get(row.customerId);
    if (rows) rows.push(row);
    else byCustomer.set(row.customerId, [row]);
    if (new Date(row.effectiveAt).getTime() >= endOfDay) changedAfterDay.add(row.subscriptionId);
  }
  const historyMrr = new Map<string, number>();
  for (const [customerId, rows] of byCustomer) {
    const { changes } = computeCustomerRevenue(customerId, rows, settings, ['stripe']);
    historyMrr.set(customerId, changes.filter((c) => c.day <= day).at(-1)?.mrrCents ?? 0);
  }
  return { changedAfterDay, historyMrr };
}

/** In batches; `heartbeat` after each, so a long comparison shows it is moving (and a cancel is heard). */
async function explainDifferences(db: DbOrTrx, candidates: CustomerComparison[], day: string, settings: { currency: string; pastDueChurnDays: number }, heartbeat: () => Promise<void>): Promise<NewDifference[]> {
  const differences: NewDifference[] = [];
  for (let start = 0; start < candidates.length; start += FACTS_BATCH) {
    const batch = candidates.slice(start, start + FACTS_BATCH);
    const customerIds = batch.map((c) => c.customerId);
    const [mirror, history] = await Promise.all([
      findMirrorFacts(db, customerIds, batch.flatMap((c) => c.live.map((s) => s.subscriptionId))),
      findHistoryOfCustomers(db, customerIds),
    ]);
    const facts = { reportingCurrency: settings.currency, ...mirror, ...historyFacts(history, day, settings) };
    for (const customer of batch) differences.push(classifyDifference(customer, facts));
    await heartbeat();
  }
  return differences;
}

export interface Reconciliation {
  outcome: RunOutcome;
  /** The differences to store, most important first (at most MAX_STORED_DIFFERENCES). */
  differences: NewDifference[];
}

export async function reconcileWithStripe(db: DbOrTrx, stripe: Stripe, run: ClaimedRun, hooks: ReconcileHooks): Promise<Reconciliation> {
  const settings = { ...(await findRevenueSettings(db)), currency: run.currency };
  const stripeSide = await listStripeSide(db, stripe, run, hooks);
  const report = hooks.report;
  await report({ phase: 'comparing', done: stripeSide.listed });
  const opsdesk = await findOpsdeskMrrOnDay(db, run.day);

  let opsdeskTotalCents = 0;
  let stripeTotalCents = 0;
  let excludedSubscriptions = 0;
  const candidates: CustomerComparison[] = [];
  const customerIds = new Set([...opsdesk.keys(), ...stripeSide.customers.keys()]);
  for (const customerId of customerIds) {
    const opsdeskCents = opsdesk.get(customerId) ?? 0;
    const { stripeCents, live } = stripeSide.customers.get(customerId) ?? { stripeCents: 0, live: [] };
    const excluded = live.filter((s) => s.currency !== run.currency).length;
    opsdeskTotalCents += opsdeskCents;
    stripeTotalCents += stripeCents;
    excludedSubscriptions += excluded;
    if (opsdeskCents !== stripeCents || excluded > 0) candidates.push({ customerId, opsdeskCents, stripeCents, live });
  }

  const differences = await explainDifferences(db, candidates, run.day, settings, () => {
    hooks.signal.throwIfAborted();
    return report({ phase: 'comparing', done: stripeSide.listed });
  });
  // The largest first (then by customer, so equal runs store the same rows): a bounded list keeps what matters most.
  differences.sort((a, b) => Math.abs(b.stripeCents - b.opsdeskCents) - Math.abs(a.stripeCents - a.opsdeskCents) || a.customerId.localeCompare(b.customerId));
  const stored = differences.slice(0, MAX_STORED_DIFFERENCES);
  const outcome = { subscriptionsListed: stripeSide.listed, opsdeskTotalCents, stripeTotalCents, customersCompared: customerIds.size, differencesCount: differences.length, differencesStored: stored.length, excludedSubscriptions };
  return { outcome, differences: stored };
}

/** The outcome and its differences, stored together (one transaction): a run never shows half its list. */
export async function storeReconciliation(trx: DbOrTrx, runId: string, { outcome, differences }: Reconciliation): Promise<void> {
  for (let start = 0; start < differences.length; start += FACTS_BATCH) await insertDifferences(trx, runId, differences.slice(start, start + FACTS_BATCH));
  if (!(await markRunSucceeded(trx, runId, outcome))) throw new Error(`reconciliation ${runId} was failed as abandoned before it finished`);
}
