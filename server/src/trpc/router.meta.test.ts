import { AUTHENTICATED, isPermission, PUBLIC } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStaffActions } from '../features/actionRequests/staffAction.js';
import { createCharge, createCustomer, prepareCustomerTests, type TestCustomer } from '../features/customers/testing/customerFixtures.js';
import { createTestApp, recordingResponse, type TestApp } from '../testing/testApp.js';
import { appRouter } from './appRouter.js';
import { createContext } from './context.js';
import { listProcedures } from './procedureCatalog.js';
import { router, staffProcedure } from './procedures.js';

/**
 * Walks the whole app router, so procedures added later are covered without editing
 * this file: each must declare who may call it, and each mutation its audit action.
 */
const procedures = listProcedures().map((p) => [p.path, p] as const);
/** Staff actions whose request procedure is not at their name (the flag page's `requestChange`, the erasure's `requestErasure`); every other one is. */
const REQUEST_PATHS: Record<string, string> = { 'flags.changeEnvironment': 'flags.requestChange', 'privacy.erase': 'privacy.requestErasure' };
const actionAt = (path: string) => Object.entries(REQUEST_PATHS).find(([, at]) => at === path)?.[0] ?? path;

describe('app router metadata', () => {
  it('has procedures to check', () => {
    expect(procedures.length).toBeGreaterThan(10);
  });

  it.each(procedures)('%s declares a known permission', (_path, procedure) => {
    const permission = procedure.meta?.permission;
    expect(permission, 'meta.permission is missing').toBeDefined();
    expect(permission === PUBLIC || permission === AUTHENTICATED || isPermission(permission!), `unknown permission ${permission}`).toBe(true);
  });

  it.each(procedures.filter(([, p]) => p.type === 'mutation'))('mutation %s declares an audit action', (_path, procedure) => {
    expect(procedure.meta?.audit?.action).toMatch(/^[a-z]+\.[a-z_]+$/);
  });

  it.each(listStaffActions().map((a) => [a.name, a] as const))('staff action %s declares its risk tier in meta and its procedure exists', (name, action) => {
    const procedure = procedures.find(([path]) => path === (REQUEST_PATHS[name] ?? name))?.[1];
    expect(procedure, `no procedure at ${name}`).toBeDefined();
    expect(procedure!.type).toBe('mutation');
    expect(procedure!.meta?.risk).toBe(action.risk);
    // Their effects reach Stripe or the product: intent and outcome are committed apart.
    expect(procedure!.meta?.audit?.intentFirst).toBe(true);
  });

  it('only sign-in is public', () => {
    const publicPaths = procedures.filter(([, p]) => p.meta?.permission === PUBLIC).map(([path]) => path);
    expect(publicPaths).toEqual(['auth.login']);
  });
});

/**
 * Every procedure that declares a risk tier, called for real (PostgreSQL, the emulator)
 * with an input that is valid except for what the tier demands: the enforceRiskTier
 * middleware refuses it before the handler, so no request row is ever written.
 */
const risky = procedures.filter(([, p]) => p.meta?.risk && p.meta.risk !== 'low');

describe('risk tiers are enforced by middleware', () => {
  let app: TestApp;
  let customer: TestCustomer;
  let inputs: Record<string, Record<string, unknown>>;
  let sessionToken: string;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    const catalog = await prepareCustomerTests(app);
    customer = await createCustomer(app, { price: catalog.pro });
    const chargeId = await createCharge(app, customer.stripeCustomerId!, 1_000);
    sessionToken = (await app.callerAs(['admin'])).sessionToken;
    const subscriptionId = customer.subscriptionId!;
    inputs = {
      'customers.refund': { chargeId, amount: 100, stripeReason: 'requested_by_customer' },
      'customers.suspend': { userId: customer.userId, days: 1 },
      'customers.ban': { userId: customer.userId },
      'customers.unban': { userId: customer.userId },
      'customers.changePlan': { subscriptionId, priceId: catalog.business, quantity: 1 },
      'customers.cancel': { subscriptionId, when: 'period_end' },
      'customers.credit': { stripeCustomerId: customer.stripeCustomerId!, amount: 100 },
      'flags.requestChange': { key: 'no.such.flag', environment: 'production', enabled: true, strategies: [], expectedRevision: 0 },
      'privacy.requestErasure': { requestId: '00000000-0000-4000-8000-000000000000' },
    };
  }, 60_000);
  afterAll(() => app?.close());

  const call = (path: string, input: unknown) => {
    const caller = appRouter.createCaller(createContext(app.deps, { requestId: 'risk-test', ip: null, userAgent: 'vitest', sessionToken }, recordingResponse())) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    const [namespace, name] = path.split('.') as [string, string];
    return caller[namespace]![name]!(input);
  };
  const requestsFor = async (path: string) => (await app.db.selectFrom('ops.actionRequests').select('id').where('action', '=', actionAt(path)).execute()).length;

  it('has risky procedures to check', () => {
    expect(risky.length).toBeGreaterThanOrEqual(5);
  });

  it.each(risky)('%s is refused without a reason', async (path) => {
    expect(inputs[path], `add a valid input for ${path} to this test`).toBeDefined();
    await expect(call(path, { ...inputs[path], confirmation: customer.email })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'reason: A reason is required for this action.' });
    await expect(call(path, { ...inputs[path], reason: '   ', confirmation: customer.email })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await requestsFor(path)).toBe(0);
  });

  it.each(risky.filter(([, p]) => p.meta?.risk === 'high'))('%s is refused without the typed confirmation', async (path) => {
    await expect(call(path, { ...inputs[path], reason: 'checking the tier' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^confirmation: Type /) });
    await expect(call(path, { ...inputs[path], reason: 'checking the tier', confirmation: 'someone-else@example.test' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await requestsFor(path)).toBe(0);
  });

  it('refuses a procedure that declares a tier the middleware cannot check (fails closed)', async () => {
    let ran = false;
    const unchecked = router({
      act: staffProcedure.meta({ permission: AUTHENTICATED, audit: { action: 'test.unchecked' }, risk: 'medium' }).mutation(() => (ran = true)),
    });
    const caller = unchecked.createCaller(createContext(app.deps, { requestId: 'risk-test', ip: null, userAgent: 'vitest', sessionToken }, recordingResponse()));
    await expect(caller.act()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(ran).toBe(false);
  });
});
