/**
 * What a customer still owes on an invoice. Stripe's `amount_due` keeps the invoice's
 * total after it is paid (what was due, not what is left), so it is never shown as is:
 * a paid, void or uncollectible invoice has nothing due; an open one has what remains.
 */
const SETTLED = new Set(['paid', 'void', 'uncollectible']);

export function amountStillDue(invoice: { status: string | null; amountDue: number; amountPaid: number }): number | null {
  if (invoice.status !== null && SETTLED.has(invoice.status)) return null;
  return Math.max(invoice.amountDue - invoice.amountPaid, 0);
}
