import { sql } from 'kysely';
import { aggregatePeriods, customerTimeline, periodsBetween, type TRevenueFilter } from '@opsdesk/shared';
import { monthly, subscription } from '@opsdesk/shared/revenue/revenue.testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HANG_BOUND_MS } from '../../testing/bounded.js';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import { lockMirrorWrites } from '../billing/mirror/mirror.queries.js';
import { refreshCustomerRevenue, refreshRevenueForCustomers } from './refreshCustomerRevenue.js';
import { findRevenueSeries } from './revenue.service.js';
import { findPlanMix } from './revenueMix.queries.js';
import { rebuildRevenue } from './revenueRebuild.js';
import { expectedRows, insertStates, revenueSnapshot, SCENARIO, SETTINGS, statesByCustomer, storedRows } from './testing/revenueFixtures.js';

/** Holds the billing mirror's write lock (the real lockMirrorWrites) in a transaction until released. */
async function holdMirrorWriteLock(database: TestDatabase) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = database.db.transaction().execute(async (trx) => {
    await lockMirrorWrites(trx);
    locked();
    await released;
  });
  await isLocked;
  return {
    async untilWaiters(count: number) {
      const deadline = Date.now() + HANG_BOUND_MS;
      for (;;) {
        const { rows } = await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
        if (rows[0]!.waiting >= count) return;
        if (Date.now() > deadline) throw new Error(`Only ${rows[0]!.waiting} of ${count} transactions queued on the mirror write lock.`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async release() {
      release();
      await holder;
    },
  };
}

describe('revenue rows from the subscription history (real PostgreSQL)', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
    await insertStates(database.db, SCENARIO);
  });
  afterEach(() => database.drop());

  it('rebuild gives the rows the engine gives, for every policy', async () => {
    const result = await rebuildRevenue(database.db, { settings: SETTINGS, batchSize: 3 });
    expect(result).toEqual({ scope: 'all', customers: 8, resumed: false });
    const stored = await storedRows(database.db);
    const expected = expectedRows(SCENARIO);
    expect(stored.changes).toEqual(expected.changes);
    expect(stored.movements).toEqual(expected.movements);
    // The policies really differ on this history, so the comparison means something.
    expect(new Set(expected.movements.map((m) => m.split(' ')[0])).size).toBe(4);
    expect(expected.movements.filter((m) => m.startsWith('stripe '))).not.toEqual(expected.movements.filter((m) => m.startsWith('baremetrics ')).map((m) => m.replace('baremetrics', 'stripe')));

    const { rows: excluded } = await sql<{ subscriptionId: string; currency: string }>`select subscription_id, currency from revenue.excluded_subscriptions`.execute(database.db);
    expect(excluded).toEqual([{ subscriptionId: 'sub_g', currency: 'eur' }]);
    const { rows: trials } = await sql<{ subscriptionId: string; startedDay: string; convertedDay: string }>`
      select subscription_id, to_char(started_day, 'YYYY-MM-DD') as started_day, to_char(converted_day, 'YYYY-MM-DD') as converted_day from revenue.trials`.execute(database.db);
    expect(trials).toEqual([{ subscriptionId: 'sub_f', startedDay: '2025-01-01', convertedDay: '2025-01-15' }]);
    const { rows: sources } = await sql<{ sourceEventId: string | null }>`
      select source_event_id from revenue.movements where policy = 'stripe' and customer_id = 'cus_a' order by day`.execute(database.db);
    expect(sources.every((s) => s.sourceEventId?.startsWith('evt_test_'))).toBe(true);
  });

  it('rebuilding twice gives the same rows', async () => {
    await rebuildRevenue(database.db, { settings: SETTINGS });
    const first = await storedRows(database.db);
    await rebuildRevenue(database.db, { settings: SETTINGS, batchSize: 2 });
    const second = await storedRows(database.db);
    expect(second.changes).toEqual(first.changes);
    expect(second.movements).toEqual(first.movements);
  });

  it('an interrupted rebuild resumes after the last customer done and ends with the full rows', async () => {
    await rebuildRevenue(database.db, { settings: SETTINGS });
    const complete = await storedRows(database.db);

    let batches = 0;
    const interrupted = rebuildRevenue(database.db, {
      settings: SETTINGS,
      batchSize: 3,
      onBatch: () => {
        if (++batches === 1) throw new Error('killed');
      },
    });
    await expect(interrupted).rejects.toThrow('killed');
    const { rows: state } = await sql<{ lastCustomerId: string; customersDone: string; completedAt: Date | null }>`
      select last_customer_id, customers_done, completed_at from revenue.rebuild_state where scope = 'all'`.execute(database.db);
    expect(state).toEqual([{ lastCustomerId: 'cus_c', customersDone: '3', completedAt: null }]);

    const resumed = await rebuildRevenue(database.db, { settings: SETTINGS, batchSize: 3, onBatch: () => void batches++ });
    expect(resumed).toEqual({ scope: 'all', customers: 8, resumed: true });
    expect(batches).toBe(3); // the two remaining batches (cus_d..cus_f, cus_g..cus_h), not the first again
    const after = await storedRows(database.db);
    expect(after.changes).toEqual(complete.changes);
    expect(after.movements).toEqual(complete.movements);
  });

  it('one policy alone rebuilds only its rows', async () => {
    await rebuildRevenue(database.db, { settings: SETTINGS });
    await sql`update revenue.movements set amount_cents = 0 where policy in ('stripe', 'profitwell')`.execute(database.db);
    await rebuildRevenue(database.db, { settings: SETTINGS, policy: 'stripe' });
    const { rows } = await sql<{ policy: string; zeroed: string }>`
      select policy, count(*) filter (where amount_cents = 0) as zeroed from revenue.movements group by policy order by policy`.execute(database.db);
    expect(rows.find((r) => r.policy === 'stripe')!.zeroed).toBe('0');
    expect(Number(rows.find((r) => r.policy === 'profitwell')!.zeroed)).toBeGreaterThan(0);
  });

  it('refreshCustomerRevenue after a new history row updates that customer only', async () => {
    await rebuildRevenue(database.db, { settings: SETTINGS });
    const before = await storedRows(database.db);
    const cancel = subscription('sub_a', 'cus_a', { at: '2025-06-05T08:00:00Z', status: 'canceled', items: [monthly(4900)] });
    await database.db.transaction().execute(async (trx) => {
      await insertStates(trx, cancel);
      await refreshCustomerRevenue(trx, 'cus_a');
    });
    const after = await storedRows(database.db);
    const expected = expectedRows([...SCENARIO, ...cancel]);
    expect(after.changes).toEqual(expected.changes);
    expect(after.movements).toEqual(expected.movements);
    expect(after.movements).toContain('stripe cus_a 2025-06-05 churn -4900 4900→0');
    // Every other customer's movement rows are the very same rows (same ids): untouched.
    for (const [line, id] of before.movementIds) if (!line.includes(' cus_a ')) expect(after.movementIds.get(line)).toBe(id);
  });

  it('two events of one customer refreshed in concurrent transactions leave the rows of both', async () => {
    await rebuildRevenue(database.db, { settings: SETTINGS });
    const upgrade = subscription('sub_c1', 'cus_c', { at: '2025-06-01T08:00:00Z', items: [monthly(3900)] });
    const second = subscription('sub_c3', 'cus_c', { at: '2025-06-02T08:00:00Z', items: [monthly(1000)] });
    // Both transactions record their state without the mirror's lock (as a staff action might), then
    // queue on it inside the refresh: the refresh's own lock is the mirror's, so they take turns.
    const barrier = await holdMirrorWriteLock(database);
    const events = Promise.all(
      [upgrade, second].map((states) =>
        database.db.transaction().execute(async (trx) => {
          await insertStates(trx, states);
          await refreshCustomerRevenue(trx, 'cus_c');
        }),
      ),
    );
    await barrier.untilWaiters(2);
    await barrier.release();
    await events;
    const after = await storedRows(database.db);
    const expected = expectedRows([...SCENARIO, ...upgrade, ...second]);
    expect(after.changes).toEqual(expected.changes);
    expect(after.movements).toEqual(expected.movements);
  });

  it('rows and rollups kept incrementally, state by state and in batches, equal a rebuild’s', async () => {
    const history = SCENARIO;
    await sql`delete from billing.subscription_history`.execute(database.db);
    await rebuildRevenue(database.db, { settings: SETTINGS });
    // One state at a time, each refreshed in its own transaction (the webhook path)...
    for (const state of history.slice(0, 12)) {
      await database.db.transaction().execute(async (trx) => {
        await insertStates(trx, [state]);
        await refreshCustomerRevenue(trx, state.customerId);
      });
    }
    // ...then the rest in batches of several customers, one call per batch.
    for (let i = 12; i < history.length; i += 3) {
      const batch = history.slice(i, i + 3);
      await database.db.transaction().execute(async (trx) => {
        await insertStates(trx, batch);
        await refreshRevenueForCustomers(trx, batch.map((s) => s.customerId));
      });
    }
    const incremental = await revenueSnapshot(database.db);
    await rebuildRevenue(database.db, { settings: SETTINGS });
    const rebuilt = await revenueSnapshot(database.db);
    expect(incremental).toEqual(rebuilt);
    expect(rebuilt.movements).toHaveLength(expectedRows(history).movements.length);
    // Every level of detail is there: 8 per (policy, day, kind).
    expect(new Set(rebuilt.dailyRollups.map((line) => line.split(' ')[1]))).toEqual(new Set(['0', '1', '2', '3', '4', '5', '6', '7']));
    expect(rebuilt.retentionRollups.length).toBeGreaterThan(0);
    expect(statesByCustomer(history).size).toBe(8);
  });

  it('a customer whose every movement goes away leaves no empty rollup row behind', async () => {
    await rebuildRevenue(database.db, { settings: SETTINGS });
    await database.db.transaction().execute(async (trx) => {
      await sql`delete from billing.subscription_history where customer_id = 'cus_h'`.execute(trx);
      await refreshCustomerRevenue(trx, 'cus_h');
    });
    const incremental = await revenueSnapshot(database.db);
    expect(incremental.movements.some((line) => line.includes(' cus_h '))).toBe(false);
    await rebuildRevenue(database.db, { settings: SETTINGS });
    expect(incremental).toEqual(await revenueSnapshot(database.db));
  });

  it('every filter reads its own rollup level: the series equal the engine over the customers the filter keeps', async () => {
    await sql`insert into billing.customers (id, email, name, created, as_of, data)
      select id, id || '@example.test', id, now(), 1, jsonb_build_object('address', jsonb_build_object('country', country))
      from (values ('cus_a', 'us'), ('cus_b', 'GB'), ('cus_c', 'US'), ('cus_h', 'US')) as c(id, country)`.execute(database.db);
    await rebuildRevenue(database.db, { settings: SETTINGS });
    // A change after the rebuild, kept by delta: cus_d moves to a yearly price (its interval dimension changes).
    const yearly = subscription('sub_d', 'cus_d', { at: '2025-05-10T00:00:00Z', items: [monthly(60000, { interval: 'year' })] });
    await database.db.transaction().execute(async (trx) => {
      await insertStates(trx, yearly);
      await refreshCustomerRevenue(trx, 'cus_d');
    });
    const states = statesByCustomer([...SCENARIO, ...yearly]);
    const { rows: dims } = await sql<{ customerId: string; plan: string | null; billingInterval: string | null; country: string | null }>`
      select customer_id, plan, billing_interval, country from revenue.customer_dimensions`.execute(database.db);
    const filters: TRevenueFilter[] = [{}, { country: 'us' }, { billingInterval: 'year' }, { billingInterval: 'month', country: 'US' }, { plan: 'prod_pro' }, { plan: 'prod_pro', billingInterval: 'month', country: 'GB' }, { country: 'FR' }];
    const range = { policy: 'stripe' as const, from: '2025-01-01', to: '2025-06-30' };
    for (const filter of filters) {
      const kept = dims.filter((d) => (!filter.plan || d.plan === filter.plan) && (!filter.billingInterval || d.billingInterval === filter.billingInterval) && (!filter.country || d.country === filter.country.toUpperCase()));
      const timelines = new Map(kept.map((d) => [d.customerId, customerTimeline(states.get(d.customerId)!, { policy: 'stripe', ...SETTINGS })]));
      for (const interval of ['month', 'week'] as const) {
        const series = await findRevenueSeries(database.db, { ...range, interval, filter });
        const engine = aggregatePeriods(timelines, periodsBetween(range.from, range.to, interval));
        const label = JSON.stringify({ filter, interval });
        expect(series.periods.map((p) => [p.mrrStart, p.mrr, p.customers, p.movements, p.movementCounts]), label).toEqual(engine.map((p) => [p.mrrStart, p.mrr, p.customers, p.movements, p.movementCounts]));
        expect(series.periods.map((p) => [p.nrr, p.grr]), label).toEqual(engine.map((p) => (p.mrrStart === 0 ? [null, null] : [p.retainedMrr / p.mrrStart, p.retainedMrrCapped / p.mrrStart])));
      }
      const mix = await findPlanMix(database.db, { ...range, filter });
      expect(mix.reduce((sum, p) => sum + p.mrr, 0), JSON.stringify(filter)).toBe((await findRevenueSeries(database.db, { ...range, interval: 'month', filter })).periods.at(-1)!.mrr);
    }
    // The filters really split the company: the US customers are some, not all, and the yearly ones include cus_d now.
    expect(dims.filter((d) => d.country === 'US').map((d) => d.customerId).sort()).toEqual(['cus_a', 'cus_c', 'cus_h']);
    expect(dims.filter((d) => d.billingInterval === 'year').map((d) => d.customerId).sort()).toEqual(['cus_d', 'cus_h']);
  });
});
