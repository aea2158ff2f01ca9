import type { z } from 'zod';
import { minorUnitDigits, toMajorUnits } from '@opsdesk/shared';
import { formatMoney } from '../money';

/**
 * An amount typed in the currency's units ("20.50", or "2050" for yen), checked as the
 * person types and explained in those units, turned into the minor units the server and
 * Stripe take (cents; yen are their own minor unit). `empty` is not an error: the dialog
 * just waits (a refund then means "everything still refundable").
 */
export interface AmountCheck {
  cents: number | undefined;
  error: string | null;
}

export function checkAmount(text: string, { currency, maxCents, what, maxMessage }: { currency: string; maxCents: number; what: string; maxMessage: (max: string) => string }): AmountCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { cents: undefined, error: null };
  const digits = minorUnitDigits(currency);
  const example = `Enter an amount such as ${amountExample(currency)}.`;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { cents: undefined, error: example };
  if (value < 0) return { cents: undefined, error: `A ${what} cannot be negative.` };
  // Digits and a decimal point only: "1e3" is a number to JavaScript, not an amount to a person.
  if (!/^\d*\.?\d*$/.test(trimmed)) return { cents: undefined, error: example };
  if (!new RegExp(`^\\d*(\\.\\d{0,${digits}})?$`).test(trimmed)) return { cents: undefined, error: digits === 0 ? `${currency.toUpperCase()} has no decimals: enter a whole amount.` : `Use at most ${digits} decimals.` };
  const cents = Math.round(value * 10 ** digits);
  if (cents === 0) return { cents: undefined, error: `A ${what} must be more than ${formatMoney(0, currency)}.` };
  if (cents > maxCents) return { cents: undefined, error: maxMessage(formatMoney(maxCents, currency)) };
  return { cents, error: null };
}

/** Twenty of the currency's units as a person would type them: "20.00", "20", "20.000". */
function amountExample(currency: string): string {
  return (20).toFixed(minorUnitDigits(currency));
}

/** Minor units as the amount field shows them ("50.00" for 5000 cents, "5000" for 5000 yen). */
export function amountFieldText(minor: number, currency: string): string {
  return toMajorUnits(minor, currency).toFixed(minorUnitDigits(currency));
}

/** The most cents a shared amount schema accepts (its `.max`), optional wrappers looked through. */
export function maxCentsOf(schema: z.ZodType): number {
  let current = schema as unknown as { maxValue?: number | null; unwrap?: () => unknown };
  while (current.maxValue === undefined && typeof current.unwrap === 'function') current = current.unwrap() as typeof current;
  if (typeof current.maxValue !== 'number' || !Number.isFinite(current.maxValue)) throw new Error('This amount schema declares no maximum.');
  return current.maxValue;
}
