import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { embeddedList } from '../wire/list.js';
import type { LineInput } from './invoiceLines.js';

/** The legacy Plan view of a recurring Price, still embedded in subscription items. */
export function planFromPrice(price: StripeObject): StripeObject {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  };
}

export function newSubscriptionItem(engine: Engine, subId: string, price: StripeObject, quantity: number, period: { start: number; end: number }, created: number, metadata: Record<string, string> = {}): StripeObject {
  return {
    id: newId('si'),
    object: 'subscription_item',
    billing_thresholds: null,
    created,
    current_period_end: period.end,
    current_period_start: period.start,
    current_trial: null,
    discounts: [],
    metadata,
    plan: planFromPrice(price),
    price: structuredClone(price),
    quantity,
    subscription: subId,
    tax_rates: [],
  };
}

export function itemsOf(sub: StripeObject): StripeObject[] {
  return sub.items.data as StripeObject[];
}

export function setItems(sub: StripeObject, items: StripeObject[]): void {
  sub.items = embeddedList(items, `/v1/subscription_items?subscription=${sub.id}`);
}

/** In classic billing every item shares the subscription's period. */
export function periodOf(sub: StripeObject): { start: number; end: number } {
  const first = itemsOf(sub)[0];
  return { start: (first?.current_period_start as number) ?? (sub.start_date as number), end: (first?.current_period_end as number) ?? (sub.start_date as number) };
}

export function setPeriod(sub: StripeObject, period: { start: number; end: number }): void {
  setItems(
    sub,
    itemsOf(sub).map((i) => ({ ...i, current_period_start: period.start, current_period_end: period.end })),
  );
}

export function productName(engine: Engine, price: StripeObject): string {
  return (engine.store.get('product', price.product as string)?.name as string | undefined) ?? 'Product';
}

export function formatMoney(amount: number, currency: string): string {
  const sign = amount < 0 ? '-' : '';
  const symbol = currency.toLowerCase() === 'usd' ? '$' : currency.toLowerCase() === 'eur' ? '€' : currency.toLowerCase() === 'gbp' ? '£' : `${currency.toUpperCase()} `;
  return `${sign}${symbol}${(Math.abs(amount) / 100).toFixed(2)}`;
}

function intervalLabel(price: StripeObject): string {
  const r = price.recurring;
  if (!r) return '';
  return r.interval_count === 1 ? ` / ${r.interval}` : ` / every ${r.interval_count} ${r.interval}s`;
}

/** Full-period charge lines for a set of items, as on a cycle invoice. */
export function periodLines(engine: Engine, sub: StripeObject, items: Array<{ id: string; price: StripeObject; quantity: number }>, period: { start: number; end: number }, trial = false): LineInput[] {
  return items.map((i) => {
    const name = productName(engine, i.price);
    const unit = i.price.unit_amount as number;
    return {
      amount: trial ? 0 : unit * i.quantity,
      description: trial ? `Trial period for ${name}` : `${i.quantity} × ${name} (at ${formatMoney(unit, i.price.currency as string)}${intervalLabel(i.price)})`,
      period,
      price: i.price,
      quantity: i.quantity,
      subscription: sub.id,
      subscriptionItem: i.id,
    };
  });
}

/** Pending (not yet invoiced) invoice items of a subscription, e.g. earlier prorations. */
export function pendingItemLines(engine: Engine, customerId: string, subId: string | null): LineInput[] {
  return engine.store
    .list('invoiceitem', (ii) => ii.customer === customerId && ii.invoice === null && (subId === null || ii.parent?.subscription_details?.subscription === subId))
    .reverse()
    .map((ii) => ({
      amount: ii.amount as number,
      description: ii.description as string,
      period: ii.period as { start: number; end: number },
      price: ii.pricing?.price_details?.price ? (engine.store.get('price', ii.pricing.price_details.price as string) ?? null) : null,
      quantity: ii.quantity as number,
      proration: ii.proration as boolean,
      subscription: (ii.parent?.subscription_details?.subscription as string | undefined) ?? null,
      subscriptionItem: (ii.parent?.subscription_details?.subscription_item as string | undefined) ?? null,
      invoiceItem: ii.id,
    }));
}

export function newInvoiceItem(engine: Engine, customer: StripeObject, line: LineInput): StripeObject {
  const ii: StripeObject = {
    id: newId('ii'),
    object: 'invoiceitem',
    amount: line.amount,
    currency: (line.price?.currency as string | undefined) ?? (customer.currency as string | null) ?? 'usd',
    customer: customer.id,
    customer_account: null,
    date: engine.now(customer.id),
    description: line.description,
    discountable: true,
    discounts: [],
    invoice: null,
    livemode: false,
    metadata: {},
    net_amount: line.amount,
    parent: line.subscription
      ? { type: 'subscription_details', subscription_details: { subscription: line.subscription, subscription_item: line.subscriptionItem ?? null } }
      : null,
    period: line.period,
    pricing: line.price ? { type: 'price_details', price_details: { price: line.price.id, product: line.price.product }, unit_amount_decimal: String(line.price.unit_amount) } : null,
    proration: !!line.proration,
    quantity: line.quantity ?? 1,
    tax_rates: [],
    test_clock: customer.test_clock ?? null,
  };
  engine.store.insert(ii);
  engine.bus.emit('invoiceitem.created', ii);
  return ii;
}
