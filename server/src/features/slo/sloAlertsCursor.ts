import { TRPCError } from '@trpc/server';
import { BURN_RATE_ALERTS, UUID_SOURCE, type BurnRateAlertRule } from '@opsdesk/shared';

/**
 * The alert history's page cursor (`nextBefore`, sent back as `before`): the ordering key
 * of the last event shown, `at`, `rule` and `id`, not a reference to the event. The next
 * page is then everything after it in the history's order (sloAlerts.queries.ts
 * findAlertEvents), whether or not that event is still stored: the pass
 * prunes old events (sloAlerts.queries.ts), and a page loaded before a prune must still
 * have a next one. `at` travels in milliseconds, which is exact: events are written with
 * the pass's minute, from a JavaScript Date.
 */
export interface AlertEventCursor {
  at: Date;
  rule: BurnRateAlertRule['id'];
  id: string;
}

const RULES = BURN_RATE_ALERTS.map((rule) => rule.id).join('|');
const CURSOR = new RegExp(`^(\\d{1,15})\\|(${RULES})\\|(${UUID_SOURCE})$`);
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const encodeAlertEventCursor = (event: AlertEventCursor): string => Buffer.from(`${event.at.getTime()}|${event.rule}|${event.id}`).toString('base64url');

/** Anything but what encodeAlertEventCursor wrote is a BAD_REQUEST, never a database error. */
export function decodeAlertEventCursor(cursor: string): AlertEventCursor {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const ms = match ? Number(match[1]) : NaN;
  if (!match || !(ms <= LATEST_MS)) throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is not valid; start from the first page.' });
  return { at: new Date(ms), rule: match[2] as AlertEventCursor['rule'], id: match[3]! };
}
