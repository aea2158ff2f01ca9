import { STRIPE_REFUND_REASON_LABELS } from '@opsdesk/shared';
import { formatMoney } from '../money';
import { formatDateTime } from '../../../app/formatDateTime';

/**
 * How an action's preview, input or result reads to a person: money as money, dates as
 * dates, a plan as "Pro monthly × 1 — 29.00 USD / month", and none of the fields that
 * only the server needs (idempotency markers such as `lastUnbannedId` or `undoneBefore`,
 * internal ids, empty lists). Shared by the action dialog and the approvals page, so the
 * approver sees what the requester saw.
 */
export type Fact = { key: string; label: string } & ({ kind: 'text'; text: string } | { kind: 'lines'; lines: { description: string; amount: string }[] } | { kind: 'facts'; facts: Fact[] });

const MONEY_KEY = /amount|charged|refund|total|balance|credit|due|proration|mrr|price|subtotal|tax/i;
const TIME_KEY = /At$|Date$|End$|Start$|Until$/;
/** Bookkeeping for idempotency and undo (a first refund's `repeat` of 0 too), and ids only the server uses. */
const INTERNAL_KEY = /^last[A-Za-z]*Id$|^(undone|resumed|canceled)Before$|^(currency|itemId|userId|trialEndUnix)$/;

/**
 * An action's choices in the words its dialog uses: an approver reading "Stripe reason:
 * fraudulent" or "When: now" in the request's exact parameters should see what the
 * requester picked, "Fraudulent", "Immediately".
 */
const CHOICE_LABELS: Record<string, Readonly<Record<string, string>>> = {
  stripeReason: STRIPE_REFUND_REASON_LABELS,
  when: { now: 'Immediately', period_end: 'At the end of the period' },
  behavior: { keep_as_draft: 'Keep invoices as drafts', mark_uncollectible: 'Mark invoices uncollectible', void: 'Void invoices' },
};

export function isInternalKey(key: string): boolean {
  return INTERNAL_KEY.test(key);
}

export function toFacts(record: Record<string, unknown>, fallbackCurrency: string | null = null): Fact[] {
  const currency = typeof record.currency === 'string' ? record.currency : fallbackCurrency;
  return Object.entries(record)
    .filter(([key, value]) => !INTERNAL_KEY.test(key) && !(Array.isArray(value) && value.length === 0) && !(key === 'repeat' && !value))
    .map(([key, value]) => toFact(key, value, currency));
}

function toFact(key: string, value: unknown, currency: string | null): Fact {
  const label = humanize(key);
  if (isPlan(value)) return { key, label, kind: 'text', text: formatPlan(value) };
  if (isLines(value)) return { key, label, kind: 'lines', lines: value.map((line) => ({ description: line.description ?? '—', amount: formatMoney(line.amount, currency) })) };
  if (value && typeof value === 'object' && !Array.isArray(value)) return { key, label, kind: 'facts', facts: toFacts(value as Record<string, unknown>, currency) };
  return { key, label, kind: 'text', text: formatValue(key, value, currency) };
}

export function formatValue(key: string, value: unknown, currency: string | null): string {
  const choice = typeof value === 'string' ? CHOICE_LABELS[key]?.[value] : undefined;
  if (choice) return choice;
  // Stripe times are unix seconds (`prorationDate`): a date, not an amount.
  if (typeof value === 'number' && TIME_KEY.test(key)) return formatDateTime(value * 1000);
  if (typeof value === 'number' && currency && MONEY_KEY.test(key)) return formatMoney(value, currency);
  if (typeof value === 'string' && TIME_KEY.test(key) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
  // Enum values such as Stripe's `requested_by_customer` read as words.
  if (typeof value === 'string' && !/id$/i.test(key) && /^[a-z]+(_[a-z]+)+$/.test(value)) return value.replace(/_/g, ' ');
  return formatPlain(value);
}

export function formatPlain(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(formatPlain).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

interface Plan {
  id?: string;
  nickname?: string | null;
  unitAmount: number | null;
  currency: string;
  interval: string | null;
  intervalCount?: number | null;
  quantity?: number;
}

function isPlan(value: unknown): value is Plan {
  return typeof value === 'object' && value !== null && 'unitAmount' in value && 'currency' in value;
}

/** "Pro monthly × 1 — 29.00 USD / month"; "Enterprise quarterly × 2 — 4,500.00 USD / 3 months". */
export function formatPlan(plan: Plan): string {
  const name = plan.nickname ?? plan.id ?? 'Plan';
  const count = plan.intervalCount ?? 1;
  const every = plan.interval ? ` / ${count > 1 ? `${count} ${plan.interval}s` : plan.interval}` : '';
  return `${name} × ${plan.quantity ?? 1} — ${formatMoney(plan.unitAmount, plan.currency)}${every}`;
}

function isLines(value: unknown): value is { description: string | null; amount: number }[] {
  return Array.isArray(value) && value.length > 0 && value.every((line) => typeof line === 'object' && line !== null && 'amount' in line && 'description' in line);
}

/** `alreadyRefunded` → "Already refunded". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
