/**
 * A revenue period in words. The server names periods by their machine keys (`2025-03`
 * for a month, the Monday `2025-03-03` for a week, the day for a day), which are what the
 * URL, the CSV and the CLI keep; people read "March 2025", "Week of 3 Mar 2025",
 * "3 Mar 2025". Periods are UTC days, so they are written in UTC whatever the desk's zone.
 */
interface PeriodKeys {
  period: string;
  startDay: string;
  endDay: string;
}

const LOCALE = 'en-GB';
const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const write = (day: string, options: Intl.DateTimeFormatOptions) => utc(day).toLocaleDateString(LOCALE, { ...options, timeZone: 'UTC' });

type PeriodKind = 'month' | 'week' | 'day';
const kindOf = ({ period, startDay, endDay }: PeriodKeys): PeriodKind => (/^\d{4}-\d{2}$/.test(period) ? 'month' : startDay === endDay ? 'day' : 'week');

/** "March 2025", "Week of 3 Mar 2025", "3 Mar 2025": headings, drill-down titles, comparisons. */
export function periodLabel(keys: PeriodKeys): string {
  const kind = kindOf(keys);
  if (kind === 'month') return write(keys.startDay, { month: 'long', year: 'numeric' });
  const day = write(keys.startDay, { day: 'numeric', month: 'short', year: 'numeric' });
  return kind === 'week' ? `Week of ${day}` : day;
}

/** "Mar 2025", "3 Mar", "3 Mar": a chart's axis, where the tooltip gives the whole label. */
export function periodTick(keys: PeriodKeys): string {
  return kindOf(keys) === 'month' ? write(keys.startDay, { month: 'short', year: 'numeric' }) : write(keys.startDay, { day: 'numeric', month: 'short' });
}

/** "3 Mar 2025" for a UTC day key `2025-03-03` (a movement's day). */
export function dayLabel(day: string): string {
  return write(day, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "Mar 2025" for a cohort's key `2025-03` (the month of its first payment): the heatmap's narrow first column. */
export function monthLabel(month: string): string {
  return write(`${month}-01`, { month: 'short', year: 'numeric' });
}
