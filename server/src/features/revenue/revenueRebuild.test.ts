import { sql } from 'kysely';
import { monthly, subscription } from '@opsdesk/shared/revenue/revenue.testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdLock } from '../../testing/lockBarrier.js';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import { refreshCustomerRevenue } from './refreshCustomerRevenue.js';
import { rebuildRevenue } from './revenueRebuild.js';
import { expectedRows, insertStates, SCENARIO, SETTINGS, storedRows } from './testing/revenueFixtures.js';

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
    // Both transactions record their state, then meet at the barrier before refreshing: they truly overlap.
    const barrier = await holdLock(database, 'lock table revenue.settings in access exclusive mode');
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
});
