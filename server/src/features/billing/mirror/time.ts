/** Stripe times are unix seconds; the mirror stores timestamptz. */
export const fromUnix = (seconds: number | null | undefined): Date | null => (seconds === null || seconds === undefined ? null : new Date(seconds * 1000));
export const fromUnixRequired = (seconds: number): Date => new Date(seconds * 1000);
export const nowUnix = (): number => Math.floor(Date.now() / 1000);

/** An expandable Stripe field: the id whether it came as a string or an object. */
export function idOf(value: string | { id?: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : (value.id ?? null);
}
