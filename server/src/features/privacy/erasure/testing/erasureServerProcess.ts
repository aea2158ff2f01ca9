import type { TestApp } from '../../../../testing/testApp.js';
import { startJobServer, type JobServer } from '../../../jobs/testing/jobServerProcess.js';

/**
 * A real Opsdesk server process (jobServerProcess.ts) on a test app's database that talks
 * to the test app's own Stripe emulator, as to an account's Stripe: the customer the test
 * made is the one the server deletes, and the test reads the emulator's events to count
 * the deletions. Its job engine runs the erasure; `kill()` is kill -9 of its group.
 */
export function startErasureServer(app: TestApp, name: string): Promise<JobServer> {
  const emulator = app.billing.emulator!;
  return startJobServer(app.database.url, `erasure-${name}`, {
    STRIPE_SECRET_KEY: emulator.apiKey,
    STRIPE_API_BASE: emulator.url,
    STRIPE_WEBHOOK_SECRET: app.deps.stripeWebhookSecret,
    AUDIT_ANCHOR_FILE: app.deps.config.auditAnchorFile,
  });
}
