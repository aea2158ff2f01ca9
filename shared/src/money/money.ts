/**
 * Stripe amounts are integers in the currency's smallest unit: cents for USD ("60000" is
 * 600.00 USD), but yen for JPY ("60000" is 60,000 JPY) and thousandths for KWD. One
 * formatter and one parser for the server's messages and the console, so a Japanese
 * account's refund is never shown, or entered, a hundred times too small.
 */

/** Stripe's zero-decimal currencies (docs: "Zero-decimal currencies"). */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
/** Stripe's three-decimal currencies: amounts in thousandths. */
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** How many digits of an amount are below the currency's unit: 2 for USD, 0 for JPY, 3 for KWD. */
export function minorUnitDigits(currency: string | null | undefined): number {
  const code = (currency ?? 'usd').toLowerCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** An amount in minor units as a number in the currency's units (60000 USD cents → 600). */
export function toMajorUnits(minor: number, currency: string | null | undefined): number {
  return minor / 10 ** minorUnitDigits(currency);
}

/** "1,250.00 USD", "60,000 JPY", "1.250 KWD"; "—" when there is no amount. */
export function formatMoney(minor: number | null | undefined, currency: string | null | undefined): string {
  if (minor === null || minor === undefined) return '—';
  const digits = minorUnitDigits(currency);
  const code = (currency ?? 'usd').toUpperCase();
  return `${toMajorUnits(minor, currency).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${code}`;
}

/** For a chart's axis, where room is short: "22K USD", "1.5M JPY", "−350 USD". */
export function formatMoneyCompact(minor: number, currency: string | null | undefined): string {
  const major = toMajorUnits(minor, currency);
  const text = Math.abs(major).toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 1 });
  return `${major < 0 ? '−' : ''}${text} ${(currency ?? 'usd').toUpperCase()}`;
}
