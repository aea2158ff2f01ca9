import { sql } from 'kysely';
import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../db/database.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { drainInbox } from './eventLedger.js';
import { countEventsByStatus, insertReceivedEvents } from './eventLedger.queries.js';
import { startInboxWorker } from './inboxWorker.js';
import { processEvents } from './processEvent.js';

/**
 * The inbox behind the webhook endpoint, driven directly: events are stored as the
 * endpoint stores them (acknowledged, pending) and applied by drains and workers.
 * The app does not listen, so nothing else applies them.
 */
describe('the webhook inbox', () => {
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp()));
  afterEach(() => app.close());

  const stripe = () => app.deps.stripe;
  let sequence = 0;
  const event = (object: { id: string; object: string; [field: string]: unknown }, created: number, type = `${object.object === 'subscription' ? 'customer.subscription' : object.object}.updated`) =>
    ({ id: `evt_inbox_${++sequence}`, object: 'event', type, created, api_version: '2026-10-28.endive', livemode: false, data: { object } }) as unknown as Stripe.Event;
  const store = (events: Stripe.Event[]) =>
    insertReceivedEvents(app.db, events.map((e) => ({ id: e.id, type: e.type, created: e.created, apiVersion: e.api_version, body: JSON.stringify(e) })));
  const ledger = (ids: string[]) => app.db.selectFrom('ops.stripeEvents').select(['id', 'status', 'attempts']).where('id', 'in', ids).orderBy('id').execute();
  const customerRow = (id: string) => app.db.selectFrom('billing.customers').select(['name', 'asOf']).where('id', '=', id).executeTakeFirst();

  async function subscription() {
    const product = await stripe().products.create({ name: 'Pro' });
    const price = await stripe().prices.create({ product: product.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } });
    const customer = await stripe().customers.create({ email: 'sub@example.test', payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    return stripe().subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  }

  it('coalesces a burst to the newest state, and still records every subscription state in the history', async () => {
    const sub = await subscription();
    const states = [
      event({ ...sub, metadata: { step: '1' } }, sub.created + 1),
      event({ ...sub, metadata: { step: '3' }, cancel_at_period_end: true }, sub.created + 3),
      event({ ...sub, metadata: { step: '2' } }, sub.created + 2),
    ];
    await store(states);
    await drainInbox(app.db, stripe());

    const row = await app.db.selectFrom('billing.subscriptions').select(['cancelAtPeriodEnd', 'asOf', 'asOfEventId']).where('id', '=', sub.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ cancelAtPeriodEnd: true, asOf: String(sub.created + 3), asOfEventId: states[1]!.id });
    const history = await app.db.selectFrom('billing.subscriptionHistory').select(['sourceId', 'effectiveAt', 'cancelAtPeriodEnd']).where('subscriptionId', '=', sub.id).orderBy('effectiveAt').execute();
    expect(history).toEqual([
      { sourceId: states[0]!.id, effectiveAt: new Date((sub.created + 1) * 1000), cancelAtPeriodEnd: false },
      { sourceId: states[2]!.id, effectiveAt: new Date((sub.created + 2) * 1000), cancelAtPeriodEnd: false },
      { sourceId: states[1]!.id, effectiveAt: new Date((sub.created + 3) * 1000), cancelAtPeriodEnd: true },
    ]);
    expect((await ledger(states.map((e) => e.id))).map((e) => [e.status, e.attempts])).toEqual([['processed', 1], ['processed', 1], ['processed', 1]]);
  });

  it('resolves two different states from one second in a batch with the latest state from Stripe', async () => {
    const customer = await stripe().customers.create({ name: 'first' });
    await stripe().customers.update(customer.id, { name: 'latest at Stripe' });
    const t = customer.created + 50;
    await store([event({ ...customer, name: 'snapshot-a' }, t), event({ ...customer, name: 'snapshot-b' }, t), event({ ...customer, name: 'older' }, t - 1)]);
    await drainInbox(app.db, stripe());
    expect(await customerRow(customer.id)).toEqual({ name: 'latest at Stripe', asOf: String(t) });
  });

  it('needs no re-fetch when the states of one second are the same (invoice.paid and invoice.payment_succeeded)', async () => {
    const customer = await stripe().customers.create({ name: 'same' });
    const t = customer.created + 50;
    await store([event({ ...customer, name: 'twice the same' }, t, 'customer.updated'), event({ ...customer, name: 'twice the same' }, t, 'customer.updated')]);
    // Stripe's answer would differ: had the mirror asked, it would show.
    await stripe().customers.update(customer.id, { name: 'not asked' });
    await drainInbox(app.db, stripe());
    expect(await customerRow(customer.id)).toEqual({ name: 'twice the same', asOf: String(t) });
  });

  it('orders the states of one second by their previous_attributes, without asking Stripe', async () => {
    const customer = await stripe().customers.create({ name: 'first' });
    // Stripe's answer would differ: had the mirror asked, it would show.
    await stripe().customers.update(customer.id, { name: 'not asked' });
    const t = customer.created + 50;
    const withPrevious = (e: Stripe.Event, previous: object) => ({ ...e, data: { ...e.data, previous_attributes: previous } }) as Stripe.Event;
    const renamed = withPrevious(event({ ...customer, name: 'renamed' }, t), { name: 'first' });
    const tagged = withPrevious(event({ ...customer, name: 'renamed', metadata: { tier: 'gold' } }, t), { metadata: {} });
    await store([tagged, event({ ...customer, name: 'first' }, t - 1), renamed]);
    await drainInbox(app.db, stripe());
    expect(await customerRow(customer.id)).toEqual({ name: 'renamed', asOf: String(t) });
    const row = await app.db.selectFrom('billing.customers').select(['asOfEventId', sql<string>`data->'metadata'->>'tier'`.as('tier')]).where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ asOfEventId: tagged.id, tier: 'gold' });
  });

  it('puts a late event of a second before the states applied already when it came first (a change and its undoing)', async () => {
    const sub = await subscription();
    const t = sub.created + 50;
    const withPrevious = (e: Stripe.Event, previous: object) => ({ ...e, data: { ...e.data, previous_attributes: previous } }) as Stripe.Event;
    const base = event({ ...sub, metadata: {} }, t - 1);
    const tagged = withPrevious(event({ ...sub, metadata: { step: 'tagged' } }, t), { metadata: {} });
    const canceling = withPrevious(event({ ...sub, metadata: { step: 'tagged' }, cancel_at_period_end: true }, t), { cancel_at_period_end: false });
    const undone = withPrevious(event({ ...sub, metadata: { step: 'tagged' }, cancel_at_period_end: false }, t), { cancel_at_period_end: true });
    await store([base]);
    await drainInbox(app.db, stripe());
    // The same state twice (the cancel between them is late): written as it is.
    await store([tagged, undone]);
    await drainInbox(app.db, stripe());
    // The late cancel goes before the undoing applied already: nothing to write, nothing to ask.
    // Stripe's answer differs: had the mirror asked, it would show.
    await stripe().subscriptions.update(sub.id, { metadata: { note: 'asked late' } });
    await store([canceling]);
    await drainInbox(app.db, stripe());
    const row = await app.db.selectFrom('billing.subscriptions').select(['cancelAtPeriodEnd', 'asOfEventId', sql<string>`data->'metadata'->>'note'`.as('note')]).where('id', '=', sub.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ cancelAtPeriodEnd: false, asOfEventId: undone.id, note: null });
    expect((await ledger([canceling.id]))[0]!.status).toBe('processed');
  });

  it('loses nothing when the process dies mid-batch: the batch rolls back and a restarted worker applies it', async () => {
    const customers = await Promise.all(['a', 'b', 'c'].map((name) => stripe().customers.create({ name })));
    const events = customers.map((c) => event({ ...c, name: `${c.name}-renamed` }, c.created + 5));
    await store(events);
    // The connection dies inside the batch's transaction, after the first mirror row is
    // written; once (a sequence counts outside transactions, so the rollback keeps the count).
    await app.database.superuserQuery(`
      create sequence billing.crashes;
      create function billing.crash() returns trigger language plpgsql as $$
      begin
        if nextval('billing.crashes') = 1 then perform pg_terminate_backend(pg_backend_pid()); end if;
        return new;
      end $$;
      create trigger crash after insert on billing.customers for each row execute function billing.crash();`);
    await expect(processEvents(app.db, stripe(), events)).rejects.toThrow();
    expect(await app.db.selectFrom('billing.customers').select('id').execute()).toEqual([]);
    expect((await ledger(events.map((e) => e.id))).map((e) => e.status)).toEqual(['pending', 'pending', 'pending']);

    // The restarted process: a new pool, a new worker, whose first pass finds the inbox.
    const restartedDb = createDatabase(app.database.url, { max: 2 });
    try {
      const restarted = startInboxWorker({ db: restartedDb, stripe: stripe() });
      await restarted.idle();
      await restarted.stop();
    } finally {
      await restartedDb.destroy();
    }
    for (const c of customers) expect((await customerRow(c.id))?.name).toBe(`${c.name}-renamed`);
    expect(await countEventsByStatus(app.db)).toEqual({ processed: 3 });
  });

  it('never lets two workers apply one event', async () => {
    const customers = await Promise.all(Array.from({ length: 12 }, (_, i) => stripe().customers.create({ name: `c${i}` })));
    const events = customers.flatMap((c) => [1, 2, 3].map((step) => event({ ...c, name: `${c.name}-v${step}` }, c.created + step)));
    await store(events);
    // A second process: its own connection pool on the same database.
    const otherProcess = createDatabase(app.database.url, { max: 4 });
    try {
      const workers = [startInboxWorker({ db: app.db, stripe: stripe(), batchSize: 5 }), startInboxWorker({ db: otherProcess, stripe: stripe(), batchSize: 5 })];
      await Promise.all([drainInbox(app.db, stripe(), { batchSize: 7 }), drainInbox(otherProcess, stripe(), { batchSize: 7 }), ...workers.map((w) => w.idle())]);
      await Promise.all(workers.map((w) => w.stop()));
    } finally {
      await otherProcess.destroy();
    }
    const rows = await ledger(events.map((e) => e.id));
    expect(rows).toHaveLength(36);
    expect(rows.every((r) => r.status === 'processed' && r.attempts === 1)).toBe(true);
    for (const c of customers) expect((await customerRow(c.id))?.name).toBe(`${c.name}-v3`);
  });
});
