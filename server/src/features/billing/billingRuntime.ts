import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type Stripe from 'stripe';
import type { Config } from '../../config/config.js';
import { startStripeEmulator, type StripeEmulator } from '../../stripe-emulator/index.js';
import { createStripeClient } from './stripeClient.js';
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

/** Where the demo emulator keeps its objects between starts (next to the embedded database). */
export function emulatorStatePath(config: Config): string {
  return path.join(config.OPSDESK_DATA_DIR, 'stripe-emulator.json');
}

export async function startBillingRuntime(config: Config, options: { emulatorPort?: number; persist?: boolean } = {}): Promise<BillingRuntime> {
  if (config.STRIPE_SECRET_KEY) {
    return {
      stripe: createStripeClient({ secretKey: config.STRIPE_SECRET_KEY, apiBase: config.STRIPE_API_BASE }),
      webhookSecret: config.STRIPE_WEBHOOK_SECRET!,
      emulator: null,
      connectWebhooks: () => undefined,
      stop: async () => undefined,
    };
  }
  const emulator = await startStripeEmulator({
    port: options.emulatorPort ?? config.STRIPE_EMULATOR_PORT,
    ...(options.persist && { persistPath: emulatorStatePath(config) }),
  });
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
