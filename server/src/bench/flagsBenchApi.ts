import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { loadConfig } from '../config/config.js';
import type { Db } from '../db/database.js';
import { createLoginRateLimiter } from '../features/auth/loginRateLimiter.js';
import { startBillingRuntime } from '../features/billing/billingRuntime.js';
import { createApiKey } from '../features/flags/apiKeys.service.js';
import { createApp } from '../http/createApp.js';
import { createLogger } from '../observability/logger.js';
import { BENCH_FLAG } from './flagsBenchData.js';

/**
 * Part (b): `POST /api/flags/evaluate` of an Opsdesk started in this process on
 * 127.0.0.1 (its flags API limit lifted), against a plain Express route in the same
 * process answering a fixed JSON (the ceiling), each under autocannon for a fixed time.
 * The load generator runs in a worker thread so it does not share the servers' event loop.
 */
export interface ApiFigures {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function load(url: string, options: { durationSeconds: number; connections: number; headers?: Record<string, string>; body: string }): Promise<ApiFigures> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    connections: options.connections,
    duration: options.durationSeconds,
    workers: 1,
  });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

export async function measureEvaluationApi(db: Db, databaseUrl: string, options: { durationSeconds: number; connections: number }): Promise<{ opsdesk: ApiFigures; ceiling: ApiFigures }> {
  const anchorFile = path.join(tmpdir(), `opsdesk-bench-anchors-${randomBytes(6).toString('hex')}.jsonl`);
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, STRIPE_EMULATOR_PORT: '0', AUDIT_ANCHOR_FILE: anchorFile, RATE_LIMIT_FLAGS_API: '999999999/60' });
  const billing = await startBillingRuntime(config);
  const servers: Server[] = [];
  try {
    const deps = { config, db, logger: createLogger('silent'), loginRateLimiter: createLoginRateLimiter({ keyPrefix: config.REDIS_KEY_PREFIX }), stripe: billing.stripe, stripeWebhookSecret: billing.webhookSecret };
    const { secret } = await db.transaction().execute((trx) => createApiKey(trx, { environment: 'production', name: 'bench' }, { id: null, label: 'bench' }));
    const opsdesk = await listen(createApp(deps, { webDistDir: '/nonexistent' }));
    servers.push(opsdesk.server);
    const fixed = { flags: [{ name: BENCH_FLAG, enabled: true, variant: { name: 'blue', enabled: true, feature_enabled: true, featureEnabled: true } }] };
    const plain = express();
    plain.use(express.json());
    plain.post('/api/flags/evaluate', (_req, res) => void res.json(fixed));
    const ceiling = await listen(plain);
    servers.push(ceiling.server);

    const body = JSON.stringify({ context: { userId: 'user-42', properties: { plan: 'pro', country: 'DE', subscriptionStatus: 'active' } }, flags: [BENCH_FLAG] });
    const check = await fetch(`${opsdesk.url}/api/flags/evaluate`, { method: 'POST', headers: { authorization: secret, 'content-type': 'application/json' }, body });
    if (!check.ok) throw new Error(`the evaluation API answered ${check.status}: ${await check.text()}`);
    return {
      opsdesk: await load(`${opsdesk.url}/api/flags/evaluate`, { ...options, headers: { authorization: secret }, body }),
      ceiling: await load(`${ceiling.url}/api/flags/evaluate`, { ...options, body }),
    };
  } finally {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await billing.stop();
    rmSync(anchorFile, { force: true });
  }
}
