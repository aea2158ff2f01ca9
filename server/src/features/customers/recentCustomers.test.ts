import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { eraseSubjectRows, maskingKeyFromConfig } from '../privacy/dataMap/subjectRows.queries.js';
import { RECENT_CUSTOMERS_KEPT } from './recentCustomers.queries.js';
import { createCustomer, prepareCustomerTests, type TestCustomer } from './testing/customerFixtures.js';

type Caller = Awaited<ReturnType<TestApp['callerAs']>>;

/**
 * The support home page's two lists: "Recently viewed" (each staff member's own, moved
 * to the top at every page view, bounded) and "Latest notes" (the team's newest notes
 * with the customer each is on).
 */
describe('recently viewed customers and latest notes', () => {
  let app: TestApp;
  let alice: Caller;
  let bob: Caller;
  let customers: TestCustomer[];

  beforeAll(async () => {
    app = await createTestApp();
    await prepareCustomerTests(app);
    alice = await app.callerAs(['support']);
    bob = await app.callerAs(['finance']);
    customers = [];
    for (let i = 0; i < 3; i++) customers.push(await createCustomer(app, { price: null }));
  }, 60_000);
  afterAll(() => app?.close());

  it('lists the customers a staff member opened, last opened first, each once, and nobody else’s', async () => {
    const [a, b, c] = customers as [TestCustomer, TestCustomer, TestCustomer];
    for (const customer of [a, b, c, a]) await alice.api.customers.get({ userId: customer.userId });
    await bob.api.customers.get({ userId: b.userId });

    const recent = await alice.api.customers.recent({});
    expect(recent.map((r) => r.userId)).toEqual([a.userId, c.userId, b.userId]);
    expect(recent[0]).toMatchObject({ email: a.email, name: `Customer ${a.email.split('@')[0]}` });
    expect(new Date(recent[0]!.viewedAt).getTime()).toBeGreaterThanOrEqual(new Date(recent[1]!.viewedAt).getTime());
    expect((await alice.api.customers.recent({ limit: 2 })).map((r) => r.userId)).toEqual([a.userId, c.userId]);
    expect((await bob.api.customers.recent({})).map((r) => r.userId)).toEqual([b.userId]);
  });

  it('records no view of a customer that does not exist', async () => {
    const missing = randomUUID();
    await expect(alice.api.customers.get({ userId: missing })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await app.db.selectFrom('ops.staffRecentCustomers').select('userId').where('userId', '=', missing).execute()).toEqual([]);
  });

  it('keeps a bounded list however many customers one person opens', async () => {
    const carol = await app.callerAs(['support']);
    const many: TestCustomer[] = [];
    for (let i = 0; i < RECENT_CUSTOMERS_KEPT + 5; i++) many.push(await createCustomer(app, { price: null }));
    for (const customer of many) await carol.api.customers.get({ userId: customer.userId });
    const stored = await app.db.selectFrom('ops.staffRecentCustomers').select('userId').where('staffId', '=', carol.staff.id).execute();
    expect(stored.length).toBeLessThanOrEqual(RECENT_CUSTOMERS_KEPT + 1);
    expect((await carol.api.customers.recent({ limit: 20 })).map((r) => r.userId)).toEqual(many.slice(-20).reverse().map((c) => c.userId));
  });

  it('lists the team’s newest notes first, with the customer, the author and whether it is mine; not a deleted one', async () => {
    const [a, b] = customers as [TestCustomer, TestCustomer];
    const first = await alice.api.customers.addNote({ userId: a.userId, body: 'Called back about the invoice' });
    const second = await bob.api.customers.addNote({ userId: b.userId, body: 'Asked for an annual plan quote' });
    const third = await alice.api.customers.addNote({ userId: b.userId, body: 'Sent the quote' });
    await app.db.updateTable('ops.staffNotes').set({ deletedAt: new Date() }).where('id', '=', third.id).execute();

    const latest = await alice.api.customers.latestNotes({});
    expect(latest.map((n) => n.id)).toEqual([second.id, first.id]);
    expect(latest[0]).toMatchObject({ body: 'Asked for an annual plan quote', mine: false, author: { email: bob.staff.email }, customer: { userId: b.userId, email: b.email } });
    expect(latest[1]).toMatchObject({ mine: true, customer: { userId: a.userId, email: a.email } });
    expect(await alice.api.customers.latestNotes({ limit: 1 })).toHaveLength(1);
  });

  it('is for signed-in staff (every role reads customers), and refuses a limit out of bounds', async () => {
    await expect(app.caller().customers.recent({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(app.caller().customers.latestNotes({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(alice.api.customers.recent({ limit: 21 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(alice.api.customers.latestNotes({ limit: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('forgets an erased customer from everyone’s list (the GDPR data map deletes the rows)', async () => {
    const erased = await createCustomer(app, { price: null });
    await alice.api.customers.get({ userId: erased.userId });
    await bob.api.customers.get({ userId: erased.userId });
    const masking = maskingKeyFromConfig({ PRIVACY_MASKING_KEY: undefined, sessionSecret: 'test-secret-of-at-least-some-length' });
    const subject = { userId: erased.userId, customerIds: [], emails: [erased.email], requestIds: [] };
    await app.db.transaction().execute((trx) => eraseSubjectRows(trx, 'ops.staff_recent_customers', subject, masking));
    expect(await app.db.selectFrom('ops.staffRecentCustomers').select('staffId').where('userId', '=', erased.userId).execute()).toEqual([]);
    expect((await alice.api.customers.recent({})).map((r) => r.userId)).not.toContain(erased.userId);
    expect(await app.db.selectFrom('ops.staffRecentCustomers').select('userId').where('staffId', '=', alice.staff.id).execute()).not.toHaveLength(0);
  });
});
