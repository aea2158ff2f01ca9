import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../../testing/testApp.js';
import { reconcileActionRequests } from '../../actionRequests/actionReconciler.js';
import { createCustomer, prepareCustomerTests, sessionsOf, userRow, type Catalog } from '../testing/customerFixtures.js';

describe('suspend, ban and unban', () => {
  let app: TestApp;
  let catalog: Catalog;
  let admin: Awaited<ReturnType<TestApp['callerAs']>>;
  let moderator: Awaited<ReturnType<TestApp['callerAs']>>;

  beforeEach(async () => {
    app = await createTestApp();
    await app.listen();
    catalog = await prepareCustomerTests(app);
    admin = await app.callerAs(['admin']);
    moderator = await app.callerAs(['moderator']);
  });
  afterEach(() => app.close());

  const subscriptionRow = (id: string) => app.db.selectFrom('billing.subscriptions').select(['status', 'cancelAtPeriodEnd']).where('id', '=', id).executeTakeFirstOrThrow();

  it('suspends for N days, revokes sessions, optionally schedules the subscriptions to cancel, audited against the user', async () => {
    const c = await createCustomer(app, { price: catalog.pro, sessions: 3 });
    const preview = await moderator.api.customers.previewSuspend({ userId: c.userId, days: 7, cancelSubscriptions: true });
    expect(preview).toMatchObject({ risk: 'medium', approvalReason: null, preview: { subscriptionsToCancelAtPeriodEnd: [c.subscriptionId] } });
    await expect(moderator.api.customers.suspend({ userId: c.userId, days: 7 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /reason/ });

    const outcome = await moderator.api.customers.suspend({ userId: c.userId, days: 7, cancelSubscriptions: true, reason: 'Chargeback abuse, cooling off' });
    expect(outcome).toMatchObject({ status: 'done', result: { status: 'suspended', sessionsRevoked: 3 } });
    const user = await userRow(app, c.userId);
    expect(user.status).toBe('suspended');
    expect(Math.round((user.suspendedUntil!.getTime() - Date.now()) / 86_400_000)).toBe(7);
    expect(await sessionsOf(app, c.userId)).toBe(0);
    await app.billing.emulator!.webhooksIdle();
    expect(await subscriptionRow(c.subscriptionId!)).toEqual({ status: 'active', cancelAtPeriodEnd: true });
    expect((await auditRows(app, 'customer.suspended')).map((r) => r.result)).toEqual(['failure', 'attempted', 'success']);
    expect((await auditRows(app, 'customer.suspended'))[2]).toMatchObject({ targetType: 'customer', targetId: c.userId, actorId: moderator.staff.id, result: 'success' });
  });

  it('bans a non-paying user at once after typed confirmation, revoking their product sessions', async () => {
    const c = await createCustomer(app, { price: null, sessions: 2 });
    const preview = await admin.api.customers.previewBan({ userId: c.userId });
    expect(preview).toMatchObject({ risk: 'high', approvalReason: null, target: { confirmText: c.email }, preview: { paying: false } });
    await expect(admin.api.customers.ban({ userId: c.userId, reason: 'Spam' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /confirmation/ });
    await expect(admin.api.customers.ban({ userId: c.userId, reason: 'Spam', confirmation: 'someone@else.test' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await sessionsOf(app, c.userId)).toBe(2);

    const outcome = await admin.api.customers.ban({ userId: c.userId, reason: 'Spam', confirmation: c.email.toUpperCase() });
    expect(outcome).toMatchObject({ status: 'done', result: { status: 'banned', sessionsRevoked: 2 } });
    expect((await userRow(app, c.userId)).status).toBe('banned');
    expect(await sessionsOf(app, c.userId)).toBe(0);
    const again = await admin.api.customers.ban({ userId: c.userId, reason: 'Spam', confirmation: c.email });
    expect(again).toMatchObject({ duplicate: true, requestId: outcome.requestId });
  });

  it('refuses support a ban (403) and changes nothing', async () => {
    const c = await createCustomer(app, { price: null, sessions: 1 });
    const support = await app.callerAs(['support']);
    await expect(support.api.customers.ban({ userId: c.userId, reason: 'x', confirmation: c.email })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(support.api.customers.previewBan({ userId: c.userId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await userRow(app, c.userId)).status).toBe('active');
    expect(await sessionsOf(app, c.userId)).toBe(1);
  });

  it('holds the ban of a paying customer for a second person; on approval it bans, cancels and revokes, once', async () => {
    const c = await createCustomer(app, { price: catalog.business, sessions: 2 });
    const requested = await moderator.api.customers.ban({ userId: c.userId, cancelSubscriptions: true, reason: 'Stolen cards', confirmation: c.email });
    expect(requested).toMatchObject({ status: 'approval_requested', approvalReason: 'Banning a paying customer needs a second person.' });
    expect((await userRow(app, c.userId)).status).toBe('active');
    expect(await sessionsOf(app, c.userId)).toBe(2);

    await expect(moderator.api.approvals.approve({ id: requested.requestId, comment: 'self' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await admin.api.approvals.approve({ id: requested.requestId, comment: 'Confirmed with the payments team' });
    expect((await userRow(app, c.userId)).status).toBe('banned');
    expect(await sessionsOf(app, c.userId)).toBe(0);
    await app.billing.emulator!.webhooksIdle();
    expect((await subscriptionRow(c.subscriptionId!)).status).toBe('canceled');
    const banned = (await auditRows(app, 'customer.banned')).filter((r) => r.result === 'success');
    expect(banned).toMatchObject([{ actorId: moderator.staff.id, targetId: c.userId, after: { approvedBy: admin.staff.email } }]);
    await expect(admin.api.approvals.approve({ id: requested.requestId, comment: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('unbans (also lifting a suspension), and a later ban is a new request', async () => {
    const c = await createCustomer(app, { price: null });
    const first = await admin.api.customers.ban({ userId: c.userId, reason: 'Spam', confirmation: c.email });
    await expect(admin.api.customers.unban({ userId: c.userId })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /reason/ });
    expect(await admin.api.customers.unban({ userId: c.userId, reason: 'Appeal accepted' })).toMatchObject({ status: 'done', result: { status: 'active' } });
    const second = await admin.api.customers.ban({ userId: c.userId, reason: 'Spam again', confirmation: c.email });
    expect(second).toMatchObject({ status: 'done', duplicate: false });
    expect(second.requestId).not.toBe(first.requestId);

    const s = await createCustomer(app, { price: null });
    await moderator.api.customers.suspend({ userId: s.userId, days: 3, reason: 'Cooling off' });
    await moderator.api.customers.unban({ userId: s.userId, reason: 'Lifted early' });
    expect(await userRow(app, s.userId)).toEqual({ status: 'active', suspendedUntil: null });
  });

  it('leaves nothing half-done when Stripe gives no answer during an approved ban; the reconciler bans once', async () => {
    const c = await createCustomer(app, { price: catalog.pro, sessions: 1 });
    // Paying: held for approval, so the approval reaches Stripe.
    const requested = await moderator.api.customers.ban({ userId: c.userId, cancelSubscriptions: true, reason: 'Fraud', confirmation: c.email });
    app.billing.emulator!.failNextRequests(3, { status: 500, path: `/v1/subscriptions/${c.subscriptionId}` });
    await expect(admin.api.approvals.approve({ id: requested.requestId, comment: 'Checked the card reports' })).rejects.toMatchObject({ message: /^Stripe: / });
    expect((await userRow(app, c.userId)).status).toBe('active');
    expect(await sessionsOf(app, c.userId)).toBe(1);
    // The decision is taken: it cannot be approved (or rejected) again while it is carried out.
    await expect(admin.api.approvals.reject({ id: requested.requestId, comment: 'Changed my mind' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await reconcileActionRequests(app.deps, { minIdleSeconds: 0 })).toEqual([{ requestId: requested.requestId, status: 'done' }]);
    expect((await userRow(app, c.userId)).status).toBe('banned');
    expect((await auditRows(app, 'customer.banned')).map((r) => r.result)).toEqual(['success']);
    const canceled = await app.deps.stripe.subscriptions.list({ customer: c.stripeCustomerId!, status: 'canceled' });
    expect(canceled.data).toHaveLength(1);
  });
});
