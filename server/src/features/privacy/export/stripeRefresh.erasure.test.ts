import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { prepareCustomerTests } from '../../customers/testing/customerFixtures.js';
import { startTestEngine } from '../../jobs/testing/jobTestKit.js';
import { runErasure } from '../erasure/erasureRun.service.js';
import { deleteStripeCustomer } from '../erasure/erasureStripe.js';
import { customerMirrorRows } from '../erasure/testing/customerMirrorRows.js';
import { approvedErasure } from '../erasure/testing/erasureFlow.js';
import { holdClosingStep } from '../erasure/testing/heldClosingStep.js';
import { seedMarkedSubject, type MarkedSubject } from '../erasure/testing/markedSubject.js';
import { scanForMarker } from '../erasure/testing/residualScan.js';
import { refreshStripeCustomer } from './stripeRefresh.js';

/**
 * An export's Stripe refresh racing an erasure of the same customer: it fetched the
 * customer before the erasure deleted it at Stripe, and writes after the erasure closed
 * the mirror to it (`billing:closed`). Stripe keeps the customer's subscription, invoice
 * and charge: the refresh must write none of them, or the person's name, email and
 * address would be back in rows the erasure is about to mask — or has masked. The order
 * is certain: the closing step holds the mirror write lock until the refresh waits on it.
 */
describe('export refresh while an erasure closes the mirror', () => {
  let app: TestApp;
  let person: MarkedSubject;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    person = await seedMarkedSubject(app, await prepareCustomerTests(app));
    // Installs the job engine, which approving an erasure enqueues on; none runs: the test runs the erasure's steps itself.
    await (await startTestEngine(app, [])).stop();
  }, 60_000);
  afterAll(() => app?.close());

  it('writes nothing of a customer whose erasure closed the mirror after the refresh fetched it, and reports it deleted', async () => {
    const people = { requester: await app.callerAs(['privacy']), approver: await app.callerAs(['privacy']) };
    const { requestId } = await approvedErasure(app, people, person.email);
    const before = await customerMirrorRows(app.db, person.stripeCustomerId);

    const closing = await holdClosingStep(app.db, requestId);
    // Fetches the customer (still at Stripe), then waits for the mirror write lock.
    const refresh = refreshStripeCustomer(app.db, app.deps.stripe, person.stripeCustomerId, new AbortController().signal);
    await closing.untilBatchWaits();
    // The erasure's Stripe step, then its closing step commits.
    await deleteStripeCustomer(app.db, app.deps.stripe, requestId, person.stripeCustomerId);
    await closing.commit();

    expect(await refresh).toMatchObject({ foundAtStripe: true, deletedAtStripe: true, objects: 0 });
    // Stripe's deletion events reach the drain after billing:closed: set aside, as late events are.
    await app.billing.emulator!.webhooksIdle();
    expect(await customerMirrorRows(app.db, person.stripeCustomerId)).toEqual(before);

    await runErasure(app.deps, { db: app.db, log: async () => undefined, progress: async () => undefined }, requestId);
    expect(await scanForMarker(app.db, person.marker)).toEqual({});
  });
});
