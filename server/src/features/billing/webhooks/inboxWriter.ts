import type { Db } from '../../../db/database.js';
import { insertReceivedEvents, type ReceivedEvent } from './eventLedger.queries.js';

export type Receipt = 'queued' | 'duplicate';

/** Writes in flight at once: one slow commit does not hold up every request behind it. */
const MAX_WRITES_IN_FLIGHT = 3;

/**
 * Stores verified events in the inbox with group commit: requests that arrive while
 * writes are in flight wait for the next one and share it — one statement and one
 * commit for many events instead of one each. A request is answered only once its event is
 * committed, so an acknowledged event is never lost.
 */
export function createInboxWriter(db: Db) {
  let waiting: Array<{ event: ReceivedEvent; settle: (receipt: Receipt) => void; fail: (error: unknown) => void }> = [];
  let writing = 0;

  async function writeWaiting(): Promise<void> {
    if (writing >= MAX_WRITES_IN_FLIGHT || waiting.length === 0) return;
    writing += 1;
    const batch = waiting;
    waiting = [];
    try {
      // One row per id: copies of one event in the same write are duplicates of the first.
      const unique = [...new Map(batch.map((w) => [w.event.id, w.event])).values()];
      const queued = await insertReceivedEvents(db, unique);
      for (const entry of batch) {
        entry.settle(queued.delete(entry.event.id) ? 'queued' : 'duplicate');
      }
    } catch (error) {
      for (const entry of batch) entry.fail(error);
    } finally {
      writing -= 1;
      void writeWaiting();
    }
  }

  return {
    receive(event: ReceivedEvent): Promise<Receipt> {
      return new Promise((settle, fail) => {
        waiting.push({ event, settle, fail });
        void writeWaiting();
      });
    },
  };
}
