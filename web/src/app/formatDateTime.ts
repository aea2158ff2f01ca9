/**
 * How the console writes moments: one format on every page, in the staff member's own time
 * zone, with the month in words so that "4 Dec" is never read as 12 April (staff work across
 * countries; the browser's default locale differs from desk to desk). Nothing known reads "—".
 */
const LOCALE = 'en-GB';

const valid = (at: string | number | Date | null | undefined): Date | null => {
  if (at === null || at === undefined || at === '') return null;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** "1 Dec 2026, 09:41". */
export function formatDateTime(at: string | number | Date | null | undefined): string {
  return valid(at)?.toLocaleString(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }) ?? '—';
}

/** "1 Dec 2026": a day (sign-up, an invoice, a period's end). */
export function formatDate(at: string | number | Date | null | undefined): string {
  return valid(at)?.toLocaleDateString(LOCALE, { dateStyle: 'medium' }) ?? '—';
}

/** "09:41:07": a line of a log that is read beside its neighbours, to the second. */
export function formatTime(at: string | number | Date | null | undefined): string {
  return valid(at)?.toLocaleTimeString(LOCALE, { timeStyle: 'medium' }) ?? '—';
}
