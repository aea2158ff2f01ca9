import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { prepareCustomerTests, type Catalog } from '../../customers/testing/customerFixtures.js';
import { startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { runErasure, type ErasureRunContext } from '../../privacy/erasure/erasureRun.service.js';
import { customerMirrorRows } from '../../privacy/erasure/testing/customerMirrorRows.js';
import { disputePaymentOf } from '../../privacy/erasure/testing/disputedPayment.js';
import { approvedErasure } from '../../privacy/erasure/testing/erasureFlow.js';
import { holdClosingStep } from '../../privacy/erasure/testing/heldClosingStep.js';
import { seedMarkedSubject, type MarkedSubject } from '../../privacy/erasure/testing/markedSubject.js';
import { scanForMarker, type ResidualHits } from '../../privacy/erasure/testing/residualScan.js';
import { createPrivacyJobKinds } from '../../privacy/privacyJobs.js';
import { runSql } from '../mirror/plainSql.js';
import { backfillMirror } from './backfill.js';

/**
 * Stripe keeps a deleted customer's subscriptions, invoices (with the customer's name,
 * email, address and phone), charges, refunds and disputes (evidence naming them). A
 * backfill run after an erasure lists them all: it must leave them out of the mirror the
 * erasure masked — the residual scan finds the marker nowhere, the person's mirror rows
 * stay as the erasure left them — count them, and backfill everyone else as before. Also
 * when the erasure closes the mirror while the backfill waits for the mirror write lock.
 */
describe('stripe backfill after an erasure', () => {
  let app: TestApp;
  let catalog: Catalog;
  let subject: MarkedSubject;
  let survivor: MarkedSubject;
  let survivorBefore: ResidualHits;

  beforeAll(async () => {
    app = await createTestApp();
    const base = await app.listen();
    catalog = await prepareCustomerTests(app);
    survivor = await seedMarkedSubject(app, catalog);
    subject = await seedMarkedSubject(app, catalog);
    await disputePaymentOf(app, base, survivor, { evidence: true });
    await disputePaymentOf(app, base, subject, { evidence: true });
    survivorBefore = await scanForMarker(app.db, survivor.marker);

    const engine = await startTestEngine(app, createPrivacyJobKinds(app.deps));
    try {
      const { jobId } = await approvedErasure(app, await privacyPeople(), subject.email);
      expect(await waitForJob(app.db, jobId, undefined, 60_000)).toMatchObject({ status: 'succeeded' });
    } finally {
      await engine.stop();
    }
    await app.billing.emulator!.webhooksIdle();
    expect(await scanForMarker(app.db, subject.marker)).toEqual({});
  }, 120_000);
  afterAll(() => app?.close());

  const privacyPeople = async () => ({ requester: await app.callerAs(['privacy']), approver: await app.callerAs(['privacy']) });

  const mirrorRowsOf = (person: MarkedSubject) => customerMirrorRows(app.db, person.stripeCustomerId);

  /** The objects Stripe still lists of a person's deleted customer: what the backfill must leave out. */
  async function objectsKeptAtStripe(person: MarkedSubject): Promise<number> {
    const stripe = app.deps.stripe;
    const customer = person.stripeCustomerId;
    const charges = (await stripe.charges.list({ customer, limit: 100 })).data;
    const lists = await Promise.all([
      stripe.subscriptions.list({ customer, status: 'all', limit: 100 }),
      stripe.invoices.list({ customer, limit: 100 }),
      stripe.creditNotes.list({ customer, limit: 100 }),
      ...charges.flatMap((charge) => [stripe.refunds.list({ charge: charge.id, limit: 100 }), stripe.disputes.list({ charge: charge.id, limit: 100 })]),
    ]);
    return charges.length + lists.reduce((n, list) => n + list.data.length, 0);
  }

  it('leaves the erased customer\'s objects out and reports them, and backfills the survivor\'s as before', async () => {
    const subjectRows = await mirrorRowsOf(subject);
    for (const table of ['customers', 'subscriptions', 'invoices', 'charges', 'refunds', 'disputes']) expect(subjectRows[table], table).not.toHaveLength(0);
    // 1 subscription, its paid invoice and charge, a refund and a dispute of that charge (which name no customer).
    const leftOut = await objectsKeptAtStripe(subject);
    expect(leftOut).toBe(5);

    // The survivor's mirror behind Stripe: an invoice and a dispute never received, a customer row older than Stripe's.
    await runSql(app.db, `delete from billing.invoice_lines where invoice_id in (select id from billing.invoices where customer_id = $1)`, [survivor.stripeCustomerId]);
    await runSql(app.db, `delete from billing.invoices where customer_id = $1`, [survivor.stripeCustomerId]);
    await runSql(app.db, `delete from billing.disputes where charge_id in (select id from billing.charges where customer_id = $1)`, [survivor.stripeCustomerId]);
    await runSql(app.db, `update billing.customers set name = 'stale', as_of = as_of - 3600 where id = $1`, [survivor.stripeCustomerId]);

    const summary = await backfillMirror(app.db, app.deps.stripe);

    expect(summary.skippedOfErasedCustomers).toBe(leftOut);
    expect(await scanForMarker(app.db, subject.marker)).toEqual({});
    expect(await mirrorRowsOf(subject)).toEqual(subjectRows);
    const survivorRows = await mirrorRowsOf(survivor);
    expect(survivorRows.invoices).toHaveLength((await app.deps.stripe.invoices.list({ customer: survivor.stripeCustomerId })).data.length);
    expect(survivorRows.disputes).toHaveLength(1);
    expect((await app.db.selectFrom('billing.customers').select('name').where('id', '=', survivor.stripeCustomerId).executeTakeFirstOrThrow()).name).toBe(`Person ${survivor.marker}`);
    // The survivor's marker is back exactly where it was before the erasure.
    expect(await scanForMarker(app.db, survivor.marker)).toEqual(survivorBefore);
  });

  it('leaves out the objects of a customer whose erasure closes the mirror while the backfill waits for the mirror write lock', async () => {
    const person = await seedMarkedSubject(app, catalog);
    const { requestId } = await approvedErasure(app, await privacyPeople(), person.email);
    // Run as the job runs it, stopped once the Stripe customer is deleted (billing:closed not started).
    const stop = new Error('stopped by the test');
    const context = (log: ErasureRunContext['log']): ErasureRunContext => ({ db: app.db, log, progress: async () => undefined });
    const stopAfterStripe = context(async (line) => {
      if (line === `Stripe customer ${person.stripeCustomerId} deleted`) throw stop;
    });
    await expect(runErasure(app.deps, stopAfterStripe, requestId)).rejects.toBe(stop);
    await app.billing.emulator!.webhooksIdle();
    const personRows = await mirrorRowsOf(person);
    const subjectRows = await mirrorRowsOf(subject);
    const leftOut = (await objectsKeptAtStripe(person)) + (await objectsKeptAtStripe(subject));

    // A run resumed at subscriptions: its first page is listed, resolved, and then waits for the lock the closing step holds.
    await runSql(app.db, `delete from ops.stripe_backfill_state where resource <> all($1::text[])`, [['product', 'price', 'coupon', 'customer']]);
    const closing = await holdClosingStep(app.db, requestId);
    const backfill = backfillMirror(app.db, app.deps.stripe);
    await closing.untilBatchWaits();
    await closing.commit();
    const summary = await backfill;

    expect(summary.skippedOfErasedCustomers).toBe(leftOut);
    expect(await mirrorRowsOf(person)).toEqual(personRows);
    expect(await mirrorRowsOf(subject)).toEqual(subjectRows);
    await runErasure(app.deps, context(async () => undefined), requestId);
    expect(await scanForMarker(app.db, person.marker)).toEqual({});
  });
});
