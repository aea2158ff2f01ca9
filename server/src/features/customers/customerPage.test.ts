import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { syncOpenReports } from '../moderation/moderationSync.queries.js';
import { syncProductAppeals } from '../moderation/moderationSyncAppeals.service.js';
import { loadCustomerPage } from './customerPage.queries.js';
import { createCustomer, prepareCustomerTests, type Catalog, type TestCustomer } from './testing/customerFixtures.js';

const MONTH = 30 * 86_400_000;

/** Five years of monthly invoices and payments, written straight into the mirror for speed. */
async function addHistory(app: TestApp, customerId: string, months: number) {
  const start = Date.now() - (months + 1) * MONTH;
  const invoices = Array.from({ length: months }, (_, i) => ({
    id: `in_hist${customerId.slice(4)}${String(i).padStart(3, '0')}`,
    customerId,
    status: 'paid',
    number: `HIST-${String(i + 1).padStart(4, '0')}`,
    currency: 'usd',
    amountDue: 2000,
    amountPaid: 2000,
    amountRemaining: 0,
    attemptCount: 1,
    paymentIntentIds: [] as string[],
    total: 2000,
    created: new Date(start + i * MONTH),
    asOf: Math.floor((start + i * MONTH) / 1000),
    data: '{}',
  }));
  await app.db.insertInto('billing.invoices').values(invoices).execute();
  await app.db
    .insertInto('billing.charges')
    .values(invoices.map((inv, i) => ({ id: `ch_hist${customerId.slice(4)}${String(i).padStart(3, '0')}`, customerId, amount: 2000, amountCaptured: 2000, amountRefunded: i === 0 ? 500 : 0, currency: 'usd', status: 'succeeded', paid: true, refunded: false, disputed: false, cardBrand: 'visa', cardLast4: '4242', created: inv.created, asOf: inv.asOf, data: '{}' })))
    .execute();
}

