import { sql } from 'kysely';
import fc from 'fast-check';
import { compileRuleset, flagContextForAccount, isEnabled } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileString } from '../../testing/hostileValues.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { createCustomer, prepareCustomerTests, type Catalog, type TestCustomer } from '../customers/testing/customerFixtures.js';
import { previewFlagImpact } from './flagImpact.service.js';
import { previewFlagImpactRowByRow } from './flagImpactRowByRow.js';
import { refreshAccountSnapshot } from './flagImpactSnapshot.js';

/**
 * The impact preview against a migrated PostgreSQL, product accounts and a mirror filled
 * by the emulator's webhooks: a Pro-plan rollout flips exactly the Pro users the shared
 * evaluator puts in the bucket, and its paying customers and MRR match what the mirror's
 * active subscriptions add up to; the account snapshot the preview evaluates answers
 * exactly what reading and evaluating row by row answers, and follows the product once
 * re-read.
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

  it('offers the product plans for targeting, most common first', async () => {
    const plans = await (await app.callerAs(['support'])).api.flags.plans();
    expect(plans.slice(0, 2)).toEqual(['pro', 'business']);
  });

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

  /** Accounts the fixtures do not make: no workspace, a lower-case or no country, a member of two workspaces, an old signup, a customer without subscription, a deleted user. */
  async function addUnusualAccounts() {
    const { rows: ws } = await sql<{ id: string; plan: string }>`select id, plan from app.workspaces where plan in ('business', 'free') order by plan, created_at`.execute(app.db);
    const business = ws.find((w) => w.plan === 'business')!.id;
    const free = ws.find((w) => w.plan === 'free')!.id;
    const users = await app.db
      .insertInto('app.users')
      .values([
        { email: 'h2-lonely@example.test', name: 'Lonely', country: 'nz' },
        { email: 'h2-member@example.test', name: 'Member', country: null },
        { email: 'h2-two@example.test', name: 'Two', country: 'IS', createdAt: new Date('2024-02-29T23:30:00Z') },
        { email: 'h2-enterprise@example.test', name: 'Enterprise', country: 'US' },
        { email: 'h2-gone@example.test', name: 'Gone', country: 'DE', status: 'deleted' },
      ])
      .returning('id')
      .execute();
    const [, member, two, enterprise, gone] = users.map((u) => u.id);
    const enterpriseWorkspace = await app.db.insertInto('app.workspaces').values({ name: 'Enterprise', ownerUserId: enterprise!, plan: 'enterprise', stripeCustomerId: 'cus_h2_without_subscription' }).returning('id').executeTakeFirstOrThrow();
    await app.db
      .insertInto('app.workspaceMembers')
      .values([
        { workspaceId: pro[0]!.workspaceId, userId: member!, role: 'member' },
        { workspaceId: business, userId: two!, role: 'admin', joinedAt: new Date('2025-06-01T00:00:00Z') },
        { workspaceId: free, userId: two!, role: 'member', joinedAt: new Date('2025-01-01T00:00:00Z') },
        { workspaceId: enterpriseWorkspace.id, userId: enterprise!, role: 'owner' },
        { workspaceId: business, userId: gone!, role: 'member' },
      ])
      .execute();
  }

  it('the account snapshot answers exactly what the row-by-row evaluation answers', async () => {
    await addUnusualAccounts();
    const rollout = (rollout: string, stickiness: string, constraints: unknown[] = []) => ({ name: 'flexibleRollout', parameters: { rollout, stickiness }, constraints });
    const proposals = [
      { enabled: true, strategies: proRollout },
      { enabled: false, strategies: proRollout },
      { enabled: true, strategies: proRollout, variants: [{ name: 'blue', weight: 500, stickiness: 'userId' }, { name: 'green', weight: 500, stickiness: 'workspaceId' }] },
      { enabled: true, strategies: [{ name: 'default', constraints: [{ contextName: 'country', operator: 'IN', values: ['NZ', 'IS'] }] }] },
      { enabled: true, strategies: [rollout('40', 'workspaceId', [{ contextName: 'subscriptionStatus', operator: 'IN', values: ['active', 'trialing', 'none'] }])] },
      { enabled: true, strategies: [{ name: 'default', constraints: [{ contextName: 'signupDate', operator: 'NUM_LT', value: '20250101' }] }, { name: 'default', constraints: [{ contextName: 'plan', operator: 'IN', values: ['enterprise', 'free'] }] }] },
      { enabled: true, strategies: [{ name: 'userWithId', parameters: { userIds: pro.map((c) => c.userId).join(',') } }] },
      { enabled: true, strategies: [{ name: 'default', constraints: [{ contextName: 'workspaceId', operator: 'NOT_IN', values: [pro[0]!.workspaceId] }, { contextName: 'country', operator: 'STR_STARTS_WITH', values: ['D', 'U'] }] }] },
    ];
    let flipped = 0;
    for (const proposal of proposals) {
      const request = { key: KEY, environment: 'development', ...proposal } as Parameters<typeof previewFlagImpact>[1];
      const { asOf, ...fromSnapshot } = await previewFlagImpact(app.db, request);
      expect(Date.parse(asOf!)).not.toBeNaN();
      expect(fromSnapshot).toEqual(await previewFlagImpactRowByRow(app.db, request));
      flipped += fromSnapshot.offToOn + fromSnapshot.onToOff + fromSnapshot.variantChanged;
      expect(fromSnapshot.accounts).toBe(pro.length + 4 + 4);
    }
    expect(flipped).toBeGreaterThan(pro.length);
  });

  it('a kept snapshot answers until it is re-read, then follows a plan change and a deleted user', async () => {
    // Always answer from the kept snapshot (as for a large product), never re-read on the way.
    const kept = { maxAgeMs: Number.POSITIVE_INFINITY, rereadBelowAccounts: 0 };
    // Staging: the flag is off there, so turning it on for Pro flips every Pro account (with the member added to pro[0]'s workspace above).
    const request = { key: KEY, environment: 'staging', enabled: true, strategies: [{ name: 'default', constraints: [{ contextName: 'plan', operator: 'IN' as const, values: ['pro'] }] }] };
    const read = await refreshAccountSnapshot(app.db);
    // On one snapshot the current state's answers are kept after the first preview (flagImpactAnswers.ts): still exact.
    const development = [
      { enabled: true, strategies: proRollout, variants: [{ name: 'blue', weight: 1, stickiness: 'userId' }, { name: 'green', weight: 1, stickiness: 'userId' }] },
      { enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '50', stickiness: 'workspaceId' } }] },
      { enabled: false, strategies: proRollout },
    ];
    for (const proposal of development) {
      const { asOf: _, ...fromSnapshot } = await previewFlagImpact(app.db, { key: KEY, environment: 'development', ...proposal }, kept);
      expect(fromSnapshot).toEqual(await previewFlagImpactRowByRow(app.db, { key: KEY, environment: 'development', ...proposal }));
    }
    const before = await previewFlagImpact(app.db, request, kept);
    expect(before).toMatchObject({ asOf: read.asOf.toISOString(), offToOn: pro.length + 1, onToOff: 0 });
    const [moved, deleted] = [pro[0]!, pro[1]!];
    await app.db.updateTable('app.workspaces').set({ plan: 'business' }).where('id', '=', moved.workspaceId).execute();
    await app.db.updateTable('app.users').set({ status: 'deleted' }).where('id', '=', deleted.userId).execute();
    try {
      expect(await previewFlagImpact(app.db, request, kept)).toEqual(before);
      await refreshAccountSnapshot(app.db);
      const after = await previewFlagImpact(app.db, request, kept);
      // The moved workspace's owner and its member are no longer Pro; the deleted user is gone.
      expect(after.accounts).toBe(before.accounts - 1);
      expect(after).toMatchObject({ offToOn: pro.length + 1 - 3, onToOff: 0 });
      expect(after.sample.map((s) => s.userId)).not.toContain(moved.userId);
      expect(after.sample.map((s) => s.userId)).not.toContain(deleted.userId);
      expect(Date.parse(after.asOf!)).toBeGreaterThanOrEqual(Date.parse(before.asOf!));
      const { asOf: _, ...fromSnapshot } = after;
      expect(fromSnapshot).toEqual(await previewFlagImpactRowByRow(app.db, request));
    } finally {
      await app.db.updateTable('app.workspaces').set({ plan: 'pro' }).where('id', '=', moved.workspaceId).execute();
      await app.db.updateTable('app.users').set({ status: 'active' }).where('id', '=', deleted.userId).execute();
    }
  });
});
