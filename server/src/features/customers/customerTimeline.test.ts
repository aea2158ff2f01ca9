import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, type TTimelineItem, type TTimelineSource } from '@opsdesk/shared';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { createCharge, createCustomer, prepareCustomerTests, type TestCustomer } from './testing/customerFixtures.js';

describe('the customer timeline', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['callerAs']>>;
  let c: TestCustomer;
  let stranger: TestCustomer;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    const catalog = await prepareCustomerTests(app);
    admin = await app.callerAs(['admin']);
    c = await createCustomer(app, { price: catalog.pro });
    stranger = await createCustomer(app, { price: catalog.business });
    // Staff actions on both the user (account) and the Stripe customer (billing).
    await admin.api.customers.addNote({ userId: c.userId, body: 'Called about the invoice' });
    await admin.api.customers.credit({ stripeCustomerId: c.stripeCustomerId!, amount: 700, reason: 'Goodwill' });
    // A double click: bookkeeping on the audit log, not a second credit on the timeline.
    await admin.api.customers.credit({ stripeCustomerId: c.stripeCustomerId!, amount: 700, reason: 'Goodwill' });
    await createCharge(app, c.stripeCustomerId!, 123_456);
    await admin.api.customers.suspend({ userId: c.userId, days: 2, reason: 'Cooling off' });
    await admin.api.customers.unban({ userId: c.userId, reason: 'Resolved' });
    await admin.api.customers.cancel({ subscriptionId: c.subscriptionId!, when: 'period_end', reason: 'Asked to leave' });
    await app.billing.emulator!.webhooksIdle();
  });
  afterAll(() => app.close());

  async function everything(limit: number, sources?: TTimelineSource[]) {
    const items: TTimelineItem[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await admin.api.customers.timeline({ userId: c.userId, limit, cursor, sources });
      items.push(...page.items);
      if (!page.nextCursor) return items;
      cursor = page.nextCursor;
    }
    throw new Error('the timeline never ended');
  }

  it('merges billing events, account actions and staff entries, newest first', async () => {
    const { items, nextCursor } = await admin.api.customers.timeline({ userId: c.userId, limit: 100 });
    expect(nextCursor).toBeNull();
    expect(new Set(items.map((i) => i.source))).toEqual(new Set(['billing', 'account', 'staff']));
    const times = items.map((i) => i.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(items.filter((i) => i.source === 'account').map((i) => i.kind)).toEqual(['customer.unbanned', 'customer.suspended']);
    expect(items.filter((i) => i.source === 'staff').map((i) => i.kind)).toEqual(['customer.subscription_canceled', 'customer.credited', 'customer.note_added']);
    expect(items.find((i) => i.kind === 'customer.credited')).toMatchObject({ actor: admin.staff.email, summary: expect.stringContaining('Goodwill') });
    const paid = items.find((i) => i.kind === 'invoice.paid');
    expect(paid).toMatchObject({ source: 'billing', summary: expect.stringMatching(/^Invoice .+ paid: 20\.00 USD$/), link: { type: 'invoice', id: expect.stringMatching(/^in_/) } });
    const strangerObjects = JSON.stringify(items).includes(stranger.stripeCustomerId!) || JSON.stringify(items).includes(stranger.subscriptionId!);
    expect(strangerObjects).toBe(false);
  });

  it('reads as words: formatted amounts, action names, never "undefined", no bookkeeping rows', async () => {
    const { items } = await admin.api.customers.timeline({ userId: c.userId, limit: 100 });
    const summaries = items.map((i) => i.summary);
    expect(summaries.filter((s) => /undefined|null|NaN/.test(s))).toEqual([]);
    // Every amount goes through formatMoney: thousands separated, never raw cents or 1234.56.
    expect(summaries).toContain(`Payment of ${formatMoney(123_456, 'usd')} succeeded`);
    expect(summaries.filter((s) => /\d{4,}\.\d{2}/.test(s))).toEqual([]);
    expect(items.find((i) => i.kind === 'customer.credited')?.summary).toBe(`${admin.staff.email}: Customer credited (“Goodwill”)`);
    // A note's entry quotes what it said; a billing line quotes nothing.
    expect(items.find((i) => i.kind === 'customer.note_added')).toMatchObject({ summary: `${admin.staff.email}: Note added`, detail: 'Called about the invoice' });
    expect(items.filter((i) => i.source === 'billing' && i.detail !== null)).toEqual([]);
    expect(await auditRows(app, 'action_request.deduplicated')).toHaveLength(1);
    expect(items.map((i) => i.kind)).not.toContain('action_request.deduplicated');
  });

  it("quotes a note as it reads now: an edit that took something out takes it off the timeline, and the edit's own entry quotes nothing", async () => {
    const note = await admin.api.customers.addNote({ userId: stranger.userId, body: 'Card 4242 4242 4242 4242 pasted by mistake' });
    await admin.api.customers.editNote({ id: note.id, body: 'Card number removed' });
    const { items } = await admin.api.customers.timeline({ userId: stranger.userId, limit: 100, sources: ['staff'] });
    expect(items.find((i) => i.kind === 'customer.note_added')?.detail).toBe('Card number removed');
    expect(items.find((i) => i.kind === 'customer.note_edited')?.detail).toBeNull();
    expect(JSON.stringify(items)).not.toContain('4242 4242');
  });

  it('reads the events of one second in the order Stripe emitted them, not in the order of their random ids', async () => {
    const { items } = await admin.api.customers.timeline({ userId: c.userId, limit: 100 });
    // The sign-up: one call created the subscription, its first invoice and the payment, all in one second.
    const firstPaid = items.filter((i) => i.kind === 'invoice.paid').at(-1)!;
    // On a fast machine the later 1,234.56 USD payment can fall in the same second: it is not the sign-up's.
    const laterPayment = formatMoney(123_456, 'usd');
    const signUp = items.filter((i) => i.source === 'billing' && i.at === firstPaid.at && !i.summary.includes(laterPayment)).map((i) => i.kind);
    // (`invoice.paid` and `invoice.payment_succeeded` carry the same invoice: either may come first.)
    const newestFirst = ['invoice.paid', 'charge.succeeded', 'invoice.finalized', 'invoice.created', 'customer.subscription.created', 'customer.created'];
    expect(signUp.filter((kind) => newestFirst.includes(kind))).toEqual(newestFirst.filter((kind) => signUp.includes(kind)));
    expect(signUp.filter((kind) => newestFirst.includes(kind)).length).toBeGreaterThanOrEqual(4);
  });

  it('pages through the merged sources without gaps or duplicates', async () => {
    const all = await everything(100);
    expect(all.length).toBeGreaterThan(12);
    for (const limit of [1, 3, 7]) {
      const paged = await everything(limit);
      expect(paged.map((i) => i.id)).toEqual(all.map((i) => i.id));
    }
  });

  it('accepts the input the console’s infinite query sends (cursor null, a direction)', async () => {
    const first = await admin.api.customers.timeline({ userId: c.userId, limit: 5, cursor: null, direction: 'forward' });
    expect(first.items).toHaveLength(5);
  });

  it('narrows to what staff did, or to what Stripe did, each the same rows as the whole timeline holds, paged without gaps', async () => {
    const all = await everything(100);
    for (const sources of [['staff', 'account'], ['billing'], ['account']] as TTimelineSource[][]) {
      const expected = all.filter((i) => sources.includes(i.source)).map((i) => i.id);
      expect(expected.length).toBeGreaterThan(0);
      expect((await everything(100, sources)).map((i) => i.id)).toEqual(expected);
      expect((await everything(2, sources)).map((i) => i.id)).toEqual(expected);
    }
  });

  it('refuses an unknown source or an empty choice with a clear 400', async () => {
    await expect(admin.api.customers.timeline({ userId: c.userId, sources: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.api.customers.timeline({ userId: c.userId, sources: ['moderation' as TTimelineSource] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses a forged cursor', async () => {
    await expect(admin.api.customers.timeline({ userId: c.userId, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
