import { TRPCError } from '@trpc/server';
import { isUuid } from '@opsdesk/shared';

/**
 * The list's keyset cursor, base64url JSON checked when decoded: the last row's
 * created_at (to the microsecond) and id, and in deadline order its due date first. A
 * cursor of one order is refused by the other.
 */
export type PrivacyCursor = { createdAt: string; id: string; dueOn?: string };

export function encodePrivacyCursor(cursor: PrivacyCursor): string {
  const value = cursor.dueOn === undefined ? ['p', cursor.createdAt, cursor.id] : ['d', cursor.dueOn, cursor.createdAt, cursor.id];
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real instant, compared back: JavaScript reads 2025-02-30 as 2 March. Refused here
 * with the page-link message instead of reaching PostgreSQL, which would refuse it as data.
 */
const validTimestamp = (value: unknown): value is string => {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) return false;
  const instant = new Date(value);
  const year = Number(value.slice(0, 4));
  return !Number.isNaN(instant.getTime()) && instant.toISOString().slice(0, 19) === value.slice(0, 19) && year >= 1970 && year <= 9999;
};
const validDate = (value: unknown): value is string => typeof value === 'string' && DATE.test(value) && validTimestamp(`${value}T00:00:00.000000Z`);
const validId = (value: unknown): value is string => typeof value === 'string' && isUuid(value);

export function decodePrivacyCursor(cursor: string, byDeadline: boolean): PrivacyCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value)) {
      if (!byDeadline && value.length === 3 && value[0] === 'p' && validTimestamp(value[1]) && validId(value[2])) return { createdAt: value[1], id: value[2] };
      if (byDeadline && value.length === 4 && value[0] === 'd' && validDate(value[1]) && validTimestamp(value[2]) && validId(value[3])) return { dueOn: value[1], createdAt: value[2], id: value[3] };
    }
  } catch {
    // Not JSON: answered below like any other cursor the server did not hand out.
  }
  throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is not valid; start from the first page.' });
}
