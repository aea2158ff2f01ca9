import { TRPCError } from '@trpc/server';
import { isUuid, isWellFormedText, MAX_YEAR, MIN_YEAR, type TCustomerListSort } from '@opsdesk/shared';

/**
 * Opaque keyset cursors for the customer list: the last row's sort key and id, so the
 * next page starts strictly after it (no OFFSET, no overlap, no gap when rows arrive).
 */
export type CustomerListSort = TCustomerListSort;

export interface ListCursor {
  sort: CustomerListSort;
  /** created_at (PostgreSQL text, microseconds kept) for the signup sorts, lower(email) for email_asc, MRR in cents for mrr_desc. */
  key: string;
  id: string;
}

export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

/**
 * A cursor is client input like any other: everything in it is checked before it reaches
 * a query (a key that is not a timestamp, a year PostgreSQL cannot store, an id that is
 * not a uuid), so a hand-edited one is a 400, never a database error.
 */
export function decodeListCursor(value: string, sort: CustomerListSort): ListCursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    const [cursorSort, key, id] = Array.isArray(decoded) ? decoded : [];
    const keyIsValid = sort === 'email_asc' ? isEmailKey(key) : sort === 'mrr_desc' ? isCentsKey(key) : isTimestampText(key);
    if (cursorSort === sort && keyIsValid && typeof id === 'string' && isUuid(id)) return { sort, key: key as string, id };
  } catch {
    // fall through: not base64 of JSON
  }
  throw new TRPCError({ code: 'BAD_REQUEST', message: 'cursor: This page link is out of date; start from the first page.' });
}

/** timestamptz as PostgreSQL prints it: `2024-05-01 12:00:00.123456+00` (offset may carry minutes). */
const PG_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

function isTimestampText(key: unknown): boolean {
  const match = typeof key === 'string' ? PG_TIMESTAMP.exec(key) : null;
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return year >= MIN_YEAR && year <= MAX_YEAR && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
}

/** Whole cents, at most 15 digits: what a bigint MRR prints, well inside a JS number. */
function isCentsKey(key: unknown): boolean {
  return typeof key === 'string' && /^(0|[1-9]\d{0,14})$/.test(key);
}

function isEmailKey(key: unknown): boolean {
  return typeof key === 'string' && key.length <= 1000 && !key.includes('\u0000') && isWellFormedText(key);
}
