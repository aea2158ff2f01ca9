import type Stripe from 'stripe';
import type { Config } from '../../config/config.js';
import { createStripeClient } from './stripeClient.js';

const EMULATOR_API_KEY = 'sk_test_opsdesk_emulator';

/**
 * Stripe for operator commands: the configured account, or — in demo mode — the
 * emulator inside the running `npm start` (a fresh emulator here would be empty).
 */
export async function stripeForCli(config: Config): Promise<Stripe> {
  if (config.STRIPE_SECRET_KEY) return createStripeClient({ secretKey: config.STRIPE_SECRET_KEY, apiBase: config.STRIPE_API_BASE });
  const apiBase = `http://127.0.0.1:${config.STRIPE_EMULATOR_PORT}`;
  const stripe = createStripeClient({ secretKey: EMULATOR_API_KEY, apiBase });
  try {
    await stripe.customers.list({ limit: 1 });
  } catch {
    throw new Error(`No Stripe configured: set STRIPE_SECRET_KEY (and STRIPE_WEBHOOK_SECRET), or start Opsdesk (npm start) so its Stripe emulator answers at ${apiBase}.`);
  }
  return stripe;
}
