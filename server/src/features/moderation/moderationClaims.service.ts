import { TRPCError } from '@trpc/server';
import type { Trx } from '../../db/database.js';
import { appendEvent } from './moderationEvents.queries.js';
import { claimNextEntry, extendLease, lockEntry, releaseEntry, type QueueEntryRow } from './moderationQueue.queries.js';

export interface Moderator {
  id: string;
  label: string;
}

const subjectOf = (entry: QueueEntryRow) => ({ subjectType: entry.subjectType, subjectId: entry.subjectId });

/** "Next item" for this moderator (see claimNextEntry); undefined when the queue or the reason group is empty. */
export async function takeNextEntry(trx: Trx, moderator: Moderator, reasonGroup?: string): Promise<QueueEntryRow | undefined> {
  const claimed = await claimNextEntry(trx, moderator, reasonGroup);
  if (!claimed) return undefined;
  const { previousHolder: _previousHolder, alreadyHeld: _alreadyHeld, ...entry } = claimed;
  return entry;
}

/**
 * Locks the entry and checks the caller holds it with a lease still running: the one
 * rule that makes "two moderators never decide one item" hold (the row lock orders a
 * decision against a concurrent claim of the expired lease).
 */
export async function lockHeldEntry(trx: Trx, moderator: Moderator, entryId: string): Promise<QueueEntryRow & { databaseNow: Date }> {
  const entry = await lockEntry(trx, entryId);
  if (!entry) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such queue entry.' });
  if (entry.status === 'decided') throw new TRPCError({ code: 'CONFLICT', message: 'This item has already been decided.' });
  if (entry.status !== 'claimed' || entry.claimedBy !== moderator.id) throw new TRPCError({ code: 'CONFLICT', message: 'You do not hold this item: take it with "next item" first.' });
  if (!entry.leaseValid) throw new TRPCError({ code: 'CONFLICT', message: 'Your claim on this item expired; take it again with "next item".' });
  return entry;
}

export async function renewLease(trx: Trx, moderator: Moderator, entryId: string) {
  const entry = await lockHeldEntry(trx, moderator, entryId);
  return { entryId: entry.id, leaseExpiresAt: await extendLease(trx, entry.id) };
}

export async function releaseLease(trx: Trx, moderator: Moderator, entryId: string) {
  const entry = await lockHeldEntry(trx, moderator, entryId);
  await releaseEntry(trx, entry.id);
  await appendEvent(trx, { ...subjectOf(entry), kind: 'released', queueEntryId: entry.id, actor: moderator });
  return { entryId: entry.id, status: 'open' as const };
}
