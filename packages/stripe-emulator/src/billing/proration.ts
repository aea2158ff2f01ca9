import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { invalidRequest } from '../wire/errors.js';
import { bool, int, str, type Params } from '../wire/params.js';
import type { LineInput } from './invoiceLines.js';
import { itemsOf, periodOf, productName } from './subscriptionItems.js';

export interface PlannedItem {
  id: string;
  existing: StripeObject | null;
  price: StripeObject;
  quantity: number;
  metadata: Record<string, string>;
}

export interface UpdatePlan {
  items: PlannedItem[];
  removed: StripeObject[];
  prorationLines: LineInput[];
  /** The billing interval changed: the period restarts at the proration date, invoiced now. */
  resetPeriod: boolean;
  prorationDate: number;
  changed: boolean;
}

export function recurringPrice(engine: Engine, id: string, param: string): StripeObject {
  const price = engine.store.require('price', id, param);
  if (!price.recurring) throw invalidRequest(`The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, param);
  return price;
}

/**
 * Computes the result of `items[…]` changes and the proration lines they cause, without
 * touching state. Subscription update and invoice preview both call this, so a preview with
 * the same proration_date bills exactly what the update will.
 */
export function planItemUpdate(engine: Engine, sub: StripeObject, itemParams: Params[] | undefined, prorationDateParam: number | undefined, paramPrefix: string): UpdatePlan {
  const now = engine.now(sub.customer as string);
  const period = periodOf(sub);
  const prorationDate = prorationDateParam ?? now;
  const current = itemsOf(sub);
  const planned = new Map<string, PlannedItem>(
    current.map((i) => [i.id, { id: i.id, existing: i, price: i.price as StripeObject, quantity: (i.quantity as number) ?? 1, metadata: i.metadata as Record<string, string> }]),
  );
  const removed: StripeObject[] = [];
  (itemParams ?? []).forEach((p, idx) => {
    const at = `${paramPrefix}[${idx}]`;
    const id = str(p, 'id', `${at}[id]`);
    const priceId = str(p, 'price', `${at}[price]`) ?? (typeof p.plan === 'string' ? p.plan : undefined);
    const quantity = int(p, 'quantity', `${at}[quantity]`);
    if (quantity !== undefined && quantity < 0) throw invalidRequest('Invalid quantity: must be non-negative', `${at}[quantity]`);
    if (id) {
      const existing = planned.get(id);
      if (!existing) throw invalidRequest(`No such subscription item: '${id}'`, `${at}[id]`, 'resource_missing');
      if (bool(p, 'deleted', `${at}[deleted]`)) {
        planned.delete(id);
        removed.push(existing.existing!);
        return;
      }
      if (priceId) existing.price = recurringPrice(engine, priceId, `${at}[price]`);
      if (quantity !== undefined) existing.quantity = quantity;
      return;
    }
    if (!priceId) throw invalidRequest(`Missing required param: ${at}[price].`, `${at}[price]`, 'parameter_missing');
    const nid = newId('si');
    planned.set(nid, { id: nid, existing: null, price: recurringPrice(engine, priceId, `${at}[price]`), quantity: quantity ?? 1, metadata: {} });
  });
  const items = [...planned.values()];
  if (items.length === 0) throw invalidRequest('A subscription must have at least one active plan.', paramPrefix);
  if (prorationDate < period.start || prorationDate > period.end) {
    throw invalidRequest('proration_date must be within the current billing period.', 'proration_date');
  }

  const first = current[0]!.price as StripeObject;
  const resetPeriod = items.some((i) => i.price.recurring.interval !== first.recurring.interval || i.price.recurring.interval_count !== first.recurring.interval_count);
  const changed = removed.length > 0 || items.some((i) => !i.existing || i.existing.price.id !== i.price.id || (i.existing.quantity ?? 1) !== i.quantity);

  // Stripe prorates by the second: the unused share of the period is credited, the
  // remaining share at the new price is charged. Trials are not prorated.
  const lines: LineInput[] = [];
  if (sub.status !== 'trialing' && period.end > period.start) {
    const share = (period.end - prorationDate) / (period.end - period.start);
    const span = { start: prorationDate, end: period.end };
    const when = new Date(prorationDate * 1000).toUTCString().slice(5, 16);
    const credit = (item: StripeObject) => {
      const price = item.price as StripeObject;
      lines.push({
        amount: -Math.round((price.unit_amount as number) * ((item.quantity as number) ?? 1) * share),
        description: `Unused time on ${((item.quantity as number) ?? 1) > 1 ? `${item.quantity} × ` : ''}${productName(engine, price)} after ${when}`,
        period: span,
        price,
        quantity: (item.quantity as number) ?? 1,
        proration: true,
        subscription: sub.id,
        subscriptionItem: item.id,
      });
    };
    for (const r of removed) credit(r);
    for (const i of items) {
      const same = i.existing && i.existing.price.id === i.price.id && (i.existing.quantity ?? 1) === i.quantity;
      if (same) continue;
      if (i.existing) credit(i.existing);
      if (resetPeriod) continue; // the new price is billed for a whole new period instead
      lines.push({
        amount: Math.round((i.price.unit_amount as number) * i.quantity * share),
        description: `Remaining time on ${i.quantity > 1 ? `${i.quantity} × ` : ''}${productName(engine, i.price)} after ${when}`,
        period: span,
        price: i.price,
        quantity: i.quantity,
        proration: true,
        subscription: sub.id,
        subscriptionItem: i.id,
      });
    }
  }
  return { items, removed, prorationLines: lines, resetPeriod, prorationDate, changed };
}
