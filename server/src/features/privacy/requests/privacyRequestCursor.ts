import { TRPCError } from '@trpc/server';
import { isUuid } from '@opsdesk/shared';

/** The list's keyset cursor: the last row's created_at (to the microsecond) and id, base64url JSON, checked when decoded. */
export function encodePrivacyCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify(['p', createdAt, id])).toString('base64url');
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function decodePrivacyCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value[0] === 'p' && typeof value[1] === 'string' && typeof value[2] === 'string') {
      const year = Number(value[1].slice(0, 4));
      if (TIMESTAMP.test(value[1]) && !Number.isNaN(new Date(value[1]).getTime()) && year >= 1970 && year <= 9999 && isUuid(value[2])) {
        return { createdAt: value[1], id: value[2] };
      }
    }
  } catch {
    // Not JSON: answered below like any other cursor the server did not hand out.
  }
  throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is not valid; start from the first page.' });
}
