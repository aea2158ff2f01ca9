import { randomUUID } from 'node:crypto';
import { dueDateOf, extendedDueDate, type Role } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../../testing/testApp.js';
import { createCustomer, prepareCustomerTests, type Catalog, type TestCustomer } from '../../customers/testing/customerFixtures.js';

/**
 * `privacy.*` requests and deadlines through createCaller on a migrated PostgreSQL with
 * the Stripe emulator: recording (subject resolution, one open erasure per subject, no
 * future receipt), the lifecycle with legal hold, extensions only within the first month
 * and only once, the deadline views and counts, permissions and hostile input.
 */
describe('privacy requests and deadlines', () => {
  let app: TestApp;
  let catalog: Catalog;
  let privacy: Awaited<ReturnType<TestApp['callerAs']>>;
  let admin: Awaited<ReturnType<TestApp['callerAs']>>;
  let customer: TestCustomer;

  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const record = (overrides: Record<string, unknown> = {}) =>
    privacy.api.privacy.create({ kind: 'access', subject: { kind: 'email', value: `nobody-${Math.random().toString(36).slice(2, 8)}@example.test` }, channel: 'email', ...overrides } as never);

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    catalog = await prepareCustomerTests(app);
    privacy = await app.callerAs(['privacy']);
    admin = await app.callerAs(['admin']);
    customer = await createCustomer(app, { price: catalog.pro });
  }, 60_000);
  afterAll(() => app?.close());

  it('records a request, resolving the subject by email (any case) to the user and the Stripe customers of the workspaces they own', async () => {
    const created = await privacy.api.privacy.create({ kind: 'access', subject: { kind: 'email', value: customer.email.toUpperCase() }, channel: 'web_form', note: 'Asked for a copy of their data.' });
    expect(created).toMatchObject({
      kind: 'access',
      status: 'received',
      subject: { kind: 'email', userId: customer.userId, customerIds: [customer.stripeCustomerId], label: expect.stringContaining(customer.email) },
      channel: 'web_form',
      note: 'Asked for a copy of their data.',
      dueOn: dueDateOf(new Date(created.receivedAt)),
      originalDueOn: created.dueOn,
      extension: null,
      verification: null,
      hold: null,
      createdByLabel: privacy.staff.email,
    });
    expect(created.daysLeft).toBeGreaterThanOrEqual(27);

    const byCustomer = await privacy.api.privacy.create({ kind: 'access', subject: { kind: 'stripe_customer_id', value: customer.stripeCustomerId! }, channel: 'email' });
    expect(byCustomer.subject).toMatchObject({ userId: customer.userId, customerIds: [customer.stripeCustomerId] });
    const byUser = await privacy.api.privacy.create({ kind: 'access', subject: { kind: 'user_id', value: customer.userId }, channel: 'support_ticket' });
    expect(byUser.subject).toMatchObject({ userId: customer.userId, customerIds: [customer.stripeCustomerId], label: expect.stringContaining(customer.email) });

    // The customer page's requests: by Stripe customer id or user id.
    const forCustomer = await privacy.api.privacy.list({ customerId: customer.stripeCustomerId! });
    expect(forCustomer.items.map((r) => r.id)).toEqual([byUser.id, byCustomer.id, created.id]);
    expect((await privacy.api.privacy.list({ userId: customer.userId })).items).toHaveLength(3);
  });

  it('resolves every workspace a user owns, and a Stripe customer with no product user', async () => {
    const owner = await createCustomer(app, { price: catalog.pro });
    const second = await app.deps.stripe.customers.create({ email: owner.email, name: 'Second workspace billing' });
    await app.db.insertInto('app.workspaces').values({ name: 'Second', ownerUserId: owner.userId, stripeCustomerId: second.id }).execute();
    await app.billing.emulator!.webhooksIdle();
    const byUser = await privacy.api.privacy.create({ kind: 'access', subject: { kind: 'user_id', value: owner.userId }, channel: 'email' });
    expect(byUser.subject.customerIds).toEqual([owner.stripeCustomerId, second.id]);
    const bySecondCustomer = await privacy.api.privacy.create({ kind: 'access', subject: { kind: 'stripe_customer_id', value: second.id }, channel: 'email' });
    expect(new Set(bySecondCustomer.subject.customerIds)).toEqual(new Set([owner.stripeCustomerId, second.id]));
    expect(bySecondCustomer.subject.userId).toBe(owner.userId);

    const email = `stripe-only-${Date.now()}@example.test`;
    const stripeOnly = await app.deps.stripe.customers.create({ email, name: 'Stripe Only' });
    await app.billing.emulator!.webhooksIdle();
    const byEmail = await privacy.api.privacy.create({ kind: 'access', subject: { kind: 'email', value: email }, channel: 'email' });
    expect(byEmail.subject).toMatchObject({ userId: null, customerIds: [stripeOnly.id], label: `Stripe Only <${email}>` });
  });

  it('records a request about someone unknown (it must still be answered)', async () => {
    const created = await record({ kind: 'erasure', subject: { kind: 'user_id', value: '00000000-0000-4000-8000-00000000abcd' } });
    expect(created.subject).toEqual({ kind: 'user_id', value: '00000000-0000-4000-8000-00000000abcd', label: null, userId: null, customerIds: [] });
  });

  it('refuses a receipt date in the future and a second open erasure for the same subject, naming the open one', async () => {
    await expect(record({ receivedAt: new Date(Date.now() + 3_600_000).toISOString() })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/future/) });

    const subject = { kind: 'email', value: `twice-${Date.now()}@example.test` };
    const first = await record({ kind: 'erasure', subject });
    await expect(record({ kind: 'erasure', subject: { ...subject, value: subject.value.toUpperCase() } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(first.id),
    });
    // The refused attempt is audited under the open request (its sealed input names the subject); the future one not at all.
    const failures = (await auditRows(app, 'privacy.request_received')).filter((row) => row.result === 'failure');
    expect(failures.map((row) => row.targetId)).toEqual([first.id]);
    // An access request for the same person is fine, and so is a new erasure once the first is closed.
    await record({ kind: 'access', subject });
    await privacy.api.privacy.reject({ requestId: first.id, reason: 'Could not verify the identity.' });
    expect(await record({ kind: 'erasure', subject })).toMatchObject({ status: 'received' });
  });

  it('lets exactly one of two concurrent erasure recordings for one subject succeed', async () => {
    const subject = { kind: 'email', value: `race-${Date.now()}@example.test` };
    const results = await Promise.allSettled([record({ kind: 'erasure', subject }), record({ kind: 'erasure', subject })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/open erasure request/) });
  });

  it('answers a retried recording (same idempotency key) with the first request, access and erasure alike; another key records another', async () => {
    const subject = { kind: 'email' as const, value: `retry-${Date.now()}@example.test` };
    const requestsOf = (value: string) => app.db.selectFrom('ops.privacyRequests').select('id').where('subjectValue', '=', value).orderBy('createdAt').execute();
    const access = { kind: 'access' as const, subject, channel: 'email' as const, note: 'Asked for a copy.', idempotencyKey: randomUUID() };
    // A double click (both at once) and a network retry (after the first answered).
    const [first, twin] = await Promise.all([privacy.api.privacy.create(access), privacy.api.privacy.create(access)]);
    const retried = await privacy.api.privacy.create(access);
    expect([twin.id, retried.id]).toEqual([first.id, first.id]);
    expect(retried).toEqual(first);
    expect(await requestsOf(subject.value)).toEqual([{ id: first.id }]);
    // The key is held on the staff actions' table, completed with the recording and without the subject's values.
    const keys = await app.db.selectFrom('ops.actionRequests').selectAll().where('action', '=', 'privacy.create').where('targetId', '=', first.id).execute();
    expect(keys).toMatchObject([{ status: 'succeeded', requesterId: privacy.staff.id, targetType: 'privacy_request', input: { kind: 'access', channel: 'email' }, result: { requestId: first.id } }]);
    expect(JSON.stringify(keys)).not.toContain(subject.value);
    // One recording on the log; the retries are there as deduplicated, against the first request.
    expect((await auditRows(app, 'privacy.request_received')).filter((row) => row.targetId === first.id).map((row) => row.result)).toEqual(['success']);
    const deduplicated = (await auditRows(app, 'action_request.deduplicated')).filter((row) => row.targetId === first.id);
    expect(deduplicated.map((row) => [row.actorId, row.targetType, row.result])).toEqual([
      [privacy.staff.id, 'privacy_request', 'success'],
      [privacy.staff.id, 'privacy_request', 'success'],
    ]);
    // Another key is another request (access requests may repeat); a key is the staff member's own.
    const another = await privacy.api.privacy.create({ ...access, idempotencyKey: randomUUID() });
    const byAdmin = await admin.api.privacy.create(access);
    expect(new Set([first.id, another.id, byAdmin.id]).size).toBe(3);
    expect(await requestsOf(subject.value)).toHaveLength(3);

    // An erasure's retry finds its request too, instead of the 409 a second open erasure gets.
    const erasure = { kind: 'erasure' as const, subject: { kind: 'email' as const, value: `retry-erase-${Date.now()}@example.test` }, channel: 'web_form' as const, idempotencyKey: randomUUID() };
    const erasing = await privacy.api.privacy.create(erasure);
    expect((await privacy.api.privacy.create(erasure)).id).toBe(erasing.id);
    await expect(privacy.api.privacy.create({ ...erasure, idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(erasing.id) });
    expect(await requestsOf(erasure.subject.value)).toEqual([{ id: erasing.id }]);
    // A refused recording keeps nothing of its key: once the erasure is closed, the same key records the new one.
    const refusedKey = randomUUID();
    await expect(privacy.api.privacy.create({ ...erasure, idempotencyKey: refusedKey })).rejects.toMatchObject({ code: 'CONFLICT' });
    await privacy.api.privacy.reject({ requestId: erasing.id, reason: 'Could not verify the identity.' });
    expect((await privacy.api.privacy.create({ ...erasure, idempotencyKey: refusedKey })).id).not.toBe(erasing.id);
  });

  it('walks the lifecycle: verify, legal hold (blocks verifying and rejecting), lift back, reject; the history comes from the audit log', async () => {
    const created = await record({ kind: 'erasure' });
    const held = await privacy.api.privacy.hold({ requestId: created.id, reason: 'Litigation hold from legal.' });
    expect(held).toMatchObject({ status: 'on_hold', hold: { reason: 'Litigation hold from legal.', byLabel: privacy.staff.email, statusBefore: 'received' } });
    const onHold = /This request is on legal hold: lift the hold first/;
    await expect(privacy.api.privacy.verifyIdentity({ requestId: created.id, method: 'email_confirmation', note: 'Replied from the address.' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(onHold) });
    await expect(privacy.api.privacy.reject({ requestId: created.id, reason: 'No.' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(onHold) });
    await expect(privacy.api.privacy.hold({ requestId: created.id, reason: 'Again.' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await privacy.api.privacy.list({ view: 'on_hold' })).items.map((r) => r.id)).toContain(created.id);

    expect(await admin.api.privacy.liftHold({ requestId: created.id, reason: 'Legal released it.' })).toMatchObject({ status: 'received', hold: null });
    await expect(privacy.api.privacy.liftHold({ requestId: created.id, reason: 'Twice.' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/not on legal hold/) });

    const verified = await privacy.api.privacy.verifyIdentity({ requestId: created.id, method: 'signed_in_account', note: 'Asked from the signed-in account.' });
    expect(verified).toMatchObject({ status: 'verified', verification: { method: 'signed_in_account', note: 'Asked from the signed-in account.', byLabel: privacy.staff.email } });
    await expect(privacy.api.privacy.verifyIdentity({ requestId: created.id, method: 'other', note: 'Again.' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already verified/) });
    // A hold remembers the status it interrupted.
    await privacy.api.privacy.hold({ requestId: created.id, reason: 'Second hold.' });
    expect(await privacy.api.privacy.liftHold({ requestId: created.id, reason: 'Released.' })).toMatchObject({ status: 'verified' });

    const rejected = await privacy.api.privacy.reject({ requestId: created.id, reason: 'Manifestly unfounded.' });
    expect(rejected).toMatchObject({ status: 'rejected', rejectedReason: 'Manifestly unfounded.', daysLeft: null });
    await expect(privacy.api.privacy.reject({ requestId: created.id, reason: 'Again.' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already rejected/) });
    await expect(privacy.api.privacy.hold({ requestId: created.id, reason: 'Too late.' })).rejects.toMatchObject({ code: 'CONFLICT' });

    const detail = await privacy.api.privacy.get({ requestId: created.id });
    expect(detail.plan).toBeNull();
    expect(detail.history.map((h) => h.action)).toEqual([
      'privacy.request_received',
      'privacy.hold_placed',
      'privacy.hold_lifted',
      'privacy.identity_verified',
      'privacy.hold_placed',
      'privacy.hold_lifted',
      'privacy.request_rejected',
    ]);
    expect(detail.history[2]).toMatchObject({ actorLabel: admin.staff.email, summary: expect.stringContaining('on hold → received') });
    expect(detail.history.at(-1)!.summary).toContain('Manifestly unfounded.');
    const [received] = (await auditRows(app, 'privacy.request_received')).filter((row) => row.targetId === created.id);
    expect(received).toMatchObject({ targetType: 'privacy_request', result: 'success', actorId: privacy.staff.id });
    await expect(privacy.api.privacy.get({ requestId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('extends the deadline once, by one or two months from receipt, only within the first month', async () => {
    const receivedAt = daysAgo(10);
    const created = await record({ receivedAt });
    const extended = await privacy.api.privacy.extend({ requestId: created.id, months: 2, reason: 'Complex request across several products.' });
    expect(extended).toMatchObject({
      dueOn: extendedDueDate(new Date(receivedAt), 2),
      originalDueOn: dueDateOf(new Date(receivedAt)),
      extension: { months: 2, reason: 'Complex request across several products.', byLabel: privacy.staff.email },
    });
    await expect(privacy.api.privacy.extend({ requestId: created.id, months: 1, reason: 'Once more.' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/already extended once/) });

    const late = await record({ receivedAt: daysAgo(40) });
    await expect(privacy.api.privacy.extend({ requestId: late.id, months: 1, reason: 'Too late.' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `The deadline can only be extended within the first month, which ended on ${late.originalDueOn}.`,
    });
    // On hold the month keeps running, so extending stays possible.
    const held = await record({ receivedAt: daysAgo(3) });
    await privacy.api.privacy.hold({ requestId: held.id, reason: 'Hold.' });
    expect(await privacy.api.privacy.extend({ requestId: held.id, months: 1, reason: 'Hold may take a while.' })).toMatchObject({ status: 'on_hold', extension: { months: 1 } });
  });

  it('lists and counts open requests due this week, overdue and extended', async () => {
    const before = await privacy.api.privacy.deadlines();
    const overdue = await record({ receivedAt: daysAgo(40) });
    const dueSoon = await record({ receivedAt: daysAgo(27) });
    const later = await record();
    const extended = await record({ receivedAt: daysAgo(5) });
    await privacy.api.privacy.extend({ requestId: extended.id, months: 1, reason: 'Needs more time.' });
    const closedOverdue = await record({ receivedAt: daysAgo(45) });
    await privacy.api.privacy.reject({ requestId: closedOverdue.id, reason: 'Duplicate of another request.' });

    expect(overdue.daysLeft).toBeLessThan(0);
    expect(dueSoon.daysLeft).toBeGreaterThanOrEqual(0);
    expect(dueSoon.daysLeft).toBeLessThanOrEqual(7);
    expect(await privacy.api.privacy.deadlines()).toEqual({ ...before, overdue: before.overdue + 1, dueThisWeek: before.dueThisWeek + 1, extended: before.extended + 1 });

    const ids = async (view: 'overdue' | 'due_this_week' | 'extended') => (await privacy.api.privacy.list({ view, limit: 100 })).items.map((r) => r.id);
    expect(await ids('overdue')).toContain(overdue.id);
    expect(await ids('overdue')).not.toContain(closedOverdue.id);
    expect(await ids('due_this_week')).toEqual(expect.arrayContaining([dueSoon.id]));
    expect(await ids('due_this_week')).not.toContain(later.id);
    expect(await ids('extended')).toContain(extended.id);
    expect(await ids('extended')).not.toContain(later.id);
  });

  it('pages newest first with a keyset cursor and filters by status and kind', async () => {
    const all = await privacy.api.privacy.list({ limit: 100 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await privacy.api.privacy.list({ limit: 3, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((r) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
    const createdAt = all.items.map((r) => r.createdAt);
    expect([...createdAt].sort().reverse()).toEqual(createdAt);
    expect((await privacy.api.privacy.list({ status: 'rejected' })).items.every((r) => r.status === 'rejected')).toBe(true);
    expect((await privacy.api.privacy.list({ kind: 'erasure' })).items.every((r) => r.kind === 'erasure')).toBe(true);
  });

  it('lists open requests in the order they fall due, soonest first, paging in that order; a newest-first page link is refused there', async () => {
    await record({ receivedAt: daysAgo(3) });
    await record({ receivedAt: daysAgo(29) });
    await record({ receivedAt: daysAgo(12) });
    const all = await privacy.api.privacy.list({ open: true, limit: 100 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await privacy.api.privacy.list({ open: true, limit: 2, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((r) => r.id));
    const keys = all.items.map((r) => `${r.dueOn} ${r.createdAt}`);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(all.items.map((r) => r.dueOn)).size).toBeGreaterThan(2);
    expect(all.items.every((r) => r.status !== 'completed' && r.status !== 'rejected')).toBe(true);
    const dueThisWeek = (await privacy.api.privacy.list({ view: 'due_this_week', limit: 100 })).items.map((r) => r.dueOn);
    expect([...dueThisWeek].sort()).toEqual(dueThisWeek);

    const newestFirstLink = (await privacy.api.privacy.list({ limit: 1 })).nextCursor!;
    await expect(privacy.api.privacy.list({ open: true, cursor: newestFirstLink })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const deadlineLink = (await privacy.api.privacy.list({ open: true, limit: 1 })).nextCursor!;
    await expect(privacy.api.privacy.list({ cursor: deadlineLink })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const impossibleDay = Buffer.from(JSON.stringify(['d', '2026-02-30', '2026-01-01T00:00:00.000000Z', all.items[0]!.id])).toString('base64url');
    await expect(privacy.api.privacy.list({ open: true, cursor: impossibleDay })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const impossibleInstant = Buffer.from(JSON.stringify(['p', '2026-02-30T10:00:00.000000Z', all.items[0]!.id])).toString('base64url');
    await expect(privacy.api.privacy.list({ cursor: impossibleInstant })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('is for the privacy role and admins only', async () => {
    const someRequest = (await privacy.api.privacy.list({ limit: 1 })).items[0]!;
    for (const role of ['support', 'finance', 'oncall', 'moderator'] satisfies Role[]) {
      const { api } = await app.callerAs([role]);
      await expect(api.privacy.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.privacy.get({ requestId: someRequest.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.privacy.deadlines()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.privacy.create({ kind: 'access', subject: { kind: 'email', value: 'x@example.test' }, channel: 'email' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.privacy.reject({ requestId: someRequest.id, reason: 'Not mine to reject.' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await admin.api.privacy.get({ requestId: someRequest.id })).id).toBe(someRequest.id);
    expect(await admin.api.privacy.create({ kind: 'access', subject: { kind: 'email', value: 'by-admin@example.test' }, channel: 'post' })).toMatchObject({ createdByLabel: admin.staff.email });
  });

  it('answers hostile input with a 400, never a 500', async () => {
    const hostile: Record<string, unknown>[] = [
      { kind: 'access', subject: { kind: 'email', value: 'a\u0000b@example.test' }, channel: 'email' },
      { kind: 'access', subject: { kind: 'stripe_customer_id', value: "cus_'; drop table x; --" }, channel: 'email' },
      { kind: 'access', subject: { kind: 'user_id', value: 'not-a-uuid' }, channel: 'email' },
      { kind: 'access', subject: { kind: 'email', value: 'x@example.test', extra: 1 }, channel: 'email' },
      { kind: 'access', subject: { kind: 'email', value: 'x@example.test' }, channel: 'email', receivedAt: '10000-01-01T00:00:00Z' },
      { kind: 'access', subject: { kind: 'email', value: 'x@example.test' }, channel: 'email', note: 'x'.repeat(2001) },
      { kind: 'access', subject: { kind: 'email', value: 'x@example.test' }, channel: 'email', note: 'lone \uD800 surrogate' },
      { kind: 'portability', subject: { kind: 'email', value: 'x@example.test' }, channel: 'email' },
      { kind: 'access', subject: { kind: 'email', value: 'x@example.test' }, channel: 'email', idempotencyKey: 'retry-1' },
    ];
    for (const input of hostile) await expect(privacy.api.privacy.create(input as never), JSON.stringify(input)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const lists: Record<string, unknown>[] = [
      { cursor: 'not-a-cursor' },
      { cursor: Buffer.from(JSON.stringify(['p', '2025-99-01T00:00:00.000000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url') },
      { cursor: Buffer.from(JSON.stringify(['p', '2025-01-01T00:00:00.000000Z', "1' or '1'='1"])).toString('base64url') },
      { view: 'everything' },
      { customerId: 'cus_\u0000' },
      { limit: 1000 },
    ];
    for (const input of lists) await expect(privacy.api.privacy.list(input as never), JSON.stringify(input)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const requestId = (await record()).id;
    await expect(privacy.api.privacy.extend({ requestId, months: 3, reason: 'Three months.' } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(privacy.api.privacy.hold({ requestId, reason: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(privacy.api.privacy.verifyIdentity({ requestId, method: 'telepathy', note: 'x' } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(privacy.api.privacy.liftHold({ requestId: 'not-a-uuid', reason: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
