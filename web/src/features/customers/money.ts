/** Stripe amounts are integers in the currency's smallest unit (cents); shown as "20.00 USD". */
export function formatMoney(cents: number | null | undefined, currency: string | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  const code = (currency ?? 'usd').toUpperCase();
  // Same shape as the server's messages ("at most 20.00 USD can still be refunded").
  return `${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${code}`;
}

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return withTime ? date.toLocaleString() : date.toLocaleDateString();
}
