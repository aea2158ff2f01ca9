import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCustomers } from '../../bench/generateCustomers.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { insertJohnSmiths, JOHN_FREE, JOHN_PAYING } from './lookup.testFixtures.js';

describe('lookup.search', () => {
  let app: TestApp;
  let api: Awaited<ReturnType<TestApp['callerAs']>>['api'];

  beforeAll(async () => {
    app = await createTestApp();
    await migrateReferenceProductSchema(app.db);
    // Other customers around them, so every search has something to ignore.
    await generateCustomers(app.db, { users: 3000 });
    await insertJohnSmiths(app.db);
    ({ api } = await app.callerAs(['support']));
  });
  afterAll(() => app.close());

  const userIdsOf = async (q: string) => (await api.lookup.search({ q })).results.map((r) => r.userId);

  it('jumps straight to an exact email', async () => {
    const response = await api.lookup.search({ q: ' John.Smith@RocketMail.test ' });
    expect(response.exact).toEqual({ userId: JOHN_PAYING.userId, matchedOn: 'email' });
  });

  it('finds both John Smiths by name, with what tells them apart', async () => {
    const { results, exact } = await api.lookup.search({ q: 'John Smith' });
    expect(exact).toBeNull();
    const paying = results.find((r) => r.userId === JOHN_PAYING.userId);
    const free = results.find((r) => r.userId === JOHN_FREE.userId);
    expect(paying).toMatchObject({ email: JOHN_PAYING.email, plan: 'pro', status: 'active', country: 'GB', signupAt: '2021-03-04T10:00:00.000Z', stripeCustomerIds: [JOHN_PAYING.customer], workspaceNames: [JOHN_PAYING.workspace], matchedOn: 'name' });
    expect(free).toMatchObject({ email: JOHN_FREE.email, plan: 'free', status: 'suspended', stripeCustomerIds: [JOHN_FREE.customer] });
  });

  it('finds an email by prefix and by substring', async () => {
    expect(await userIdsOf('john.smith@rock')).toEqual([JOHN_PAYING.userId]);
    expect((await api.lookup.search({ q: 'john.smith@' })).results.map((r) => r.userId).sort()).toEqual([JOHN_PAYING.userId, JOHN_FREE.userId].sort());
    const substring = await api.lookup.search({ q: 'smith@rocketm' });
    expect(substring.results.map((r) => [r.userId, r.matchedOn])).toEqual([[JOHN_PAYING.userId, 'email_substring']]);
  });

  it('finds a misspelt email, the right one first', async () => {
    for (const q of ['jonh.smith@rocketmail.test', 'john.smtih@rocketmail.test', 'jhon.smith@globex.test']) {
      const { results, exact } = await api.lookup.search({ q });
      expect(exact).toBeNull();
      expect(results[0]?.matchedOn).toBe('email_fuzzy');
      expect(results[0]?.userId, q).toBe(q.endsWith('globex.test') ? JOHN_FREE.userId : JOHN_PAYING.userId);
    }
  });

  it('finds a misspelt name', async () => {
    expect(await userIdsOf('Jonh Smith')).toEqual(expect.arrayContaining([JOHN_PAYING.userId, JOHN_FREE.userId]));
  });

  it('finds by workspace name and by email domain', async () => {
    const workspace = await api.lookup.search({ q: 'rocket fuel' });
    expect(workspace.results.map((r) => [r.userId, r.matchedOn])).toEqual([[JOHN_PAYING.userId, 'workspace']]);
    expect(await userIdsOf('@globex.test')).toEqual([JOHN_FREE.userId]);
    expect(await userIdsOf('globex.test')).toEqual([JOHN_FREE.userId]);
  });

  it('jumps to the owner from any Stripe id and from a user id', async () => {
    for (const id of [JOHN_PAYING.customer, JOHN_PAYING.subscription, JOHN_PAYING.invoice, JOHN_PAYING.charge, JOHN_PAYING.paymentIntent, JOHN_PAYING.refund, JOHN_PAYING.userId]) {
      const response = await api.lookup.search({ q: id });
      expect(response.exact?.userId, id).toBe(JOHN_PAYING.userId);
      expect(response.results).toHaveLength(1);
    }
    expect((await api.lookup.search({ q: 'cus_DoesNotExist' })).exact).toBeNull();
  });

  it('jumps to the customer from the invoice number they quote, in any case; an unknown number is searched as a word', async () => {
    for (const q of [JOHN_PAYING.invoiceNumber, ` ${JOHN_PAYING.invoiceNumber.toLowerCase()} `]) {
      const response = await api.lookup.search({ q });
      expect(response.exact, q).toEqual({ userId: JOHN_PAYING.userId, matchedOn: 'invoice_number' });
      expect(response.results.map((r) => r.userId)).toEqual([JOHN_PAYING.userId]);
    }
    expect(await api.lookup.search({ q: 'R0CKE7A1-9999' })).toEqual({ exact: null, results: [] });
  });

  it('finds by card last 4, narrowed by name or email', async () => {
    expect(await userIdsOf('4242 smith')).toEqual([JOHN_PAYING.userId]);
    expect(await userIdsOf('rocketmail 4242')).toEqual([JOHN_PAYING.userId]);
    expect(await userIdsOf('4242 nobody-by-that-name')).toEqual([]);
    expect((await api.lookup.search({ q: '4242' })).results[0]?.matchedOn).toBe('card_last4');
  });

  it('lets every role with customers.read search, and rejects bad input with 400', async () => {
    const moderator = await app.callerAs(['moderator']);
    expect((await moderator.api.lookup.search({ q: JOHN_FREE.email })).exact?.userId).toBe(JOHN_FREE.userId);
    await expect(api.lookup.search({ q: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(app.caller().lookup.search({ q: 'john' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
