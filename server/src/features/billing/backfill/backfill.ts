import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { insertSubscriptionHistory } from '../mirror/mirror.queries.js';
import { MIRROR_KINDS, type MirrorObjectType } from '../mirror/mirrorKinds.js';
import type { MirrorState } from '../mirror/mirrorState.js';
import { subscriptionHistoryRow } from '../mirror/subscriptionHistory.js';
import { nowUnix } from '../mirror/time.js';
import { deleteBackfillState, findBackfillState, saveBackfillProgress } from './backfill.queries.js';
import { writeFetchedStates } from './writeFetchedStates.js';

/** Parents before children, so a fresh mirror is consistent as early as possible. */
export const BACKFILL_ORDER: MirrorObjectType[] = ['product', 'price', 'coupon', 'customer', 'subscription', 'invoice', 'charge', 'refund', 'credit_note', 'dispute'];
const PAGE_SIZE = 100;

export interface BackfillProgress {
  resource: MirrorObjectType;
  synced: number;
  /** Objects of erased customers this run left out of the resource so far. */
  skipped: number;
  done: boolean;
}

export interface BackfillSummary {
  /** Objects written per resource, over the runs that built this mirror (a resource finished earlier counts what it wrote then). */
  synced: Record<string, number>;
  /** Objects of customers an erasure has closed the mirror to, left out by this run. */
  skippedOfErasedCustomers: number;
}

/**
 * Rebuilds the mirror from Stripe's list endpoints, page by page. After each page the
 * cursor is saved in `ops.stripe_backfill_state`, so an interrupted run resumes where
 * it stopped; a finished resource is skipped unless `restart` is set. Each object is
 * written with the fetch time as its `as_of`, through the same ordering rule and the
 * same batch writer as webhooks, so backfill and webhooks can run at the same time.
 * Objects of customers a GDPR erasure has closed the mirror to (Stripe keeps their
 * invoices, charges, refunds and disputes) are left out, and counted (writeFetchedStates.ts).
 */
export async function backfillMirror(db: Db, stripe: Stripe, options: { restart?: boolean; onProgress?: (p: BackfillProgress) => void } = {}): Promise<BackfillSummary> {
  if (options.restart) await deleteBackfillState(db);
  const summary: BackfillSummary = { synced: {}, skippedOfErasedCustomers: 0 };
  for (const resource of BACKFILL_ORDER) {
    const { synced, skipped } = await backfillResource(db, stripe, resource, options.onProgress);
    summary.synced[resource] = synced;
    summary.skippedOfErasedCustomers += skipped;
  }
  return summary;
}

async function backfillResource(db: Db, stripe: Stripe, resource: MirrorObjectType, onProgress?: (p: BackfillProgress) => void): Promise<{ synced: number; skipped: number }> {
  const state = await findBackfillState(db, resource);
  if (state?.completedAt) return { synced: Number(state.objectsSynced), skipped: 0 };
  let cursor = state?.cursor ?? undefined;
  let synced = Number(state?.objectsSynced ?? 0);
  let skipped = 0;
  const kind = MIRROR_KINDS[resource];
  for (;;) {
    const page = await kind.list(stripe, { limit: PAGE_SIZE, ...(cursor && { starting_after: cursor }) });
    const asOf = nowUnix();
    const states: MirrorState[] = page.data.map((object) => ({ kind, object, asOf, eventId: null, deleted: false }));
    const { skippedIds } = await writeFetchedStates(db, stripe, states, `backfill of ${resource}: objects kept changing during the page; run it again`);
    const history = resource === 'subscription' ? page.data.filter((s) => !skippedIds.has(s.id)).map((s) => subscriptionHistoryRow(s as Stripe.Subscription, { source: 'fetch', sourceId: `backfill@${asOf}`, effectiveAt: asOf })) : [];
    cursor = page.data.at(-1)?.id ?? cursor;
    synced += page.data.length - skippedIds.size;
    skipped += skippedIds.size;
    const done = !page.has_more;
    // After the page's objects: a crash in between redoes the page, which changes nothing.
    await db.transaction().execute(async (trx) => {
      await insertSubscriptionHistory(trx, history);
      await saveBackfillProgress(trx, { resource, cursor: cursor ?? null, objectsSynced: synced, done });
    });
    onProgress?.({ resource, synced, skipped, done });
    if (done) return { synced, skipped };
  }
}
