import type { Db } from '../../db/database.js';
import type { StripeEmulator } from '@opsdesk/stripe-emulator';
import { countEventsByStatus } from '../billing/webhooks/eventLedger.queries.js';
import { inboxWorkersIdle } from '../billing/webhooks/inboxWorker.js';
import { MIRRORED_EVENT_TYPES } from '../billing/webhooks/processEvent.js';

const PROGRESS_EVERY_MS = 1000;
const SUBSCRIBED = new Set<string>(MIRRORED_EVENT_TYPES);

/**
 * Waits until the emulator has delivered every event and this process's inbox workers
 * have applied them (the endpoint acknowledges an event once stored, before applying it),
 * reporting the ledger's progress meanwhile; then insists that Opsdesk processed them
 * all: a failed or still pending row means the demo's mirror is incomplete, which must
 * not pass silently.
 */
export async function waitForWebhooks(db: Db, emulator: StripeEmulator, onProgress: (done: number, total: number) => void): Promise<{ emitted: number; processed: number }> {
  // Only the event types the endpoint subscribes to are delivered; count those.
  const emitted = () => emulator.events.filter((e) => SUBSCRIBED.has(e.type as string)).length;
  const ticker = setInterval(() => {
    void countLedger(db).then((n) => onProgress(n.total - n.pending, emitted()), () => undefined);
  }, PROGRESS_EVERY_MS);
  try {
    await emulator.webhooksIdle();
    await inboxWorkersIdle();
  } finally {
    clearInterval(ticker);
  }
  const ledger = await countLedger(db);
  onProgress(ledger.total, emitted());
  if (ledger.pending > 0) throw new Error(`${ledger.pending} Stripe events are still waiting in the inbox: is the webhook endpoint served by this process?`);
  if (ledger.failed > 0) {
    const sample = await db.selectFrom('ops.stripeEvents').select(['id', 'type', 'lastError']).where('status', '=', 'failed').limit(3).execute();
    throw new Error(`${ledger.failed} Stripe events failed to process, e.g. ${sample.map((e) => `${e.id} ${e.type}: ${e.lastError}`).join('; ')}`);
  }
  return { emitted: emitted(), processed: ledger.total };
}

async function countLedger(db: Db): Promise<{ total: number; failed: number; pending: number }> {
  const byStatus = await countEventsByStatus(db);
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), failed: byStatus.failed ?? 0, pending: byStatus.pending ?? 0 };
}
