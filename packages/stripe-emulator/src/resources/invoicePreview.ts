import type { StripeObject } from '../store.js';
import { buildInvoice } from '../billing/invoiceBuild.js';
import { nextPeriodEnd } from '../billing/periods.js';
import { planItemUpdate } from '../billing/proration.js';
import { pendingItemLines, periodLines, periodOf } from '../billing/subscriptionItems.js';
import { invalidRequest } from '../wire/errors.js';
import { int, obj, objArr, oneOf, reqStr, str, type Params } from '../wire/params.js';
import type { Api } from './common.js';
import { getCustomer } from './customers.js';


/**
 * POST /v1/invoices/create_preview. With subscription_details[items] it previews a plan
 * change: `always_invoice` (or an interval change) → the invoice the update will create
 * now; otherwise → the next renewal invoice including the new prorations.
 */
export function previewInvoice(api: Api, p: Params): StripeObject {
  const { engine } = api;
  const subId = str(p, 'subscription');
  const sub = subId ? engine.store.require('subscription', subId, 'subscription') : undefined;
  const customer = getCustomer(api, (sub?.customer as string | undefined) ?? reqStr(p, 'customer'));
  if (!sub) {
    const now = engine.now(customer.id);
    const lines = pendingItemLines(engine, customer.id, null);
    if (!lines.length) throw invalidRequest('No upcoming invoices for customer: ' + customer.id, undefined, 'invoice_upcoming_none');
    return buildInvoice(engine, { customer, lines, billingReason: 'manual', periodStart: now, periodEnd: now, preview: true });
  }
  if (sub.status === 'canceled') throw invalidRequest(`No upcoming invoices for subscription: ${sub.id}`, 'subscription', 'invoice_upcoming_none');
  const details = obj(p, 'subscription_details') ?? {};
  const behavior = oneOf(details, 'proration_behavior', ['create_prorations', 'none', 'always_invoice'], 'subscription_details[proration_behavior]') ?? 'create_prorations';
  const prorationDate = int(details, 'proration_date', 'subscription_details[proration_date]');
  const plan = planItemUpdate(engine, sub, objArr(details, 'items'), prorationDate, 'subscription_details[items]');
  const period = periodOf(sub);
  const pending = pendingItemLines(engine, customer.id, sub.id);
  const prorations = behavior === 'none' ? [] : plan.prorationLines;
  const first = plan.items[0]!.price;
  if (behavior === 'always_invoice' || plan.resetPeriod) {
    const start = plan.prorationDate;
    const newPeriod = { start, end: nextPeriodEnd(start, start, first.recurring.interval, first.recurring.interval_count) };
    const lines = [...pending, ...prorations, ...(plan.resetPeriod ? periodLines(engine, sub, plan.items, newPeriod) : [])];
    return buildInvoice(engine, { customer, subscription: sub, lines, billingReason: 'subscription_update', periodStart: period.start, periodEnd: period.end, prorationDate: plan.prorationDate, preview: true });
  }
  const next = { start: period.end, end: nextPeriodEnd(sub.billing_cycle_anchor as number, period.end, first.recurring.interval, first.recurring.interval_count) };
  const lines = [...pending, ...prorations, ...periodLines(engine, sub, plan.items, next)];
  return buildInvoice(engine, { customer, subscription: sub, lines, billingReason: 'subscription_cycle', periodStart: next.start, periodEnd: next.end, prorationDate: plan.prorationDate, preview: true });
}
