import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCharge, createCustomer, prepareCustomerTests, type Catalog, type TestCustomer } from '../customers/testing/customerFixtures.js';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { reconcileActionRequests } from './actionReconciler.js';

/**
 * Fault injection on the intent-first path, for the three actions that move money:
 * the request and its audit rows always end in the true state, and the effect at
 * Stripe happens exactly once whatever fails and however often it is retried.
 */
describe('intent-first external effects under faults', () => {
  let app: TestApp;
  let catalog: Catalog;
  let finance: Awaited<ReturnType<TestApp['callerAs']>>;
  let c: TestCustomer;
  let chargeId: string;
  let prorationDate: number | undefined;

  beforeEach(async () => {
    app = await createTestApp();
    await app.listen();
    catalog = await prepareCustomerTests(app);
    finance = await app.callerAs(['finance']);
    c = await createCustomer(app, { price: catalog.pro });
    chargeId = await createCharge(app, c.stripeCustomerId!, 100_000);
    prorationDate = undefined;
  });
  afterEach(() => app.close());

  interface Case {
    name: string;
    audit: string;
    stripePath: () => string;
    run: () => Promise<unknown>;
    /** How many times the effect exists at Stripe. */
    effects: () => Promise<number>;
  }
  const cases: Case[] = [
    {
      name: 'refund',
      audit: 'customer.refunded',
      stripePath: () => '/v1/refunds',
      run: () => finance.api.customers.refund({ chargeId, amount: 1500, stripeReason: 'requested_by_customer', reason: 'Fault injection' }),
      effects: async () => (await app.deps.stripe.refunds.list({ charge: chargeId, limit: 100 })).data.length,
    },
    {
      name: 'credit',
      audit: 'customer.credited',
      stripePath: () => `/v1/customers/${c.stripeCustomerId}/balance_transactions`,
      run: () => finance.api.customers.credit({ stripeCustomerId: c.stripeCustomerId!, amount: 1500, currency: 'usd', reason: 'Fault injection' }),
      effects: async () => (await app.deps.stripe.customers.listBalanceTransactions(c.stripeCustomerId!, { limit: 100 })).data.length,
    },
    {
      name: 'plan change',
      audit: 'customer.plan_changed',
      stripePath: () => `/v1/subscriptions/${c.subscriptionId}`,
      run: async () => {
        // A retry sends what the staff member saw: the first preview's proration date.
        prorationDate ??= (await finance.api.customers.previewChangePlan({ subscriptionId: c.subscriptionId!, priceId: catalog.business, quantity: 1 })).preview.prorationDate;
        return finance.api.customers.changePlan({ subscriptionId: c.subscriptionId!, priceId: catalog.business, quantity: 1, prorationDate, reason: 'Fault injection' });
      },
      effects: async () => (await app.deps.stripe.invoices.list({ subscription: c.subscriptionId!, limit: 100 })).data.filter((i) => i.billing_reason === 'subscription_update').length,
    },
  ];

  const requests = () => app.db.selectFrom('ops.actionRequests').select(['id', 'status']).execute();
  const results = async (action: string) => (await auditRows(app, action)).map((r) => r.result);

  /** Real fault injection in the database: the outcome write (executing → succeeded) fails. */
  const breakOutcomeWrites = () =>
    app.database.superuserQuery(`
      create function ops.inject_outcome_failure() returns trigger language plpgsql as $$
      begin raise exception 'injected: the outcome write failed'; end $$;
      create trigger inject_outcome_failure before update on ops.action_requests
        for each row when (new.status = 'succeeded') execute function ops.inject_outcome_failure();`);
  const repairOutcomeWrites = () => app.database.superuserQuery('drop trigger inject_outcome_failure on ops.action_requests');

  for (const fault of cases) {
    it(`${fault.name}: the outcome write fails after Stripe succeeded → one effect, and the reconciler records it`, async () => {
      await breakOutcomeWrites();
      await expect(fault.run()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: /recording its outcome failed/ });
      expect(await fault.effects()).toBe(1);
      const [intent] = await requests();
      expect(intent).toMatchObject({ status: 'executing' });
      expect(await results(fault.audit)).toEqual(['attempted']);

      // A retry while the fault lasts drives the same request with the same key: still one effect.
      await expect(fault.run()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      expect(await fault.effects()).toBe(1);

      await repairOutcomeWrites();
      expect(await reconcileActionRequests(app.deps, { minIdleSeconds: 0 })).toEqual([{ requestId: intent!.id, status: 'done' }]);
      expect(await requests()).toEqual([{ id: intent!.id, status: 'succeeded' }]);
      expect(await results(fault.audit)).toEqual(['attempted', 'success']);
      expect(await fault.effects()).toBe(1);
      expect(await fault.run()).toMatchObject({ status: 'done', duplicate: true, requestId: intent!.id });
      expect(await fault.effects()).toBe(1);
    });

    it(`${fault.name}: Stripe fails after the intent was written → the reconciler carries it out once`, async () => {
      app.billing.emulator!.failNextRequests(3, { status: 500, path: fault.stripePath() });
      await expect(fault.run()).rejects.toMatchObject({ code: 'BAD_GATEWAY' });
      expect(await fault.effects()).toBe(0);
      const [intent] = await requests();
      expect(intent).toMatchObject({ status: 'executing' });
      expect(await results(fault.audit)).toEqual(['attempted']);

      expect(await reconcileActionRequests(app.deps, { minIdleSeconds: 0 })).toEqual([{ requestId: intent!.id, status: 'done' }]);
      expect(await reconcileActionRequests(app.deps, { minIdleSeconds: 0 })).toEqual([]);
      expect(await fault.effects()).toBe(1);
      expect(await results(fault.audit)).toEqual(['attempted', 'success']);
      expect(await fault.run()).toMatchObject({ duplicate: true, requestId: intent!.id });
      expect(await fault.effects()).toBe(1);
    });

    it(`${fault.name}: Stripe refuses after the intent was written → failed, nothing moved, on the log`, async () => {
      app.billing.emulator!.failNextRequests(1, { status: 400, type: 'invalid_request_error', message: 'Injected refusal.', path: fault.stripePath() });
      await expect(fault.run()).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Stripe: Injected refusal.' });
      expect(await fault.effects()).toBe(0);
      expect((await requests()).map((r) => r.status)).toEqual(['failed']);
      expect(await results(fault.audit)).toEqual(['attempted', 'failure']);
      expect(await reconcileActionRequests(app.deps, { minIdleSeconds: 0 })).toEqual([]);
      expect(await fault.effects()).toBe(0);
    });
  }

  it('an approval is committed before its execution: once the refund may have moved, it can no longer be rejected', async () => {
    const support = await app.callerAs(['support']);
    const requested = await support.api.customers.refund({ chargeId, amount: 60_000, stripeReason: 'requested_by_customer', reason: 'Large refund' });
    expect(requested.status).toBe('approval_requested');
    app.billing.emulator!.failNextRequests(3, { status: 500, path: '/v1/refunds' });
    await expect(finance.api.approvals.approve({ id: requested.requestId, comment: 'Approved after a call' })).rejects.toMatchObject({ code: 'BAD_GATEWAY' });
    await expect(finance.api.approvals.reject({ id: requested.requestId, comment: 'Trying to reject' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await results('approval.approved')).toEqual(['success']);
    await reconcileActionRequests(app.deps, { minIdleSeconds: 0 });
    expect((await app.deps.stripe.refunds.list({ charge: chargeId })).data.map((r) => r.amount)).toEqual([60_000]);
    const [done] = await auditRows(app, 'customer.refunded');
    expect(done).toMatchObject({ result: 'success', actorId: support.staff.id, after: { approvedBy: finance.staff.email } });
  });
});
