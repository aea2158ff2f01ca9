import type { TCustomerSearchResponse, TSearchMatchKind } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { planLookup, type LookupStrategy } from './lookup.classify.js';
import { toSearchResults } from './lookup.results.queries.js';
import * as find from './lookup.search.queries.js';

/**
 * The universal lookup: runs the planned searches in order (exact before prefix before
 * substring before fuzzy) and stops as soon as the page is full, so a precise query
 * costs one index probe; the fuzzy searches run only when nothing matched as typed.
 */
export async function searchCustomers(db: DbOrTrx, q: string, limit: number): Promise<TCustomerSearchResponse> {
  const found = new Map<string, TSearchMatchKind>();
  let exact: TCustomerSearchResponse['exact'] = null;

  for (const strategy of planLookup(q)) {
    const remaining = limit - found.size;
    if (remaining <= 0) break;
    // Misspellings are a "did you mean": only worth their cost when nothing matched as typed.
    if (FUZZY.has(strategy.kind) && found.size > 0) break;
    const userIds = await runStrategy(db, strategy, remaining);
    const matchedOn = matchKindOf(strategy);
    for (const userId of userIds) if (!found.has(userId) && found.size < limit) found.set(userId, matchedOn);
    if (EXACT.has(strategy.kind) && userIds.length === 1) {
      exact = { userId: userIds[0]!, matchedOn };
      break;
    }
  }
  const results = await toSearchResults(db, [...found].map(([userId, matchedOn]) => ({ userId, matchedOn })));
  return { exact, results };
}

/** Searches that name one customer: a single match opens their page at once. */
const EXACT = new Set<LookupStrategy['kind']>(['user_id', 'stripe_id', 'email', 'invoice_number']);
const FUZZY = new Set<LookupStrategy['kind']>(['email_fuzzy', 'name_fuzzy']);

async function runStrategy(db: DbOrTrx, strategy: LookupStrategy, limit: number): Promise<string[]> {
  switch (strategy.kind) {
    case 'user_id':
      return find.findUserIdById(db, strategy.id);
    case 'stripe_id':
      return ownerOf(db, await find.findStripeCustomerIdFor(db, strategy.prefix, strategy.id));
    case 'email':
      return find.findUserIdsByEmail(db, strategy.email);
    case 'email_prefix':
      return find.findUserIdsByEmailPrefix(db, strategy.prefix, limit);
    case 'email_substring':
      return find.findUserIdsByEmailSubstring(db, strategy.text, limit);
    case 'email_fuzzy':
      return find.findUserIdsByEmailFuzzy(db, strategy.email, limit);
    case 'name':
      return find.findUserIdsByName(db, strategy.text, limit);
    case 'name_fuzzy':
      return find.findUserIdsByNameFuzzy(db, strategy.text, limit);
    case 'workspace':
      return find.findUserIdsByWorkspaceName(db, strategy.text, limit);
    case 'domain':
      return find.findUserIdsByDomain(db, strategy.domain, limit);
    case 'card_last4':
      return find.findUserIdsByCardLast4(db, strategy.last4, strategy.narrow, limit);
    case 'invoice_number':
      return ownerOf(db, await find.findStripeCustomerIdByInvoiceNumber(db, strategy.number));
  }
}

/** The user behind a Stripe customer a search found, if any. */
async function ownerOf(db: DbOrTrx, customerId: string | null): Promise<string[]> {
  const userId = customerId ? await find.findUserIdByStripeCustomer(db, customerId) : null;
  return userId ? [userId] : [];
}

function matchKindOf(strategy: LookupStrategy): TSearchMatchKind {
  return strategy.kind === 'name_fuzzy' ? 'name' : strategy.kind;
}
