import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { holdLock, type LockBarrier } from '../../../testing/lockBarrier.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { prepareCustomerTests } from '../../customers/testing/customerFixtures.js';
import type { JobServer } from '../../jobs/testing/jobServerProcess.js';
import { startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { verifyReceipt } from './erasureReceipt.js';
import { receiptKeyFromConfig } from './receiptKey.js';
import { approvedErasure, erasureSteps, waitForErasureStep } from './testing/erasureFlow.js';
import { startErasureServer } from './testing/erasureServerProcess.js';
import { seedMarkedSubject } from './testing/markedSubject.js';

/**
 * The erasure job across real server processes (each runs its own job engine, as
 * `npm start` does): kill -9 after Stripe's deletion, a new server, and the erasure
 * finishes once — every step recorded once with its count, Stripe's customer deleted by
 * one call, one receipt. Where the kill lands is made certain by a lock, not by timing:
 * the test holds row locks on the subject's mirrored invoices, which the job masks only
 * after deleting the customer at Stripe, so the first server cannot get past that step.
 */
const PROCESS_BOUND_MS = 300_000;
const USAGE_EVENTS = 20_000;

describe('erasure job across server processes', () => {
  const servers: JobServer[] = [];
  let app: TestApp | undefined;
  let barrier: LockBarrier | undefined;
  afterAll(async () => {
    await barrier?.release().catch(() => undefined);
    for (const server of servers) await server.stop();
    await app?.close();
  });

  it(
    'killed mid-run (kill -9) and restarted, it finishes with each step done once, one Stripe deletion and one receipt',
    async () => {
      app = await createTestApp();
      await app.listen();
      const catalog = await prepareCustomerTests(app);
      const subject = await seedMarkedSubject(app, catalog, { usageEvents: USAGE_EVENTS });
      const requester = await app.callerAs(['privacy']);
      const approver = await app.callerAs(['privacy']);
      // The job engine's schema, installed as the server would (the approval enqueues into it); the job waits for the server.
      await (await startTestEngine(app, [])).stop();
      const { requestId, jobId } = await approvedErasure(app, { requester, approver }, subject.email);

      barrier = await holdLock(app.database, `select 1 from billing.invoices where customer_id = '${subject.stripeCustomerId}' for update`);
      const first = await startErasureServer(app, 'erasure-first');
      servers.push(first);
      const isStripeStep = (step: { stepKey: string }) => step.stepKey.includes(subject.stripeCustomerId);
      await waitForErasureStep(app, requestId, (step) => isStripeStep(step) && step.state === 'done', PROCESS_BOUND_MS);
      await first.kill();

      const cutOff = await app.db.selectFrom('ops.jobs').select(['status']).where('id', '=', jobId).executeTakeFirstOrThrow();
      expect(cutOff.status).toBe('running');
      const before = await erasureSteps(app, requestId);
      expect(before.filter(isStripeStep)).toMatchObject([{ state: 'done' }]);
      const request = () => app!.db.selectFrom('ops.privacyRequests').select(['status', 'receipt']).where('id', '=', requestId).executeTakeFirstOrThrow();
      expect(await request()).toMatchObject({ status: 'in_progress', receipt: null });
      await barrier.release();
      barrier = undefined;

      const second = await startErasureServer(app, 'erasure-second');
      servers.push(second);
      const job = await waitForJob(app.db, jobId, undefined, 180_000);
      expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });

      // Every step once and done; those done before the kill were not done again (their results are the first run's).
      // The subject step is the exception by design: its addresses become a count once the erasure is over.
      const after = await erasureSteps(app, requestId);
      expect(after.every((step) => step.state === 'done')).toBe(true);
      expect(new Set(after.map((step) => step.stepKey)).size).toBe(after.length);
      const doneBefore = before.filter((s) => s.state === 'done' && s.stepKey !== 'subject');
      expect(doneBefore.length).toBeGreaterThan(1);
      for (const step of doneBefore) expect(after.find((s) => s.stepKey === step.stepKey)).toEqual(step);

      // Stripe: one deletion, whatever the restart retried.
      const deletions = app.billing.emulator!.events.filter((event) => event.type === 'customer.deleted' && (event.data as { object: { id: string } }).object.id === subject.stripeCustomerId);
      expect(deletions).toHaveLength(1);
      expect(await app.deps.stripe.customers.retrieve(subject.stripeCustomerId)).toMatchObject({ deleted: true });

      // The counts: every usage event erased once, and the receipt says so.
      const left = await sql<{ n: string }>`select count(*) as n from app.usage_events where user_id = ${subject.userId}::uuid`.execute(app.db);
      expect(Number(left.rows[0]!.n)).toBe(0);
      const done = await request();
      expect(done.status).toBe('completed');
      const receipt = done.receipt as { receipt: { tables: { table: string; rows: number }[]; stripe: { customerId: string; deleted: boolean }[] } };
      expect(verifyReceipt(receipt, receiptKeyFromConfig(app.deps.config).publicKey)).toMatchObject({ valid: true });
      expect(receipt.receipt.tables.find((t) => t.table === 'app.usage_events')).toMatchObject({ rows: USAGE_EVENTS });
      expect(receipt.receipt.stripe).toMatchObject([{ customerId: subject.stripeCustomerId, deleted: true }]);
    },
    PROCESS_BOUND_MS,
  );
});
