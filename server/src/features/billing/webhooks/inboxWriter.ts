import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { insertReceivedEvents, type ReceivedEvent } from './eventLedger.queries.js';

export type Receipt = 'queued' | 'duplicate';

/**
 * Writes in flight at once. Two: one slow commit does not hold up every request behind
 * it, and each write still carries many events. More writes carried fewer events each
 * and waited on each other's disk flushes (the webhook bench: 3 writes of ~7 events,
 * 6 of ~2, against 2 of ~8 and 1 of ~12).
 */
const MAX_WRITES_IN_FLIGHT = 2;

/**
 * Stores verified events in the inbox with group commit: requests that arrive while
 * writes are in flight wait for the next one and share it — one statement and one
 * commit for many events instead of one each. A request is answered only once its event is
 * committed, so an acknowledged event is never lost. The events a write queued are
 * handed, parsed, to `onQueued` (the worker keeps them instead of reading them back).
 */
export function createInboxWriter(db: Db, onQueued: (events: Stripe.Event[]) => void = () => undefined) {
  let waiting: Array<{ event: ReceivedEvent; parsed: Stripe.Event; settle: (receipt: Receipt) => void; fail: (error: unknown) => void }> = [];
  let writing = 0;
  let scheduled = false;

  /**
   * Starts the next write after the current turn of the event loop, not at once: the
   * requests a burst of answers brought back arrive together, and a write started for
   * the first of them would leave the rest waiting a whole round trip for the next.
   */
  function scheduleWrite(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void writeWaiting();
    });
  }

  async function writeWaiting(): Promise<void> {
    if (writing >= MAX_WRITES_IN_FLIGHT || waiting.length === 0) return;
    writing += 1;
    const batch = waiting;
    waiting = [];
    try {
      // One row per id: copies of one event in the same write are duplicates of the first.
      const unique = [...new Map(batch.map((w) => [w.event.id, w.event])).values()];
      const queued = await insertReceivedEvents(db, unique);
      onQueued(batch.filter((entry) => queued.has(entry.event.id)).map((entry) => entry.parsed));
      for (const entry of batch) {
        entry.settle(queued.delete(entry.event.id) ? 'queued' : 'duplicate');
      }
    } catch (error) {
      for (const entry of batch) entry.fail(error);
    } finally {
      writing -= 1;
      scheduleWrite();
    }
  }

  return {
    receive(event: ReceivedEvent, parsed: Stripe.Event): Promise<Receipt> {
      return new Promise((settle, fail) => {
        waiting.push({ event, parsed, settle, fail });
        scheduleWrite();
      });
    },
  };
}
