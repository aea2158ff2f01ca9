import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_ADMIN, DEMO_SUPPORT } from './demoAccounts';
import { findCustomer, refundablePayment } from './demoCustomers';
import { signInAs, trpcData, trpcMutation, trpcQuery } from './trpcRequest';

/**
 * One record of each kind whose page the layout sweep opens. The demo company has
 * customers, SLOs, jobs, moderation items, staff and audit entries; it has no flag,
 * flags API key, privacy request or approval, so those are made here, once per worker,
 * with ordinary values (the request is turned down again, so no inbox counts a new one;
 * the key is revoked at once).
 */
export interface SweepRecords {
  customerId: string;
  approvalId: string;
  jobId: string;
  sloId: string;
  flagKey: string;
  moderationEntryId: string;
  privacyRequestId: string;
  staffId: string;
  auditId: string;
}

/** A customer with payments and subscriptions: the fullest customer page. */
async function findBilledCustomer(request: APIRequestContext) {
  return findCustomer(request, { plan: 'enterprise' }, (c) => c.payments.length > 2 && c.subscriptions.length > 0);
}

/** A refund marked fraudulent (always held for a second person), asked by support and turned down by an admin. */
async function makeApproval(request: APIRequestContext, workerIndex: number): Promise<string> {
  await signInAs(request, DEMO_SUPPORT);
  // A Pro customer: the refund specs and the layout lists ask on Team and Enterprise ones.
  const customer = await findCustomer(request, { plan: 'pro' }, (c) => refundablePayment(c, 100) !== undefined);
  const payment = refundablePayment(customer, 100)!;
  const requested = await trpcData<{ status: string; requestId: string }>(
    await trpcMutation(request, 'customers.refund', { chargeId: payment.id, amount: 100, stripeReason: 'fraudulent', reason: 'Layout sweep: a request to show', repeat: workerIndex % 100 }),
  );
  expect(requested.status).toBe('approval_requested');
  await signInAs(request, DEMO_ADMIN);
  await trpcData(await trpcMutation(request, 'approvals.reject', { id: requested.requestId, comment: 'Layout sweep clean-up' }));
  return requested.requestId;
}

/** The newest record a list procedure answers, waiting for it when the server's first scheduled run has not made one yet. */
async function firstOf<T>(request: APIRequestContext, procedure: string, input: unknown, rows: (data: T) => { id: string }[]): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => (id = rows(await trpcData<T>(await trpcQuery(request, procedure, input)))[0]?.id), { message: `a record from ${procedure}`, timeout: 90_000 })
    .toBeDefined();
  return id!;
}

export async function findSweepRecords(request: APIRequestContext, workerIndex: number): Promise<SweepRecords> {
  const approvalId = await makeApproval(request, workerIndex);
  // Signed in as admin from here on.
  const customer = await findBilledCustomer(request);
  const flagKey = `checkout.redesign-${workerIndex}-${Date.now().toString(36)}`;
  await trpcData(await trpcMutation(request, 'flags.create', { key: flagKey, type: 'release', description: 'The new checkout page, rolled out by plan.', tags: ['checkout', 'web'] }));
  // A revoked key: its status names when and by whom, the longest line a key's card shows on a phone.
  const apiKey = await trpcData<{ id: string }>(await trpcMutation(request, 'flags.keys.create', { name: `Layout sweep: the web checkout's staging reader ${workerIndex}`, environment: 'staging' }));
  await trpcData(await trpcMutation(request, 'flags.keys.revoke', { id: apiKey.id }));
  const privacyRequest = await trpcData<{ id: string }>(
    await trpcMutation(request, 'privacy.create', { kind: 'access', subject: { kind: 'email', value: customer.user.email }, channel: 'email', note: 'Asked for a copy of their data by email.' }),
  );
  const support = (await trpcData<{ id: string; email: string }[]>(await trpcQuery(request, 'staff.find', {}))).find((member) => member.email === DEMO_SUPPORT.email)!;
  return {
    customerId: customer.user.id,
    approvalId,
    jobId: await firstOf<{ jobs: { id: string }[] }>(request, 'jobs.list', {}, (data) => data.jobs),
    sloId: await firstOf<{ id: string }[]>(request, 'slo.list', undefined, (data) => data),
    flagKey,
    moderationEntryId: await firstOf<{ items: { id: string }[] }>(request, 'moderation.queue', {}, (data) => data.items),
    privacyRequestId: privacyRequest.id,
    staffId: support.id,
    auditId: await firstOf<{ entries: { id: string }[] }>(request, 'audit.find', {}, (data) => data.entries),
  };
}

/**
 * For a sweep spec: its records, found once per worker before its tests (call at the top
 * of the file; the returned function gives them inside a test).
 */
export function sweepRecordsOfWorker(): () => SweepRecords {
  let records: SweepRecords | undefined;
  test.beforeAll(async ({ browser }, workerInfo) => {
    test.setTimeout(120_000);
    const page = await browser.newPage();
    records = await findSweepRecords(page.request, workerInfo.workerIndex);
    await page.close();
  });
  return () => {
    if (!records) throw new Error('The sweep records are found in beforeAll: call sweepRecordsOfWorker() at the top of the spec.');
    return records;
  };
}
