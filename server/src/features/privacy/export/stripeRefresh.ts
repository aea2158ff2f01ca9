import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { writeFetchedStates } from '../../billing/backfill/writeFetchedStates.js';
import { insertSubscriptionHistory, type SubscriptionHistoryRow } from '../../billing/mirror/mirror.queries.js';
import { MIRROR_KINDS, type MirrorObjectType } from '../../billing/mirror/mirrorKinds.js';
import type { MirrorState } from '../../billing/mirror/mirrorState.js';
import { subscriptionHistoryRow } from '../../billing/mirror/subscriptionHistory.js';
import { nowUnix } from '../../billing/mirror/time.js';

/**
 * Brings one Stripe customer's part of the mirror up to date before an export copies it
 * (a webhook may be late or lost): the customer and its subscriptions, invoices, charges
 * and credit notes, then the refunds and disputes of those charges, fetched from the API
 * a page at a time and written like the backfill writes them — the fetch time as `as_of`,
 * through the mirror's ordering rule and batch writer, so a webhook arriving meanwhile
 * is never overwritten by an older state. An erasure of the customer running meanwhile
 * can delete it at Stripe after it was fetched: from the erasure's `billing:closed` on, its
 * objects are left out (writeFetchedStates.ts), and the refresh reports it deleted if the
 * customer itself was.
 */
export interface StripeRefresh {
  customerId: string;
  /** false: Stripe no longer has it (or never had); the mirror's copy is exported as it is. */
  foundAtStripe: boolean;
  deletedAtStripe: boolean;
  objects: number;
  refreshedAt: string;
}

const PAGE_SIZE = 100;
const GAVE_UP = 'Stripe objects kept changing while the export refreshed them; start the export again.';

type ListedType = Exclude<MirrorObjectType, 'product' | 'price' | 'coupon' | 'customer'>;
type Lister = (stripe: Stripe, filter: { customer?: string; charge?: string }, page: { limit: number; starting_after?: string }) => Promise<Stripe.ApiList<{ id: string }>>;

const LIST_BY_CUSTOMER: [ListedType, Lister][] = [
  ['subscription', (stripe, f, p) => stripe.subscriptions.list({ customer: f.customer!, status: 'all', ...p })],
  ['invoice', (stripe, f, p) => stripe.invoices.list({ customer: f.customer!, ...p }) as Promise<Stripe.ApiList<{ id: string }>>],
  ['charge', (stripe, f, p) => stripe.charges.list({ customer: f.customer!, ...p })],
  ['credit_note', (stripe, f, p) => stripe.creditNotes.list({ customer: f.customer!, ...p })],
];
const LIST_BY_CHARGE: [ListedType, Lister][] = [
  ['refund', (stripe, f, p) => stripe.refunds.list({ charge: f.charge!, ...p })],
  ['dispute', (stripe, f, p) => stripe.disputes.list({ charge: f.charge!, ...p })],
];

export async function refreshStripeCustomer(db: Db, stripe: Stripe, customerId: string, signal: AbortSignal): Promise<StripeRefresh> {
  const refreshedAt = new Date().toISOString();
  const customer = await MIRROR_KINDS.customer.retrieve(stripe, customerId);
  if (!customer) return { customerId, foundAtStripe: false, deletedAtStripe: false, objects: 0, refreshedAt };
  // A deleted customer comes back as a stub ({ id, deleted }): the mirror keeps what its deletion event left.
  if (customer.deleted === true) return { customerId, foundAtStripe: true, deletedAtStripe: true, objects: 0, refreshedAt };
  const written = await writeStates(db, stripe, [{ kind: MIRROR_KINDS.customer, object: customer, asOf: nowUnix(), eventId: null, deleted: false }]);
  if (written === 0) return { customerId, foundAtStripe: true, deletedAtStripe: true, objects: 0, refreshedAt };
  let objects = 1;
  const chargeIds: string[] = [];
  for (const [type, list] of LIST_BY_CUSTOMER) {
    objects += await refreshList(db, stripe, type, (page) => list(stripe, { customer: customerId }, page), signal, (ids) => type === 'charge' && chargeIds.push(...ids));
  }
  for (const charge of chargeIds) {
    for (const [type, list] of LIST_BY_CHARGE) objects += await refreshList(db, stripe, type, (page) => list(stripe, { charge }, page), signal);
  }
  return { customerId, foundAtStripe: true, deletedAtStripe: false, objects, refreshedAt };
}

async function refreshList(
  db: Db,
  stripe: Stripe,
  type: ListedType,
  list: (page: { limit: number; starting_after?: string }) => Promise<Stripe.ApiList<{ id: string }>>,
  signal: AbortSignal,
  onIds: (ids: string[]) => unknown = () => undefined,
): Promise<number> {
  const kind = MIRROR_KINDS[type];
  let count = 0;
  for (let cursor: string | undefined; ; ) {
    signal.throwIfAborted();
    const page = await list({ limit: PAGE_SIZE, ...(cursor && { starting_after: cursor }) });
    const asOf = nowUnix();
    count += await writeStates(
      db,
      stripe,
      page.data.map((object) => ({ kind, object, asOf, eventId: null, deleted: false })),
      type === 'subscription' ? page.data.map((s) => subscriptionHistoryRow(s as Stripe.Subscription, { source: 'fetch', sourceId: `privacy-export@${asOf}`, effectiveAt: asOf })) : [],
    );
    onIds(page.data.map((object) => object.id));
    cursor = page.data.at(-1)?.id;
    if (!page.has_more || !cursor) return count;
  }
}

/** The backfill's page write (objects of erased customers left out, their history rows too); returns how many objects it wrote. */
async function writeStates(db: Db, stripe: Stripe, states: MirrorState[], history: SubscriptionHistoryRow[] = []): Promise<number> {
  const { skippedIds } = await writeFetchedStates(db, stripe, states, GAVE_UP);
  const kept = history.filter((row) => !skippedIds.has(row.subscriptionId));
  if (kept.length > 0) await db.transaction().execute((trx) => insertSubscriptionHistory(trx, kept));
  return states.length - skippedIds.size;
}
