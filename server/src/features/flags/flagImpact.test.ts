import { sql } from 'kysely';
import fc from 'fast-check';
import { compileRuleset, flagContextForAccount, isEnabled } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileString } from '../../testing/hostileValues.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { createCustomer, prepareCustomerTests, type Catalog, type TestCustomer } from '../customers/testing/customerFixtures.js';

/**
 * The impact preview against a migrated PostgreSQL, product accounts and a mirror filled
 * by the emulator's webhooks: a Pro-plan rollout flips exactly the Pro users the shared
 * evaluator puts in the bucket, and its paying customers and MRR match what the mirror's
 * active subscriptions add up to.
 */
describe('flags.previewImpact', () => {
  let app: TestApp;
  let catalog: Catalog;
  const pro: TestCustomer[] = [];
  const KEY = 'impact.pro';
  const proRollout = [{ name: 'flexibleRollout', parameters: { rollout: '50', stickiness: 'userId' }, constraints: [{ contextName: 'plan', operator: 'IN' as const, values: ['pro'] }] }];
  const reference = compileRuleset({ version: 2, features: [{ name: KEY, enabled: true, strategies: [{ ...proRollout[0]!, parameters: { ...proRollout[0]!.parameters, groupId: KEY } }] }] });
  const inBucket = (customer: TestCustomer) => isEnabled(reference, KEY, flagContextForAccount({ userId: customer.userId, plan: 'pro' }));
  const admin = async () => (await app.callerAs(['admin'])).api;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    catalog = await prepareCustomerTests(app);
    // Pro customers until both sides of the 50 % bucket are represented (bounded).
    for (let i = 0; i < 24 && (pro.length < 4 || pro.every(inBucket) || !pro.some(inBucket)); i++) pro.push(await createCustomer(app, { price: catalog.pro }));
    await createCustomer(app, { price: catalog.business, plan: 'business' });
    await createCustomer(app, { price: catalog.business, plan: 'business' });
    await createCustomer(app, { price: null });
    await createCustomer(app, { price: null });
    await createCustomer(app, { price: catalog.pro, trialDays: 14 }).then((trial) => pro.push(trial));
    await (await admin()).flags.create({ key: KEY, type: 'release' });
  }, 120_000);
  afterAll(() => app?.close());

  /** Independently of the revenue tables: the monthly amount of each customer's active subscriptions in the mirror. */
  async function mirrorMrr(customerIds: string[]): Promise<Map<string, number>> {
    const { rows } = await sql<{ customerId: string; cents: string }>`
      select s.customer_id, sum(si.quantity * p.unit_amount) as cents
      from billing.subscriptions s join billing.subscription_items si on si.subscription_id = s.id join billing.prices p on p.id = si.price_id
      where s.status = 'active' and p.recurring_interval = 'month' and s.customer_id = any(${customerIds}::text[])
      group by s.customer_id`.execute(app.db);
    return new Map(rows.map((r) => [r.customerId, Number(r.cents)]));
  }

  it('a 50 % rollout to Pro flips exactly the Pro users the shared evaluator buckets, with their paying customers and MRR', async () => {
    const api = await admin();
    const impact = await api.flags.previewImpact({ key: KEY, environment: 'development', enabled: true, strategies: proRollout });
    const expected = pro.filter(inBucket);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(pro.length);
    expect(impact.accounts).toBe(pro.length + 4);
    expect(impact).toMatchObject({ offToOn: expected.length, onToOff: 0, variantChanged: 0, unchanged: impact.accounts - expected.length, currency: 'usd' });
    expect(impact.sample.map((s) => s.userId).sort()).toEqual(expected.map((c) => c.userId).sort());
    expect(impact.sample.every((s) => s.plan === 'pro' && s.change === 'offToOn' && s.email.endsWith('@example.test'))).toBe(true);

    const mrr = await mirrorMrr(expected.map((c) => c.stripeCustomerId!));
    const paying = [...mrr.values()].filter((cents) => cents > 0);
    expect(paying.length).toBeGreaterThan(0);
    expect(impact.payingCustomersAffected).toBe(paying.length);
    expect(impact.mrrAffectedCents).toBe(paying.reduce((sum, cents) => sum + cents, 0));
  });

  it('the saved state proposed again flips nothing; turning it off or adding a variant flips the same accounts', async () => {
    const api = await admin();
    await api.flags.setEnvironment({ key: KEY, environment: 'development', enabled: true, strategies: proRollout });
    const same = await api.flags.previewImpact({ key: KEY, environment: 'development', enabled: true, strategies: proRollout });
    expect(same).toMatchObject({ offToOn: 0, onToOff: 0, variantChanged: 0, unchanged: same.accounts, payingCustomersAffected: 0, mrrAffectedCents: 0, sample: [] });

    const on = pro.filter(inBucket).length;
    const off = await api.flags.previewImpact({ key: KEY, environment: 'development', enabled: false, strategies: proRollout });
    expect(off).toMatchObject({ offToOn: 0, onToOff: on, variantChanged: 0 });
    const variant = await api.flags.previewImpact({ key: KEY, environment: 'development', enabled: true, strategies: proRollout, variants: [{ name: 'blue', weight: 1000, stickiness: 'userId' }] });
    expect(variant).toMatchObject({ offToOn: 0, onToOff: 0, variantChanged: on });
    expect(variant.sample.every((s) => s.before === 'on' && s.after === 'on:blue')).toBe(true);
  });

  it('every staff role may preview; hostile input is a 4xx', async () => {
    const support = (await app.callerAs(['support'])).api;
    await expect(support.flags.previewImpact({ key: KEY, environment: 'staging', enabled: false, strategies: [] })).resolves.toMatchObject({ offToOn: 0 });
    for (const key of fc.sample(hostileString, { numRuns: 30, seed: 7 })) {
      await support.flags.previewImpact({ key, environment: 'staging', enabled: true, strategies: [] }).catch((error: { code: string }) => expect(['BAD_REQUEST', 'NOT_FOUND']).toContain(error.code));
    }
    const bad: unknown[] = [
      { key: KEY, environment: 'staging', enabled: true, strategies: [], extra: 1 },
      { key: KEY, environment: 'Staging; drop table', enabled: true, strategies: [] },
      { key: KEY, environment: 'staging', enabled: 'yes', strategies: [] },
      { key: KEY, environment: 'staging', enabled: true, strategies: [{ name: 'default', extra: 1 }] },
      { key: KEY, environment: 'staging', enabled: true, strategies: Array.from({ length: 51 }, () => ({ name: 'default' })) },
    ];
    for (const input of bad) await expect(support.flags.previewImpact(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(support.flags.previewImpact({ key: 'no.such.flag', environment: 'staging', enabled: true, strategies: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(support.flags.previewImpact({ key: KEY, environment: 'qa', enabled: true, strategies: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
