import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { replayFailedEvents } from './eventLedger.js';
import { inboxWorkersIdle } from './inboxWorker.js';

describe('POST /webhooks/stripe', () => {
  let app: TestApp;
  let base: string;
  beforeEach(async () => {
    app = await createTestApp();
    base = await app.listen();
  });
  afterEach(() => app.close());

  const stripe = () => app.deps.stripe;
  const ledgerCount = async () => Number((await app.db.selectFrom('ops.stripeEvents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  function sign(payload: string, options: { secret?: string; timestamp?: number } = {}) {
    return stripe().webhooks.generateTestHeaderString({ payload, secret: options.secret ?? app.deps.stripeWebhookSecret, ...(options.timestamp && { timestamp: options.timestamp }) });
  }

  /** Delivers one event and waits until the inbox worker has applied it. */
  async function deliverAndApply(event: object) {
    const result = await deliver(event);
    await inboxWorkersIdle();
    return result;
  }

  async function deliver(event: object | string, options: { secret?: string; timestamp?: number; signature?: string | null } = {}) {
    const payload = typeof event === 'string' ? event : JSON.stringify(event);
    const signature = options.signature === undefined ? sign(payload, options) : options.signature;
    const response = await fetch(`${base}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature && { 'stripe-signature': signature }) }, body: payload });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** A customer made through the SDK, mirrored through the emulator's signed webhooks. */
  async function mirroredCustomer(name: string) {
    const customer = await stripe().customers.create({ email: `${name}@example.test`, name });
    await app.billing.emulator!.webhooksIdle();
    return customer;
  }

  function customerEvent(customer: Stripe.Customer, overrides: { id: string; created: number; name: string; type?: string }) {
    return {
      id: overrides.id,
      object: 'event',
      type: overrides.type ?? 'customer.updated',
      created: overrides.created,
      api_version: '2026-10-28.endive',
      livemode: false,
      data: { object: { ...customer, name: overrides.name } },
    };
  }

  const mirrorName = async (id: string) => (await app.db.selectFrom('billing.customers').select(['name', 'deletedAt']).where('id', '=', id).executeTakeFirst())?.name;

  it('records every emulator event once and mirrors the objects', async () => {
    const customer = await mirroredCustomer('ada');
    const row = await app.db.selectFrom('billing.customers').selectAll().where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'ada@example.test', name: 'ada' });
    const events = await app.db.selectFrom('ops.stripeEvents').select(['id', 'type', 'status', 'attempts']).execute();
    expect(events).toEqual([{ id: expect.stringMatching(/^evt_/), type: 'customer.created', status: 'processed', attempts: 1 }]);
  });

  it('rejects missing, forged and stale signatures and malformed bodies with 400, storing nothing', async () => {
    const customer = await mirroredCustomer('bob');
    const before = await ledgerCount();
    const event = customerEvent(customer, { id: 'evt_forged', created: customer.created + 10, name: 'forged' });
    expect(await deliver(event, { signature: null })).toMatchObject({ status: 400, body: { error: 'Missing Stripe-Signature header' } });
    expect(await deliver(event, { secret: 'whsec_not_the_right_secret' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/signature verification failed/) } });
    expect(await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 600 })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/tolerance/i) } });
    expect(await deliver('{"this is": not json')).toMatchObject({ status: 400 });
    expect(await deliver({ hello: 'world' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/Malformed event/) } });
    expect(await ledgerCount()).toBe(before);
    expect(await mirrorName(customer.id)).toBe('bob');
  });

  it('refuses a body over 1 MB with 413 before checking anything, storing nothing', async () => {
    const before = await ledgerCount();
    const huge = JSON.stringify({ id: 'evt_huge', padding: 'x'.repeat(1024 * 1024) });
    expect(await deliver(huge)).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'Body over 1 MB' } } });
    expect(await ledgerCount()).toBe(before);
  });

  it('treats a repeated delivery as a no-op, also when the copies arrive at once', async () => {
    const customer = await mirroredCustomer('cy');
    const event = customerEvent(customer, { id: 'evt_twice', created: customer.created + 10, name: 'cy-renamed' });
    const results = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(results.filter((r) => r.body.status === 'queued')).toHaveLength(1);
    expect(results.filter((r) => r.body.status === 'duplicate')).toHaveLength(9);
    await inboxWorkersIdle();
    expect(await mirrorName(customer.id)).toBe('cy-renamed');
    expect(await deliver(event)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    const ledger = await app.db.selectFrom('ops.stripeEvents').select(['status', 'attempts']).where('id', '=', 'evt_twice').execute();
    expect(ledger).toEqual([{ status: 'processed', attempts: 1 }]);
  });

  it('never lets an older event overwrite a newer state', async () => {
    const customer = await mirroredCustomer('dee');
    expect((await deliverAndApply(customerEvent(customer, { id: 'evt_newer', created: customer.created + 20, name: 'newer' }))).status).toBe(200);
    expect((await deliverAndApply(customerEvent(customer, { id: 'evt_older', created: customer.created + 10, name: 'older' }))).status).toBe(200);
    expect(await mirrorName(customer.id)).toBe('newer');
  });

  it('re-fetches from Stripe when two events share a second (the Sync Engine #268 case)', async () => {
    const customer = await mirroredCustomer('eve');
    // Stripe's current state, which neither snapshot below shows.
    await stripe().customers.update(customer.id, { name: 'eve-current' });
    await app.billing.emulator!.webhooksIdle();
    const t = customer.created + 100;
    await deliverAndApply(customerEvent(customer, { id: 'evt_same_second_a', created: t, name: 'snapshot-a' }));
    expect(await mirrorName(customer.id)).toBe('snapshot-a');
    await deliverAndApply(customerEvent(customer, { id: 'evt_same_second_b', created: t, name: 'snapshot-b' }));
    expect(await mirrorName(customer.id)).toBe('eve-current');
  });

  it('keeps a deleted customer marked deleted whatever arrives later', async () => {
    const customer = await mirroredCustomer('fay');
    await stripe().customers.del(customer.id);
    await app.billing.emulator!.webhooksIdle();
    const row = await app.db.selectFrom('billing.customers').select(['deletedAt', 'asOf']).where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(row.deletedAt).not.toBeNull();
    await deliverAndApply(customerEvent(customer, { id: 'evt_late_update', created: Number(row.asOf), name: 'zombie' }));
    const after = await app.db.selectFrom('billing.customers').select(['deletedAt', 'name']).where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(after.deletedAt).not.toBeNull();
  });

  it('acknowledges an event it cannot apply yet, records the failure, and applies it once fixed', async () => {
    const customer = await mirroredCustomer('gus');
    await app.database.superuserQuery(`
      create function billing.refuse() returns trigger language plpgsql as $$ begin raise exception 'mirror unavailable'; end $$;
      create trigger refuse before update on billing.customers for each row execute function billing.refuse();`);
    const event = customerEvent(customer, { id: 'evt_fails_first', created: customer.created + 30, name: 'gus-renamed' });
    expect(await deliverAndApply(event)).toMatchObject({ status: 200, body: { status: 'queued' } });
    const failed = () => app.db.selectFrom('ops.stripeEvents').select(['status', 'attempts', 'lastError', 'nextAttemptAt']).where('id', '=', 'evt_fails_first').executeTakeFirstOrThrow();
    expect(await failed()).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('mirror unavailable'), nextAttemptAt: expect.any(Date) });
    // Stripe's own retry puts it back in the queue at once.
    expect(await deliverAndApply(event)).toMatchObject({ status: 200, body: { status: 'queued' } });
    expect(await failed()).toMatchObject({ status: 'failed', attempts: 2 });
    expect(await mirrorName(customer.id)).toBe('gus');

    await app.database.superuserQuery('drop trigger refuse on billing.customers');
    await expect(replayFailedEvents(app.db, stripe())).resolves.toEqual({ processed: 1, stillFailing: 0 });
    expect(await mirrorName(customer.id)).toBe('gus-renamed');
    expect(await deliver(event)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
  });

  it('handles invoice.upcoming (an invoice without an id) idempotently per subscription', async () => {
    const customer = await mirroredCustomer('hal');
    const upcoming = (id: string, created: number, amount: number) => ({
      id,
      object: 'event',
      type: 'invoice.upcoming',
      created,
      api_version: '2026-10-28.endive',
      livemode: false,
      data: { object: { object: 'invoice', customer: customer.id, amount_due: amount, currency: 'usd', next_payment_attempt: created + 3 * 86400, parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_demo', metadata: {} } } } },
    });
    await deliverAndApply(upcoming('evt_up_1', customer.created + 10, 1000));
    await deliverAndApply(upcoming('evt_up_2', customer.created + 20, 1500));
    await deliverAndApply(upcoming('evt_up_1', customer.created + 10, 1000));
    const rows = await app.db.selectFrom('billing.upcomingInvoices').select(['subscriptionId', 'amountDue']).execute();
    expect(rows).toEqual([{ subscriptionId: 'sub_demo', amountDue: '1500' }]);
  });
});
