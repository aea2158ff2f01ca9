/**
 * The GDPR deadline engine (Art. 12(3), docs/gdpr.md "Requests, statuses and deadlines"):
 * answer within one calendar month of receipt, extendable by up to two further months
 * when the person is told why within the first month. Pure and in UTC: the server, the
 * console and the tests compute the same dates. Dates are `YYYY-MM-DD` strings.
 */

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month (month 0–11), leap years by the Gregorian rule (2000 leap, 2100 not). */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function formatDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

/** The UTC calendar date of a moment. */
export function utcDateOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/**
 * The receipt's UTC date plus `months` calendar months: the same day number, or the
 * target month's last day when it has none (31 Jan + 1 → 28/29 Feb).
 */
function addCalendarMonths(receivedAt: Date, months: number): string {
  const year = receivedAt.getUTCFullYear();
  const month = receivedAt.getUTCMonth() + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = month % 12;
  return formatDate(targetYear, targetMonth, Math.min(receivedAt.getUTCDate(), daysInMonth(targetYear, targetMonth)));
}

/** One calendar month after receipt. */
export function dueDateOf(receivedAt: Date): string {
  return addCalendarMonths(receivedAt, 1);
}

/** The deadline extended by `months` (1 or 2, in all) beyond the original one month. */
export function extendedDueDate(receivedAt: Date, months: 1 | 2): string {
  return addCalendarMonths(receivedAt, 1 + months);
}

/** An extension must be decided (and the person told) within the first month: today ≤ the original due date. */
export function mayExtend(receivedAt: Date, today: Date): boolean {
  return utcDateOf(today) <= dueDateOf(receivedAt);
}

function dayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

/** Whole days from today (UTC) to the due date: 0 on the day itself, negative once overdue. */
export function daysLeft(dueOn: string, today: Date): number {
  return dayNumber(dueOn) - dayNumber(utcDateOf(today));
}

/** The date `days` after `date` (the deadline views' window ends). */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Due in the next seven days, today included. */
export const DUE_THIS_WEEK_DAYS = 7;

/** Which deadline views an open request belongs to (closed requests belong to none). */
export function deadlineView(request: { dueOn: string; extended: boolean; open: boolean }, today: Date): { dueThisWeek: boolean; overdue: boolean; extended: boolean } {
  if (!request.open) return { dueThisWeek: false, overdue: false, extended: false };
  const left = daysLeft(request.dueOn, today);
  return { dueThisWeek: left >= 0 && left <= DUE_THIS_WEEK_DAYS, overdue: left < 0, extended: request.extended };
}
