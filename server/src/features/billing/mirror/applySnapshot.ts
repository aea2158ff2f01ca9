import { sql } from 'kysely';
import type Stripe from 'stripe';
import type { Trx } from '../../../db/database.js';
import type { MirrorKind, StripeObject } from './mirrorKinds.js';

/** Where a snapshot came from: an event (its id and `created`) or a fetch (its time). */
export interface SnapshotOrigin {
  asOf: number;
  eventId: string | null;
  /** A `*.deleted` event: the object is gone at Stripe. */
  deleted?: boolean;
}

export type SnapshotOutcome = 'written' | 'stale' | 'refetched' | 'deleted';

/**
 * Writes one Stripe object into the mirror unless the mirror already holds a newer
 * state. Ordering rule (docs/billing.md):
 * - older than what is stored (by event `created`) → ignored;
 * - the same second as what is stored but a different event → order is ambiguous
 *   (Stripe's `created` has one-second resolution), so the object is re-fetched from
 *   the API, which always has the latest state;
 * - newer → written.
 * Concurrent writers of one object are serialised by a transaction-level advisory lock.
 */
export async function applySnapshot(trx: Trx, kind: MirrorKind, object: { id: string }, origin: SnapshotOrigin, stripe: Stripe): Promise<SnapshotOutcome> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${kind.table}:${object.id}`}, 0))`.execute(trx);
  const stored = await trx
    .selectFrom(kind.table as 'billing.customers')
    .select(['asOf', 'asOfEventId', 'deletedAt'])
    .where('id', '=', object.id)
    .executeTakeFirst();

  let snapshot: StripeObject | null = object;
  let outcome: SnapshotOutcome = origin.deleted ? 'deleted' : 'written';
  if (stored) {
    const storedAsOf = Number(stored.asOf);
    if (origin.asOf < storedAsOf) return 'stale';
    if (origin.asOf === storedAsOf && stored.asOfEventId !== origin.eventId) {
      snapshot = await kind.retrieve(stripe, object.id);
      outcome = 'refetched';
    }
  }
  if (snapshot === null || snapshot.deleted === true) {
    // Gone at Stripe: keep the last full state we had, marked deleted.
    if (stored) {
      await trx.updateTable(kind.table as 'billing.customers').set({ deletedAt: stored.deletedAt ?? new Date(origin.asOf * 1000), asOf: origin.asOf, asOfEventId: origin.eventId }).where('id', '=', object.id).execute();
    }
    return 'deleted';
  }

  const row = {
    ...kind.row(snapshot),
    asOf: origin.asOf,
    asOfEventId: origin.eventId,
    deletedAt: origin.deleted ? new Date(origin.asOf * 1000) : null,
    data: JSON.stringify(snapshot),
    syncedAt: new Date(),
  };
  const { id: _id, ...changes } = row;
  await trx
    .insertInto(kind.table as 'billing.customers')
    .values(row as never)
    .onConflict((oc) => oc.column('id').doUpdateSet(changes as never))
    .execute();
  await kind.writeChildren?.(trx, snapshot, stripe);
  return outcome;
}
