import { Kysely, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema.js';
import { explainQuery, openPlanReader, type PlanNode, type PlanReader } from '../../testing/queryPlans.js';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import { countApprovalRequestsToDecide, findApprovalRequests, type ApprovalViewer } from './approvals.queries.js';

/**
 * The approvals list's queries, EXPLAINed on 100,000 analysed action requests of which
 * one in ten was held for approval (most staff actions run at once): no scope reads
 * ops.action_requests sequentially, and `all` and `mine` walk their index in the list's
 * order, so a page stops at its limit. Without migration 0031 both read the whole table.
 */
const REQUESTS = 100_000;
const STAFF = 40;
/** What a finance member may decide (approvalViewer): refunds and credits, never a ban. */
const FINANCE_DECIDES = ['customers.refund', 'customers.credit'];

describe('approvals list query plans', () => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let explainClient: pg.Client;
  let reader: PlanReader;
  let viewer: ApprovalViewer;
  const captured: CompiledQuery[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ max: 2 });
    await sql`
      insert into ops.staff (email, name, roles, password_hash)
      select 'staff-' || n || '@example.test', 'Staff ' || n, array[(array['support', 'finance', 'admin', 'moderator'])[1 + n % 4]], 'not a hash'
      from generate_series(1, ${STAFF}) n`.execute(database.db);
    // Ten years of staff actions, one every half hour: one in ten held for a second
    // person (decided, or a few still pending), the rest run at once.
    await sql`
      with staff as (select array_agg(id order by email) as ids from ops.staff)
      insert into ops.action_requests (action, idempotency_key, requester_id, target_type, target_id, input, preview, status, approval_reason, created_at, expires_at)
      select (array['customers.refund', 'customers.ban', 'customers.credit', 'customers.suspend', 'customers.changePlan'])[1 + n % 5],
             'plans-test-' || n, staff.ids[1 + n % ${STAFF}], 'customer', 'cus_' || (n % 20000), '{"amount": 1000}'::jsonb, '{"amount": 1000}'::jsonb,
             case when n % 10 <> 0 then 'succeeded' when n % 1000 = 0 then 'pending_approval' else (array['succeeded', 'rejected', 'expired', 'failed'])[1 + (n / 10) % 4] end,
             case when n % 10 = 0 then 'Large refund' end,
             now() - make_interval(mins => (${REQUESTS} - n) * 30),
             now() - make_interval(mins => (${REQUESTS} - n) * 30) + interval '72 hours'
      from generate_series(1, ${REQUESTS}) n, staff`.execute(database.db);
    await database.superuserQuery('analyze');
    const finance = await database.db.selectFrom('ops.staff').select('id').where(sql<boolean>`'finance' = any(roles)`).limit(1).executeTakeFirstOrThrow();
    viewer = { id: finance.id, decidableActions: FINANCE_DECIDES };
    reader = await openPlanReader(database, 1, captured);
    ({ db, explainClient } = reader);
  }, 120_000);
  afterAll(async () => {
    await reader.close();
  });

  /** Runs the list's own query function, then EXPLAINs every query it sent, with its parameters. */
  async function plansOf(run: () => Promise<unknown>): Promise<PlanNode[]> {
    captured.length = 0;
    await run();
    expect(captured).toHaveLength(1);
    return explainQuery(explainClient, captured[0]!);
  }

  const seqScansOfRequests = (nodes: PlanNode[]) => nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'action_requests');

  it.each([
    ['all', 'action_requests_approvals_idx'],
    ['mine', 'action_requests_approvals_requester_idx'],
  ] as const)('scope `%s` walks %s newest first and stops at the limit', async (scope, indexName) => {
    const page = await findApprovalRequests(db, viewer, { scope, limit: 50 });
    expect(page).toHaveLength(50);
    const nodes = await plansOf(() => findApprovalRequests(db, viewer, { scope, limit: 50 }));
    expect(seqScansOfRequests(nodes)).toEqual([]);
    expect(nodes.map((n) => n['Index Name'])).toContain(indexName);
    expect(nodes.filter((n) => n['Node Type'] === 'Sort')).toEqual([]);
  });

  it.each([
    ['all, one status', { scope: 'all', status: 'rejected' }],
    ['mine, one status', { scope: 'mine', status: 'rejected' }],
    ['to_decide', { scope: 'to_decide' }],
  ] as const)('scope %s reads no action request sequentially', async (_name, filter) => {
    const nodes = await plansOf(() => findApprovalRequests(db, viewer, { ...filter, limit: 50 }));
    expect(seqScansOfRequests(nodes)).toEqual([]);
  });

  it('counts what waits for the viewer without reading the table sequentially', async () => {
    const nodes = await plansOf(() => countApprovalRequestsToDecide(db, viewer));
    expect(seqScansOfRequests(nodes)).toEqual([]);
  });
});
