import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { findStoredSnapshots, findStoredVersions, type StoredVersion } from './mirror.queries.js';
import type { MirrorTable, StripeObject } from './mirrorKinds.js';
import { mapLimit } from './mapLimit.js';
import { sameState, type MirrorState, type ObjectPlan } from './mirrorState.js';
import { newestOfSecond } from './sameSecondOrder.js';

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
 *   state of the same second written by another event: Stripe's `created` has
 *   one-second resolution, so the events' own `previous_attributes` order them
 *   (sameSecondOrder.ts); when they cannot tell, the object is re-fetched, once, here —
 *   outside any transaction — and the API's answer, which is the latest state, is written;
 * - otherwise its newest state is written.
 * Every Stripe call a write needs (re-fetches, an invoice's further lines) happens here.
 */
export async function resolvePlans(db: Db, stripe: Stripe, plans: ObjectPlan[], options: { appliedStatesOfSecond?: AppliedStatesOfSecond } = {}): Promise<Resolution[]> {
  const versions = await readByTable(plans, (table, ids) => findStoredVersions(db, table, ids));
  const decided = plans.map((plan) => firstLook(plan, versions.get(plan.kind.table)?.get(plan.id)));
  const ordered = decided.filter((d) => d.needsOrder && d.version && d.version.deletedAt === null).map((d) => d.plan);
  const storedSnapshots = await readByTable(ordered, (table, ids) => findStoredSnapshots(db, table, ids));
  const tied = decided.filter((d) => d.tied && d.needsOrder).map((d) => d.plan);
  const applied = tied.length > 0 && options.appliedStatesOfSecond ? await options.appliedStatesOfSecond(tied) : new Map<ObjectPlan, MirrorState[]>();
  return mapLimit(decided, FETCH_CONCURRENCY, async ({ plan, version, tied, ambiguous, needsOrder }) => {
    if (version && plan.asOf < version.asOf) return { plan, version, action: 'stale' as const };
    if (!needsOrder) return write(stripe, plan, version, plan.candidates.at(-1)!);
    const stored = version?.deletedAt === null ? (storedSnapshots.get(plan.kind.table)?.get(plan.id) as StripeObject | undefined) : undefined;
    if (version && !stored) return refetch(stripe, plan, version);
    const earlier = (plan.earlier ?? []).filter((s) => !s.deleted).map((s) => s.object);
    if (!tied) {
      const newest = newestOfSecond(plan.candidates, { before: stored ? [stored, ...earlier] : earlier });
      return newest ? write(stripe, plan, version, newest) : refetch(stripe, plan, version);
    }
    // The mirror holds a state of this very second, written by another event.
    const candidate = plan.candidates.at(-1)!;
    if (!ambiguous && sameState(candidate, { object: stored, deleted: false })) return { plan, version, action: 'unchanged' as const };
    // Order this batch's states with those of the same second applied before; a late event may belong before them.
    const seen = applied.get(plan) ?? [];
    if (!seen.some((s) => s.eventId === version!.asOfEventId)) return refetch(stripe, plan, version);
    const newest = newestOfSecond([...seen, ...plan.candidates], { before: earlier, earlierUnknown: earlier.length === 0 });
    if (!newest) return refetch(stripe, plan, version);
    if (seen.includes(newest)) return newest.eventId === version!.asOfEventId ? { plan, version, action: 'unchanged' as const } : refetch(stripe, plan, version);
    return write(stripe, plan, version, newest);
  });
}

/**
 * The states of the events about these objects, from their plan's second, that earlier
 * batches applied (the webhook inbox's ledger); the backfill has none.
 */
export type AppliedStatesOfSecond = (plans: ObjectPlan[]) => Promise<Map<ObjectPlan, MirrorState[]>>;

function firstLook(plan: ObjectPlan, version: StoredVersion | undefined) {
  const stale = version !== undefined && plan.asOf < version.asOf;
  const [first, ...others] = plan.candidates;
  const ambiguous = others.some((c) => !sameState(first!, c));
  const tied = version !== undefined && version.asOf === plan.asOf && !plan.candidates.some((c) => c.eventId === version.asOfEventId);
  return { plan, version, tied, ambiguous, needsOrder: !stale && (ambiguous || tied) };
}

async function write(stripe: Stripe, plan: ObjectPlan, version: StoredVersion | undefined, state: MirrorState): Promise<Resolution> {
  return { plan, version, action: 'write', state, childSource: await complete(stripe, state), refetched: false };
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
