import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { createCharge, createCustomer, prepareCustomerTests, type TestCustomer } from '../customers/testing/customerFixtures.js';

describe('approval requests: who sees them, and requests of disabled staff', () => {
  let app: TestApp;
  let c: TestCustomer;
  let chargeId: string;

  beforeEach(async () => {
    app = await createTestApp();
    await app.listen();
    const catalog = await prepareCustomerTests(app);
    c = await createCustomer(app, { price: catalog.pro });
    chargeId = await createCharge(app, c.stripeCustomerId!, 100_000);
  });
  afterEach(() => app.close());

  it('shows a request only to its requester and to those who may decide it', async () => {
    const moderator = await app.callerAs(['moderator']);
    const finance = await app.callerAs(['finance']);
    const support = await app.callerAs(['support']);
    const admin = await app.callerAs(['admin']);
    // A paying customer's ban waits for a second person with the ban permission.
    const requested = await moderator.api.customers.ban({ userId: c.userId, reason: 'Spam', confirmation: c.email });
    expect(requested.status).toBe('approval_requested');

    for (const outsider of [finance, support]) {
      expect(await outsider.api.approvals.find({ scope: 'all' })).toEqual([]);
      await expect(outsider.api.approvals.get({ id: requested.requestId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(finance.api.approvals.approve({ id: requested.requestId, comment: 'not mine to decide' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await moderator.api.approvals.find({ scope: 'all' })).map((r) => r.id)).toEqual([requested.requestId]);
    expect(await admin.api.approvals.get({ id: requested.requestId })).toMatchObject({ canDecide: true, input: { userId: c.userId } });
  });

  it('voids the pending requests of a disabled requester: approving them afterwards moves nothing', async () => {
    const support = await app.callerAs(['support']);
    const admin = await app.callerAs(['admin']);
    const requested = await support.api.customers.refund({ chargeId, amount: 60_000, stripeReason: 'requested_by_customer', reason: 'Large refund' });
    expect(requested.status).toBe('approval_requested');
    await admin.api.staff.disable({ id: support.staff.id, reason: 'Left the company' });

    await expect(admin.api.approvals.approve({ id: requested.requestId, comment: 'Looks fine' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await app.deps.stripe.refunds.list({ charge: chargeId })).data).toEqual([]);
    const row = await app.db.selectFrom('ops.actionRequests').select(['status', 'decisionComment']).where('id', '=', requested.requestId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'void', decisionComment: expect.stringMatching(/disabled/) });
    expect(await admin.api.approvals.find({ scope: 'to_decide' })).toEqual([]);
  });

  it('voids a request at approval time when the requester was disabled behind Opsdesk’s back', async () => {
    const support = await app.callerAs(['support']);
    const admin = await app.callerAs(['admin']);
    const requested = await support.api.customers.refund({ chargeId, amount: 60_000, stripeReason: 'requested_by_customer', reason: 'Large refund' });
    await app.db.updateTable('ops.staff').set({ status: 'disabled' }).where('id', '=', support.staff.id).execute();
    await expect(admin.api.approvals.approve({ id: requested.requestId, comment: 'Looks fine' })).rejects.toMatchObject({ code: 'CONFLICT', message: /void/ });
    expect((await app.deps.stripe.refunds.list({ charge: chargeId })).data).toEqual([]);
    const row = await app.db.selectFrom('ops.actionRequests').select('status').where('id', '=', requested.requestId).executeTakeFirstOrThrow();
    expect(row.status).toBe('void');
  });
});
