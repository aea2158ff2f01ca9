import { TRPCError } from '@trpc/server';

/** The drill-down's keyset cursor: the last row's (day, movement id), base64url JSON, checked when decoded. */
export interface DrillDownKey {
  day: string;
  id: string;
}

export function encodeDrillDownCursor(key: DrillDownKey): string {
  return Buffer.from(JSON.stringify([key.day, key.id])).toString('base64url');
}

export function decodeDrillDownCursor(cursor: string): DrillDownKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value[0]) && typeof value[1] === 'string' && /^\d{1,18}$/.test(value[1])) {
      return { day: value[0], id: value[1] };
    }
  } catch {
    // Not JSON: answered below like any other cursor the server did not hand out.
  }
  throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is not valid; start from the first page.' });
}
