import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { insertSubscriptionHistory, lockMirrorWrites } from '../mirror/mirror.queries.js';
import { MIRROR_KINDS, type MirrorObjectType } from '../mirror/mirrorKinds.js';
import { planStates, type MirrorState, type ObjectPlan } from '../mirror/mirrorState.js';
import { resolvePlans } from '../mirror/resolvePlans.js';
import { subscriptionHistoryRow } from '../mirror/subscriptionHistory.js';
import { nowUnix } from '../mirror/time.js';
import { writeResolutions } from '../mirror/writeMirror.js';
import { deleteBackfillState, findBackfillState, saveBackfillProgress } from './backfill.queries.js';

/** Parents before children, so a fresh mirror is consistent as early as possible. */
export const BACKFILL_ORDER: MirrorObjectType[] = ['product', 'price', 'coupon', 'customer', 'subscription', 'invoice', 'charge', 'refund', 'credit_note', 'dispute'];
const PAGE_SIZE = 100;
/** A page whose objects keep changing under it is given up (and the run fails) after this many looks. */
const MAX_ROUNDS = 5;

export interface BackfillProgress {
  resource: MirrorObjectType;
  synced: number;
  done: boolean;
}

/**
 * Rebuilds the mirror from Stripe's list endpoints, page by page. After each page the
 * cursor is saved in `ops.stripe_backfill_state`, so an interrupted run resumes where
 * it stopped; a finished resource is skipped unless `restart` is set. Each object is
 * written with the fetch time as its `as_of`, through the same ordering rule and the
 * same batch writer as webhooks, so backfill and webhooks can run at the same time.
 */
export async function backfillMirror(db: Db, stripe: Stripe, options: { restart?: boolean; onProgress?: (p: BackfillProgress) => void } = {}): Promise<Record<string, number>> {
  if (options.restart) await deleteBackfillState(db);
  const totals: Record<string, number> = {};
  for (const resource of BACKFILL_ORDER) {
    totals[resource] = await backfillResource(db, stripe, resource, options.onProgress);
  }
  return totals;
}

async function backfillResource(db: Db, stripe: Stripe, resource: MirrorObjectType, onProgress?: (p: BackfillProgress) => void): Promise<number> {
  const state = await findBackfillState(db, resource);
  if (state?.completedAt) return Number(state.objectsSynced);
  let cursor = state?.cursor ?? undefined;
  let synced = Number(state?.objectsSynced ?? 0);
  const kind = MIRROR_KINDS[resource];
  for (;;) {
    const page = await kind.list(stripe, { limit: PAGE_SIZE, ...(cursor && { starting_after: cursor }) });
    const asOf = nowUnix();
    const states: MirrorState[] = page.data.map((object) => ({ kind, object, asOf, eventId: null, deleted: false }));
    const history = resource === 'subscription' ? page.data.map((s) => subscriptionHistoryRow(s as Stripe.Subscription, { source: 'fetch', sourceId: `backfill@${asOf}`, effectiveAt: asOf })) : [];
    cursor = page.data.at(-1)?.id ?? cursor;
    synced += page.data.length;
    const done = !page.has_more;
    let plans = planStates(states);
    for (let round = 1; plans.length > 0; round++) {
      if (round > MAX_ROUNDS) throw new Error(`backfill of ${resource}: objects kept changing during the page; run it again`);
      plans = await writePage(db, stripe, plans);
    }
    // After the page's objects: a crash in between redoes the page, which changes nothing.
    await db.transaction().execute(async (trx) => {
      await insertSubscriptionHistory(trx, history);
      await saveBackfillProgress(trx, { resource, cursor: cursor ?? null, objectsSynced: synced, done });
    });
    onProgress?.({ resource, synced, done });
    if (done) return synced;
  }
}

/** Writes a page's objects; returns those a concurrent writer changed meanwhile, to resolve again. */
async function writePage(db: Db, stripe: Stripe, plans: ObjectPlan[]): Promise<ObjectPlan[]> {
  const resolutions = await resolvePlans(db, stripe, plans);
  return db.transaction().execute(async (trx) => {
    await lockMirrorWrites(trx);
    return (await writeResolutions(trx, resolutions)).deferred;
  });
}
