import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';

type Batch = { action: string; requesterId: string; count: number; newestSecondsAgo: number; status?: string; expired?: boolean };

/**
 * Pending requests written straight into the table, `count` of them one second apart,
 * the newest `newestSecondsAgo` old: the inbox only reads these rows, and thousands of
 * them through the action API would make the test slow for nothing. Returns their ids,
 * newest first.
 */
async function insertRequests(app: TestApp, batch: Batch): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    insert into ops.action_requests (action, idempotency_key, requester_id, target_type, target_id, input, status, approval_reason, created_at, expires_at)
    select ${batch.action}, 'inbox-test-' || gen_random_uuid(), ${batch.requesterId}::uuid, 'customer', 'cus_' || n, '{}'::jsonb,
           ${batch.status ?? 'pending_approval'}, 'Large refund',
           now() - make_interval(secs => ${batch.newestSecondsAgo} + n),
           now() + case when ${batch.expired ?? false} then interval '-1 hour' else interval '72 hours' end
    from generate_series(0, ${batch.count - 1}) as n
    order by n
    returning id`.execute(app.db);
  return rows.map((row) => row.id);
}

describe('approvals inbox: what a staff member may decide is filtered before the limit', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(() => app.close());

  it('finds older decidable requests behind more than `limit` newer ones the viewer may not decide', async () => {
    const finance = await app.callerAs(['finance']);
    const support = await app.createStaff(['support']);
    const moderator = await app.createStaff(['moderator']);
    // Newest first: the viewer's own refunds, then bans (finance may not ban), then what finance may decide.
    await insertRequests(app, { action: 'customers.refund', requesterId: finance.staff.id, count: 8, newestSecondsAgo: 0 });
    await insertRequests(app, { action: 'customers.ban', requesterId: moderator.id, count: 8, newestSecondsAgo: 100 });
    const decidable = await insertRequests(app, { action: 'customers.refund', requesterId: support.id, count: 3, newestSecondsAgo: 200 });
    // Never in the inbox: past their deadline, or already decided.
    await insertRequests(app, { action: 'customers.refund', requesterId: support.id, count: 2, newestSecondsAgo: 300, expired: true });
    await insertRequests(app, { action: 'customers.refund', requesterId: support.id, count: 2, newestSecondsAgo: 400, status: 'rejected' });

    const firstTwo = await finance.api.approvals.find({ scope: 'to_decide', limit: 2 });
    expect(firstTwo.map((r) => r.id)).toEqual(decidable.slice(0, 2));
    const all = await finance.api.approvals.find({ scope: 'to_decide', limit: 5 });
    expect(all.map((r) => r.id)).toEqual(decidable);
    expect(all.every((r) => r.canDecide && r.status === 'pending_approval' && r.requester.id === support.id)).toBe(true);
    expect(await finance.api.approvals.countToDecide()).toBe(3);
  });

  it('scope `all` finds the viewer’s own and decidable requests behind more than `limit` they may not see', async () => {
    const finance = await app.callerAs(['finance']);
    const support = await app.createStaff(['support']);
    const moderator = await app.createStaff(['moderator']);
    await insertRequests(app, { action: 'customers.ban', requesterId: moderator.id, count: 6, newestSecondsAgo: 0 });
    const own = await insertRequests(app, { action: 'customers.ban', requesterId: finance.staff.id, count: 1, newestSecondsAgo: 100 });
    const decided = await insertRequests(app, { action: 'customers.credit', requesterId: support.id, count: 1, newestSecondsAgo: 200, status: 'succeeded' });

    const seen = await finance.api.approvals.find({ scope: 'all', limit: 5 });
    expect(seen.map((r) => r.id)).toEqual([...own, ...decided]);
    expect(seen.map((r) => r.canDecide)).toEqual([false, false]);
    expect((await finance.api.approvals.find({ scope: 'all', status: 'succeeded', limit: 5 })).map((r) => r.id)).toEqual(decided);
    expect((await finance.api.approvals.find({ scope: 'mine', limit: 5 })).map((r) => r.id)).toEqual(own);
  });

  it('counts every request waiting for the viewer, past a thousand, and none they may not decide', async () => {
    const admin = await app.callerAs(['admin']);
    const finance = await app.callerAs(['finance']);
    const support = await app.createStaff(['support']);
    const moderator = await app.createStaff(['moderator']);
    await insertRequests(app, { action: 'customers.ban', requesterId: moderator.id, count: 300, newestSecondsAgo: 0 });
    await insertRequests(app, { action: 'customers.refund', requesterId: finance.staff.id, count: 200, newestSecondsAgo: 1_000 });
    await insertRequests(app, { action: 'customers.refund', requesterId: support.id, count: 1_200, newestSecondsAgo: 2_000 });
    await insertRequests(app, { action: 'customers.refund', requesterId: support.id, count: 50, newestSecondsAgo: 5_000, expired: true });

    expect(await finance.api.approvals.countToDecide()).toBe(1_200);
    expect(await admin.api.approvals.countToDecide()).toBe(1_700);
  });

  it('offers nothing to decide to a role that may do the action but not approve (support refunds, never approves one)', async () => {
    const support = await app.callerAs(['support']);
    const finance = await app.createStaff(['finance']);
    const [newest] = await insertRequests(app, { action: 'customers.refund', requesterId: finance.id, count: 3, newestSecondsAgo: 0 });

    expect(await support.api.approvals.countToDecide()).toBe(0);
    expect(await support.api.approvals.find({ scope: 'to_decide', limit: 50 })).toEqual([]);
    expect(await support.api.approvals.find({ scope: 'all', limit: 50 })).toEqual([]);
    await expect(support.api.approvals.get({ id: newest! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
