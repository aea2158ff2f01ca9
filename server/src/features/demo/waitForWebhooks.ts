import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { StripeEmulator } from '../../stripe-emulator/index.js';
import { MIRRORED_EVENT_TYPES } from '../billing/webhooks/processEvent.js';

const PROGRESS_EVERY_MS = 1000;
const SUBSCRIBED = new Set<string>(MIRRORED_EVENT_TYPES);

/**
 * Waits until the emulator has delivered every event, reporting the ledger's progress
 * meanwhile, then insists that Opsdesk processed them all: a failed row means the demo's
 * mirror is incomplete, which must not pass silently.
 */
export async function waitForWebhooks(db: Db, emulator: StripeEmulator, onProgress: (done: number, total: number) => void): Promise<{ emitted: number; processed: number }> {
  // Only the event types the endpoint subscribes to are delivered; count those.
  const emitted = () => emulator.events.filter((e) => SUBSCRIBED.has(e.type as string)).length;
  const ticker = setInterval(() => {
    void countLedger(db).then((n) => onProgress(n.total, emitted()), () => undefined);
  }, PROGRESS_EVERY_MS);
  try {
    await emulator.webhooksIdle();
  } finally {
    clearInterval(ticker);
  }
  const ledger = await countLedger(db);
  onProgress(ledger.total, emitted());
  if (ledger.failed > 0) {
    const sample = await db.selectFrom('ops.stripeEvents').select(['id', 'type', 'lastError']).where('status', '=', 'failed').limit(3).execute();
    throw new Error(`${ledger.failed} Stripe events failed to process, e.g. ${sample.map((e) => `${e.id} ${e.type}: ${e.lastError}`).join('; ')}`);
  }
  return { emitted: emitted(), processed: ledger.total };
}

async function countLedger(db: Db): Promise<{ total: number; failed: number }> {
  const row = await db
    .selectFrom('ops.stripeEvents')
    .select([sql<string>`count(*)`.as('total'), sql<string>`count(*) filter (where status = 'failed')`.as('failed')])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), failed: Number(row.failed) };
}
