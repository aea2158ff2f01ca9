import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/runCli.js';
import { createTestApp, type TestApp } from '../testing/testApp.js';


/** The Stripe operator commands, as real processes against a real database and the emulator. */
describe('stripe:backfill and stripe:replay', () => {
  let app: TestApp;
  const cli = (script: string, args: string[] = [], env: Record<string, string> = {}) =>
    runCli(script, args, { DATABASE_URL: app.database.url, STRIPE_EMULATOR_PORT: String(app.billing.emulator!.port), ...env });
  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app.close());

  it('backfills the mirror from the running emulator and says so', async () => {
    for (let i = 0; i < 3; i++) await app.deps.stripe.customers.create({ email: `b${i}@example.test` });
    const { stdout } = await cli('stripeBackfill.cli.ts');
    expect(stdout).toMatch(/Backfill complete in [\d.]+ s: .*3 customer/);
    const rows = await app.db.selectFrom('billing.customers').select('email').orderBy('email').execute();
    expect(rows.map((r) => r.email)).toEqual(['b0@example.test', 'b1@example.test', 'b2@example.test']);
  });

  it('explains what is missing when no Stripe answers', async () => {
    const result = await cli('stripeBackfill.cli.ts', [], { STRIPE_EMULATOR_PORT: '1' });
    expect(result).toMatchObject({ failed: true, code: 1 });
    expect((result as { stderr: string }).stderr).toContain('No Stripe configured');
  });

  it('replays failed events', async () => {
    const customer = await app.deps.stripe.customers.create({ email: 'r@example.test' });
    const event = { id: 'evt_cli_replay', object: 'event', type: 'customer.updated', created: customer.created + 5, api_version: null, livemode: false, data: { object: { ...customer, name: 'replayed' } } };
    await app.db.insertInto('ops.stripeEvents').values({ id: event.id, type: event.type, created: new Date(), apiVersion: null, payload: JSON.stringify(event), status: 'failed', attempts: 1, lastError: 'earlier outage' }).execute();
    const { stdout } = await cli('stripeReplay.cli.ts');
    expect(stdout).toContain('Replayed 1 failed event(s); 0 still failing.');
    const row = await app.db.selectFrom('billing.customers').select('name').where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('replayed');
  });
});
