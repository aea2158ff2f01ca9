import { auditActionLabel, formatMoney, isUuid, TIMELINE_QUOTE_CHARS, type TTimelineItem } from '@opsdesk/shared';

/**
 * One line per Stripe event or audit entry, for the customer timeline, in words a
 * person reads: amounts through the one money formatter, dates as "3 Dec 2026", audit
 * actions as the console names them. A field Stripe left out is left out of the line,
 * never printed as "undefined" (an upcoming invoice has no id or number yet).
 */
type StripeObjectJson = Record<string, unknown> & { id?: string; object?: string };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const money = (cents: unknown, currency: unknown): string => (typeof cents === 'number' ? formatMoney(cents, text(currency) || null) : '');
const day = (unixSeconds: unknown): string =>
  typeof unixSeconds === 'number' ? new Date(unixSeconds * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }) : '';
/** `invoice.payment_failed` → "payment failed"; `customer.subscription.deleted` → "deleted". */
const verb = (type: string, prefix = /^[^.]+\./) => type.replace(prefix, '').replace(/[._]/g, ' ');
/** Joins the parts that are there, without doubled spaces or a dangling colon. */
const line = (...parts: string[]) => parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').replace(/:$/, '').trim();
/** "Payment of 12.00 USD", or just "Payment" when the amount is missing. */
const of = (noun: string, cents: unknown, currency: unknown) => line(noun, typeof cents === 'number' ? `of ${money(cents, currency)}` : '');
const withDetail = (head: string, detail: string) => (detail ? `${head}: ${detail}` : head);

function summarizeInvoice(type: string, o: Record<string, unknown>): string {
  if (type === 'invoice.upcoming') {
    const on = day(o.next_payment_attempt ?? o.period_end ?? o.due_date);
    return line('Upcoming invoice', money(o.amount_due, o.currency), on && `on ${on}`);
  }
  const amount = money(type === 'invoice.paid' ? o.amount_paid : o.amount_due, o.currency);
  // A draft has no number yet, and its `in_…` id means nothing to a person (the line links to it).
  if (!text(o.number) && o.status === 'draft') return withDetail(line('Draft invoice', verb(type)), amount);
  return withDetail(line('Invoice', text(o.number) || text(o.id), verb(type)), amount);
}

export function summarizeStripeEvent(type: string, object: StripeObjectJson): string {
  const o = object as Record<string, any>;
  switch (o.object) {
    case 'invoice':
      return summarizeInvoice(type, o);
    case 'charge':
      if (type === 'charge.failed') return withDetail(line(of('Payment', o.amount, o.currency), 'failed'), text(o.failure_message));
      if (type === 'charge.refunded') return line(of('Payment', o.amount, o.currency), 'refunded', typeof o.amount_refunded === 'number' ? `(${money(o.amount_refunded, o.currency)} in total)` : '');
      return line(of('Payment', o.amount, o.currency), verb(type));
    case 'refund':
      return line(of('Refund', o.amount, o.currency), verb(type, /^(charge\.)?refund\./), o.reason ? `(${text(o.reason).replace(/_/g, ' ')})` : '');
    case 'subscription': {
      const price = o.items?.data?.[0]?.price ?? {};
      const plan = text(price.nickname) || text(price.lookup_key) || text(price.id);
      const status = line(text(o.status).replace(/_/g, ' '), o.cancel_at_period_end ? '(cancels at period end)' : '');
      return withDetail(line('Subscription', plan, verb(type, /^customer\.subscription\./)), status);
    }
    case 'dispute':
      return withDetail(line(of('Dispute', o.amount, o.currency), verb(type, /^charge\.dispute\./)), text(o.status).replace(/_/g, ' '));
    case 'customer':
      return line('Stripe customer', verb(type), type === 'customer.updated' && typeof o.balance === 'number' ? `(balance ${money(o.balance, o.currency)})` : '');
    default:
      return line(type, text(o.id));
  }
}

export function stripeEventLink(object: StripeObjectJson): TTimelineItem['link'] {
  return object.object && object.id ? { type: object.object, id: object.id } : null;
}

export function summarizeAuditEntry(row: { action: string; actorEmail: string | null; reason: string | null; result: string; error: string | null }): string {
  const who = row.actorEmail ?? 'Opsdesk';
  const outcome = row.result === 'success' ? '' : row.result === 'attempted' ? ' — in progress' : ` — ${row.result}${row.error ? `: ${row.error}` : ''}`;
  return `${who}: ${auditActionLabel(row.action)}${row.reason ? ` (“${row.reason}”)` : ''}${outcome}`;
}

/** The note a `customer.note_added` entry added (its `after.noteId`), whose words the timeline quotes; null for any other entry. */
export function noteAddedBy(row: { action: string; after: unknown }): string | null {
  if (row.action !== 'customer.note_added' || typeof row.after !== 'object' || row.after === null) return null;
  const noteId = (row.after as { noteId?: unknown }).noteId;
  return typeof noteId === 'string' && isUuid(noteId) ? noteId : null;
}

/**
 * A note's words as a timeline entry quotes them, so "Note added" is not a line staff must
 * open the Notes card to understand: cut at a word near TIMELINE_QUOTE_CHARS, by code
 * points (never half an emoji); null when blank.
 */
export function timelineQuote(body: string): string | null {
  const text = body.trim();
  if (!text) return null;
  const chars = Array.from(text);
  if (chars.length <= TIMELINE_QUOTE_CHARS) return text;
  const cut = chars.slice(0, TIMELINE_QUOTE_CHARS).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  // One unbroken word (a URL, a log line) is cut where the limit falls.
  return `${atWord.length >= TIMELINE_QUOTE_CHARS / 2 ? atWord : cut}…`;
}
