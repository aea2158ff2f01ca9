import { formatMoney } from '../money';

/**
 * An amount typed in the currency's units ("20.50"), checked as the person types and
 * explained in those units, turned into the cents the server takes. `empty` is not an
 * error: the dialog just waits (a refund then means "everything still refundable").
 */
export interface AmountCheck {
  cents: number | undefined;
  error: string | null;
}

export function checkAmount(text: string, { currency, maxCents, what, maxMessage }: { currency: string; maxCents: number; what: string; maxMessage: (max: string) => string }): AmountCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { cents: undefined, error: null };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { cents: undefined, error: 'Enter an amount such as 20.00.' };
  if (value < 0) return { cents: undefined, error: `A ${what} cannot be negative.` };
  if (!/^\d*(\.\d{0,2})?$/.test(trimmed)) return { cents: undefined, error: 'Use at most 2 decimals.' };
  const cents = Math.round(value * 100);
  if (cents === 0) return { cents: undefined, error: `A ${what} must be more than ${formatMoney(0, currency)}.` };
  if (cents > maxCents) return { cents: undefined, error: maxMessage(formatMoney(maxCents, currency)) };
  return { cents, error: null };
}
