import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import { down, up } from './0010_revenue_history_columns.js';

/** Rows recorded before the columns existed get what the event ledger and the mirror still know. */
describe('migration 0010: period end, currency and discounts on subscription history', () => {
  let database: TestDatabase;
  let db: Kysely<any>;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db as unknown as Kysely<any>;
    await down(db);
    const payload = { id: 'evt_old', type: 'customer.subscription.updated', created: 1738368000, data: { object: { id: 'sub_old', object: 'subscription', currency: 'USD', items: { data: [{ current_period_end: 1740787200 }] }, discounts: ['di_old'] } } };
    await sql`insert into ops.stripe_events (id, type, created, payload, status) values ('evt_old', 'customer.subscription.updated', now(), ${JSON.stringify(payload)}::jsonb, 'processed')`.execute(db);
    await sql`insert into billing.coupons (id, duration, duration_in_months, percent_off, amount_off, currency, valid, created, as_of, data)
      values ('co_half', 'forever', null, 50, null, null, true, now(), 1, '{}')`.execute(db);
    const item = (currency: string) => JSON.stringify([{ unitAmount: 1000, currency, interval: 'month', intervalCount: 1, usageType: 'licensed' }]);
    await sql`insert into billing.subscription_history (subscription_id, customer_id, effective_at, source, source_id, status, cancel_at_period_end, items, coupon_ids) values
      ('sub_old', 'cus_old', '2025-02-01T00:00:00Z', 'event', 'evt_old', 'active', false, ${item('usd')}::jsonb, '{co_half}'),
      ('sub_eur', 'cus_eur', '2025-02-01T00:00:00Z', 'fetch', 'backfill@1', 'active', false, ${item('EUR')}::jsonb, '{co_gone}')`.execute(db);
    await up(db);
  });
  afterAll(() => database?.drop());

  const row = async (subscriptionId: string) =>
    (await sql<{ currentPeriodEnd: Date | null; currency: string | null; discounts: unknown }>`
      select current_period_end, currency, discounts from billing.subscription_history where subscription_id = ${subscriptionId}`.execute(db)).rows[0]!;

  it('fills period end and currency from the stored event, and discounts from coupons still mirrored', async () => {
    const filled = await row('sub_old');
    expect(filled.currentPeriodEnd?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(filled.currency).toBe('usd');
    expect(filled.discounts).toEqual([{ discountId: null, couponId: 'co_half', duration: 'forever', durationInMonths: null, percentOff: 50, amountOff: null, currency: null, start: null, end: null }]);
  });

  it('leaves discounts null (read through coupon_ids) when a coupon is unknown, and takes the items’ currency without an event', async () => {
    const unknown = await row('sub_eur');
    expect(unknown).toEqual({ currentPeriodEnd: null, currency: 'eur', discounts: null });
  });
});
