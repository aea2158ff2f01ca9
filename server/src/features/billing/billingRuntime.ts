import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type Stripe from 'stripe';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/database.js';
import { startStripeEmulator, type StripeEmulator } from '@opsdesk/stripe-emulator';
import { isDemoSeedInterrupted } from '../demo/demoSeedState.queries.js';
import { createStripeClient } from './stripeClient.js';
import { inboxWorkersIdle } from './webhooks/inboxWorker.js';
import { MIRRORED_EVENT_TYPES } from './webhooks/processEvent.js';

/**
 * Opsdesk's link to Stripe. With STRIPE_SECRET_KEY it is the account's Stripe (or
 * STRIPE_API_BASE); without, the in-repo emulator is started in this process and the
 * same SDK talks to it over HTTP. Either way the rest of the server sees one `stripe`.
 */
export interface BillingRuntime {
  stripe: Stripe;
  webhookSecret: string;
  emulator: StripeEmulator | null;
  /** Emulator only: deliver webhooks to this server (Stripe is configured in its dashboard). */
  connectWebhooks(serverUrl: string): void;
  stop(): Promise<void>;
}

/**
 * Where the emulator keeps its objects between starts, beside the database whose mirror
 * points at them: `stripe-emulator.json` for the embedded PostgreSQL, one file per
 * server and database name for DATABASE_URL (both in OPSDESK_DATA_DIR).
 */
export function emulatorStatePath(config: Config): string {
  if (!config.DATABASE_URL) return path.join(config.OPSDESK_DATA_DIR, 'stripe-emulator.json');
  const url = new URL(config.DATABASE_URL);
  const key = `${url.hostname}-${url.port || 5432}-${decodeURIComponent(url.pathname.slice(1)) || url.username}`.replace(/[^\w.-]+/g, '_');
  return path.join(config.OPSDESK_DATA_DIR, `stripe-emulator-${key}.json`);
}

export interface BillingRuntimeOptions {
  emulatorPort?: number;
  /**
   * Keep the emulator's state in emulatorStatePath (the server and the seed CLI). Given the database: a demo seed left unfinished there
   * is redone from scratch, so its half-made Stripe objects are forgotten here, before the
   * emulator loads them.
   */
  persist?: { db: Db };
}

export async function startBillingRuntime(config: Config, options: BillingRuntimeOptions = {}): Promise<BillingRuntime> {
  if (config.STRIPE_SECRET_KEY) {
    return {
      stripe: createStripeClient({ secretKey: config.STRIPE_SECRET_KEY, apiBase: config.STRIPE_API_BASE }),
      webhookSecret: config.STRIPE_WEBHOOK_SECRET!,
      emulator: null,
      connectWebhooks: () => undefined,
      stop: async () => undefined,
    };
  }
  const persistPath = options.persist ? emulatorStatePath(config) : undefined;
  if (persistPath && (await isDemoSeedInterrupted(options.persist!.db))) rmSync(persistPath, { force: true });
  const started = await startStripeEmulator({
    port: options.emulatorPort ?? config.STRIPE_EMULATOR_PORT,
    ...(persistPath && { persistPath }),
  });
  const emulator = appliedWhenIdle(started);
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  return {
    stripe: createStripeClient({ secretKey: emulator.apiKey, apiBase: emulator.url }),
    webhookSecret,
    emulator,
    connectWebhooks: (serverUrl) => {
      // Only what the mirror uses, as a Stripe dashboard endpoint should be configured.
      emulator.addWebhookEndpoint({ url: `${serverUrl}/webhooks/stripe`, secret: webhookSecret, enabledEvents: [...MIRRORED_EVENT_TYPES] });
    },
    stop: () => emulator.stop(),
  };
}

/**
 * The emulator as Opsdesk's code sees it: `webhooksIdle()` resolves once every event is
 * delivered *and* applied to the mirror — the endpoint acknowledges an event when it is
 * stored, and this process's inbox workers apply it a moment later.
 */
function appliedWhenIdle(emulator: StripeEmulator): StripeEmulator {
  return Object.create(emulator, {
    webhooksIdle: {
      value: async () => {
        await emulator.webhooksIdle();
        await inboxWorkersIdle();
      },
    },
  }) as StripeEmulator;
}
