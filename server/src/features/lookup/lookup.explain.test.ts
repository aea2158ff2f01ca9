import { Kysely, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCustomers } from '../../bench/generateCustomers.js';
import type { Database } from '../../db/schema.js';
import { explainQuery, openPlanReader, type PlanNode, type PlanReader } from '../../testing/queryPlans.js';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { encodeListCursor } from './lookup.cursor.js';
import { findCustomerIdPage, findCustomerMrr } from './lookup.list.queries.js';
import { searchCustomers } from './lookup.service.js';
import { insertJohnSmiths, JOHN_PAYING } from './lookup.testFixtures.js';

/**
 * Every query a search runs, EXPLAINed on 100,000 analysed customers (at 20,000 a sequential scan is honestly cheaper for
 * the planner, and it picks one): the index meant
 * for that kind of search is used, and no big table is read sequentially.
 */
const BIG_TABLES = ['users', 'workspaces', 'workspace_members', 'charges', 'invoices', 'subscriptions'];

describe('lookup query plans', () => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let explainClient: pg.Client;
  let reader: PlanReader;
  const captured: CompiledQuery[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateReferenceProductSchema(database.db);
    await generateCustomers(database.db, { users: 100_000, deferIndexes: true });
    await insertJohnSmiths(database.db);
    await database.superuserQuery('analyze');
    reader = await openPlanReader(database, 2, captured);
    ({ db, explainClient } = reader);
  }, 300_000);
  afterAll(async () => {
    await reader.close();
  });

  async function plansOf(run: () => Promise<unknown>): Promise<PlanNode[][]> {
    captured.length = 0;
    await run();
    // Each query is explained under the settings the search set before it (set_config
    // … true is transaction-local), replayed in a transaction of the explaining client.
    const plans: PlanNode[][] = [];
    let settings: CompiledQuery[] = [];
    for (const query of captured) {
      if (/^\s*(begin|commit|rollback)/i.test(query.sql)) {
        settings = [];
        continue;
      }
      if (query.sql.includes('set_config')) {
        settings.push(query);
        continue;
      }
      await explainClient.query('begin');
      try {
        for (const setting of settings) await explainClient.query(setting.sql, [...setting.parameters]);
        plans.push(await explainQuery(explainClient, query));
      } finally {
        await explainClient.query('rollback');
      }
    }
    return plans;
  }

  it.each([
    // Both btrees on lower(email) answer equality; the planner may take either.
    ['exact email', JOHN_PAYING.email, /^users_email_(key|pattern_idx)$/],
    ['email prefix', 'john.smith@rock', 'users_email_pattern_idx'],
    ['email substring', 'smith@rocketm', 'users_email_trgm_idx'],
    ['misspelt email', 'jonh.smith@rocketmail.test', 'users_email_local_trgm_idx'],
    ['name', 'john smith', 'users_name_trgm_idx'],
    ['misspelt name', 'jonh smith', 'users_name_trgm_idx'],
    ['workspace', 'rocket fuel', 'workspaces_name_trgm_idx'],
    ['domain', '@rocketmail.test', 'users_email_domain_idx'],
    ['cus_', JOHN_PAYING.customer, 'workspaces_stripe_customer_id_key'],
    ['sub_', JOHN_PAYING.subscription, 'subscriptions_pkey'],
    ['pi_', JOHN_PAYING.paymentIntent, 'charges_payment_intent_idx'],
    ['card last 4', '4242 smith', 'charges_card_last4_idx'],
    ['invoice number', JOHN_PAYING.invoiceNumber, 'invoices_number_idx'],
    ['user id', JOHN_PAYING.userId, 'users_pkey'],
  ])('%s (%s) uses %s', async (_kind, q, indexName: string | RegExp) => {
    const plans = await plansOf(() => searchCustomers(db, q, 10));
    const nodes = plans.flat();
    const indexes = nodes.map((n) => n['Index Name']).filter(Boolean);
    expect(indexes.some((name) => (typeof indexName === 'string' ? name === indexName : indexName.test(name!))), `${indexes.join(', ')}`).toBe(true);
    const seqScans = nodes.filter((n) => n['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(n['Relation Name']!));
    expect(seqScans.map((n) => n['Relation Name'])).toEqual([]);
  });

  it("reads a page's MRR through the indexes, never a big table in full", async () => {
    const page = await findCustomerIdPage(db, { filter: {}, sort: 'signup_desc', limit: 50 });
    const plans = await plansOf(() => findCustomerMrr(db, [...page.userIds, JOHN_PAYING.userId]));
    const nodes = plans.flat();
    expect(nodes.map((n) => n['Index Name'])).toEqual(expect.arrayContaining(['users_pkey']));
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(n['Relation Name']!)).map((n) => n['Relation Name'])).toEqual([]);
  });

  it.each([
    ['signup_desc', 'users_created_id_idx'],
    ['email_asc', 'users_email_key'],
  ] as const)('the customer list sorted %s pages through %s', async (sort, indexName) => {
    const first = await findCustomerIdPage(db, { filter: {}, sort, limit: 50 });
    const plans = await plansOf(() => findCustomerIdPage(db, { filter: {}, sort, cursor: first.nextCursor, limit: 50 }));
    const nodes = plans.flat();
    expect(nodes.map((n) => n['Index Name'])).toContain(indexName);
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' || n['Node Type'] === 'Sort')).toEqual([]);
  });

  // The payers' walk sums every live subscription on each page (about 80 ms at 28,000 payers
  // here; docs/customers.md): a hash join is the honest plan for it. The rest must not sort.
  it('the customer list by MRR walks the users without MRR by primary key, never sorting them', async () => {
    const pastThePayers = encodeListCursor({ sort: 'mrr_desc', key: '0', id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' });
    const rest = (await plansOf(() => findCustomerIdPage(db, { filter: {}, sort: 'mrr_desc', cursor: pastThePayers, limit: 50 }))).flat();
    expect(rest.map((n) => n['Index Name'])).toContain('users_pkey');
    expect(rest.filter((n) => (n['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(n['Relation Name']!)) || n['Node Type'] === 'Sort')).toEqual([]);
  });
});
