/** A moment as people read it in the console ("1 Dec 2026, 09:41"); nothing known reads "—". */
export function formatDateTime(at: string | Date | null | undefined): string {
  return at ? new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}
