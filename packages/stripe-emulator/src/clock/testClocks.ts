import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { buildInvoice, subscriptionIdOf } from '../billing/invoiceBuild.js';
import { DAY } from '../billing/periods.js';
import { itemsOf, pendingItemLines, periodLines, periodOf } from '../billing/subscriptionItems.js';
import { endTrial, renewSubscription, retryInvoice } from '../billing/subscriptionLifecycle.js';
import { voidInvoice } from '../billing/invoiceStatus.js';

export function newTestClock(engine: Engine, frozenTime: number, name: string | null): StripeObject {
  const clock: StripeObject = {
    id: newId('clock'),
    object: 'test_helpers.test_clock',
    created: engine.realNow(),
    deletes_after: engine.realNow() + 30 * DAY,
    frozen_time: frozenTime,
    livemode: false,
    name,
    status: 'ready',
    status_details: {},
  };
  engine.store.insert(clock);
  engine.bus.emit('test_helpers.test_clock.created', clock);
  return clock;
}

interface DueAction {
  at: number;
  run: () => void;
}

/** Everything time-driven for the clock's customers that falls due at or before `until`. */
function dueActions(engine: Engine, clockId: string, until: number): DueAction[] {
  const customers = new Set(engine.store.list('customer', (c) => c.test_clock === clockId).map((c) => c.id));
  const actions: DueAction[] = [];
  const add = (at: number, run: () => void) => {
    if (at <= until) actions.push({ at, run });
  };
  for (const sub of engine.store.list('subscription', (s) => customers.has(s.customer as string))) {
    const state = engine.sub(sub.id);
    const status = sub.status as string;
    if (status === 'canceled' || status === 'incomplete_expired') continue;
    if (status === 'incomplete') {
      add((sub.created as number) + engine.settings.incompleteExpirySeconds, () => expireIncomplete(engine, sub));
      continue;
    }
    const pause = sub.pause_collection as { resumes_at: number | null } | null;
    if (pause?.resumes_at) {
      add(pause.resumes_at, () => engine.update(sub, 'customer.subscription.updated', (s) => (s.pause_collection = null)));
    }
    if (status === 'trialing' && sub.trial_end) {
      const trialEnd = sub.trial_end as number;
      if (!state.trialWillEndSent) {
        add(Math.max(trialEnd - 3 * DAY, sub.created as number), () => {
          state.trialWillEndSent = true;
          engine.bus.emit('customer.subscription.trial_will_end', sub);
        });
      }
      add(trialEnd, () => endTrial(engine, sub, trialEnd));
      continue;
    }
    if (status === 'paused') continue;
    const period = periodOf(sub);
    if (sub.cancel_at && (sub.cancel_at as number) < period.end) {
      add(sub.cancel_at as number, () => renewSubscription(engine, Object.assign(sub, { cancel_at_period_end: true })));
      continue;
    }
    const days = engine.settings.upcomingDays;
    if (days !== null && !sub.cancel_at_period_end && state.upcomingSentForPeriodEnd !== period.end && status !== 'unpaid') {
      add(Math.max(period.end - days * DAY, period.start), () => {
        state.upcomingSentForPeriodEnd = period.end;
        emitUpcoming(engine, sub);
      });
    }
    add(period.end, () => renewSubscription(engine, sub));
  }
  for (const inv of engine.store.list('invoice', (i) => customers.has(i.customer as string) && i.status === 'open' && i.next_payment_attempt !== null)) {
    add(inv.next_payment_attempt as number, () => retryInvoice(engine, inv));
  }
  return actions;
}

function expireIncomplete(engine: Engine, sub: StripeObject): void {
  for (const inv of engine.store.list('invoice', (i) => subscriptionIdOf(i) === sub.id && i.status === 'open')) voidInvoice(engine, inv);
  engine.update(sub, 'customer.subscription.updated', (s) => {
    s.status = 'incomplete_expired';
    s.ended_at = engine.now(s.customer as string);
  });
}

/** invoice.upcoming carries the next renewal invoice, which has no id yet. */
function emitUpcoming(engine: Engine, sub: StripeObject): void {
  const customer = engine.store.require('customer', sub.customer);
  const period = periodOf(sub);
  const first = itemsOf(sub)[0]!.price as StripeObject;
  const nextEnd = Math.max(period.end + 1, period.end + (first.recurring.interval === 'year' ? 365 : 30) * DAY);
  const items = itemsOf(sub).map((i) => ({ id: i.id, price: i.price as StripeObject, quantity: (i.quantity as number) ?? 1 }));
  const preview = buildInvoice(engine, {
    customer,
    subscription: sub,
    lines: [...pendingItemLines(engine, customer.id, sub.id), ...periodLines(engine, sub, items, { start: period.end, end: nextEnd })],
    billingReason: 'upcoming',
    periodStart: period.end,
    periodEnd: nextEnd,
    preview: true,
  });
  delete (preview as Partial<StripeObject>).id;
  engine.bus.emit('invoice.upcoming', preview);
}

/**
 * Moves a test clock forward, running every due renewal, trial end and dunning retry in
 * time order; each step's events carry the clock time at which it happened.
 */
export function advanceTestClock(engine: Engine, clock: StripeObject, target: number): void {
  engine.update(clock, 'test_helpers.test_clock.advancing', (c) => (c.status = 'advancing'));
  for (let guard = 0; guard < 100_000; guard++) {
    const actions = dueActions(engine, clock.id, target);
    if (actions.length === 0) break;
    actions.sort((a, b) => a.at - b.at);
    const next = actions[0]!;
    if (next.at > (clock.frozen_time as number)) clock.frozen_time = next.at;
    next.run();
    engine.bus.flush();
  }
  clock.frozen_time = target;
  engine.update(clock, 'test_helpers.test_clock.ready', (c) => (c.status = 'ready'));
}
