import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { findStoredSnapshots, findStoredVersions, type StoredVersion } from './mirror.queries.js';
import type { MirrorTable, StripeObject } from './mirrorKinds.js';
import { mapLimit } from './mapLimit.js';
import { sameState, type MirrorState, type ObjectPlan } from './mirrorState.js';

/**
 * Stripe calls in flight at once while resolving a batch. A batch of a busy moment
 * re-fetches a hundred objects or more, and waiting for them one round trip after
 * another was most of a batch's time in the webhook bench; Stripe's read limit (100/s
 * in live mode) is far above what one batch asks.
 */
const FETCH_CONCURRENCY = 16;

/** What the mirror will do with one object, decided before any transaction opens. */
export type Resolution =
  | { plan: ObjectPlan; version: StoredVersion | undefined; action: 'stale' | 'unchanged' }
  | { plan: ObjectPlan; version: StoredVersion | undefined; action: 'gone'; eventId: string | null }
  | { plan: ObjectPlan; version: StoredVersion | undefined; action: 'write'; state: MirrorState; childSource: StripeObject; refetched: boolean };

/**
 * The ordering rule (docs/billing.md, "Ordering"), once per object per batch:
 * - its newest state is older than the stored one → stale, nothing written;
 * - its newest second holds different states, or one state that differs from a stored
 *   state of the same second written by another event → ambiguous (Stripe's `created`
 *   has one-second resolution): the object is re-fetched, once, here — outside any
 *   transaction — and the API's answer, which is the latest state, is written;
 * - otherwise its newest state is written.
 * Every Stripe call a write needs (re-fetches, an invoice's further lines) happens here.
 */
export async function resolvePlans(db: Db, stripe: Stripe, plans: ObjectPlan[]): Promise<Resolution[]> {
  const versions = await readByTable(plans, (table, ids) => findStoredVersions(db, table, ids));
  const decided = plans.map((plan) => firstLook(plan, versions.get(plan.kind.table)?.get(plan.id)));
  const tied = decided.filter((d) => d.tiedWithStored).map((d) => d.plan);
  const storedSnapshots = await readByTable(tied, (table, ids) => findStoredSnapshots(db, table, ids));
  return mapLimit(decided, FETCH_CONCURRENCY, async ({ plan, version, tiedWithStored, ambiguous }) => {
    if (!version || plan.asOf >= version.asOf) {
      const candidate = plan.candidates.at(-1)!;
      if (tiedWithStored && sameState(candidate, { object: storedSnapshots.get(plan.kind.table)?.get(plan.id), deleted: version!.deletedAt !== null })) {
        return { plan, version, action: 'unchanged' as const };
      }
      if (ambiguous || tiedWithStored) return refetch(stripe, plan, version);
      return { plan, version, action: 'write' as const, state: candidate, childSource: await complete(stripe, candidate), refetched: false };
    }
    return { plan, version, action: 'stale' as const };
  });
}

function firstLook(plan: ObjectPlan, version: StoredVersion | undefined) {
  const stale = version !== undefined && plan.asOf < version.asOf;
  const [first, ...others] = plan.candidates;
  const ambiguous = !stale && others.some((c) => !sameState(first!, c));
  const tiedWithStored = !stale && !ambiguous && version !== undefined && version.asOf === plan.asOf && !plan.candidates.some((c) => c.eventId === version.asOfEventId);
  return { plan, version, ambiguous, tiedWithStored };
}

async function refetch(stripe: Stripe, plan: ObjectPlan, version: StoredVersion | undefined): Promise<Resolution> {
  const eventId = plan.candidates.at(-1)!.eventId;
  const current = await plan.kind.retrieve(stripe, plan.id);
  if (current === null || current.deleted === true) return version ? { plan, version, action: 'gone', eventId } : { plan, version, action: 'stale' };
  const state: MirrorState = { kind: plan.kind, object: current, asOf: plan.asOf, eventId, deleted: false };
  return { plan, version, action: 'write', state, childSource: await complete(stripe, state), refetched: true };
}

const complete = (stripe: Stripe, state: MirrorState): Promise<StripeObject> => (state.kind.complete ? state.kind.complete(stripe, state.object) : Promise.resolve(state.object));

async function readByTable<T>(plans: ObjectPlan[], read: (table: MirrorTable, ids: string[]) => Promise<Map<string, T>>): Promise<Map<MirrorTable, Map<string, T>>> {
  const idsByTable = new Map<MirrorTable, string[]>();
  for (const plan of plans) (idsByTable.get(plan.kind.table) ?? idsByTable.set(plan.kind.table, []).get(plan.kind.table)!).push(plan.id);
  const entries = await Promise.all([...idsByTable].map(async ([table, ids]) => [table, await read(table, ids)] as const));
  return new Map(entries);
}
