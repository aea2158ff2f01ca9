import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';

/** What applying the customer's balance does to an invoice total (negative balance = credit). */
export function applyBalance(total: number, balance: number): { amountDue: number; endingBalance: number } {
  if (total <= 0) return { amountDue: 0, endingBalance: balance + total };
  if (balance < 0) {
    const used = Math.min(-balance, total);
    return { amountDue: total - used, endingBalance: balance + used };
  }
  return { amountDue: total + balance, endingBalance: 0 };
}

export function adjustCustomerBalance(
  engine: Engine,
  customer: StripeObject,
  amount: number,
  input: { type: string; invoice?: string | null; credit_note?: string | null; description?: string | null; metadata?: Record<string, string> },
): StripeObject {
  const now = engine.now(customer.id);
  engine.update(customer, 'customer.updated', (c) => {
    c.balance = (c.balance as number) + amount;
  });
  const txn: StripeObject = {
    id: newId('cbtxn'),
    object: 'customer_balance_transaction',
    amount,
    checkout_session: null,
    created: now,
    credit_note: input.credit_note ?? null,
    currency: (customer.currency as string | null) ?? 'usd',
    customer: customer.id,
    customer_account: null,
    description: input.description ?? null,
    ending_balance: customer.balance,
    invoice: input.invoice ?? null,
    livemode: false,
    metadata: input.metadata ?? {},
    type: input.type,
  };
  return engine.store.insert(txn);
}
