import { Table, TableBody, TableCell, TableRow } from '@mui/material';
import { formatMoney } from '../money';

/**
 * Any action's preview (or result) as a two-column table: refund → charged, already
 * refunded, refundable; plan change → proration amount… Amounts are cents and shown in
 * the preview's currency. The approvals inbox shows the stored preview the same way, so
 * the approver sees exactly what the requester saw.
 */
const MONEY_KEY = /amount|charged|refund|total|balance|credit|due|proration|mrr|price|subtotal|tax/i;
const HIDDEN_KEYS = new Set(['currency']);

export function PreviewFacts({ value, label = 'Preview' }: { value: unknown; label?: string }) {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return <>{formatPlain(value)}</>;
  const record = value as Record<string, unknown>;
  const currency = typeof record.currency === 'string' ? record.currency : null;
  const rows = Object.entries(record).filter(([key]) => !HIDDEN_KEYS.has(key) || currency === null);
  return (
    <Table size="small" aria-label={label}>
      <TableBody>
        {rows.map(([key, item]) => (
          <TableRow key={key}>
            <TableCell component="th" scope="row" sx={{ fontWeight: 500, width: '40%' }}>
              {humanize(key)}
            </TableCell>
            <TableCell sx={{ wordBreak: 'break-word' }}>{formatFact(key, item, currency)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const TIME_KEY = /At$|Date$|End$|Start$/;

function formatFact(key: string, value: unknown, currency: string | null): string {
  // Stripe times are unix seconds (`prorationDate`): a date, not an amount.
  if (typeof value === 'number' && TIME_KEY.test(key)) return new Date(value * 1000).toLocaleString();
  if (typeof value === 'number' && currency && MONEY_KEY.test(key)) return formatMoney(value, currency);
  if (typeof value === 'string' && TIME_KEY.test(key) && !Number.isNaN(Date.parse(value))) return new Date(value).toLocaleString();
  return formatPlain(value);
}

function formatPlain(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `alreadyRefunded` → "Already refunded". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
