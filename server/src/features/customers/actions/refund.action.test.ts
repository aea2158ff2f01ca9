import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../../testing/testApp.js';

describe('refunds with guard rails', () => {
  let app: TestApp;
  let support: Awaited<ReturnType<TestApp['callerAs']>>;
  let admin: Awaited<ReturnType<TestApp['callerAs']>>;
  let chargeId: string;
  let customerId: string;

  beforeEach(async () => {
    app = await createTestApp();
    await app.listen();
    support = await app.callerAs(['support']);
    admin = await app.callerAs(['admin']);
    const customer = await app.deps.stripe.customers.create({ email: 'payer@example.test', name: 'Payer' });
    const intent = await app.deps.stripe.paymentIntents.create({ amount: 100_000, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true });
    chargeId = intent.latest_charge as string;
    customerId = customer.id;
    await app.billing.emulator!.webhooksIdle();
  });
  afterEach(() => app.close());

  const refundsAtStripe = async () => (await app.deps.stripe.refunds.list({ charge: chargeId, limit: 100 })).data;
  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'OK', (e: TRPCError) => e.code);

  it('refunds part of a payment, audited against the customer, after showing what remains', async () => {
    const preview = await support.api.customers.previewRefund({ chargeId, amount: 2000, stripeReason: 'requested_by_customer' });
    expect(preview).toMatchObject({ risk: 'medium', approvalReason: null, preview: { refundable: 100_000, amount: 2000, customerEmail: 'payer@example.test' } });
    const outcome = await support.api.customers.refund({ chargeId, amount: 2000, stripeReason: 'requested_by_customer', reason: 'Charged twice for October' });
    expect(outcome).toMatchObject({ status: 'done', duplicate: false, result: { amount: 2000, status: 'succeeded' } });
    expect((await refundsAtStripe()).map((r) => r.amount)).toEqual([2000]);
    const audit = (await auditRows(app, 'customer.refunded')).find((row) => row.result === 'success');
    expect(audit).toMatchObject({ actorId: support.staff.id, targetType: 'customer', targetId: customerId, reason: 'Charged twice for October', result: 'success' });
  });

  it('requires a reason (medium risk)', async () => {
    await expect(support.api.customers.refund({ chargeId, amount: 2000, stripeReason: 'duplicate' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /reason/ });
    expect(await refundsAtStripe()).toEqual([]);
  });

  it('refuses more than remains refundable, saying how much remains', async () => {
    await support.api.customers.refund({ chargeId, amount: 30_000, stripeReason: 'requested_by_customer', reason: 'partial' });
    await expect(support.api.customers.refund({ chargeId, amount: 80_000, stripeReason: 'requested_by_customer', reason: 'too much' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'amount: Refund exceeds what remains refundable: at most 700.00 USD can still be refunded.',
    });
  });

  it('turns 20 concurrent identical requests into exactly one refund', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? support : admin).api.customers.refund({ chargeId, amount: 2000, stripeReason: 'duplicate', reason: 'double click' })),
    );
    expect(await refundsAtStripe()).toHaveLength(1);
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.requestId)).size).toBe(1);
  });

  it('treats a later identical refund as the same one unless it is explicitly a repeat', async () => {
    const first = await support.api.customers.refund({ chargeId, amount: 2000, stripeReason: 'duplicate', reason: 'first' });
    const again = await support.api.customers.refund({ chargeId, amount: 2000, stripeReason: 'duplicate', reason: 'clicked again later' });
    expect(again).toMatchObject({ status: 'done', duplicate: true, requestId: first.requestId });
    const second = await support.api.customers.refund({ chargeId, amount: 2000, stripeReason: 'duplicate', reason: 'second, on purpose', repeat: 1 });
    expect(second).toMatchObject({ status: 'done', duplicate: false });
    expect(await refundsAtStripe()).toHaveLength(2);
  });

  it('keeps the intent when Stripe gives no answer, audits the attempt, and a retry refunds once', async () => {
    app.billing.emulator!.failNextRequests(3, { status: 500, path: '/v1/refunds' });
    await expect(support.api.customers.refund({ chargeId, amount: 2500, stripeReason: 'requested_by_customer', reason: 'retry me' })).rejects.toMatchObject({ code: 'BAD_GATEWAY', message: /^Stripe: / });
    expect(await refundsAtStripe()).toEqual([]);
    const [intent] = await app.db.selectFrom('ops.actionRequests').selectAll().execute();
    expect(intent).toMatchObject({ status: 'executing', lastError: expect.stringMatching(/^Stripe: /) });
    expect((await auditRows(app, 'customer.refunded')).map((r) => r.result)).toEqual(['attempted']);

    await support.api.customers.refund({ chargeId, amount: 2500, stripeReason: 'requested_by_customer', reason: 'retry me' });
    await support.api.customers.refund({ chargeId, amount: 2500, stripeReason: 'requested_by_customer', reason: 'retry me' });
    expect((await refundsAtStripe()).map((r) => r.amount)).toEqual([2500]);
    expect((await auditRows(app, 'customer.refunded')).map((r) => r.result)).toEqual(['attempted', 'success']);
  });

  it('records a refusal by Stripe as failed, with nothing moved, and frees the request to be made again', async () => {
    app.billing.emulator!.failNextRequests(1, { status: 402, type: 'card_error', message: 'The refund could not be processed.', path: '/v1/refunds' });
    await expect(support.api.customers.refund({ chargeId, amount: 2500, stripeReason: 'requested_by_customer', reason: 'refused' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await refundsAtStripe()).toEqual([]);
    expect(await app.db.selectFrom('ops.actionRequests').select('status').execute()).toEqual([{ status: 'failed' }]);
    expect((await auditRows(app, 'customer.refunded')).map((r) => r.result)).toEqual(['attempted', 'failure']);
    await support.api.customers.refund({ chargeId, amount: 2500, stripeReason: 'requested_by_customer', reason: 'refused' });
    expect((await refundsAtStripe()).map((r) => r.amount)).toEqual([2500]);
  });

  describe('four-eyes approval', () => {
    it('holds a 600 USD refund for a second person, who executes it once, credited to the requester', async () => {
      const requested = await support.api.customers.refund({ chargeId, amount: 60_000, stripeReason: 'requested_by_customer', reason: 'Annual plan cancelled in week one' });
      expect(requested).toMatchObject({ status: 'approval_requested', approvalReason: 'Refunds above 500.00 USD need a second person.' });
      expect(await refundsAtStripe()).toEqual([]);

      const inbox = await admin.api.approvals.find({ scope: 'to_decide' });
      expect(inbox).toHaveLength(1);
      expect(inbox[0]).toMatchObject({ action: 'customers.refund', requester: { email: support.staff.email }, preview: { amount: 60_000 }, canDecide: true });
      expect(await support.api.approvals.find({ scope: 'to_decide' })).toEqual([]);
      expect(await admin.api.approvals.countToDecide()).toBe(1);
      expect(await support.api.approvals.countToDecide()).toBe(0);

      expect(await codeOf(support.api.approvals.approve({ id: requested.requestId, comment: 'self approval' }))).toBe('FORBIDDEN');
      const second = await app.callerAs(['admin']);
      const results = await Promise.all([
        codeOf(admin.api.approvals.approve({ id: requested.requestId, comment: 'Checked the account history' })),
        codeOf(second.api.approvals.approve({ id: requested.requestId, comment: 'Looks right' })),
      ]);
      expect(results.sort()).toEqual(['CONFLICT', 'OK']);
      expect((await refundsAtStripe()).map((r) => r.amount)).toEqual([60_000]);

      const credited = (await auditRows(app, 'customer.refunded')).filter((row) => row.result === 'success');
      expect(credited).toHaveLength(1);
      expect(credited[0]).toMatchObject({ actorId: support.staff.id, reason: 'Annual plan cancelled in week one', after: { approvedBy: expect.any(String) } });
      const approved = await app.db.selectFrom('ops.auditLog').select(['action', 'actorRoles']).where('action', '=', 'approval.approved').where('result', '=', 'success').execute();
      expect(approved).toHaveLength(1);
    });

    it('asks for approval of any refund marked fraudulent, and a rejection refunds nothing', async () => {
      const requested = await support.api.customers.refund({ chargeId, amount: 1000, stripeReason: 'fraudulent', reason: 'Card reported stolen' });
      expect(requested).toMatchObject({ status: 'approval_requested', approvalReason: 'Refunds marked fraudulent need a second person.' });
      await admin.api.approvals.reject({ id: requested.requestId, comment: 'Customer confirmed the purchase' });
      expect(await refundsAtStripe()).toEqual([]);
      expect(await codeOf(admin.api.approvals.approve({ id: requested.requestId, comment: 'changed my mind' }))).toBe('CONFLICT');
      const mine = await support.api.approvals.find({ scope: 'mine' });
      expect(mine[0]).toMatchObject({ status: 'rejected', decisionComment: 'Customer confirmed the purchase' });
      // A rejected request does not block asking again: it is a new request, not a duplicate.
      const again = await support.api.customers.refund({ chargeId, amount: 1000, stripeReason: 'fraudulent', reason: 'New evidence from the bank' });
      expect(again).toMatchObject({ status: 'approval_requested', duplicate: false });
      expect(again.requestId).not.toBe(requested.requestId);
    });

    it('lets requests expire after 72 hours', async () => {
      const requested = await support.api.customers.refund({ chargeId, amount: 60_000, stripeReason: 'requested_by_customer', reason: 'late' });
      const row = await app.db.selectFrom('ops.actionRequests').select(['createdAt', 'expiresAt']).where('id', '=', requested.requestId).executeTakeFirstOrThrow();
      expect(row.expiresAt!.getTime() - new Date(row.createdAt).getTime()).toBe(72 * 3600 * 1000);
      await app.db.updateTable('ops.actionRequests').set({ expiresAt: new Date(Date.now() - 1000) }).where('id', '=', requested.requestId).execute();
      await expect(admin.api.approvals.approve({ id: requested.requestId, comment: 'too late' })).rejects.toMatchObject({ code: 'CONFLICT', message: /expired/ });
      expect(await admin.api.approvals.find({ scope: 'to_decide' })).toEqual([]);
      expect(await refundsAtStripe()).toEqual([]);
    });
  });
});
