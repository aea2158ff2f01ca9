import { sql, type CompiledQuery, type Kysely } from 'kysely';
import { monthly, subscription } from '@opsdesk/shared/revenue/revenue.testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema.js';
import { capturingDatabase } from '../../testing/capturingDatabase.js';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import { refreshCustomerRevenue, refreshRevenueForCustomers } from './refreshCustomerRevenue.js';
import { rebuildRevenue } from './revenueRebuild.js';
import { insertStates, revenueSnapshot, SCENARIO, SETTINGS } from './testing/revenueFixtures.js';

/**
 * The refresh leaves out of its write every customer whose computed rows and dimensions
 * are the stored ones (revenueUnchanged.ts): a renewal costs one call (the lock and the read), and
 * whatever does change — revenue, or only a dimension — still reaches the rows and the
 * rollups exactly as a rebuild would leave them.
 */
describe('revenue refresh: customers whose revenue did not change are not written', () => {
  let database: TestDatabase;
  let counted: Kysely<Database>;
  const statements: CompiledQuery[] = [];
  beforeEach(async () => {
    database = await createTestDatabase();
    await insertStates(database.db, SCENARIO);
    await rebuildRevenue(database.db, { settings: SETTINGS });
    // Every statement is recorded.
    counted = capturingDatabase(database.url, 1, statements);
    await counted.transaction().execute((trx) => refreshCustomerRevenue(trx, 'cus_c'));
  });
  afterEach(async () => {
    await counted.destroy();
    await database.drop();
  });

  async function refreshCounting(customerIds: string[], before: (trx: Kysely<Database>) => Promise<unknown>): Promise<string[]> {
    return counted.transaction().execute(async (trx) => {
      await before(trx);
      statements.length = 0;
      await refreshRevenueForCustomers(trx, customerIds);
      return statements.map((statement) => statement.sql);
    });
  }

  it('a renewal (the latest state again, the period a month on) is one statement, the read, and writes nothing', async () => {
    const snapshot = await revenueSnapshot(database.db);
    const renewal = subscription('sub_a', 'cus_a', { at: '2025-06-20T10:00:00Z', items: [monthly(4900)] });
    const issued = await refreshCounting(['cus_a'], (trx) => insertStates(trx, renewal));
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatch(/^select called\.row::text as row from revenue\.refresh_read_[0-9a-f]+\(/);
    expect(await revenueSnapshot(database.db)).toEqual(snapshot);
  });

  it('a seat added is written: rows and rollups as a rebuild gives them', async () => {
    const seat = subscription('sub_a', 'cus_a', { at: '2025-06-20T10:00:00Z', items: [monthly(4900, { quantity: 2 })] });
    const issued = await refreshCounting(['cus_a'], (trx) => insertStates(trx, seat));
    expect(issued.map((text) => /revenue\.(refresh_\w+?)_/.exec(text)?.[1])).toEqual(['refresh_read', 'refresh_write']);
    const incremental = await revenueSnapshot(database.db);
    expect(incremental.movements.filter((line) => line.startsWith('stripe cus_a 2025-06-20 expansion 4900 '))).toHaveLength(1);
    await rebuildRevenue(database.db, { settings: SETTINGS });
    expect(incremental).toEqual(await revenueSnapshot(database.db));
  });

  it('a dimension that moved without any revenue change (the product named) still moves the rollups', async () => {
    const before = await revenueSnapshot(database.db);
    // Every customer of the scenario is on prod_pro: all of them are refreshed, as a rebuild would.
    const customers = [...new Set(SCENARIO.map((s) => s.customerId))];
    const issued = await refreshCounting(customers, (trx) => sql`
      insert into billing.products (id, name, active, created, as_of, data) values ('prod_pro', 'Pro plan', true, now(), 1, '{}')`.execute(trx));
    expect(issued.map((text) => /revenue\.(refresh_\w+?)_/.exec(text)?.[1])).toEqual(['refresh_read', 'refresh_write']);
    const incremental = await revenueSnapshot(database.db);
    expect(incremental.dimensions).not.toEqual(before.dimensions);
    expect(incremental.dailyRollups.some((line) => line.includes('Pro plan'))).toBe(true);
    await rebuildRevenue(database.db, { settings: SETTINGS });
    expect(incremental).toEqual(await revenueSnapshot(database.db));
  });
});
