import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/runCli.js';
import { createTestApp, type TestApp } from '../testing/testApp.js';


/** The Stripe operator commands, as real processes against a real database and the emulator. */
describe('stripe:backfill and stripe:replay', () => {
  let app: TestApp;
  // Audited runs seal their rows; their anchor file is the test's, never the demo's.
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-stripe-cli-'));
  const cli = (script: string, args: string[] = [], env: Record<string, string> = {}) =>
    runCli(script, args, { DATABASE_URL: app.database.url, STRIPE_EMULATOR_PORT: String(app.billing.emulator!.port), AUDIT_ANCHOR_FILE: path.join(dir, 'anchors.jsonl'), ...env });
  const auditRows = (action: string) => app.db.selectFrom('ops.auditLog').selectAll().where('action', '=', action).execute();
  beforeAll(async () => (app = await createTestApp()));
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backfills the mirror from the running emulator and says so', async () => {
    for (let i = 0; i < 3; i++) await app.deps.stripe.customers.create({ email: `b${i}@example.test` });
    const { stdout } = await cli('stripeBackfill.cli.ts');
    expect(stdout).toMatch(/Backfill complete in [\d.]+ s: .*3 customer.*; 0 objects of erased customers skipped/);
    const rows = await app.db.selectFrom('billing.customers').select('email').orderBy('email').execute();
    expect(rows.map((r) => r.email)).toEqual(['b0@example.test', 'b1@example.test', 'b2@example.test']);
    const [audited] = await auditRows('billing.mirror_backfilled');
    expect(audited).toMatchObject({ actorId: null, actorEmail: expect.stringMatching(/^cli:/), userAgent: 'opsdesk-stripe-backfill-cli', result: 'success', after: { synced: expect.objectContaining({ customer: 3 }), skippedOfErasedCustomers: 0 } });
  });

  it('explains what is missing when no Stripe answers', async () => {
    const auditedBefore = (await auditRows('billing.mirror_backfilled')).length;
    const result = await cli('stripeBackfill.cli.ts', [], { STRIPE_EMULATOR_PORT: '1' });
    expect(result).toMatchObject({ failed: true, code: 1 });
    expect((result as { stderr: string }).stderr).toContain('No Stripe configured');
    expect(await auditRows('billing.mirror_backfilled')).toHaveLength(auditedBefore); // nothing ran, nothing changed
  });

  it('replays failed events', async () => {
    const customer = await app.deps.stripe.customers.create({ email: 'r@example.test' });
    const event = { id: 'evt_cli_replay', object: 'event', type: 'customer.updated', created: customer.created + 5, api_version: null, livemode: false, data: { object: { ...customer, name: 'replayed' } } };
    await app.db.insertInto('ops.stripeEvents').values({ id: event.id, type: event.type, created: new Date(), apiVersion: null, payload: JSON.stringify(event), status: 'failed', attempts: 1, lastError: 'earlier outage' }).execute();
    const { stdout } = await cli('stripeReplay.cli.ts');
    expect(stdout).toContain('Replayed 1 failed event(s); 0 still failing.');
    const row = await app.db.selectFrom('billing.customers').select('name').where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('replayed');
    const [audited] = await auditRows('billing.failed_events_replayed');
    expect(audited).toMatchObject({ actorEmail: expect.stringMatching(/^cli:/), userAgent: 'opsdesk-stripe-replay-cli', result: 'success', after: { processed: 1, stillFailing: 0 } });
  });
});
