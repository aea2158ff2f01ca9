/**
 * The webhook bench's ceiling: an endpoint that does only what every webhook receiver
 * must — read the body, check Stripe's signature with the official SDK, parse the event —
 * and answers 200 without storing anything. Run as its own process, as Opsdesk and the
 * Sync Engine are, and posted the same deliveries with the same client, it shows how
 * many events a second this machine can take at all with that client sharing it: no
 * receiver that stores the events can go faster.
 *
 * Environment: STRIPE_WEBHOOK_SECRET, PORT. Prints "Bare endpoint listening at <url>".
 */
import { createServer } from 'node:http';
import Stripe from 'stripe';

const secret = process.env.STRIPE_WEBHOOK_SECRET;
if (!secret) throw new Error('STRIPE_WEBHOOK_SECRET is required');
const stripe = new Stripe('sk_test_bare');

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let status = 200;
    try {
      stripe.webhooks.constructEvent(Buffer.concat(chunks).toString('utf8'), String(req.headers['stripe-signature'] ?? ''), secret, 300);
    } catch {
      status = 400;
    }
    const body = status === 200 ? '{"received":true}' : '{"error":"bad signature"}';
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`Bare endpoint listening at http://127.0.0.1:${(server.address() as { port: number }).port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
