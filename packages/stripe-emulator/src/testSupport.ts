import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from './index.js';

/** Test helpers: an emulator plus an SDK client pointed at it. */
export async function startWithClient(options: StripeEmulatorOptions = {}, clientOptions: Partial<Stripe.StripeConfig> = {}) {
  const emulator = await startStripeEmulator(options);
  const stripe = sdkFor(emulator, emulator.apiKey, clientOptions);
  return { emulator, stripe };
}

export function sdkFor(emulator: StripeEmulator, key: string, clientOptions: Partial<Stripe.StripeConfig> = {}): Stripe {
  return new Stripe(key, { host: emulator.host, port: emulator.port, protocol: 'http', ...clientOptions });
}

export interface ReceivedWebhook {
  rawBody: string;
  signature: string;
}

/**
 * A real local HTTP endpoint recording webhook POSTs. `respond` picks the status per
 * request; `waitFor(n)` resolves once n requests (any status) have arrived.
 */
export async function startWebhookReceiver(respond: (index: number) => number = () => 200) {
  const received: ReceivedWebhook[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const index = received.length;
      received.push({ rawBody: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['stripe-signature']) });
      res.writeHead(respond(index)).end();
      for (const w of [...waiters]) {
        if (received.length >= w.n) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  return {
    url,
    received,
    waitFor(n: number): Promise<void> {
      if (received.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export const DAY = 86400;
