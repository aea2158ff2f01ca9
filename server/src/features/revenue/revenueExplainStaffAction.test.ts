import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { createCustomer, prepareCustomerTests, type Catalog } from '../customers/testing/customerFixtures.js';
import { refreshRevenueForCustomers } from './refreshCustomerRevenue.js';

/**
 * The explanation finds the staff action behind a movement also when the action targeted
 * the product user (an account action that cancelled the subscriptions), not the Stripe
 * customer: who asked, the reason, and who approved it.
 */
describe('a movement explained by an approved account action', () => {
  let app: TestApp;
  let catalog: Catalog;

  beforeEach(async () => {
    app = await createTestApp();
    await app.listen();
    catalog = await prepareCustomerTests(app);
  });
  afterEach(() => app.close());

  it('shows the ban that cancelled the subscription, with requester, reason and approver', async () => {
    const moderator = await app.callerAs(['moderator']);
    const admin = await app.callerAs(['admin']);
    const finance = await app.callerAs(['finance']);
    const c = await createCustomer(app, { price: catalog.business });
    await app.billing.emulator!.webhooksIdle();
    // A customer paying since last month (signing up and leaving on one day is no movement at all).
    await sql`update billing.subscription_history set effective_at = effective_at - interval '40 days' where customer_id = ${c.stripeCustomerId}`.execute(app.db);
    await refreshRevenueForCustomers(app.db, [c.stripeCustomerId!]);
    const requested = await moderator.api.customers.ban({ userId: c.userId, cancelSubscriptions: true, reason: 'Stolen cards', confirmation: c.email });
    await admin.api.approvals.approve({ id: requested.requestId, comment: 'Confirmed with the payments team' });
    await app.billing.emulator!.webhooksIdle();

    const today = new Date().toISOString().slice(0, 10);
    const from = `${today.slice(0, 8)}01`;
    const churns = await finance.api.revenue.drillDown({ from, to: today, kind: 'churn', limit: 200 });
    const churn = churns.rows.find((r) => r.customerId === c.stripeCustomerId);
    expect(churn).toMatchObject({ subscriptionId: c.subscriptionId, afterCents: 0 });

    const explanation = await finance.api.revenue.explain({ movementId: churn!.movementId });
    expect(explanation.staffActions).toEqual([
      expect.objectContaining({ requestedBy: moderator.staff.email, reason: 'Stolen cards', approvedBy: admin.staff.email, approvalComment: 'Confirmed with the payments team' }),
    ]);
    expect(explanation.auditEntries.map((e) => e.action)).toContain('customer.banned');
  });
});