describe('the customer page', () => {
  let app: TestApp;
  let catalog: Catalog;
  let support: Awaited<ReturnType<TestApp['callerAs']>>;
  let veteran: TestCustomer;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    catalog = await prepareCustomerTests(app);
    support = await app.callerAs(['support']);
    veteran = await createCustomer(app, { price: catalog.pro, sessions: 2, plan: 'pro' });
    await app.deps.stripe.subscriptions.create({ customer: veteran.stripeCustomerId!, items: [{ price: catalog.proAnnual }] });
    await app.deps.stripe.subscriptions.create({ customer: veteran.stripeCustomerId!, items: [{ price: catalog.business }], trial_period_days: 14 });
    await app.billing.emulator!.webhooksIdle();
    await addHistory(app, veteran.stripeCustomerId!, 60);
    const colleague = await app.db.insertInto('app.users').values({ email: 'colleague@example.test', name: 'Colleague' }).returning('id').executeTakeFirstOrThrow();
    await app.db.insertInto('app.workspaceMembers').values({ workspaceId: veteran.workspaceId, userId: colleague.id, role: 'member' }).execute();
    await app.db.insertInto('app.planLimits').values([{ plan: 'pro', metric: 'api_calls', limit: 10_000 }, { plan: 'pro', metric: 'projects', limit: null }, { plan: 'pro', metric: 'seats', limit: 5 }]).execute();
    await app.db.insertInto('app.usageEvents').values([
      { workspaceId: veteran.workspaceId, userId: veteran.userId, kind: 'api_calls', quantity: 1200 },
      { workspaceId: veteran.workspaceId, userId: veteran.userId, kind: 'api_calls', quantity: 300 },
      { workspaceId: veteran.workspaceId, userId: veteran.userId, kind: 'api_calls', quantity: 999, occurredAt: new Date(Date.now() - 3 * MONTH) },
      // A stray seats event is not how seats are counted: the members are.
      { workspaceId: veteran.workspaceId, userId: veteran.userId, kind: 'seats', quantity: 40 },
    ]).execute();
  });
  afterAll(() => app.close());

  // How fast this page answers is measured by `npm run bench:lookup` (its customer-page
  // line), not here: a timing assertion fails on a busy machine, not on a slow page.
  it('pages the invoices of a customer with 5 years of monthly invoices, latest first', async () => {
    const page = await support.api.customers.get({ userId: veteran.userId });

    expect(page.invoices).toHaveLength(50);
    const created = page.invoices.map((i) => i.created);
    expect(created).toEqual([...created].sort().reverse());
    expect(page.invoices.at(-1)!.number).not.toBe('HIST-0001');
    expect(page.totals.invoices).toBeGreaterThanOrEqual(62);
    expect(page.totals.payments).toBeGreaterThanOrEqual(62);
    expect(page.invoices[0]!.dashboardUrl).toBe(`https://dashboard.stripe.com/test/invoices/${page.invoices[0]!.id}`);
  });

  it('shows profile, workspaces with members, subscriptions with MRR, payments, usage and sessions', async () => {
    const page = await loadCustomerPage(app.db, veteran.userId);
    expect(page.user).toMatchObject({ id: veteran.userId, email: veteran.email, status: 'active', country: 'DE' });
    expect(page.workspaces).toEqual([
      expect.objectContaining({ id: veteran.workspaceId, role: 'owner', stripeCustomerId: veteran.stripeCustomerId, members: [expect.objectContaining({ userId: veteran.userId, role: 'owner' }), expect.objectContaining({ email: 'colleague@example.test', role: 'member' })] }),
    ]);
    expect(page.stripeCustomers).toEqual([expect.objectContaining({ id: veteran.stripeCustomerId, dashboardUrl: `https://dashboard.stripe.com/test/customers/${veteran.stripeCustomerId}` })]);

    const byPrice = Object.fromEntries(page.subscriptions.map((s) => [s.priceId, s]));
    expect(byPrice[catalog.pro]).toMatchObject({ status: 'active', planName: 'Pro', interval: 'month', mrr: 2000, amount: 2000, cancelAtPeriodEnd: false });
    expect(byPrice[catalog.proAnnual]).toMatchObject({ status: 'active', interval: 'year', mrr: 2000 });
    expect(byPrice[catalog.business]).toMatchObject({ status: 'trialing', mrr: 0, trialEnd: expect.any(String) });
    expect(page.totals).toMatchObject({ mrr: 4000, currency: 'usd', mrrInOtherCurrencies: [] });

    const oldest = page.payments.find((p) => p.id.endsWith('000'));
    expect(oldest).toBeUndefined(); // beyond the latest 50
    expect(page.payments.every((p) => p.refundable === p.amount - p.amountRefunded)).toBe(true);
    // Counted since the live subscriptions' latest period start: the event three months back is not.
    const since = page.subscriptions.map((s) => s.currentPeriodStart!).sort().at(-1)!;
    // Seats are the workspace's members now (the owner and the colleague), not a sum of events.
    expect(page.usage).toEqual([
      { workspace: null, metric: 'api_calls', used: 1500, limit: 10_000, since },
      { workspace: null, metric: 'projects', used: 0, limit: null, since },
      { workspace: null, metric: 'seats', used: 2, limit: 5, since },
    ]);
    expect(page.sessions).toHaveLength(2);
    expect(page.sessions[0]).toMatchObject({ ip: '203.0.113.7', userAgent: 'Firefox' });
    expect(page.moderation).toEqual({ available: true, entries: [], appeals: [], reportsAgainst: [] });
  });

  it("lists the account's moderation decisions, appeals (a refused product appeal with why) and reports against its content, newest first", async () => {
    const moderator = await app.callerAs(['moderator']);
    const newUser = async (email: string) => (await app.db.insertInto('app.users').values({ email, name: email }).returning('id').executeTakeFirstOrThrow()).id;
    const author = await newUser('moderated-author@example.test');
    const reporter = await newUser('moderation-reporter@example.test');
    const contentIds: string[] = [];
    for (const reason of ['harassment', 'spam']) {
      const content = await sql<{ id: string }>`insert into app.content (user_id, kind, body) values (${author}::uuid, 'post', 'A post') returning id`.execute(app.db);
      contentIds.push(content.rows[0]!.id);
      await sql`insert into app.content_reports (content_id, reporter_user_id, reason_code) values (${content.rows[0]!.id}::uuid, ${reporter}::uuid, ${reason})`.execute(app.db);
    }
    await syncOpenReports(app.db);
    const { entry } = await moderator.api.moderation.next({});
    const decision = await moderator.api.moderation.decide({ entryId: entry!.id, reasonCode: 'harassment', reason: 'Hidden for the customer page test.' });
    const staffAppeal = await moderator.api.moderation.appeals.open({ decisionId: decision.decisionId, appellantUserId: author, statement: 'Sent by mail.', reason: 'Received by mail.' });
    const product = await sql<{ id: string }>`insert into app.moderation_appeals (decision_id, appellant_user_id, statement) values (${decision.decisionId}::uuid, ${author}::uuid, 'And from the form.') returning id`.execute(app.db);
    expect(await syncProductAppeals(app.db)).toEqual({ opened: 0, refused: 1 });

    const page = await support.api.customers.get({ userId: author });
    expect(page.moderation).toEqual({
      available: true,
      entries: [expect.objectContaining({ id: decision.decisionId, decision: 'hide', reasonCode: 'harassment', contentId: entry!.subjectId, decidedBy: moderator.staff.email })],
      appeals: [
        expect.objectContaining({ id: `product:${product.rows[0]!.id}`, decisionId: decision.decisionId, channel: 'product', status: 'refused', refusedReason: 'This person has already appealed this decision.', statement: 'And from the form.' }),
        expect.objectContaining({ id: staffAppeal.appealId, decisionId: decision.decisionId, appellantRole: 'author', channel: 'staff_on_behalf', status: 'open', statement: 'Sent by mail.', refusedReason: null }),
      ],
      reportsAgainst: [
        expect.objectContaining({ contentId: contentIds[1], reasonCode: 'spam', status: entry!.subjectId === contentIds[1] ? 'resolved' : 'open' }),
        expect.objectContaining({ contentId: contentIds[0], reasonCode: 'harassment', status: entry!.subjectId === contentIds[0] ? 'resolved' : 'open' }),
      ],
    });
    // The reporter's page shows no decision on their content and no report against it.
    const reporterPage = await support.api.customers.get({ userId: reporter });
    expect(reporterPage.moderation).toEqual({ available: true, entries: [], appeals: [], reportsAgainst: [] });
  });

  it('answers NOT_FOUND for an unknown user', async () => {
    await expect(support.api.customers.get({ userId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
