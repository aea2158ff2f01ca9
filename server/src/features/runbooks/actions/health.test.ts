import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../testing/freePort.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { runbookContext } from '../testing/runbookTestKit.js';
import { healthCheckAction } from './health.check.js';

/** The health check against real dependencies, and against a Redis and a Stripe that do not answer. */
describe('health check runbook action', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const check = async (target: TestApp) => {
    const report = await healthCheckAction.plan(runbookContext(target.deps), {});
    const byLabel = new Map((report.facts ?? []).map((f) => [f.label, f]));
    return { report, byLabel };
  };

  it('reports every check ok on a healthy Opsdesk', async () => {
    // With REDIS_URL (CI), the real Redis is pinged; without, the check says it is not configured.
    app = await createTestApp(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {});
    const { report, byLabel } = await check(app);
    for (const label of ['Database', 'Database migrations', 'Redis', 'Stripe API', 'Webhook backlog', 'Job queue', 'Opsdesk pool in use', 'Server connections (all databases)']) {
      expect(byLabel.get(label)?.status, label).toBeDefined();
    }
    // Latency can make a check "warn" on a loaded machine; only reachability is asserted.
    expect(report.facts!.filter((f) => f.status === 'fail')).toEqual([]);
    expect(String(byLabel.get('Redis')?.value)).toMatch(process.env.REDIS_URL ? /^answers in \d+ ms$/ : /^not configured/);
    expect(String(byLabel.get('Stripe API')?.value)).toMatch(/^answers in \d+ ms$/);
    expect(byLabel.get('Webhook backlog')).toMatchObject({ status: 'ok', runbookEntry: null });
    expect(byLabel.get('Job queue')).toMatchObject({ status: 'ok', runbookEntry: null });
    expect(byLabel.get('Database migrations')).toMatchObject({ status: 'ok', value: 'current' });
    expect(healthCheckAction.readOnly).toBe(true);
  });

  it('sends on-call to the webhook and jobs entries when events failed and a job has waited too long', async () => {
    app = await createTestApp();
    await app.db
      .insertInto('ops.stripeEvents')
      .values({ id: 'evt_health_failed', type: 'customer.updated', created: new Date(), apiVersion: null, payload: JSON.stringify({ id: 'evt_health_failed' }), status: 'failed', attempts: 1, lastError: 'outage' })
      .execute();
    await app.db.insertInto('ops.jobs').values({ kind: 'health.probe', parameters: '{}', startedBy: null, runAt: sql<Date>`now() - interval '20 minutes'` }).execute();
    const { byLabel } = await check(app);
    expect(byLabel.get('Webhook backlog')).toMatchObject({ status: 'warn', runbookEntry: 'stripe-webhook-backlog' });
    expect(byLabel.get('Job queue')).toMatchObject({ status: 'fail', runbookEntry: 'jobs' });
    expect(String(byLabel.get('Job queue')?.value)).toMatch(/^1 waiting/);
  });

  it('fails the Redis check, pointing to "site is down", when Redis does not answer', async () => {
    app = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    app.deps.redis!.on('error', () => undefined);
    const { byLabel } = await check(app);
    expect(byLabel.get('Redis')).toMatchObject({ status: 'fail', runbookEntry: 'site-is-down' });
    expect(String(byLabel.get('Redis')?.value)).toMatch(/^unreachable/);
    expect(byLabel.get('Database')?.status).not.toBe('fail');
  });

  it('fails the Stripe check when the Stripe API does not answer', async () => {
    app = await createTestApp({ STRIPE_SECRET_KEY: 'sk_test_health', STRIPE_WEBHOOK_SECRET: 'whsec_health', STRIPE_API_BASE: `http://127.0.0.1:${await freePort()}` });
    const { report, byLabel } = await check(app);
    expect(byLabel.get('Stripe API')).toMatchObject({ status: 'fail', runbookEntry: 'stripe-webhook-backlog' });
    expect(report.summary).toContain('failing: Stripe API');
  });
});
