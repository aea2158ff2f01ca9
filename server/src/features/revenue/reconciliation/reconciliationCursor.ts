import { TRPCError } from '@trpc/server';

/** The differences list's keyset cursor: the last row's id, base64url JSON, checked when decoded. */
export function encodeDifferenceCursor(id: string): string {
  return Buffer.from(JSON.stringify(['d', id])).toString('base64url');
}

export function decodeDifferenceCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value[0] === 'd' && typeof value[1] === 'string' && /^\d{1,18}$/.test(value[1])) return value[1];
  } catch {
    // Not JSON: answered below like any other cursor the server did not hand out.
  }
  throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is not valid; start from the first page.' });
}
