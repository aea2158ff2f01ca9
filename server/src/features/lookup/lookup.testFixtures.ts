import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * Two John Smiths and their Stripe trail, for the lookup tests: one pays (pro, card
 * 4242, a refund), the other is on the free plan with a failed payment. The ids are
 * fixed so tests can search for them.
 */
export const JOHN_PAYING = {
  userId: '00000000-0000-4000-8000-00000000a001',
  email: 'john.smith@rocketmail.test',
  workspace: 'Rocket Fuel Labs',
  customer: 'cus_JohnRocket01',
  subscription: 'sub_JohnRocket01',
  invoice: 'in_JohnRocket01',
  // As Stripe prints it: the customer's invoice prefix, a dash, the sequence.
  invoiceNumber: 'R0CKE7A1-0003',
  charge: 'ch_JohnRocket01',
  paymentIntent: 'pi_JohnRocket01',
  refund: 're_JohnRocket01',
};
export const JOHN_FREE = {
  userId: '00000000-0000-4000-8000-00000000a002',
  email: 'john.smith@globex.test',
  workspace: 'Globex Tinkering',
  customer: 'cus_JohnGlobex02',
};

export async function insertJohnSmiths(db: Db): Promise<void> {
  await sql`insert into app.users (id, email, name, status, country, created_at) values
    (${JOHN_PAYING.userId}, ${JOHN_PAYING.email}, 'John Smith', 'active', 'GB', '2021-03-04T10:00:00Z'),
    (${JOHN_FREE.userId}, ${JOHN_FREE.email}, 'John Smith', 'suspended', 'US', '2024-07-01T10:00:00Z')`.execute(db);
  await sql`insert into app.workspaces (id, name, owner_user_id, plan, stripe_customer_id) values
    ('00000000-0000-4000-8000-00000000b001', ${JOHN_PAYING.workspace}, ${JOHN_PAYING.userId}, 'pro', ${JOHN_PAYING.customer}),
    ('00000000-0000-4000-8000-00000000b002', ${JOHN_FREE.workspace}, ${JOHN_FREE.userId}, 'free', ${JOHN_FREE.customer})`.execute(db);
  await sql`insert into app.workspace_members (workspace_id, user_id, role) values
    ('00000000-0000-4000-8000-00000000b001', ${JOHN_PAYING.userId}, 'owner'),
    ('00000000-0000-4000-8000-00000000b002', ${JOHN_FREE.userId}, 'owner')`.execute(db);
  await sql`insert into billing.customers (id, email, name, created, as_of, data) values
    (${JOHN_PAYING.customer}, ${JOHN_PAYING.email}, 'John Smith', now(), 0, '{}'),
    (${JOHN_FREE.customer}, ${JOHN_FREE.email}, 'John Smith', now(), 0, '{}')`.execute(db);
  await sql`insert into billing.prices (id, product_id, active, currency, unit_amount, type, recurring_interval, recurring_interval_count, created, as_of, data)
    values ('price_fixture_pro_year', 'prod_fixture', true, 'usd', 120000, 'recurring', 'year', 1, now(), 0, '{}')`.execute(db);
  await sql`insert into billing.subscriptions (id, customer_id, status, created, as_of, data)
    values (${JOHN_PAYING.subscription}, ${JOHN_PAYING.customer}, 'active', now(), 0, '{}')`.execute(db);
  // 2 seats × 1,200.00 a year = 200.00 a month of MRR.
  await sql`insert into billing.subscription_items (id, subscription_id, price_id, quantity, data)
    values ('si_JohnRocket01', ${JOHN_PAYING.subscription}, 'price_fixture_pro_year', 2, '{}')`.execute(db);
  await sql`insert into billing.invoices (id, customer_id, subscription_id, status, number, currency, amount_due, amount_paid, amount_remaining, payment_intent_ids, created, as_of, data)
    values (${JOHN_PAYING.invoice}, ${JOHN_PAYING.customer}, ${JOHN_PAYING.subscription}, 'paid', ${JOHN_PAYING.invoiceNumber}, 'usd', 240000, 240000, 0, array[${JOHN_PAYING.paymentIntent}], now(), 0, '{}')`.execute(db);
  await sql`insert into billing.charges (id, customer_id, payment_intent_id, amount, currency, status, paid, refunded, disputed, card_last4, created, as_of, data) values
    (${JOHN_PAYING.charge}, ${JOHN_PAYING.customer}, ${JOHN_PAYING.paymentIntent}, 240000, 'usd', 'succeeded', true, false, false, '4242', now(), 0, '{}'),
    ('ch_JohnGlobexFail', ${JOHN_FREE.customer}, 'pi_JohnGlobexFail', 900, 'usd', 'failed', false, false, false, '0005', now(), 0, '{}')`.execute(db);
  await sql`insert into billing.refunds (id, charge_id, payment_intent_id, amount, currency, status, created, as_of, data)
    values (${JOHN_PAYING.refund}, ${JOHN_PAYING.charge}, ${JOHN_PAYING.paymentIntent}, 1000, 'usd', 'succeeded', now(), 0, '{}')`.execute(db);
}
