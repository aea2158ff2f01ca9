import type { TDeletionReceipt, TErasurePlan } from '@opsdesk/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { verifyAuditChain } from '../../audit/audit.verify.js';
import { createCustomer, prepareCustomerTests, type Catalog, type TestCustomer } from '../../customers/testing/customerFixtures.js';
import type { JobEngine } from '../../jobs/jobEngine.js';
import { enqueueJob } from '../../jobs/enqueueJob.js';
import { startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { verifyReceipt } from './erasureReceipt.js';
import { createErasureJobKinds, erasureJobKind } from './erasureJobs.js';
import { receiptKeyFromConfig } from './receiptKey.js';

/**
 * The erasure end to end on a migrated PostgreSQL and the Stripe emulator: the plan
 * counts the rows there are; privacy user A requests it, A cannot approve it, B does;
 * the job deletes the Stripe customer and signs a receipt that verifies, the audit
 * chain still verifies; a plan overtaken by new data or a legal hold applies nothing;
 * running the finished job again changes nothing.
 */
type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];

describe('erasure: plan, four-eyes approval, durable job, Stripe, receipt', () => {
  let app: TestApp;
  let catalog: Catalog;
  let engine: JobEngine | undefined;
  let a: Api;
  let b: Api;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    catalog = await prepareCustomerTests(app);
    engine = await startTestEngine(app, createErasureJobKinds(app.deps));
    a = (await app.callerAs(['privacy'])).api;
    b = (await app.callerAs(['privacy'])).api;
  }, 60_000);
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  async function verifiedErasureOf(customer: TestCustomer): Promise<string> {
    const created = await a.privacy.create({ kind: 'erasure', subject: { kind: 'email', value: customer.email }, channel: 'email', note: 'Please delete my account' });
    await a.privacy.verifyIdentity({ requestId: created.id, method: 'email_confirmation', note: 'Replied from the account address' });
    return created.id;
  }
  const addContent = (customer: TestCustomer, n: number) =>
    app.db.insertInto('app.content').values(Array.from({ length: n }, (_, i) => ({ userId: customer.userId, workspaceId: customer.workspaceId, kind: 'post', title: `Post ${i}`, body: 'hello' }))).execute();
  const count = async (table: string, column: string, value: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(app.db)).rows[0]!.n);
  const requestRow = (id: string) => app.db.selectFrom('ops.privacyRequests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const stepKeys = async (id: string) => (await app.db.selectFrom('ops.privacyErasureSteps').select('stepKey').where('requestId', '=', id).orderBy('stepKey').execute()).map((s) => s.stepKey);

  it('plans what is there: rows per table equal the rows, the Stripe customer, the audit log kept and shredded', async () => {
    const customer = await createCustomer(app, { price: catalog.pro, sessions: 2 });
    await addContent(customer, 3);
    const requestId = await verifiedErasureOf(customer);

    const { preview: plan, risk, approvalReason } = await a.privacy.previewErasure({ requestId, reason: 'look first' });
    expect({ risk, approvalReason }).toEqual({ risk: 'medium', approvalReason: 'An erasure cannot be undone: a second person approves its plan.' });
    const rows = Object.fromEntries(plan.steps.map((step) => [step.table, step.rows]));
    expect(rows).toMatchObject({
      'app.content': await count('app.content', 'user_id', customer.userId),
      'app.sessions': await count('app.sessions', 'user_id', customer.userId),
      'app.workspace_members': await count('app.workspace_members', 'user_id', customer.userId),
      'app.workspaces': await count('app.workspaces', 'owner_user_id', customer.userId),
      'app.users': 1,
      'billing.customers': await count('billing.customers', 'id', customer.stripeCustomerId!),
      'billing.subscriptions': await count('billing.subscriptions', 'customer_id', customer.stripeCustomerId!),
      'ops.privacy_requests': 1,
    });
    expect(rows['app.content']).toBe(3);
    expect(rows['app.sessions']).toBe(2);
    expect(plan.stripe).toEqual({ customerIds: [customer.stripeCustomerId], action: 'delete_customer' });
    expect(plan.steps.at(-1)).toMatchObject({ table: 'ops.audit_log', action: 'keep', columns: [{ column: 'input', strategy: 'crypto_shred' }] });
    expect(plan.subject).toMatchObject({ userId: customer.userId, customerIds: [customer.stripeCustomerId] });
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
    // The same data plan alike; nothing was written.
    expect((await a.privacy.previewErasure({ requestId, reason: 'again' })).preview.hash).toBe(plan.hash);
    expect((await requestRow(requestId)).status).toBe('verified');
  });

  it('A requests, A cannot approve, B approves: the job deletes the Stripe customer and signs a receipt that verifies', async () => {
    const customer = await createCustomer(app, { price: catalog.pro, sessions: 1 });
    await addContent(customer, 2);
    const requestId = await verifiedErasureOf(customer);

    const requested = await a.privacy.requestErasure({ requestId, reason: 'The person asked on 3 May' });
    expect(requested).toMatchObject({ status: 'approval_requested', approvalReason: 'An erasure cannot be undone: a second person approves its plan.' });
    await expect(a.privacy.requestErasure({ requestId, reason: 'clicked twice' })).resolves.toMatchObject({ status: 'approval_requested', duplicate: true, requestId: requested.requestId });
    // Held: nothing happened yet.
    expect(await requestRow(requestId)).toMatchObject({ status: 'verified' });
    expect(await count('app.content', 'user_id', customer.userId)).toBe(2);

    const shown = await b.approvals.get({ id: requested.requestId });
    expect(shown).toMatchObject({ action: 'privacy.erase', targetType: 'privacy_request', targetId: requestId, canDecide: true, stale: null });
    await expect(a.approvals.approve({ id: requested.requestId, comment: 'my own' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: /your own request/ });
    const approved = await b.approvals.approve({ id: requested.requestId, comment: 'Checked the plan' });
    expect(approved).toMatchObject({ status: 'succeeded', result: { requestId, jobId: expect.any(String) } });
    const { jobId, planHash } = approved.result as { jobId: string; planHash: string };

    const job = await waitForJob(app.db, jobId);
    expect(job).toMatchObject({ status: 'succeeded', kind: 'privacy.erase', error: null });
    const deleted = await app.deps.stripe.customers.retrieve(customer.stripeCustomerId!);
    expect(deleted.deleted).toBe(true);
    expect((await app.deps.stripe.subscriptions.retrieve(customer.subscriptionId!)).status).toBe('canceled');
    // Stripe's deletion webhooks landed before the ledger was masked: none of them names the person.
    await app.billing.emulator!.webhooksIdle();
    const deletionEvents = await app.db.selectFrom('ops.stripeEvents').select(['type', 'payload']).where(sql<string>`payload->'data'->'object'->>'id'`, '=', customer.stripeCustomerId!).execute();
    expect(deletionEvents.map((e) => e.type)).toContain('customer.deleted');
    expect(JSON.stringify(deletionEvents)).not.toContain(customer.email);
    expect(await count('app.content', 'user_id', customer.userId)).toBe(0);
    expect(await count('app.sessions', 'user_id', customer.userId)).toBe(0);
    const user = await app.db.selectFrom('app.users').select('email').where('id', '=', customer.userId).executeTakeFirstOrThrow();
    expect(user.email).not.toBe(customer.email);

    const row = await requestRow(requestId);
    expect(row).toMatchObject({ status: 'completed', planHash, approvalRequestId: requested.requestId, jobId });
    expect(row.subjectValue).not.toContain(customer.email);
    const receipt = row.receipt as TDeletionReceipt;
    expect(receipt.receipt).toMatchObject({
      requestId,
      planHash,
      subjectHash: row.subjectValue,
      approvedBy: expect.stringContaining('@example.test'),
      stripe: [{ customerId: customer.stripeCustomerId, deleted: true, response: { id: customer.stripeCustomerId, deleted: true } }],
      audit: { chainVerified: true },
    });
    expect(receipt.receipt.tables.find((t) => t.table === 'app.content')).toMatchObject({ action: 'delete', rows: 2 });
    expect(receipt.receipt.audit.subjectKeysShredded).toBeGreaterThan(0);
    expect(JSON.stringify(receipt)).not.toContain(customer.email);
    expect(verifyReceipt(receipt, receiptKeyFromConfig(app.deps.config).publicKey)).toMatchObject({ valid: true });
    await expect(a.privacy.erasureReceipt({ requestId })).resolves.toEqual(receipt);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: true });

    // The finished job run again (a stray queue entry, an operator's retry) does nothing.
    const steps = await app.db.selectFrom('ops.privacyErasureSteps').selectAll().where('requestId', '=', requestId).orderBy('stepKey').execute();
    expect(steps.every((s) => s.state === 'done')).toBe(true);
    expect(steps.map((s) => s.stepKey)).toContain(`stripe:${customer.stripeCustomerId}`);
    const again = await enqueueJob(app.db, erasureJobKind(app.deps), { requestId }, { startedBy: null });
    expect(await waitForJob(app.db, again.id)).toMatchObject({ status: 'succeeded', result: { requestId, steps: 0 } });
    expect(await app.db.selectFrom('ops.privacyErasureSteps').selectAll().where('requestId', '=', requestId).orderBy('stepKey').execute()).toEqual(steps);
    expect((await requestRow(requestId)).receipt).toEqual(receipt);
    // …and the approval cannot be spent twice.
    await expect(b.approvals.approve({ id: requested.requestId, comment: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a plan overtaken by new data is stale: approving it erases nothing; requested again, it goes through', async () => {
    const customer = await createCustomer(app, { price: null });
    await addContent(customer, 1);
    const requestId = await verifiedErasureOf(customer);
    const first = await a.privacy.requestErasure({ requestId, reason: 'Asked by email' });
    const firstPlan = (await b.approvals.get({ id: first.requestId })).preview as TErasurePlan;

    await addContent(customer, 1);
    expect(await b.approvals.get({ id: first.requestId })).toMatchObject({ stale: expect.stringMatching(/data changed since the plan was approved/) });
    await expect(b.approvals.approve({ id: first.requestId, comment: 'looks fine' })).rejects.toMatchObject({ code: 'CONFLICT', message: /data changed since the plan was approved: request the erasure again/ });
    expect(await requestRow(requestId)).toMatchObject({ status: 'verified', jobId: null });
    expect(await count('app.content', 'user_id', customer.userId)).toBe(2);

    const second = await a.privacy.requestErasure({ requestId, reason: 'Asked by email, planned again' });
    expect(second).toMatchObject({ status: 'approval_requested', duplicate: false });
    expect(second.requestId).not.toBe(first.requestId);
    const secondPlan = (await b.approvals.get({ id: second.requestId })).preview as TErasurePlan;
    expect(secondPlan.hash).not.toBe(firstPlan.hash);
    expect(secondPlan.steps.find((s) => s.table === 'app.content')?.rows).toBe(2);
    const approved = await b.approvals.approve({ id: second.requestId, comment: 'Checked' });
    await waitForJob(app.db, (approved.result as { jobId: string }).jobId);
    expect(await requestRow(requestId)).toMatchObject({ status: 'completed' });
    expect(await count('app.content', 'user_id', customer.userId)).toBe(0);
  });

  it('a legal hold blocks the approval, and a job queued before a hold stops before its first step', async () => {
    const customer = await createCustomer(app, { price: catalog.pro });
    const requestId = await verifiedErasureOf(customer);
    const requested = await a.privacy.requestErasure({ requestId, reason: 'Asked by post' });
    await a.privacy.hold({ requestId, reason: 'Litigation hold from legal' });
    expect(await b.approvals.get({ id: requested.requestId })).toMatchObject({ stale: expect.stringMatching(/legal hold/) });
    await expect(b.approvals.approve({ id: requested.requestId, comment: 'Plan checked' })).rejects.toMatchObject({ code: 'CONFLICT', message: /legal hold/ });
    await expect(a.privacy.requestErasure({ requestId, reason: 'try anyway' })).rejects.toMatchObject({ code: 'CONFLICT', message: /legal hold/ });
    expect(await requestRow(requestId)).toMatchObject({ status: 'on_hold' });

    // Lifted, approved while no worker runs; a hold lands before the queued job starts.
    await a.privacy.liftHold({ requestId, reason: 'Litigation settled' });
    await engine!.stop();
    engine = undefined;
    const again = await a.privacy.requestErasure({ requestId, reason: 'Asked by post, after the hold' });
    const approved = await b.approvals.approve({ id: again.requestId, comment: 'Plan checked' });
    const { jobId } = approved.result as { jobId: string };
    await app.db.updateTable('ops.privacyRequests').set({ status: 'on_hold', holdReason: 'A new litigation hold', heldAt: new Date(), statusBeforeHold: 'in_progress' }).where('id', '=', requestId).execute();
    engine = await startTestEngine(app, createErasureJobKinds(app.deps));

    const deadline = Date.now() + 30_000;
    let job = await app.db.selectFrom('ops.jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    while (!job.error && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = await app.db.selectFrom('ops.jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    }
    expect(job.error).toMatch(/on legal hold: the erasure stopped before its next step/);
    expect(await stepKeys(requestId)).toEqual(['subject']);
    expect(await requestRow(requestId)).toMatchObject({ status: 'on_hold' });
    expect((await app.deps.stripe.customers.retrieve(customer.stripeCustomerId!)).deleted).toBeUndefined();
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: true });
  });
});
