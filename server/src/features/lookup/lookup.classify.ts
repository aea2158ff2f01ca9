/**
 * Reads what support typed and decides which index-backed searches to run, in order.
 * Pure, so every rule is unit-tested without a database.
 */
import { isUuid } from '@opsdesk/shared';

export type StripeIdPrefix = 'cus' | 'sub' | 'in' | 'ch' | 'pi' | 're';

export type LookupStrategy =
  | { kind: 'user_id'; id: string }
  | { kind: 'stripe_id'; prefix: StripeIdPrefix; id: string }
  | { kind: 'email'; email: string }
  | { kind: 'email_prefix'; prefix: string }
  | { kind: 'email_substring'; text: string }
  | { kind: 'email_fuzzy'; email: string }
  | { kind: 'name'; text: string }
  | { kind: 'name_fuzzy'; text: string }
  | { kind: 'workspace'; text: string }
  | { kind: 'domain'; domain: string }
  | { kind: 'card_last4'; last4: string; narrow: string | null }
  | { kind: 'invoice_number'; number: string };

const STRIPE_ID = /^(cus|sub|in|ch|pi|re)_[A-Za-z0-9]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/;
/**
 * A Stripe invoice number as printed on the invoice a customer quotes: the customer's
 * invoice prefix (3–12 letters and digits) or the account's, a dash, the sequence.
 */
const INVOICE_NUMBER = /^[a-z0-9]{3,12}-\d{4,}$/;
const LAST4_FIRST = /^(\d{4})(?:\s+(.+))?$/;
const LAST4_LAST = /^(.+?)\s+(\d{4})$/;
/** Trigram indexes cannot narrow a search for fewer than three characters. */
const MIN_TRIGRAM_LENGTH = 3;

export function planLookup(raw: string): LookupStrategy[] {
  const q = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (isUuid(q)) return [{ kind: 'user_id', id: q }];
  const stripe = raw.trim().match(STRIPE_ID);
  if (stripe) return [{ kind: 'stripe_id', prefix: stripe[1] as StripeIdPrefix, id: raw.trim() }];

  const card = cardLast4(q);
  if (card) return [card];
  // Checked first, then searched as any other word too: a workspace could be called "acme-2024".
  const invoice: LookupStrategy[] = INVOICE_NUMBER.test(q) ? [{ kind: 'invoice_number', number: q.toUpperCase() }] : [];

  if (q.startsWith('@')) return [{ kind: 'domain', domain: q.slice(1) }];
  if (EMAIL.test(q)) return [{ kind: 'email', email: q }, { kind: 'email_fuzzy', email: q }];
  if (q.includes('@')) return [{ kind: 'email_prefix', prefix: q }, { kind: 'email_substring', text: q }, { kind: 'email_fuzzy', email: q }];
  if (DOMAIN.test(q)) return [{ kind: 'domain', domain: q }, { kind: 'email_substring', text: q }];

  const strategies: LookupStrategy[] = [...invoice];
  const oneWord = !q.includes(' ');
  if (oneWord) strategies.push({ kind: 'email_prefix', prefix: q });
  if (q.length >= MIN_TRIGRAM_LENGTH) {
    if (oneWord) strategies.push({ kind: 'email_substring', text: q });
    strategies.push({ kind: 'name', text: q }, { kind: 'workspace', text: q });
    if (oneWord) strategies.push({ kind: 'email_fuzzy', email: q });
    strategies.push({ kind: 'name_fuzzy', text: q });
  } else if (!oneWord) {
    strategies.push({ kind: 'name', text: q });
  }
  return strategies;
}

/** `4242`, `4242 smith` or `smith 4242`: a card's last four, optionally narrowed. */
function cardLast4(q: string): LookupStrategy | null {
  const first = q.match(LAST4_FIRST);
  if (first) return { kind: 'card_last4', last4: first[1]!, narrow: first[2] ?? null };
  const last = q.match(LAST4_LAST);
  if (last && !/\d/.test(last[1]!)) return { kind: 'card_last4', last4: last[2]!, narrow: last[1]! };
  return null;
}
