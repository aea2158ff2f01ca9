import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '@opsdesk/shared';
import express from 'express';
import { loadConfig } from '../config/config.js';
import type { Db } from '../db/database.js';
import { configureAuditKeyring } from '../features/audit/audit.keyring.js';
import { createLoginRateLimiter } from '../features/auth/loginRateLimiter.js';
import { insertSession } from '../features/auth/sessions.queries.js';
import { createSessionToken } from '../features/auth/sessionToken.js';
import { startBillingRuntime } from '../features/billing/billingRuntime.js';
import { stripeWebhookRoute } from '../features/billing/webhooks/webhook.route.js';
import { startJobEngine } from '../features/jobs/jobEngine.js';
import { createPrivacyJobKinds } from '../features/privacy/privacyJobs.js';
import { insertStaff } from '../features/staff/staff.queries.js';
import { createLogger } from '../observability/logger.js';
import { appRouter } from '../trpc/appRouter.js';
import { createContext, type AppDeps } from '../trpc/context.js';

/**
 * Opsdesk in the bench's own process, as the server builds it: the real routers called
 * through createCaller with staff sessions, the Stripe emulator over HTTP, and a job
 * engine running the privacy jobs (so the export's memory is this process's memory),
 * and the webhook endpoint the emulator delivers to: the erasure waits for Stripe's
 * `customer.deleted` event (bounded at 30 s), so without it the bench would time the wait.
 */
export async function startGdprBenchApp(db: Db, databaseUrl: string, dataDir: string) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', STRIPE_EMULATOR_PORT: '0', OPSDESK_DATA_DIR: dataDir });
  configureAuditKeyring(config);
  const billing = await startBillingRuntime(config);
  const deps: AppDeps = {
    config,
    db,
    logger: createLogger('silent'),
    loginRateLimiter: createLoginRateLimiter({ keyPrefix: config.REDIS_KEY_PREFIX }),
    stripe: billing.stripe,
    stripeWebhookSecret: billing.webhookSecret,
  };
  const webhooks = createServer(express().use(stripeWebhookRoute({ db, stripe: billing.stripe, webhookSecret: billing.webhookSecret })));
  await once(webhooks.listen(0, '127.0.0.1'), 'listening');
  billing.connectWebhooks(`http://127.0.0.1:${(webhooks.address() as AddressInfo).port}`);
  const engine = await startJobEngine({ db, connectionString: databaseUrl, logger: deps.logger, kinds: createPrivacyJobKinds(deps), concurrency: 2 });

  async function callerAs(roles: Role[], email: string) {
    const staff = await insertStaff(db, { email, name: email.split('@')[0]!, roles, passwordHash: 'not-used' });
    const { token, id } = createSessionToken();
    await insertSession(db, { id, staffId: staff.id, ip: '127.0.0.1', userAgent: 'bench:gdpr' });
    const api = appRouter.createCaller(createContext(deps, { requestId: `bench-${id.slice(0, 8)}`, ip: '127.0.0.1', userAgent: 'bench:gdpr', sessionToken: token }, { setSessionCookie: () => undefined, clearSessionCookie: () => undefined, setHeader: () => undefined }));
    return { staff, api };
  }

  return {
    deps,
    callerAs,
    async stop() {
      await engine.stop();
      await billing.stop();
      webhooks.closeAllConnections();
      await new Promise((resolve) => webhooks.close(resolve));
    },
  };
}
