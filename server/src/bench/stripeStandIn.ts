import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the measured server is given as Stripe's API (STRIPE_API_BASE): a loopback server
 * that answers every call with a Stripe-style 503 and counts them. The bench's traffic
 * should never make the server call Stripe (its webhook events are built so the mirror
 * never needs a re-fetch); a non-zero count says it did, and nothing leaves the machine.
 */
export interface StripeStandIn {
  url: string;
  calls(): number;
  stop(): Promise<void>;
}

export async function startStripeStandIn(): Promise<StripeStandIn> {
  let calls = 0;
  const server = createServer((req, res) => {
    calls += 1;
    req.resume();
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { type: 'api_error', message: 'The capacity bench has no Stripe API.' } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => calls,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
