/**
 * A uuid as text (any version, either case), for the places that must tell one apart
 * from other ids before it reaches PostgreSQL: a cursor handed back by a client, an
 * audit target that names a product user or a `cus_` customer, a guarded `::uuid` cast.
 * A value that is no uuid must match nothing there, never fail the cast with a 500.
 */
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const UUID_TEXT = new RegExp(`^${UUID_SOURCE}$`, 'i');

export function isUuid(text: string): boolean {
  return UUID_TEXT.test(text);
}

/** The same test in SQL (`column ~* UUID_SQL_PATTERN`): a literal, so the statement's text and plan do not change. */
export const UUID_SQL_PATTERN = `'^${UUID_SOURCE}$'`;
