/**
 * Calendar days in UTC. The engine works on day numbers (days since 1970-01-01 UTC)
 * so that comparing and stepping days is integer arithmetic; `Day` strings
 * (`YYYY-MM-DD`) are what callers pass and read.
 */
export type Day = string;

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day a moment falls on, as a day number. */
export function dayNumberOf(moment: Date): number {
  return Math.floor(moment.getTime() / MS_PER_DAY);
}

export function dayNumber(day: Day): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (formatDay(time / MS_PER_DAY) !== day) throw new RangeError(`no such day: ${day}`);
  return time / MS_PER_DAY;
}

export function formatDay(dayNo: number): Day {
  return new Date(dayNo * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The same moment `months` calendar months later; a day that does not exist in the
 * target month clamps to its last day (Jan 31 + 1 month = Feb 28/29), as Stripe
 * bills.
 */
export function addMonths(moment: Date, months: number): Date {
  const target = new Date(moment.getTime());
  const dayOfMonth = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(dayOfMonth, lastDay));
  return target;
}

/** Monday of the ISO week a day falls in. */
export function weekStart(dayNo: number): number {
  const weekday = (new Date(dayNo * MS_PER_DAY).getUTCDay() + 6) % 7;
  return dayNo - weekday;
}

/** First day of the UTC month a day falls in, and the first day of the next month. */
export function monthBounds(dayNo: number): { first: number; nextFirst: number } {
  const date = new Date(dayNo * MS_PER_DAY);
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / MS_PER_DAY;
  const nextFirst = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / MS_PER_DAY;
  return { first, nextFirst };
}

/** One billing interval after a moment (month and year by calendar, week and day by days). */
export function addInterval(moment: Date, interval: { interval: string; count: number } | null): Date {
  const count = interval?.count ?? 1;
  if (interval?.interval === 'year') return addMonths(moment, 12 * count);
  if (interval?.interval === 'week') return new Date(moment.getTime() + 7 * count * MS_PER_DAY);
  if (interval?.interval === 'day') return new Date(moment.getTime() + count * MS_PER_DAY);
  return addMonths(moment, count);
}
