import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { seedDemoCompany } from '../demo/seedDemoCompany.js';
import { refreshRevenueForCustomers } from './refreshCustomerRevenue.js';
import { rebuildRevenue } from './revenueRebuild.js';
import { findRevenueSettings } from './revenueRows.queries.js';
import { revenueSnapshot } from './testing/revenueFixtures.js';

/**
 * The incremental path and `revenue:rebuild` give identical rows on the demo company
 * (issue 9, §5): its subscription history (made through the emulator and the signed
 * webhook path) is recorded again in the order it was first recorded, in transactions
 * of 1 to 9 states, each refreshing its customers with one refreshRevenueForCustomers
 * call as the webhook batch does; then a full rebuild must leave every derived row —
 * movements, change points, dimensions, trials, exclusions and the three rollups —
 * exactly as it found them.
 */
const SIZE = { users: 300, months: 8, payingShare: 0.2, now: Date.UTC(2026, 5, 1) / 1000 };
const BATCH_SIZES = [1, 4, 2, 9, 1, 3];

describe('revenue rows: incremental equals rebuild on the demo company', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    await seedDemoCompany({ db: app.db, stripe: app.billing.stripe, emulator: app.billing.emulator!, seed: 42, ...SIZE });
  }, 300_000);
  afterAll(() => app.close());

  it('replaying the recorded history through the incremental path leaves the rows a rebuild gives', async () => {
    const { rows: history } = await sql<{ row: string; customerId: string }>`
      select to_jsonb(h)::text as row, h.customer_id from billing.subscription_history h order by h.id`.execute(app.db);
    expect(new Set(history.map((h) => h.customerId)).size).toBeGreaterThan(20);
    const settings = await findRevenueSettings(app.db);

    // From nothing: no history, and a rebuild of nothing clears every derived row.
    await sql`delete from billing.subscription_history`.execute(app.db);
    await rebuildRevenue(app.db, { settings });
    expect((await revenueSnapshot(app.db)).movements).toEqual([]);

    for (let i = 0, batch = 0; i < history.length; batch++) {
      const states = history.slice(i, i + BATCH_SIZES[batch % BATCH_SIZES.length]!);
      i += states.length;
      await app.db.transaction().execute(async (trx) => {
        await sql`insert into billing.subscription_history
          select * from jsonb_populate_recordset(null::billing.subscription_history, ${`[${states.map((s) => s.row).join(',')}]`}::jsonb)`.execute(trx);
        await refreshRevenueForCustomers(trx, states.map((s) => s.customerId));
      });
    }
    const incremental = await revenueSnapshot(app.db);

    await rebuildRevenue(app.db, { settings });
    const rebuilt = await revenueSnapshot(app.db);
    expect(incremental).toEqual(rebuilt);

    // The comparison covers real work: every kind of movement and all three rollups.
    const kinds = new Set(rebuilt.movements.map((line) => line.split(' ')[3]));
    for (const kind of ['new', 'expansion', 'contraction', 'churn']) expect(kinds).toContain(kind);
    for (const table of ['dailyRollups', 'cohortRollups', 'retentionRollups', 'dimensions', 'trials'] as const) expect(rebuilt[table].length, table).toBeGreaterThan(0);
  });
});
