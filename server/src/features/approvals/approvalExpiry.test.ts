import { sql } from 'kysely';
import { auditActionLabel } from '@opsdesk/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdAuditChainHead, holdLock } from '../../testing/lockBarrier.js';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { APPROVAL_EXPIRED_AUDIT } from '../actionRequests/requestExpiry.js';
import { BUILT_IN_JOB_KINDS, BUILT_IN_JOB_SCHEDULES } from '../jobs/builtInJobs.js';
import { enqueueJob } from '../jobs/enqueueJob.js';
import { logTexts, startTestEngine, waitForJob } from '../jobs/testing/jobTestKit.js';
import { approvalExpiryJob, expireOverdueApprovals } from './approvalExpiry.job.js';

type Batch = { requesterId: string; count: number; deadline: 'passed' | 'ahead'; status?: string };

/** Requests held for approval written straight into the table, their deadline passed or ahead. */
async function insertHeldRequests(app: TestApp, batch: Batch): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    insert into ops.action_requests (action, idempotency_key, requester_id, target_type, target_id, input, status, approval_reason, created_at, expires_at)
    select 'customers.refund', 'expiry-test-' || gen_random_uuid(), ${batch.requesterId}::uuid, 'customer', 'cus_' || n, '{}'::jsonb,
           ${batch.status ?? 'pending_approval'}, 'Large refund', now() - interval '80 hours',
           now() + case when ${batch.deadline} = 'passed' then interval '-8 hours' else interval '8 hours' end + make_interval(secs => n)
    from generate_series(1, ${batch.count}) as n
    order by n
    returning id`.execute(app.db);
  return rows.map((row) => row.id);
}

/** The order of an UPDATE's returned rows is the plan's: compared as sets. */
const sorted = (ids: string[]) => [...ids].sort();

const statusesOf = async (app: TestApp, ids: string[]) =>
  (await app.db.selectFrom('ops.actionRequests').select('status').where('id', 'in', ids).execute()).map((row) => row.status);

describe('approval requests past their deadline', () => {
  let app: TestApp;
  let support: Awaited<ReturnType<TestApp['callerAs']>>;

  beforeEach(async () => {
    app = await createTestApp();
    support = await app.callerAs(['support']);
  });
  afterEach(() => app.close());

  it('are marked expired, each with one audit row of the system against the request, and a second run changes nothing', async () => {
    const overdue = await insertHeldRequests(app, { requesterId: support.staff.id, count: 3, deadline: 'passed' });
    const waiting = await insertHeldRequests(app, { requesterId: support.staff.id, count: 1, deadline: 'ahead' });
    const rejected = await insertHeldRequests(app, { requesterId: support.staff.id, count: 1, deadline: 'passed', status: 'rejected' });
    // Before: they read as expired, but are stored pending, so a filter on the stored status misses them.
    expect((await support.api.approvals.find({ scope: 'mine', status: 'expired', limit: 50 })).map((r) => r.id)).toEqual([]);

    const { expired } = await expireOverdueApprovals(app.db, { requestId: 'test-expiry' });
    expect(sorted(expired)).toEqual(sorted(overdue));
    expect(await statusesOf(app, overdue)).toEqual(['expired', 'expired', 'expired']);
    expect(await statusesOf(app, waiting)).toEqual(['pending_approval']);
    expect(await statusesOf(app, rejected)).toEqual(['rejected']);
    const audit = await auditRows(app, APPROVAL_EXPIRED_AUDIT);
    expect(audit.map((row) => row.targetType)).toEqual(['approval_request', 'approval_request', 'approval_request']);
    expect(sorted(audit.map((row) => row.targetId!))).toEqual(sorted(overdue));
    expect(audit[0]).toMatchObject({ actorId: null, result: 'success', requestId: 'test-expiry', before: { status: 'pending_approval' }, after: { status: 'expired', action: 'customers.refund' } });
    expect(auditActionLabel(audit[0]!.action)).toBe('Approval expired');
    expect(sorted((await support.api.approvals.find({ scope: 'mine', status: 'expired', limit: 50 })).map((r) => r.id))).toEqual(sorted(overdue));

    expect(await expireOverdueApprovals(app.db, { requestId: 'test-expiry-again' })).toEqual({ expired: [] });
    expect(await auditRows(app, APPROVAL_EXPIRED_AUDIT)).toHaveLength(3);
  });

  it('are expired in bounded batches, one transaction each', async () => {
    const overdue = await insertHeldRequests(app, { requesterId: support.staff.id, count: 450, deadline: 'passed' });
    const { expired } = await expireOverdueApprovals(app.db, { requestId: 'test-batches', batchSize: 200 });
    expect(sorted(expired)).toEqual(sorted(overdue));
    // Rows updated by one transaction share its id (xmin): 200 + 200 + 50.
    const { rows } = await sql<{ rows: number }>`
      select count(*)::int as rows from ops.action_requests where status = 'expired' group by xmin::text order by 1 desc`.execute(app.db);
    expect(rows.map((row) => row.rows)).toEqual([200, 200, 50]);
    expect(await auditRows(app, APPROVAL_EXPIRED_AUDIT)).toHaveLength(450);
  });

  it('are expired once when two servers run at the same moment', async () => {
    const overdue = await insertHeldRequests(app, { requesterId: support.staff.id, count: 300, deadline: 'passed' });
    // Both runs take their first batch of rows, then queue on the audit chain together.
    const barrier = await holdAuditChainHead(app.database);
    const runs = [expireOverdueApprovals(app.db, { requestId: 'server-a', batchSize: 100 }), expireOverdueApprovals(app.db, { requestId: 'server-b', batchSize: 100 })];
    await barrier.untilWaiters(2);
    await barrier.release();
    const [a, b] = await Promise.all(runs);
    expect(a!.expired.length).toBeGreaterThan(0);
    expect(b!.expired.length).toBeGreaterThan(0);
    expect(sorted([...a!.expired, ...b!.expired])).toEqual(sorted(overdue));
    const audit = await auditRows(app, APPROVAL_EXPIRED_AUDIT);
    expect(audit).toHaveLength(300);
    expect(new Set(audit.map((row) => row.targetId)).size).toBe(300);
  });

  it('leave a request an approver is deciding to the next run', async () => {
    const [deciding, other] = await insertHeldRequests(app, { requesterId: support.staff.id, count: 2, deadline: 'passed' });
    const approver = await holdLock(app.database, `select 1 from ops.action_requests where id = '${deciding}' for update`);
    try {
      expect(await expireOverdueApprovals(app.db, { requestId: 'test-locked' })).toEqual({ expired: [other] });
    } finally {
      await approver.release();
    }
    expect(await expireOverdueApprovals(app.db, { requestId: 'test-next' })).toEqual({ expired: [deciding] });
  });

  it('are expired every minute by a built-in scheduled job, a row on the Jobs page that says how many', async () => {
    expect(BUILT_IN_JOB_KINDS).toContain(approvalExpiryJob);
    expect(BUILT_IN_JOB_SCHEDULES).toContainEqual({ kind: approvalExpiryJob, match: '* * * * *' });
    const overdue = await insertHeldRequests(app, { requesterId: support.staff.id, count: 2, deadline: 'passed' });
    const engine = await startTestEngine(app, [approvalExpiryJob]);
    try {
      const queued = await app.db.transaction().execute((trx) => enqueueJob(trx, approvalExpiryJob, {}, { startedBy: null }));
      const run = await waitForJob(app.db, queued.id);
      expect(run).toMatchObject({ status: 'succeeded', result: { expired: 2 } });
      expect(await logTexts(app.db, queued.id)).toContain('Expired 2 approval requests nobody decided in time.');
      const audit = await auditRows(app, APPROVAL_EXPIRED_AUDIT);
      expect(sorted(audit.map((row) => row.targetId!))).toEqual(sorted(overdue));
      expect(audit.map((row) => row.requestId)).toEqual([`job-${queued.id}`, `job-${queued.id}`]);
    } finally {
      await engine.stop();
    }
  });
});

describe('asking again after the deadline', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp();
    await app.listen();
  });
  afterEach(() => app.close());

  it('expires the first request, audited once, and holds the new one for approval', async () => {
    const support = await app.callerAs(['support']);
    const customer = await app.deps.stripe.customers.create({ email: 'payer@example.test', name: 'Payer' });
    const intent = await app.deps.stripe.paymentIntents.create({ amount: 10_000, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true });
    await app.billing.emulator!.webhooksIdle();
    const refund = { chargeId: intent.latest_charge as string, amount: 1000, stripeReason: 'fraudulent' as const, reason: 'Card reported stolen' };
    const first = await support.api.customers.refund(refund);
    expect(first).toMatchObject({ status: 'approval_requested', duplicate: false });
    await app.db.updateTable('ops.actionRequests').set({ expiresAt: new Date(Date.now() - 1000) }).where('id', '=', first.requestId).execute();

    const again = await support.api.customers.refund(refund);
    expect(again).toMatchObject({ status: 'approval_requested', duplicate: false });
    expect(again.requestId).not.toBe(first.requestId);
    expect(await statusesOf(app, [first.requestId])).toEqual(['expired']);
    expect(await auditRows(app, APPROVAL_EXPIRED_AUDIT)).toEqual([expect.objectContaining({ actorId: null, targetType: 'approval_request', targetId: first.requestId })]);
    expect(await expireOverdueApprovals(app.db, { requestId: 'test-after' })).toEqual({ expired: [] });
    expect(await auditRows(app, APPROVAL_EXPIRED_AUDIT)).toHaveLength(1);
  });
});
