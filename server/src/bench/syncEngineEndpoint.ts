/**
 * The Stripe Sync Engine (`@supabase/stripe-sync-engine`) behind a tiny webhook endpoint,
 * run by the webhook bench as its own process, as Opsdesk is, so both receive the same
 * stream over HTTP with the same concurrency.
 *
 * Environment: SYNC_DATABASE_URL (a fresh database: its migrations create the `stripe`
 * schema), STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE (the emulator that
 * produced the stream), DB_POOL_MAX (as Opsdesk's), PORT. Prints "Sync engine listening
 * at <url>" when ready.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { StripeSync as StripeSyncType } from '@supabase/stripe-sync-engine';
import { createStripeClient } from '../features/billing/stripeClient.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const databaseUrl = env('SYNC_DATABASE_URL');

// Its CommonJS build: the ESM build's migration runner resolves the migrations folder
// from `__dirname`, which ESM lacks, and its runMigrations logs errors instead of throwing.
const engine = createRequire(import.meta.url)('@supabase/stripe-sync-engine') as typeof import('@supabase/stripe-sync-engine');
const migrationErrors: string[] = [];
const logger = { info: () => undefined, warn: () => undefined, error: (error: unknown, message?: string) => migrationErrors.push(`${message ?? ''} ${String((error as Error)?.message ?? error)}`) };
await engine.runMigrations({ databaseUrl, schema: 'stripe', logger: logger as never });
if (migrationErrors.length) throw new Error(`the sync engine's migrations failed: ${migrationErrors.join('; ')}`);

const sync: StripeSyncType = new engine.StripeSync({
  poolConfig: { connectionString: databaseUrl, max: Number(process.env.DB_POOL_MAX ?? 10) },
  stripeSecretKey: env('STRIPE_SECRET_KEY'),
  stripeWebhookSecret: env('STRIPE_WEBHOOK_SECRET'),
  stripeApiVersion: process.env.STRIPE_API_VERSION,
});
// It builds its own Stripe client with no host option: any call it makes goes to the emulator instead.
sync.stripe = createStripeClient({ secretKey: env('STRIPE_SECRET_KEY'), apiBase: env('STRIPE_API_BASE') });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    sync.processWebhook(Buffer.concat(chunks), String(req.headers['stripe-signature'] ?? '')).then(
      () => answer(200, { received: true }),
      (error: Error) => answer(/signature/i.test(error.message) ? 400 : 500, { error: error.message }),
    );
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`Sync engine listening at http://127.0.0.1:${(server.address() as { port: number }).port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void sync.postgresClient.pool.end().finally(() => process.exit(0));
  });
}
