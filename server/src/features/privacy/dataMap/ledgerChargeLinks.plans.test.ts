import { sql, type CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHARGE_LINKED_EVENT_TYPES_0032 } from '../../../db/migrations/0032_ledger_charge_link_indexes.js';
import type { Database } from '../../../db/schema.js';
import { explainQuery, openPlanReader, type PlanNode, type PlanReader } from '../../../testing/queryPlans.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/testDatabase.js';
import { CHARGE_LINKED_EVENT_TYPES } from '../../billing/webhooks/chargeLinkedEvents.js';
import { countSubjectRows, eraseSubjectRows, maskingKeyFromConfig, type ErasureSubject } from './subjectRows.queries.js';

/**
 * The erasure's ledger step (plan count and masking of ops.stripe_events), EXPLAINed on
 * 100,000 analysed events of which 6,000 are refunds, disputes, reviews and fraud warnings
 * over 3,000 charges: the subject's charge-linked events are looked up in the indexes of
 * migration 0032 by the subject's charges and payment intents. Without them every
 * statement reads all 6,000 through the type index; with them but the link sent as
 * `in (select …)`, it reads one of them whole.
 */
const CUSTOMERS = 5_000;
/** Customer k has charges ch_(4k+1) … ch_(4k+4), payment intents pi_ likewise. */
const CHARGES_PER_CUSTOMER = 4;
const ORDINARY_EVENTS = 94_000;
const CHARGE_LINKED_EVENTS = 6_000;
/** Charge-linked events point to charges 1 … 3,000 (customers 0 … 749), two events each. */
const LINKED_CHARGES = 3_000;
const LEDGER = 'ops.stripe_events';
const LEDGER_INDEXES = ['stripe_events_charge_idx', 'stripe_events_payment_intent_idx'];
const masking = maskingKeyFromConfig({ PRIVACY_MASKING_KEY: undefined, sessionSecret: 'test-secret-of-at-least-some-length' });

const customer = (id: string): ErasureSubject => ({ userId: null, customerIds: [id], emails: [], requestIds: [] });

describe('ledger charge-link indexes (migration 0032)', () => {
  it('are partial on the list of charge-linked event types as it was when they were built: a change to it needs a new migration', () => {
    expect([...CHARGE_LINKED_EVENT_TYPES]).toEqual([...CHARGE_LINKED_EVENT_TYPES_0032]);
  });
});

