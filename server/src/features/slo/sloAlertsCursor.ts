import { TRPCError } from '@trpc/server';

/**
 * The alert history's page cursor (`nextBefore`, sent back as `before`): the ordering key
 * of the last event shown, `at` and `id`, not a reference to the event. The next page is
 * then everything older on (at, id), whether or not that event is still stored: the pass
 * prunes old events (sloAlerts.queries.ts), and a page loaded before a prune must still
 * have a next one. `at` travels in milliseconds, which is exact: events are written with
 * the pass's minute, from a JavaScript Date.
 */
export interface AlertEventCursor {
  at: Date;
  id: string;
}

const CURSOR = /^(\d{1,15})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const encodeAlertEventCursor = (event: AlertEventCursor): string => Buffer.from(`${event.at.getTime()}|${event.id}`).toString('base64url');

/** Anything but what encodeAlertEventCursor wrote is a BAD_REQUEST, never a database error. */
export function decodeAlertEventCursor(cursor: string): AlertEventCursor {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const ms = match ? Number(match[1]) : NaN;
  if (!match || !(ms <= LATEST_MS)) throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is not valid; start from the first page.' });
  return { at: new Date(ms), id: match[2]! };
}
