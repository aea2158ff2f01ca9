/** Calendar arithmetic in UTC, as Stripe bills (a monthly anchor on the 31st clamps to month end). */
export function addMonths(unix: number, months: number): number {
  const d = new Date(unix * 1000);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return Math.floor(target.getTime() / 1000);
}

export function addInterval(unix: number, interval: string, count: number): number {
  switch (interval) {
    case 'day':
      return unix + 86400 * count;
    case 'week':
      return unix + 7 * 86400 * count;
    case 'year':
      return addMonths(unix, 12 * count);
    default:
      return addMonths(unix, count);
  }
}

/** The period end following `start`, counted from the billing cycle anchor to avoid drift. */
export function nextPeriodEnd(anchor: number, start: number, interval: string, count: number): number {
  for (let k = 1; k < 10_000; k++) {
    const end = addInterval(anchor, interval, count * k);
    if (end > start) return end;
  }
  return addInterval(start, interval, count);
}

export const DAY = 86400;
