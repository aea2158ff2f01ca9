import { Kysely, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/schema.js';
import { explainQuery, openPlanReader, type PlanNode, type PlanReader } from '../../../testing/queryPlans.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/testDatabase.js';
import { findErasedPaymentSubjects, type PaymentSubjects } from './erasedCustomers.queries.js';

/**
 * The webhook drain's erased-customer look-up (asked twice per batch), EXPLAINed after
 * 2,000 erasures of 40 steps each: it finds the customers' `stripe:` steps through
 * migration 0033's index instead of reading every step of every erasure. Without the
 * index the plan reads ops.privacy_erasure_steps sequentially.
 */
const ERASURES = 2_000;
const STEPS_PER_ERASURE = 40;

describe('the erased-customer look-up of the webhook drain', () => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let explainClient: pg.Client;
  let reader: PlanReader;
  const captured: CompiledQuery[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ max: 2 });
    await sql`insert into ops.staff (email, name, roles, password_hash) values ('privacy@example.test', 'Privacy', array['privacy'], 'not a hash')`.execute(database.db);
    // Erasure n deleted Stripe customer cus_erased_n; the last one stopped before closing the mirror.
    await sql`
      insert into ops.privacy_requests (id, kind, status, subject_kind, subject_value, channel, received_at, original_due_on, due_on, created_by)
      select md5('erasure ' || n)::uuid, 'erasure', 'completed', 'email', 'person-' || n || '@example.test', 'email', now(), current_date, current_date, (select id from ops.staff)
      from generate_series(1, ${ERASURES}) n`.execute(database.db);
    await sql`
      insert into ops.privacy_erasure_steps (request_id, step_key, state)
      select md5('erasure ' || n)::uuid,
        case s when 1 then 'stripe:cus_erased_' || n when 2 then 'billing:closed' when 3 then 'audit:shred' else 'table:app.table_' || s end, 'done'
      from generate_series(1, ${ERASURES}) n, generate_series(1, ${STEPS_PER_ERASURE}) s
      where not (n = ${ERASURES} and s in (2, 3))`.execute(database.db);
    await database.superuserQuery('analyze');
    reader = await openPlanReader(database, 1, captured);
    ({ db, explainClient } = reader);
  }, 120_000);
  afterAll(async () => {
    await reader.close();
  });

  /** Runs the look-up, then EXPLAINs every query it sent, with its parameters. */
  async function plansOf(asked: PaymentSubjects): Promise<PlanNode[]> {
    captured.length = 0;
    await findErasedPaymentSubjects(db, asked);
    expect(captured).toHaveLength(1);
    return explainQuery(explainClient, captured[0]!);
  }

  const stepScans = (nodes: PlanNode[]) => nodes.filter((n) => n['Relation Name'] === 'privacy_erasure_steps');

  it('says which customers are erased: deleted at Stripe and the mirror closed to them, not one whose erasure stopped before', async () => {
    const erased = await findErasedPaymentSubjects(db, { customerIds: ['cus_erased_7', `cus_erased_${ERASURES}`, 'cus_alive'], chargeIds: [], paymentIntentIds: [] });
    expect([...erased.customerIds]).toEqual(['cus_erased_7']);
  });

  it.each([
    ['a batch naming customers only', { customerIds: ['cus_erased_7', 'cus_alive', 'cus_other'], chargeIds: [], paymentIntentIds: [] }],
    ['a batch with refunds and disputes', { customerIds: ['cus_erased_7', 'cus_alive'], chargeIds: ['ch_1', 'ch_2'], paymentIntentIds: ['pi_1'] }],
  ] as const)('for %s, finds the steps through the index, never reading every step', async (_name, asked) => {
    const nodes = await plansOf(asked);
    const scans = stepScans(nodes);
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    // An index scan names it; a bitmap scan names it on its Bitmap Index Scan child.
    expect(nodes.map((n) => n['Index Name'])).toContain('privacy_erasure_steps_done_key_idx');
  });
});
