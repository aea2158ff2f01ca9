import { TRPCError } from '@trpc/server';

/**
 * Opaque keyset cursors for the customer list: the last row's sort key and id, so the
 * next page starts strictly after it (no OFFSET, no overlap, no gap when rows arrive).
 */
export type CustomerListSort = 'signup_desc' | 'signup_asc' | 'email_asc';

export interface ListCursor {
  sort: CustomerListSort;
  /** created_at (PostgreSQL text, microseconds kept) for the signup sorts, lower(email) for email_asc. */
  key: string;
  id: string;
}

export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

export function decodeListCursor(value: string, sort: CustomerListSort): ListCursor {
  try {
    const [cursorSort, key, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (cursorSort === sort && typeof key === 'string' && typeof id === 'string') return { sort, key, id };
  } catch {
    // fall through: a cursor from another sort or a hand-edited URL
  }
  throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is out of date; start from the first page.' });
}
