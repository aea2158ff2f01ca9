import { EventBus, previousAttributes } from './events/eventBus.js';
import { Store, type StripeObject } from './store.js';
import { WebhookDelivery, type WebhookFaults } from './webhooks/delivery.js';

/** What happens when the last dunning retry fails (Stripe's "subscription status" setting). */
export interface DunningSettings {
  /** Days after the first failed attempt at which payment is retried. */
  retryDays: number[];
  onExhausted: 'cancel' | 'unpaid' | 'past_due';
  /** Mark the invoice uncollectible once retries are exhausted (else leave it open). */
  markUncollectible: boolean;
}

export interface BillingSettings {
  dunning: DunningSettings;
  /** invoice.upcoming is sent this many days before a renewal (null: never). */
  upcomingDays: number | null;
  /** An incomplete subscription expires this long after creation (Stripe: 23 h). */
  incompleteExpirySeconds: number;
}

/** Internal bookkeeping that is not part of any wire object. */
export interface SubscriptionInternal {
  trialWillEndSent: boolean;
  upcomingSentForPeriodEnd: number | null;
  /** Discount usage for `once` coupons: invoices the discount has been applied to. */
  discountedInvoices: number;
}

export interface PaymentMethodBehaviour {
  declineCode: string | null;
  message: string | null;
}

/**
 * The emulator's state and shared services. Resources and billing logic receive this; the
 * HTTP layer wraps every request so events are flushed in one batch at the end.
 */
export class Engine {
  readonly store = new Store();
  readonly bus: EventBus;
  readonly delivery: WebhookDelivery;
  readonly subInternal = new Map<string, SubscriptionInternal>();
  readonly cardBehaviour = new Map<string, PaymentMethodBehaviour>();
  readonly deletedCustomers = new Set<string>();
  invoiceCounter = 0;

  constructor(
    readonly realNow: () => number,
    readonly settings: BillingSettings,
    faults: WebhookFaults,
  ) {
    this.delivery = new WebhookDelivery(faults, realNow);
    this.bus = new EventBus(
      this.store,
      (obj) => this.timeOfObject(obj),
      (batch) => this.delivery.enqueue(batch),
      (type) => this.delivery.countFor(type),
    );
  }

  /** Current time for a customer: its test clock's frozen_time, else the emulator clock. */
  now(customerId?: string | null): number {
    const customer = customerId ? this.store.get('customer', customerId) : undefined;
    const clockId = customer?.test_clock as string | null | undefined;
    if (clockId) {
      const clock = this.store.get('test_helpers.test_clock', clockId);
      if (clock) return clock.frozen_time as number;
    }
    return this.realNow();
  }

  timeOfObject(obj: StripeObject): number {
    if (obj.object === 'customer') return this.now(obj.id);
    if (obj.object === 'test_helpers.test_clock') return obj.frozen_time as number;
    const c = obj.customer;
    return this.now(typeof c === 'string' ? c : (c?.id ?? null));
  }

  sub(id: string): SubscriptionInternal {
    let s = this.subInternal.get(id);
    if (!s) this.subInternal.set(id, (s = { trialWillEndSent: false, upcomingSentForPeriodEnd: null, discountedInvoices: 0 }));
    return s;
  }

  /**
   * Mutate an object and emit `<type>` with previous_attributes computed from the change.
   * Returns without emitting when nothing changed.
   */
  update(obj: StripeObject, eventType: string | null, mutate: (o: StripeObject) => void, opts: { forceEmit?: boolean } = {}): void {
    const before = structuredClone(obj);
    mutate(obj);
    if (!eventType) return;
    const prev = previousAttributes(before, obj);
    if (Object.keys(prev).length || opts.forceEmit) this.bus.emit(eventType, obj, { previous: prev });
  }
}
