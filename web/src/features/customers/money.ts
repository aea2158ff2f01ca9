/** The one money formatter (shared with the server's messages): 60000 cents → "600.00 USD". */
export { formatMoney } from '@opsdesk/shared';

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return withTime ? date.toLocaleString() : date.toLocaleDateString();
}