describe('erasure of the ledger: query plans', () => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let explainClient: pg.Client;
  let reader: PlanReader;
  const captured: CompiledQuery[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ max: 2 });
    await sql`
      insert into billing.charges (as_of, id, customer_id, payment_intent_id, amount, currency, status, paid, refunded, disputed, created, data)
      select 1, 'ch_' || n, 'cus_' || (n - 1) / ${CHARGES_PER_CUSTOMER}, 'pi_' || n, 2000, 'eur', 'succeeded', true, false, false, now() - make_interval(mins => n), '{}'::jsonb
      from generate_series(1, ${CUSTOMERS * CHARGES_PER_CUSTOMER}) n`.execute(database.db);
    // Events that name their customer, each carrying the holder's name.
    await sql`
      insert into ops.stripe_events (id, type, created, payload, status)
      select 'evt_' || n, (array['invoice.paid', 'customer.updated', 'charge.succeeded', 'payment_intent.succeeded', 'customer.subscription.updated'])[1 + n % 5],
             now() - make_interval(mins => n),
             jsonb_build_object('id', 'evt_' || n, 'data', jsonb_build_object('object', jsonb_build_object(
               'id', 'obj_' || n, 'object', 'invoice', 'customer', 'cus_' || n % ${CUSTOMERS}, 'customer_name', 'Holder cus_' || n % ${CUSTOMERS} || '.'))),
             'processed'
      from generate_series(1, ${ORDINARY_EVENTS}) n`.execute(database.db);
    // Events that name no customer: their charge (none on every fourth, found by its
    // payment intent) and evidence naming the charge's customer.
    await sql`
      insert into ops.stripe_events (id, type, created, payload, status)
      select 'evt_linked_' || j, (${[...CHARGE_LINKED_EVENT_TYPES]}::text[])[1 + j % ${CHARGE_LINKED_EVENT_TYPES.length}],
             now() - make_interval(mins => j),
             jsonb_build_object('id', 'evt_linked_' || j, 'data', jsonb_build_object('object', jsonb_build_object(
               'id', 'dp_' || j, 'object', 'dispute', 'charge', case when j % 4 <> 0 then 'ch_' || c end, 'payment_intent', 'pi_' || c,
               'evidence', jsonb_build_object('customer_name', 'Holder cus_' || (c - 1) / ${CHARGES_PER_CUSTOMER} || '.', 'text', repeat('Evidence. ', 40))))),
             'processed'
      from generate_series(1, ${CHARGE_LINKED_EVENTS}) j, lateral (select 1 + j % ${LINKED_CHARGES} as c) charge`.execute(database.db);
    await database.superuserQuery('analyze');
    reader = await openPlanReader(database, 1, captured);
    ({ db, explainClient } = reader);
  }, 120_000);
  afterAll(async () => {
    await reader.close();
  });

  /** Runs the erasure's own function, then EXPLAINs every statement it sent to the ledger, with its parameters. */
  async function withLedgerPlans<T>(run: () => Promise<T>): Promise<{ result: T; plans: PlanNode[][] }> {
    captured.length = 0;
    const result = await run();
    const ledgerQueries = captured.filter((query) => query.sql.includes('"ops"."stripe_events"'));
    const plans: PlanNode[][] = [];
    for (const query of ledgerQueries) {
      plans.push(await explainQuery(explainClient, query));
    }
    return { result, plans };
  }

  /** The ledger reached only through index look-ups: no sequential scan, no type-index scan, no whole partial index. */
  function expectChargeLinkLookups(nodes: PlanNode[]): void {
    const ledgerScans = nodes.filter((n) => n['Relation Name'] === 'stripe_events' || n['Index Name']?.startsWith('stripe_events_'));
    expect(ledgerScans.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(ledgerScans.map((n) => n['Index Name'])).not.toContain('stripe_events_type_idx');
    for (const name of LEDGER_INDEXES) {
      const scans = ledgerScans.filter((n) => n['Index Name'] === name);
      expect(scans, name).not.toEqual([]);
      for (const scan of scans) expect(scan['Index Cond'], `${name} is searched, not read whole`).toMatch(/= ANY/);
    }
  }

  /** Ledger events carrying the holder's name of the customer (the data generator's fact, not the data map's links). */
  async function eventsNaming(customerId: string): Promise<{ all: number; chargeLinked: number }> {
    const { rows } = await sql<{ all: number; charge_linked: number }>`
      select count(*)::int as all, (count(*) filter (where type = any(${[...CHARGE_LINKED_EVENT_TYPES]})))::int as charge_linked
      from ops.stripe_events where payload::text like ${`%Holder ${customerId}.%`}`.execute(database.db.withoutPlugins());
    return { all: rows[0]!.all, chargeLinked: rows[0]!.charge_linked };
  }

  it("counts the subject's ledger events, refunds and disputes of their charges included, through the charge-link indexes", async () => {
    // cus_42's charges ch_169 … ch_172 have two events each; those of ch_169 only by payment intent.
    const subject = await eventsNaming('cus_42');
    expect(subject.chargeLinked).toBe(8);
    const { result: steps, plans } = await withLedgerPlans(() => countSubjectRows(db, customer('cus_42')));
    expect(steps.find((step) => step.table === LEDGER)?.rows).toBe(subject.all);
    expect(plans).toHaveLength(1);
    plans.forEach(expectChargeLinkLookups);
  });

  it("masks the subject's ledger events through the charge-link indexes, and no other customer's", async () => {
    const subject = await eventsNaming('cus_42');
    const other = await eventsNaming('cus_43');
    expect(other.chargeLinked).toBe(8);

    const { result, plans } = await withLedgerPlans(() => db.transaction().execute((trx) => eraseSubjectRows(trx, LEDGER, customer('cus_42'), masking)));
    // The count, the batch bound and the update.
    expect(plans).toHaveLength(3);
    plans.forEach(expectChargeLinkLookups);

    expect(result.rows).toBe(subject.all);
    expect(await eventsNaming('cus_42')).toEqual({ all: 0, chargeLinked: 0 });
    expect(await eventsNaming('cus_43')).toEqual(other);
  });
});
