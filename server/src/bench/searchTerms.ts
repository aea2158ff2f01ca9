import type { BenchCustomer } from './benchData.js';

/**
 * What support types into the lookup, drawn from real seeded customers so every kind of
 * search the lookup classifies is exercised: exact emails, the start of an email, a
 * misspelt email, a full name, a workspace name and a Stripe customer id.
 */
export function searchTermsFor(customers: BenchCustomer[], stripeCustomerIds: string[]): string[] {
  const typed = customers.map((c, i) => {
    const local = c.email.split('@')[0]!;
    const kinds = [c.email, local.slice(0, Math.max(3, local.length - 3)), misspell(c.email), c.name, c.workspace ?? c.name];
    // One kind per customer, in turn, so the kinds come evenly.
    return kinds[i % kinds.length]!;
  });
  // Pasted from a Stripe receipt or dashboard: few customers pay, so they are added apart.
  return [...typed, ...stripeCustomerIds];
}

/** Swaps two adjacent letters in the middle of the local part: "emma.smith12" → "emma.msith12". */
function misspell(email: string): string {
  const [local, domain] = email.split('@') as [string, string];
  const i = Math.max(0, Math.floor(local.length / 2) - 1);
  return `${local.slice(0, i)}${local[i + 1] ?? ''}${local[i]}${local.slice(i + 2)}@${domain}`;
}
