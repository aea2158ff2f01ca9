import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { ErasureSubject } from './dataMap.types.js';

/**
 * A data subject with rows in every mapped `app` and `billing` table and in the `ops`
 * tables that are cheap to fill, inserted directly. Its marker is in every personal text
 * and JSON value (never in an id), so a text scan finds what an erasure left behind.
 * `other` is another subject whose rows point at this one's (a member of their workspace,
 * a report on their content) and must survive its erasure.
 */
export interface SeededSubject {
  marker: string;
  subject: ErasureSubject;
  userId: string;
  workspaceId: string;
  contentId: string;
  customerId: string;
}

export async function seedSubject(db: Db, options: { staffId: string; other?: SeededSubject; usageEvents?: number }): Promise<SeededSubject> {
  const q = db.withoutPlugins();
  const marker = `mk${randomBytes(5).toString('hex')}`;
  const userId = randomUUID();
  const workspaceId = randomUUID();
  const contentId = randomUUID();
  const suffix = randomBytes(6).toString('hex');
  const customerId = `cus_${suffix}`;
  const email = `${marker}@example.test`;
  const ids = { invoice: `in_${suffix}`, charge: `ch_${suffix}`, subscription: `sub_${suffix}`, item: `si_${suffix}`, refund: `re_${suffix}`, creditNote: `cn_${suffix}`, dispute: `dp_${suffix}` };
  const other = options.other;

  await sql`insert into app.users (id, email, name, country, created_at, last_seen_at) values (${userId}, ${email}, ${`Name ${marker}`}, 'DE', now() - interval '400 days', now())`.execute(q);
  await sql`insert into app.workspaces (id, name, owner_user_id, plan, stripe_customer_id) values (${workspaceId}, ${`Workspace ${marker}`}, ${userId}, 'pro', ${customerId})`.execute(q);
  await sql`insert into app.workspace_members (workspace_id, user_id, role) values (${workspaceId}, ${userId}, 'owner')`.execute(q);
  await sql`insert into app.sessions (user_id, expires_at, ip, user_agent) values (${userId}, now() + interval '1 day', '10.1.2.3', ${`Browser ${marker}`})`.execute(q);
  await sql`insert into app.content (id, user_id, workspace_id, kind, title, body) values (${contentId}, ${userId}, ${workspaceId}, 'post', ${`Title ${marker}`}, ${`Body ${marker}`})`.execute(q);
  await sql`insert into app.usage_events (workspace_id, user_id, kind, quantity) select ${workspaceId}, ${userId}, 'api_calls', 1 from generate_series(1, ${options.usageEvents ?? 3})`.execute(q);
  await sql`insert into app.usage_events (workspace_id, user_id, kind, quantity) values (${workspaceId}, null, 'storage', 5)`.execute(q);
  await sql`insert into app.moderation_appeals (decision_id, appellant_user_id, statement) values (${randomUUID()}, ${userId}, ${`Appeal ${marker}`})`.execute(q);
  if (other) {
    // This subject joins the other's workspace, reports their content and account; they report this subject's.
    await sql`insert into app.workspace_members (workspace_id, user_id, role) values (${other.workspaceId}, ${userId}, 'member')`.execute(q);
    await sql`insert into app.usage_events (workspace_id, user_id, kind, quantity) values (${other.workspaceId}, ${userId}, 'api_calls', 1)`.execute(q);
    await sql`insert into app.content_reports (content_id, reporter_user_id, reason_code, details) values (${other.contentId}, ${userId}, 'spam', ${`Report ${marker}`})`.execute(q);
    await sql`insert into app.content_reports (content_id, reporter_user_id, reason_code, details) values (${contentId}, ${other.userId}, 'spam', ${`Report by ${other.marker}`})`.execute(q);
    await sql`insert into app.account_reports (reported_user_id, reporter_user_id, reason_code, details) values (${other.userId}, ${userId}, 'other', ${`Account report ${marker}`})`.execute(q);
    await sql`insert into app.account_reports (reported_user_id, reporter_user_id, reason_code, details) values (${userId}, ${other.userId}, 'other', ${`Account report by ${other.marker}`})`.execute(q);
  }

  const customerData = { id: customerId, object: 'customer', email, name: `Name ${marker}`, phone: `+49 ${marker}`, address: { line1: `Street ${marker}`, country: 'DE' }, metadata: { note: marker }, created: 1, currency: 'eur' };
  await sql`insert into billing.customers (as_of, id, email, name, currency, created, data) values (1, ${customerId}, ${email}, ${`Name ${marker}`}, 'eur', now(), ${JSON.stringify(customerData)}::jsonb)`.execute(q);
  const invoiceData = { id: ids.invoice, object: 'invoice', customer: customerId, customer_name: `Name ${marker}`, customer_email: email, customer_address: { line1: `Street ${marker}` }, total: 2000, currency: 'eur', number: `N-${suffix}` };
  await sql`insert into billing.invoices (as_of, id, customer_id, subscription_id, status, number, currency, amount_due, amount_paid, amount_remaining, total, hosted_invoice_url, created, data)
    values (1, ${ids.invoice}, ${customerId}, ${ids.subscription}, 'paid', ${`N-${suffix}`}, 'eur', 2000, 2000, 0, 2000, ${`https://invoice.example/${marker}`}, now(), ${JSON.stringify(invoiceData)}::jsonb)`.execute(q);
  await sql`insert into billing.invoice_lines (id, invoice_id, subscription_id, description, amount, currency, data)
    values (${`il_${suffix}`}, ${ids.invoice}, ${ids.subscription}, '1 × Pro', 2000, 'eur', ${JSON.stringify({ id: `il_${suffix}`, amount: 2000, metadata: { who: marker } })}::jsonb)`.execute(q);
  const chargeData = { id: ids.charge, object: 'charge', customer: customerId, amount: 2000, billing_details: { name: `Name ${marker}`, email }, receipt_email: email };
  await sql`insert into billing.charges (as_of, id, customer_id, amount, currency, status, paid, refunded, disputed, card_brand, card_last4, created, data)
    values (1, ${ids.charge}, ${customerId}, 2000, 'eur', 'succeeded', true, false, true, 'visa', '4242', now(), ${JSON.stringify(chargeData)}::jsonb)`.execute(q);
  await sql`insert into billing.refunds (as_of, id, charge_id, amount, currency, status, created, data) values (1, ${ids.refund}, ${ids.charge}, 500, 'eur', 'succeeded', now(), ${JSON.stringify({ id: ids.refund, amount: 500, metadata: { why: marker } })}::jsonb)`.execute(q);
  await sql`insert into billing.credit_notes (as_of, id, invoice_id, customer_id, amount, total, currency, status, created, data)
    values (1, ${ids.creditNote}, ${ids.invoice}, ${customerId}, 500, 500, 'eur', 'issued', now(), ${JSON.stringify({ id: ids.creditNote, memo: marker, customer: customerId })}::jsonb)`.execute(q);
  await sql`insert into billing.disputes (as_of, id, charge_id, amount, currency, status, created, data)
    values (1, ${ids.dispute}, ${ids.charge}, 2000, 'eur', 'won', now(), ${JSON.stringify({ id: ids.dispute, evidence: { customer_name: `Name ${marker}` } })}::jsonb)`.execute(q);
  await sql`insert into billing.subscriptions (as_of, id, customer_id, status, created, data)
    values (1, ${ids.subscription}, ${customerId}, 'active', now(), ${JSON.stringify({ id: ids.subscription, customer: customerId, metadata: { app_user_email: email } })}::jsonb)`.execute(q);
  await sql`insert into billing.subscription_items (id, subscription_id, price_id, data) values (${ids.item}, ${ids.subscription}, 'price_pro', ${JSON.stringify({ id: ids.item, price: { id: 'price_pro' }, metadata: { seat: marker } })}::jsonb)`.execute(q);
  await sql`insert into billing.subscription_history (subscription_id, customer_id, effective_at, source, source_id, status, cancel_at_period_end, items)
    values (${ids.subscription}, ${customerId}, now(), 'event', 'evt_1', 'active', false, '[{"price": "price_pro", "quantity": 1}]'::jsonb)`.execute(q);
  await sql`insert into billing.upcoming_invoices (as_of, subscription_id, customer_id, amount_due, currency, data)
    values (1, ${ids.subscription}, ${customerId}, 2000, 'eur', ${JSON.stringify({ customer_email: email })}::jsonb)`.execute(q);

  await sql`insert into ops.staff_notes (subject_type, subject_id, author_id, body) values ('customer', ${userId}, ${options.staffId}, ${`Note ${marker}`})`.execute(q);
  await sql`insert into ops.action_requests (action, idempotency_key, requester_id, target_type, target_id, input, preview, reason, status)
    values ('customers.credit', ${`idem-${suffix}`}, ${options.staffId}, 'customer', ${customerId}, ${JSON.stringify({ stripeCustomerId: customerId, note: marker })}::jsonb,
            ${JSON.stringify({ email })}::jsonb, ${`Reason ${marker}`}, 'succeeded')`.execute(q);
  await sql`insert into ops.stripe_events (id, type, created, payload, status)
    values (${`evt_${suffix}`}, 'customer.updated', now(), ${JSON.stringify({ id: `evt_${suffix}`, object: 'event', type: 'customer.updated', data: { object: customerData } })}::jsonb, 'processed')`.execute(q);
  await sql`insert into ops.moderation_events (subject_type, subject_id, kind, actor_label, data) values ('account', ${userId}, 'appeal_decided', 'mod@opsdesk.test', ${JSON.stringify({ outcome: 'upheld', reason: `Because ${marker}` })}::jsonb)`.execute(q);
  await sql`insert into ops.moderation_events (subject_type, subject_id, kind, actor_label, data) values ('content', ${contentId}, 'note', 'mod@opsdesk.test', ${JSON.stringify({ noteId: '1' })}::jsonb)`.execute(q);
  await sql`insert into ops.moderation_notes (subject_type, subject_id, author_id, author_label, body) values ('content', ${contentId}, ${options.staffId}, 'mod@opsdesk.test', ${`Mod note ${marker}`})`.execute(q);
  await sql`insert into ops.moderation_reporter_stats (reporter_user_id, reports, upheld) values (${userId}, 3, 1)`.execute(q);
  await sql`insert into ops.revenue_reconciliation_differences (run_id, customer_id, opsdesk_cents, stripe_cents, difference_cents, reason, note)
    select r.id, ${customerId}, 1, 2, 1, 'missing', ${`Diff ${marker}`} from ops.revenue_reconciliations r limit 1`.execute(q);
  const requestId = randomUUID();
  await sql`insert into ops.privacy_requests (id, kind, subject_kind, subject_value, subject_label, user_id, customer_ids, channel, note, received_at, original_due_on, due_on, created_by)
    values (${requestId}, 'access', 'email', ${email}, ${`Name ${marker}`}, ${userId}, ${[customerId]}, 'email', ${`Please ${marker}`}, now(), current_date + 30, current_date + 30, ${options.staffId})`.execute(q);

  return { marker, userId, workspaceId, contentId, customerId, subject: { userId, customerIds: [customerId], emails: [email], requestIds: [requestId] } };
}

/** `schema.table` → rows whose text holds the marker, over the given tables. */
export async function markerHits(db: Db, tables: readonly string[], marker: string): Promise<Record<string, number>> {
  const hits: Record<string, number> = {};
  for (const table of tables) {
    const [schema, name] = table.split('.');
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(`${schema}.${name}`)} t where t::text like ${`%${marker}%`}`.execute(db.withoutPlugins());
    const n = Number(rows[0]!.n);
    if (n > 0) hits[table] = n;
  }
  return hits;
}
