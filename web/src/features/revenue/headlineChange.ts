/**
 * A headline number's change against the period before, as its card's last line:
 * "+1,200.00 USD vs November 2026", "−2 vs November 2026", or "Same as November 2026" when
 * nothing moved — "0.00 USD vs November 2026" read like November's value. "— vs …" when
 * either period has no value (no customer to divide by).
 */
export function headlineChange(now: number | null, before: number | null, formatDelta: (delta: number) => string, previousPeriod: string): string {
  if (now === null || before === null) return `— vs ${previousPeriod}`;
  if (now === before) return `Same as ${previousPeriod}`;
  return `${formatDelta(now - before)} vs ${previousPeriod}`;
}

/** "+3" / "−2": a count's change. */
export const signedCount = (delta: number) => `${delta > 0 ? '+' : '−'}${Math.abs(delta).toLocaleString('en-US')}`;

/** "+1.5 pts" / "−0.3 pts": a ratio's change in percentage points. */
export const signedPoints = (delta: number) => `${delta > 0 ? '+' : '−'}${Math.abs(delta * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} pts`;
