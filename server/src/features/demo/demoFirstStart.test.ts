import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config/config.js';
import { createApp } from '../../http/createApp.js';
import { createLogger } from '../../observability/logger.js';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import { createLoginRateLimiter } from '../auth/loginRateLimiter.js';
import { emulatorStatePath, startBillingRuntime, type BillingRuntime } from '../billing/billingRuntime.js';
import { syncOpenReports } from '../moderation/moderationSync.queries.js';
import { seedDemoCompanyOnFirstStart } from './demoFirstStart.js';
import { findDemoSeedState } from './demoSeedState.queries.js';
import { appTablesOf, countAppUsers } from './productData.queries.js';

/**
 * Starts of the demo server as main.ts makes them (emulator persisted beside a
 * DATABASE_URL database, webhooks to a listening app), stopped and started again on the
 * same database and data folder.
 */
const SIZE = { users: 200, months: 6, payingShare: 0.2, now: Date.UTC(2026, 5, 1) / 1000 };

interface DemoStart {
  billing: BillingRuntime;
  lines: string[];
  firstStart: (print?: (line: string) => void) => Promise<boolean>;
  stop: () => Promise<void>;
}

async function startDemo(config: Config, database: TestDatabase): Promise<DemoStart> {
  const billing = await startBillingRuntime(config, { persist: { db: database.db } });
  const app = createApp(
    { config, db: database.db, logger: createLogger('silent'), loginRateLimiter: createLoginRateLimiter({}), stripe: billing.stripe, stripeWebhookSecret: billing.webhookSecret },
    { webDistDir: '/nonexistent' },
  );
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  billing.connectWebhooks(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const lines: string[] = [];
  return {
    billing,
    lines,
    firstStart: (print = (line) => lines.push(line)) =>
      seedDemoCompanyOnFirstStart({ db: database.db, stripe: billing.stripe, emulator: billing.emulator, users: SIZE.users, size: SIZE, print }),
    async stop() {
      await billing.emulator!.webhooksIdle();
      await billing.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function listAll<T extends { id: string }>(list: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of list) items.push(item);
  return items;
}

async function expectMirrorToMatch(stripe: Stripe, database: TestDatabase) {
  const customers = await listAll(stripe.customers.list({ limit: 100 }));
  const mirroredCustomers = await database.db.selectFrom('billing.customers').select('id').execute();
  expect(mirroredCustomers.map((c) => c.id).sort()).toEqual(customers.map((c) => c.id).sort());
  const charges = await listAll(stripe.charges.list({ limit: 100 }));
  const mirroredCharges = await database.db.selectFrom('billing.charges').select(['id', 'amountRefunded']).execute();
  expect(mirroredCharges.map((c) => `${c.id} ${c.amountRefunded}`).sort()).toEqual(charges.map((c) => `${c.id} ${c.amount_refunded}`).sort());
  const linked = await appTablesOf(database.db).selectFrom('app.workspaces').select('stripeCustomerId').where('stripeCustomerId', 'is not', null).execute();
  expect(linked.map((w) => w.stripeCustomerId).sort()).toEqual(customers.map((c) => c.id).sort());
}

/** The Stripe customers the revenue dashboards count (every policy's MRR timeline). */
async function revenueCustomers(database: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ customerId: string }>`select distinct customer_id from revenue.customer_mrr_changes`.execute(database.db);
  return rows.map((row) => row.customerId);
}

describe('the demo company on first start', () => {
  let database: TestDatabase;
  let config: Config;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'opsdesk-demo-start-'));
    // development, not test: a test server's emulator on DATABASE_URL is never persisted.
    config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', STRIPE_EMULATOR_PORT: '0', DATABASE_URL: database.url, OPSDESK_DATA_DIR: dataDir, AUDIT_ANCHOR_FILE: path.join(dataDir, 'anchors.jsonl') });
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is made again from scratch at the next start when a start was stopped while seeding, and kept across restarts', async () => {
    // 1. A start stopped half-way through the Stripe history (the terminal "dies" on its second billing line).
    const interrupted = await startDemo(config, database);
    let billingLines = 0;
    const made = await interrupted.firstStart((line) => {
      if (line.includes('billing history') && ++billingLines === 2) throw new Error('terminal closed');
      interrupted.lines.push(line);
    });
    expect(made).toBe(false);
    await interrupted.stop();
    expect(await findDemoSeedState(database.db)).toBe('started');
    expect(existsSync(emulatorStatePath(config))).toBe(true);
    const halfMade = await database.db.selectFrom('billing.customers').select('id').execute();
    expect(halfMade.length).toBeGreaterThan(0);
    expect(await revenueCustomers(database)).not.toEqual([]);
    // The moderation job's sync (every minute in a server) queues the half-made company's reports.
    expect(await syncOpenReports(database.db)).toBeGreaterThan(0);

    // 2. The next start says so, empties the half-made company (mirror and emulator) and makes it whole.
    const next = await startDemo(config, database);
    try {
      expect(await next.firstStart()).toBe(true);
      expect(next.lines.join('\n')).toContain('The demo company was not finished last time');
      expect(next.lines.join('\n')).toContain('Demo company ready');
      expect(await findDemoSeedState(database.db)).toBe('complete');
      expect(await countAppUsers(appTablesOf(database.db))).toBe(SIZE.users);
      const failed = await database.db.selectFrom('ops.stripeEvents').select('id').where('status', '=', 'failed').execute();
      expect(failed).toEqual([]);
      await expectMirrorToMatch(next.billing.stripe, database);
      const customers = (await listAll(next.billing.stripe.customers.list({ limit: 100 }))).map((c) => c.id);
      for (const { id } of halfMade) expect(customers).not.toContain(id);
      // The revenue rows are the new company's only: the half-made one's went with its mirror.
      const counted = await revenueCustomers(database);
      expect(counted.length).toBeGreaterThan(0);
      expect(counted.filter((id) => !customers.includes(id))).toEqual([]);
      // So is the moderation queue: emptied with the company (with its live counts), then filled from the new one's reports only.
      const { rows: left } = await sql<{ entries: number; counted: number }>`
        select (select count(*)::int from ops.moderation_queue) as entries, (select count(*)::int from ops.moderation_queue_counts) as counted`.execute(database.db);
      expect(left[0]).toEqual({ entries: 0, counted: 0 });
      await syncOpenReports(database.db);
      const { rows: queue } = await sql<{ entries: number; orphans: number; counted: number }>`
        select (select count(*)::int from ops.moderation_queue) as entries,
          (select count(*)::int from ops.moderation_queue q where not exists (select 1 from app.content c where q.subject_type = 'content' and c.id = q.subject_id::uuid)
            and not exists (select 1 from app.users u where q.subject_type = 'account' and u.id = q.subject_id::uuid)) as orphans,
          (select coalesce(sum(entries), 0)::int from ops.moderation_queue_counts) - (select count(*)::int from ops.moderation_queue where status <> 'decided') as counted`.execute(database.db);
      expect(queue[0]).toMatchObject({ orphans: 0, counted: 0 });
      expect(queue[0]!.entries).toBeGreaterThan(0);
    } finally {
      await next.stop();
    }

    // 3. A later start (DATABASE_URL, not embedded) finds the same emulator objects and seeds nothing.
    const later = await startDemo(config, database);
    try {
      expect(await later.firstStart()).toBe(false);
      expect(later.lines).toEqual([]);
      await expectMirrorToMatch(later.billing.stripe, database);
    } finally {
      await later.stop();
    }
  }, 180_000);
});
