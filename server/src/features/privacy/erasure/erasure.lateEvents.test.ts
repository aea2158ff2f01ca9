import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { runSql } from '../../billing/mirror/plainSql.js';
import { drainInboxOnce } from '../../billing/webhooks/eventLedger.js';
import { findEventBodies, insertReceivedEvents } from '../../billing/webhooks/eventLedger.queries.js';
import { inboxWorkersIdle } from '../../billing/webhooks/inboxWorker.js';
import { prepareCustomerTests, type Catalog } from '../../customers/testing/customerFixtures.js';
import { startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { createPrivacyJobKinds } from '../privacyJobs.js';
import { runErasure, type ErasureRunContext } from './erasureRun.service.js';
import { deliverSigned, disputePaymentOf, evidenceNaming, type DisputedPayment } from './testing/disputedPayment.js';
import { approvedErasure, erasureSteps } from './testing/erasureFlow.js';
import { holdClosingStep } from './testing/heldClosingStep.js';
import { newMarker, seedMarkedSubject, type MarkedSubject } from './testing/markedSubject.js';
import { scanForMarker, type ResidualHits } from './testing/residualScan.js';

/**
 * Stripe retries a delivery for days: an event created before an erasure's Stripe
 * deletion can arrive after the erasure finished (docs/gdpr.md, "Stripe"). Such late
 * events, signed and delivered through the real endpoint and applied by its inbox worker,
 * must leave the erased customer's data nowhere — the residual scan of the erasure's
 * proof finds the marker in no column — while events about anyone else apply as before.
 * Refunds and disputes name no customer: they are the customer's through their charge.
 * The same holds while an erasure is under way, from the moment it closes the mirror to
 * the customer (`billing:closed`) — also for a batch that looked the customer up just
 * before.
 */
describe('erasure: late Stripe events about an erased customer', () => {
  let app: TestApp;
  let base: string;
  let catalog: Catalog;
  let subject: MarkedSubject;
  let survivor: MarkedSubject;
  let survivorBefore: ResidualHits;
  /** Events about the subject as Stripe sent them before the erasure (the ledger masks them during it). */
  let subjectEvents: Stripe.Event[];
  let survivorEvents: Stripe.Event[];
  /** A refund and a dispute of each one's charge, made before the erasure (evidence naming no one yet). */
  let subjectPayment: DisputedPayment;
  let survivorPayment: DisputedPayment;

  beforeAll(async () => {
    app = await createTestApp();
    base = await app.listen();
    catalog = await prepareCustomerTests(app);
    survivor = await seedMarkedSubject(app, catalog);
    subject = await seedMarkedSubject(app, catalog);
    survivorPayment = await disputePaymentOf(app, base, survivor, { evidence: false });
    subjectPayment = await disputePaymentOf(app, base, subject, { evidence: false });
    await app.billing.emulator!.webhooksIdle();
    subjectEvents = await ledgerEventsOf(subject.stripeCustomerId);
    survivorEvents = await ledgerEventsOf(survivor.stripeCustomerId);

    const engine = await startTestEngine(app, createPrivacyJobKinds(app.deps));
    try {
      const requester = await app.callerAs(['privacy']);
      const approver = await app.callerAs(['privacy']);
      const { jobId } = await approvedErasure(app, { requester, approver }, subject.email);
      expect(await waitForJob(app.db, jobId, undefined, 60_000)).toMatchObject({ status: 'succeeded' });
    } finally {
      await engine.stop();
    }
    await app.billing.emulator!.webhooksIdle();
    expect(await scanForMarker(app.db, subject.marker)).toEqual({});
    survivorBefore = await scanForMarker(app.db, survivor.marker);
  }, 120_000);
  afterAll(() => app?.close());

  async function ledgerEventsOf(customerId: string): Promise<Stripe.Event[]> {
    const rows = await runSql<{ id: string }>(
      app.db,
      `select id from ops.stripe_events where payload->'data'->'object'->>'customer' = $1 or payload->'data'->'object'->>'id' = $1 order by created, id`,
      [customerId],
    );
    const bodies = await findEventBodies(app.db, rows.map((r) => r.id));
    return rows.map((r) => JSON.parse(bodies.get(r.id)!) as Stripe.Event);
  }

  const findEvent = (events: Stripe.Event[], object: string) => {
    const found = events.find((e) => (e.data.object as { object: string }).object === object);
    if (!found) throw new Error(`no ${object} event in ${events.map((e) => e.type).join(', ')}`);
    return found;
  };

  /** A retry of an event Stripe created before the deletion, under a delivery id of its own. */
  const lateCopy = (event: Stripe.Event, id: string, type = event.type, object: object = event.data.object): Stripe.Event => ({ ...event, id, type, data: { object } }) as Stripe.Event;

  const deliver = (event: Stripe.Event) => deliverSigned(app, base, event);

  const ledgerRow = async (id: string) => (await runSql<{ status: string; attempts: number; body: string }>(app.db, `select status, attempts, payload::text as body from ops.stripe_events where id = $1`, [id]))[0];
  const upcomingOf = (subscriptionId: string) => app.db.selectFrom('billing.upcomingInvoices').select('data').where('subscriptionId', '=', subscriptionId).execute();
  const paymentMirror = async (payment: DisputedPayment) => ({
    dispute: await app.db.selectFrom('billing.disputes').selectAll().where('id', '=', payment.dispute.id).executeTakeFirst(),
    refund: await app.db.selectFrom('billing.refunds').selectAll().where('id', '=', payment.refund.id).executeTakeFirst(),
  });

  const customerMirror = (customerId: string) => app.db.selectFrom('billing.customers').selectAll().where('id', '=', customerId).executeTakeFirstOrThrow();
  const maskedKeysOf = async (id: string) => Object.keys((JSON.parse((await ledgerRow(id))!.body) as { data: { object: object } }).data.object).sort();

  /** An erasure approved, its job queued but not run: the test runs it (runErasure, as the job does). */
  async function approvedErasureOf(person: MarkedSubject): Promise<string> {
    const people = { requester: await app.callerAs(['privacy']), approver: await app.callerAs(['privacy']) };
    return (await approvedErasure(app, people, person.email)).requestId;
  }
  const runContext = (log: ErasureRunContext['log']): ErasureRunContext => ({ db: app.db, log, progress: async () => undefined });
  /** Runs the erasure up to the step whose log line matches, and stops it there (that step committed, the next not started). */
  async function runErasureUntil(requestId: string, isLastLine: (line: string) => boolean): Promise<void> {
    const stop = new Error('stopped by the test');
    const stopAfter = runContext(async (line) => {
      if (isLastLine(line)) throw stop;
    });
    await expect(runErasure(app.deps, stopAfter, requestId)).rejects.toBe(stop);
  }
  const finishErasure = (requestId: string) => runErasure(app.deps, runContext(async () => undefined), requestId);

  /** A customer update naming someone new, created after the state the mirror holds (so the ordering rule would write it). */
  const customerUpdate = (customerEvent: Stripe.Event, id: string, marker: string, after: { asOf: string }): Stripe.Event => ({
    ...lateCopy(customerEvent, id, 'customer.updated', { ...customerEvent.data.object, email: `${marker}@example.test`, name: `Person ${marker}` }),
    created: Number(after.asOf) + 1,
  });

  it('masks late events in the ledger, keeps them out of the mirror and marks them done; a redelivery stays a duplicate', async () => {
    const customerEvent = findEvent(subjectEvents, 'customer');
    const invoice = findEvent(subjectEvents, 'invoice').data.object as Stripe.Invoice;
    expect(JSON.stringify(customerEvent)).toContain(subject.marker);
    expect(JSON.stringify(invoice)).toContain(subject.marker);
    const mirrorBefore = await app.db.selectFrom('billing.customers').selectAll().where('id', '=', subject.stripeCustomerId).executeTakeFirstOrThrow();

    // A customer update, and Stripe's forecast of the next invoice (which the erasure deleted from the mirror).
    const lateCustomer = lateCopy(customerEvent, 'evt_late_customer', 'customer.updated');
    const { id: _invoiceId, ...forecast } = invoice;
    const lateUpcoming = lateCopy(findEvent(subjectEvents, 'invoice'), 'evt_late_upcoming', 'invoice.upcoming', forecast);
    expect(await deliver(lateCustomer)).toMatchObject({ status: 200, body: { status: 'queued' } });
    expect(await deliver(lateUpcoming)).toMatchObject({ status: 200, body: { status: 'queued' } });
    await inboxWorkersIdle();

    expect(await scanForMarker(app.db, subject.marker)).toEqual({});
    for (const id of ['evt_late_customer', 'evt_late_upcoming']) {
      const row = await ledgerRow(id);
      expect(row).toMatchObject({ status: 'ignored', attempts: 1 });
      // The erasure's ledger masking: ids, type and the object's id, object and customer.
      expect(Object.keys((JSON.parse(row!.body) as { data: { object: object } }).data.object).sort()).toEqual(id === 'evt_late_customer' ? ['id', 'object'] : ['customer', 'object']);
    }
    expect(await app.db.selectFrom('billing.customers').selectAll().where('id', '=', subject.stripeCustomerId).executeTakeFirstOrThrow()).toEqual(mirrorBefore);
    expect(await upcomingOf(subject.subscriptionId)).toEqual([]);

    expect(await deliver(lateCustomer)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    await inboxWorkersIdle();
    expect(await ledgerRow('evt_late_customer')).toMatchObject({ status: 'ignored', attempts: 1 });
    expect(await scanForMarker(app.db, subject.marker)).toEqual({});
  });

  it('counts a late event as applied in the drain pass, so it is never retried', async () => {
    const late = lateCopy(findEvent(subjectEvents, 'subscription'), 'evt_late_subscription', 'customer.subscription.updated');
    // Stored as the endpoint stores it; the route's worker is not nudged, so this pass applies it.
    await insertReceivedEvents(app.db, [{ id: late.id, type: late.type, created: late.created, apiVersion: late.api_version, body: JSON.stringify(late) }]);
    expect(await drainInboxOnce(app.db, app.deps.stripe)).toEqual({ due: 1, applied: 1, failed: 0, retry: 0 });
    expect(await ledgerRow(late.id)).toMatchObject({ status: 'ignored', attempts: 1 });
    expect(await drainInboxOnce(app.db, app.deps.stripe)).toMatchObject({ due: 0 });
    expect(await scanForMarker(app.db, subject.marker)).toEqual({});
  });

  it('applies late events about anyone else as before', async () => {
    const late = lateCopy(findEvent(survivorEvents, 'customer'), 'evt_late_survivor', 'customer.updated');
    expect(await deliver(late)).toMatchObject({ status: 200, body: { status: 'queued' } });
    await inboxWorkersIdle();
    const row = await ledgerRow('evt_late_survivor');
    expect(row).toMatchObject({ status: 'processed', attempts: 1 });
    expect(row!.body).toContain(survivor.marker);
    // One more ledger row holds the survivor's marker (the late event itself); nothing else changed.
    const after = await scanForMarker(app.db, survivor.marker);
    expect(after).toEqual({
      ...survivorBefore,
      'ops.stripe_events.payload': survivorBefore['ops.stripe_events.payload']! + 1,
      'ops.stripe_events.payload (ledger reader)': survivorBefore['ops.stripe_events.payload (ledger reader)']! + 1,
    });
  });

  it('masks late refund and dispute events of the erased customer\'s charge (they name no customer) and keeps them out of the mirror', async () => {
    const { dispute, disputeEvent, refundEvent } = subjectPayment;
    expect(disputeEvent.data.object).not.toHaveProperty('customer');
    expect(refundEvent.data.object).not.toHaveProperty('customer');
    const mirrorBefore = await paymentMirror(subjectPayment);
    expect(mirrorBefore.dispute).toBeDefined();

    // The merchant's evidence, submitted (a second after the dispute opened) before the deletion and delivered after the erasure; a refund's later update.
    const lateDispute = { ...lateCopy(disputeEvent, 'evt_late_dispute', 'charge.dispute.updated', { ...dispute, status: 'under_review', evidence: { ...dispute.evidence, ...evidenceNaming(subject) } }), created: disputeEvent.created + 1 };
    const lateRefund = lateCopy(refundEvent, 'evt_late_refund', 'refund.updated', { ...refundEvent.data.object, metadata: { note: `Goodwill for ${subject.marker}` } });
    expect(JSON.stringify(lateDispute)).toContain(subject.marker);
    for (const late of [lateDispute, lateRefund]) expect(await deliver(late)).toMatchObject({ status: 200, body: { status: 'queued' } });
    await inboxWorkersIdle();

    expect(await scanForMarker(app.db, subject.marker)).toEqual({});
    for (const id of ['evt_late_dispute', 'evt_late_refund']) {
      const row = await ledgerRow(id);
      expect(row).toMatchObject({ status: 'ignored', attempts: 1 });
      // The erasure's ledger masking: the object's id and type, and the payment it belongs to.
      expect(Object.keys((JSON.parse(row!.body) as { data: { object: object } }).data.object).sort()).toEqual(['charge', 'id', 'object', 'payment_intent']);
    }
    expect(await paymentMirror(subjectPayment)).toEqual(mirrorBefore);
  });

  it('applies late refund events of anyone else\'s charge as before', async () => {
    const late = lateCopy(survivorPayment.refundEvent, 'evt_late_survivor_refund', 'refund.updated', { ...survivorPayment.refundEvent.data.object, metadata: { note: 'late update' } });
    expect(await deliver(late)).toMatchObject({ status: 200, body: { status: 'queued' } });
    await inboxWorkersIdle();
    const row = await ledgerRow('evt_late_survivor_refund');
    expect(row).toMatchObject({ status: 'processed', attempts: 1 });
    expect(row!.body).toContain('late update');
  });

  it('keeps a customer update out of the mirror once the erasure masked billing.customers, before the audit keys are shredded', async () => {
    const person = await seedMarkedSubject(app, catalog);
    const customerEvent = findEvent(await ledgerEventsOf(person.stripeCustomerId), 'customer');
    const requestId = await approvedErasureOf(person);
    await runErasureUntil(requestId, (line) => line.startsWith('billing.customers:'));
    await app.billing.emulator!.webhooksIdle();
    const stepKeys = (await erasureSteps(app, requestId)).map((step) => step.stepKey);
    expect(stepKeys).toContain('table:billing.customers');
    expect(stepKeys).not.toContain('audit:shred');
    const masked = await customerMirror(person.stripeCustomerId);
    expect(JSON.stringify(masked)).not.toContain(person.marker);

    const lateMarker = newMarker();
    const late = customerUpdate(customerEvent, 'evt_halfway_customer', lateMarker, masked);
    expect(await deliver(late)).toMatchObject({ status: 200, body: { status: 'queued' } });
    await inboxWorkersIdle();

    expect(await customerMirror(person.stripeCustomerId)).toEqual(masked);
    expect(await ledgerRow(late.id)).toMatchObject({ status: 'ignored', attempts: 1 });
    expect(await maskedKeysOf(late.id)).toEqual(['id', 'object']);
    // The erasure resumed: it finishes, and neither the person nor the late update is left anywhere.
    await finishErasure(requestId);
    expect(await scanForMarker(app.db, person.marker)).toEqual({});
    expect(await scanForMarker(app.db, lateMarker)).toEqual({});
  });

  it('sets aside the event of a batch that looked its customer up before billing:closed committed and took the mirror write lock after', async () => {
    const person = await seedMarkedSubject(app, catalog);
    const customerEvent = findEvent(await ledgerEventsOf(person.stripeCustomerId), 'customer');
    const requestId = await approvedErasureOf(person);
    await runErasureUntil(requestId, (line) => line === `Stripe customer ${person.stripeCustomerId} deleted`);
    await app.billing.emulator!.webhooksIdle();
    const mirrorBefore = await customerMirror(person.stripeCustomerId);
    expect(mirrorBefore.deletedAt).not.toBeNull();

    const lateMarker = newMarker();
    const late = customerUpdate(customerEvent, 'evt_race_customer', lateMarker, mirrorBefore);
    // Stored as the endpoint stores it; the route's worker is not nudged, so the pass below applies it.
    await insertReceivedEvents(app.db, [{ id: late.id, type: late.type, created: late.created, apiVersion: late.api_version, body: JSON.stringify(late) }]);
    // The step holds the mirror write lock uncommitted: the pass looks the customer up (not erased yet), plans, and queues on the lock.
    const closing = await holdClosingStep(app.db, requestId);
    const pass = drainInboxOnce(app.db, app.deps.stripe);
    await closing.untilBatchWaits();
    await closing.commit();

    expect(await pass).toEqual({ due: 1, applied: 0, failed: 0, retry: 1 });
    expect(await customerMirror(person.stripeCustomerId)).toEqual(mirrorBefore);
    expect(await ledgerRow(late.id)).toMatchObject({ status: 'pending', attempts: 0 });
    // The next pass knows the customer erased: the event is set aside and masked, never applied.
    expect(await drainInboxOnce(app.db, app.deps.stripe)).toEqual({ due: 1, applied: 1, failed: 0, retry: 0 });
    expect(await customerMirror(person.stripeCustomerId)).toEqual(mirrorBefore);
    expect(await ledgerRow(late.id)).toMatchObject({ status: 'ignored', attempts: 1 });
    expect(await maskedKeysOf(late.id)).toEqual(['id', 'object']);

    await finishErasure(requestId);
    expect(await scanForMarker(app.db, person.marker)).toEqual({});
    expect(await scanForMarker(app.db, lateMarker)).toEqual({});
  });
});
