import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../testing/testApp.js';
import { createCustomer, prepareCustomerTests, userRow } from '../features/customers/testing/customerFixtures.js';
import { liftExpiredSuspensions } from './liftExpiredSuspensions.js';

describe('the suspension-lifting job', () => {
  let app: TestApp;
  let moderator: Awaited<ReturnType<TestApp['callerAs']>>;

  beforeEach(async () => {
    app = await createTestApp();
    await app.listen();
    await prepareCustomerTests(app);
    moderator = await app.callerAs(['moderator']);
  });
  afterEach(() => app.close());

  it('lifts suspensions whose time has passed, audited with no actor, and does nothing the second time', async () => {
    const due = await createCustomer(app, { price: null });
    const notYet = await createCustomer(app, { price: null });
    await moderator.api.customers.suspend({ userId: due.userId, days: 1, reason: 'Cooling off' });
    await moderator.api.customers.suspend({ userId: notYet.userId, days: 1, reason: 'Cooling off' });
    expect((await liftExpiredSuspensions(app.db)).lifted).toEqual([]);

    await app.db.updateTable('app.users').set({ suspendedUntil: new Date(Date.now() - 1000) }).where('id', '=', due.userId).execute();
    expect((await liftExpiredSuspensions(app.db)).lifted).toEqual([due.userId]);
    expect(await userRow(app, due.userId)).toEqual({ status: 'active', suspendedUntil: null });
    expect((await userRow(app, notYet.userId)).status).toBe('suspended');
    expect(await auditRows(app, 'customer.suspension_lifted')).toMatchObject([{ actorId: null, targetType: 'customer', targetId: due.userId, result: 'success' }]);

    expect((await liftExpiredSuspensions(app.db)).lifted).toEqual([]);
    expect(await auditRows(app, 'customer.suspension_lifted')).toHaveLength(1);
    // After the lift, suspending again is a new suspension, not a duplicate of the first.
    const again = await moderator.api.customers.suspend({ userId: due.userId, days: 1, reason: 'Cooling off' });
    expect(again).toMatchObject({ status: 'done', duplicate: false });
  });
});
