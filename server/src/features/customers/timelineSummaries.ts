import type { TTimelineItem } from '@opsdesk/shared';

/** One line per Stripe event or audit entry, for the customer timeline. */
type StripeObjectJson = Record<string, unknown> & { id?: string; object?: string };

const money = (cents: unknown, currency: unknown) => (typeof cents === 'number' ? `${(cents / 100).toFixed(2)} ${String(currency ?? '').toUpperCase()}`.trim() : '');
const words = (type: string) => type.replace(/^customer\./, '').replace(/[._]/g, ' ');

export function summarizeStripeEvent(type: string, object: StripeObjectJson): string {
  const o = object as Record<string, any>;
  switch (o.object) {
    case 'invoice':
      return `Invoice ${o.number ?? o.id} ${type.split('.').slice(1).join(' ').replace(/_/g, ' ')}: ${money(type === 'invoice.paid' ? o.amount_paid : o.amount_due, o.currency)}`;
    case 'charge':
      if (type === 'charge.failed') return `Payment of ${money(o.amount, o.currency)} failed${o.failure_message ? `: ${o.failure_message}` : ''}`;
      if (type === 'charge.refunded') return `Payment of ${money(o.amount, o.currency)} refunded (${money(o.amount_refunded, o.currency)} in total)`;
      return `Payment of ${money(o.amount, o.currency)} ${words(type.split('.').slice(1).join(' '))}`;
    case 'refund':
      return `Refund of ${money(o.amount, o.currency)} ${words(type.split('.').slice(1).join(' '))}${o.reason ? ` (${o.reason})` : ''}`;
    case 'subscription': {
      const item = o.items?.data?.[0];
      const plan = item?.price?.nickname ?? item?.price?.lookup_key ?? item?.price?.id ?? '';
      const extra = o.cancel_at_period_end ? ', cancels at period end' : '';
      return `Subscription ${plan} ${words(type.replace('customer.subscription.', ''))}: ${o.status}${extra}`.replace(/\s+/g, ' ');
    }
    case 'dispute':
      return `Dispute of ${money(o.amount, o.currency)} ${words(type.split('.').slice(1).join(' '))}: ${o.status}`;
    case 'customer':
      return `Stripe customer ${words(type)}${type === 'customer.updated' && typeof o.balance === 'number' ? ` (balance ${money(o.balance, o.currency)})` : ''}`;
    default:
      return `${type}${o.id ? ` ${o.id}` : ''}`;
  }
}

export function stripeEventLink(object: StripeObjectJson): TTimelineItem['link'] {
  return object.object && object.id ? { type: object.object, id: object.id } : null;
}

export function summarizeAuditEntry(row: { action: string; actorEmail: string | null; reason: string | null; result: string; error: string | null }): string {
  const who = row.actorEmail ?? 'Opsdesk';
  const what = row.action.replace(/^customer\./, '').replace(/_/g, ' ');
  const outcome = row.result === 'success' ? '' : row.result === 'attempted' ? ' — in progress' : ` — ${row.result}${row.error ? `: ${row.error}` : ''}`;
  return `${who}: ${what}${row.reason ? ` (“${row.reason}”)` : ''}${outcome}`;
}
