import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { applySnapshot } from '../mirror/applySnapshot.js';
import { MIRROR_KINDS, type MirrorObjectType } from '../mirror/mirrorKinds.js';
import { recordSubscriptionState } from '../mirror/subscriptionHistory.js';
import { nowUnix } from '../mirror/time.js';

/** Parents before children, so a fresh mirror is consistent as early as possible. */
export const BACKFILL_ORDER: MirrorObjectType[] = ['product', 'price', 'coupon', 'customer', 'subscription', 'invoice', 'charge', 'refund', 'credit_note', 'dispute'];
const PAGE_SIZE = 100;

export interface BackfillProgress {
  resource: MirrorObjectType;
  synced: number;
  done: boolean;
}

/**
 * Rebuilds the mirror from Stripe's list endpoints, page by page. After each page the
 * cursor is saved in `ops.stripe_backfill_state`, so an interrupted run resumes where
 * it stopped; a finished resource is skipped unless `restart` is set. Each object is
 * written with the fetch time as its `as_of`, through the same ordering rule as
 * webhooks, so backfill and webhooks can run at the same time.
 */
export async function backfillMirror(db: Db, stripe: Stripe, options: { restart?: boolean; onProgress?: (p: BackfillProgress) => void } = {}): Promise<Record<string, number>> {
  if (options.restart) await db.deleteFrom('ops.stripeBackfillState').execute();
  const totals: Record<string, number> = {};
  for (const resource of BACKFILL_ORDER) {
    totals[resource] = await backfillResource(db, stripe, resource, options.onProgress);
  }
  return totals;
}

async function backfillResource(db: Db, stripe: Stripe, resource: MirrorObjectType, onProgress?: (p: BackfillProgress) => void): Promise<number> {
  const state = await db.selectFrom('ops.stripeBackfillState').selectAll().where('resource', '=', resource).executeTakeFirst();
  if (state?.completedAt) return Number(state.objectsSynced);
  let cursor = state?.cursor ?? undefined;
  let synced = Number(state?.objectsSynced ?? 0);
  const kind = MIRROR_KINDS[resource];
  for (;;) {
    const page = await kind.list(stripe, { limit: PAGE_SIZE, ...(cursor && { starting_after: cursor }) });
    const asOf = nowUnix();
    await db.transaction().execute(async (trx) => {
      for (const object of page.data) {
        if (resource === 'subscription') {
          await recordSubscriptionState(trx, object as Stripe.Subscription, { source: 'fetch', sourceId: `backfill@${asOf}`, effectiveAt: asOf });
        }
        await applySnapshot(trx, kind, object, { asOf, eventId: null }, stripe);
      }
      cursor = page.data.at(-1)?.id ?? cursor;
      synced += page.data.length;
      const done = !page.has_more;
      await trx
        .insertInto('ops.stripeBackfillState')
        .values({ resource, cursor: cursor ?? null, objectsSynced: synced, completedAt: done ? new Date() : null })
        .onConflict((oc) => oc.column('resource').doUpdateSet({ cursor: cursor ?? null, objectsSynced: synced, completedAt: done ? new Date() : null }))
        .execute();
    });
    onProgress?.({ resource, synced, done: !page.has_more });
    if (!page.has_more) return synced;
  }
}
