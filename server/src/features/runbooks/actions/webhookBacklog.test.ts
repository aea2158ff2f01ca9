import type Stripe from 'stripe';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZWebhookFetchMissedParams, ZWebhookReplayParams } from '@opsdesk/shared';
import { drainInbox } from '../../billing/webhooks/eventLedger.js';
import { insertReceivedEvents } from '../../billing/webhooks/eventLedger.queries.js';
import { MIRRORED_EVENT_TYPES } from '../../billing/webhooks/processEvent.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { boundedJsonText, PLAN_MAX_BYTES } from '../runbookJson.js';
import { recordedRun, runbookContext } from '../testing/runbookTestKit.js';
import { webhookFetchMissedAction } from './webhookBacklog.fetchMissed.js';
import { webhookReplayAction } from './webhookBacklog.replay.js';
import { webhookBacklogAction } from './webhookBacklog.show.js';

/**
 * The webhook runbook actions against a real ledger and the emulator. The app does not
 * listen, so no webhook is delivered: the tests decide what the ledger holds.
 */
describe('webhook backlog runbook actions', () => {
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp()));
  afterEach(() => app.close());

  const emulatorEvents = () => app.billing.emulator!.events as unknown as Stripe.Event[];
  /** Sorted here, not by the database: collations order ids differently. */
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ledger = async (ids: string[]) => byId(await app.db.selectFrom('ops.stripeEvents').select(['id', 'status', 'attempts']).where('id', 'in', ids).execute());
  const mirroredCustomers = () => app.db.selectFrom('billing.customers').select('id').orderBy('id').execute();

  async function storeAs(event: Stripe.Event, row: { status: 'failed' | 'pending'; attempts: number; receivedMinutesAgo: number }) {
    await app.db
      .insertInto('ops.stripeEvents')
      .values({
        id: event.id,
        type: event.type,
        created: new Date(event.created * 1000),
        apiVersion: event.api_version,
        payload: JSON.stringify(event),
        status: row.status,
        attempts: row.attempts,
        lastError: row.status === 'failed' ? 'earlier outage' : null,
        // A failed event waits its backoff, as the inbox leaves it.
        nextAttemptAt: row.status === 'failed' ? sql<Date>`now() + interval '1 hour'` : null,
        receivedAt: sql<Date>`now() - make_interval(mins => ${row.receivedMinutesAgo})`,
      })
      .execute();
  }

  it('replays each failed and stuck event once, with a result per event, and a second run finds nothing', async () => {
    const customers = [];
    for (let i = 0; i < 4; i++) customers.push(await app.deps.stripe.customers.create({ email: `backlog-${i}@example.test` }));
    const [failedA, failedB, stuck, fresh] = emulatorEvents().filter((e) => e.type === 'customer.created');
    await storeAs(failedA!, { status: 'failed', attempts: 3, receivedMinutesAgo: 30 });
    await storeAs(failedB!, { status: 'failed', attempts: 1, receivedMinutesAgo: 20 });
    await storeAs(stuck!, { status: 'pending', attempts: 0, receivedMinutesAgo: 10 });
    // Received a moment ago: the worker's ordinary queue, not the backlog.
    await storeAs(fresh!, { status: 'pending', attempts: 0, receivedMinutesAgo: 0 });

    const backlog = await webhookBacklogAction.plan(runbookContext(app.deps), { stuckAfterMinutes: 5 });
    expect(backlog.facts?.find((f) => f.label === 'Failed events')?.value).toBe(2);
    expect(backlog.facts?.find((f) => f.label.startsWith('Stuck'))?.value).toBe(1);
    expect(backlog.tables?.[0]?.rows).toEqual([expect.objectContaining({ type: 'customer.created', failed: 2, stuck: 1 })]);

    const params = ZWebhookReplayParams.parse({});
    const plan = await webhookReplayAction.plan(runbookContext(app.deps), params);
    const planned = [failedA!.id, failedB!.id, stuck!.id];
    expect((plan.state as { events: Array<{ id: string }> }).events.map((e) => e.id).sort()).toEqual([...planned].sort());
    expect(plan.steps).toHaveLength(3);
    expect(plan.empty).toBe(false);

    const run = recordedRun(app.deps);
    const result = await webhookReplayAction.execute(run, params, plan);
    expect(result.facts?.find((f) => f.label === 'Applied')?.value).toBe(3);
    expect(result.tables?.[0]?.rows.map((r) => [r.id, r.result]).sort()).toEqual(planned.map((id) => [id, 'processed']).sort());
    expect(run.progressSeen.at(-1)).toEqual({ done: 3, total: 3 });
    // Applied exactly once each: one more attempt than before the replay.
    expect(await ledger(planned)).toEqual(
      byId([
        { id: failedA!.id, status: 'processed', attempts: 4 },
        { id: failedB!.id, status: 'processed', attempts: 2 },
        { id: stuck!.id, status: 'processed', attempts: 1 },
      ]),
    );
    expect((await mirroredCustomers()).map((c) => c.id)).toEqual(expect.arrayContaining([customers[0]!.id, customers[1]!.id, customers[2]!.id]));

    const again = await webhookReplayAction.plan(runbookContext(app.deps), params);
    expect(again.empty).toBe(true);
    expect(again.steps).toEqual([]);
  });

  it('a plan is stale once an event it lists changed (applied elsewhere, or failed again)', async () => {
    await app.deps.stripe.customers.create({ email: 'stale@example.test' });
    const [event] = emulatorEvents().filter((e) => e.type === 'customer.created');
    await storeAs(event!, { status: 'failed', attempts: 1, receivedMinutesAgo: 15 });
    const params = ZWebhookReplayParams.parse({});
    const plan = await webhookReplayAction.plan(runbookContext(app.deps), params);
    await app.db.updateTable('ops.stripeEvents').set({ attempts: 2 }).where('id', '=', event!.id).execute();
    const replanned = await webhookReplayAction.plan(runbookContext(app.deps), params);
    expect(JSON.stringify(replanned.state)).not.toBe(JSON.stringify(plan.state));
  });

  it('fetches from Stripe exactly the subscribed events the ledger lacks, applies them, and finds none the second time', async () => {
    const stripe = app.deps.stripe;
    const product = await stripe.products.create({ name: 'Pro' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } });
    for (let i = 0; i < 3; i++) {
      const customer = await stripe.customers.create({ email: `missed-${i}@example.test`, payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
      await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    }
    const subscribed = emulatorEvents().filter((e) => (MIRRORED_EVENT_TYPES as readonly string[]).includes(e.type));
    expect(subscribed.length).toBeGreaterThan(10);
    // Stripe also lists types the endpoint does not subscribe to (payment intents…): the ledger lacks those on purpose.
    expect(emulatorEvents().length).toBeGreaterThan(subscribed.length);
    // Every other event was delivered and applied; the rest never arrived.
    const delivered = subscribed.filter((_e, i) => i % 2 === 0);
    await insertReceivedEvents(app.db, delivered.map((e) => ({ id: e.id, type: e.type, created: e.created, apiVersion: e.api_version, body: JSON.stringify(e) })));
    await drainInbox(app.db, stripe);
    const lacking = subscribed.filter((_e, i) => i % 2 === 1).map((e) => e.id);

    const params = ZWebhookFetchMissedParams.parse({ settleSeconds: 0 });
    const plan = await webhookFetchMissedAction.plan(runbookContext(app.deps), params);
    expect([...(plan.state as { ids: string[] }).ids].sort()).toEqual([...lacking].sort());
    expect(plan.tables?.[0]?.rows).toHaveLength(lacking.length);

    const run = recordedRun(app.deps);
    const result = await webhookFetchMissedAction.execute(run, params, plan);
    expect(result.facts?.find((f) => f.label === 'Applied')?.value).toBe(lacking.length);
    const rows = await ledger(subscribed.map((e) => e.id));
    expect(rows).toHaveLength(subscribed.length);
    expect(rows.filter((r) => lacking.includes(r.id)).every((r) => ['processed', 'ignored'].includes(r.status) && r.attempts === 1)).toBe(true);
    // Nothing outside the endpoint's subscription was stored.
    const stored = await app.db.selectFrom('ops.stripeEvents').select('id').execute();
    expect(stored).toHaveLength(subscribed.length);
    expect(await app.db.selectFrom('billing.subscriptions').select('id').execute()).toHaveLength(3);

    const again = await webhookFetchMissedAction.plan(runbookContext(app.deps), params);
    expect(again.empty).toBe(true);
    expect((again.state as { ids: string[] }).ids).toEqual([]);
  });

  it('leaves out events younger than the settle time: their webhooks may still be on the way', async () => {
    await app.deps.stripe.customers.create({ email: 'young@example.test' });
    const plan = await webhookFetchMissedAction.plan(runbookContext(app.deps), ZWebhookFetchMissedParams.parse({ settleSeconds: 600 }));
    expect(plan.empty).toBe(true);
    const now = await webhookFetchMissedAction.plan(runbookContext(app.deps), ZWebhookFetchMissedParams.parse({ settleSeconds: 0 }));
    expect((now.state as { ids: string[] }).ids).toHaveLength(1);
  });

  it('keeps the plan of the largest replay within what a stored plan may take', async () => {
    const params = ZWebhookReplayParams.parse({ limit: 150 });
    await app.db
      .insertInto('ops.stripeEvents')
      .values(
        Array.from({ length: params.limit + 5 }, (_, i) => ({
          id: `evt_${String(i).padStart(24, 'X')}`,
          type: 'customer.subscription.pending_update_expired',
          created: new Date(),
          apiVersion: null,
          payload: '{}',
          status: 'failed' as const,
          attempts: 99,
          lastError: 'e'.repeat(300),
        })),
      )
      .execute();
    const plan = await webhookReplayAction.plan(runbookContext(app.deps), params);
    expect(plan.steps).toHaveLength(params.limit);
    expect(plan.tables?.[0]?.omitted).toBe(5);
    expect(() => boundedJsonText(plan, 'The plan', PLAN_MAX_BYTES)).not.toThrow();
  });

  it('refuses parameters outside their bounds', () => {
    expect(ZWebhookReplayParams.safeParse({ limit: 0 }).success).toBe(false);
    expect(ZWebhookReplayParams.safeParse({ limit: 10, extra: 1 }).success).toBe(false);
    expect(ZWebhookFetchMissedParams.safeParse({ overlapMinutes: 31 * 24 * 60 }).success).toBe(false);
  });
});
