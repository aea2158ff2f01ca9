/**
 * Stripe amounts are integers in the currency's smallest unit (cents); shown as
 * "1,250.00 USD". One formatter for the server's messages and the console.
 */
export function formatMoney(cents: number | null | undefined, currency: string | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  const code = (currency ?? 'usd').toUpperCase();
  return `${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${code}`;
}
