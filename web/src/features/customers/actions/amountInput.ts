import type { z } from 'zod';
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
  // Digits and a decimal point only: "1e3" is a number to JavaScript, not an amount to a person.
  if (!/^\d*\.?\d*$/.test(trimmed)) return { cents: undefined, error: 'Enter an amount such as 20.00.' };
  if (!/^\d*(\.\d{0,2})?$/.test(trimmed)) return { cents: undefined, error: 'Use at most 2 decimals.' };
  const cents = Math.round(value * 100);
  if (cents === 0) return { cents: undefined, error: `A ${what} must be more than ${formatMoney(0, currency)}.` };
  if (cents > maxCents) return { cents: undefined, error: maxMessage(formatMoney(maxCents, currency)) };
  return { cents, error: null };
}

/** The most cents a shared amount schema accepts (its `.max`), optional wrappers looked through. */
export function maxCentsOf(schema: z.ZodType): number {
  let current = schema as unknown as { maxValue?: number | null; unwrap?: () => unknown };
  while (current.maxValue === undefined && typeof current.unwrap === 'function') current = current.unwrap() as typeof current;
  if (typeof current.maxValue !== 'number' || !Number.isFinite(current.maxValue)) throw new Error('This amount schema declares no maximum.');
  return current.maxValue;
}
