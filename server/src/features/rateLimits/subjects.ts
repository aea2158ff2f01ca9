import type { DbOrTrx } from '../../db/database.js';
import { findLiveSession } from '../auth/sessions.queries.js';
import { sessionIdFromToken } from '../auth/sessionToken.js';
import { clientNetworkOf } from '../../http/clientNetwork.js';

/**
 * Who a limit counts, as a short key that is safe in a Redis key, a log line and the
 * console: `ip:<address>` (an IPv6 client by its /64, clientNetwork.ts) or `staff:<id>`.
 * Anything unexpected in an address (it comes from a header behind a proxy) becomes `_`,
 * and the length is capped.
 */
export function ipSubject(ip: string | undefined | null): string {
  const network = clientNetworkOf(ip ?? 'unknown');
  return `ip:${network.replace(/[^A-Za-z0-9.:/_-]/g, '_').slice(0, 80) || 'unknown'}`;
}

export function staffSubject(staffId: string): string {
  return `staff:${staffId.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 80)}`;
}

const SESSION_CACHE_MS = 30_000;
const SESSION_CACHE_SIZE = 10_000;

/**
 * Resolves a session cookie to its staff member for the staff API limit. A session's
 * staff member never changes, so the answer is kept for 30 s per instance: one lookup per
 * session, not per request. An unknown or ended session counts as anonymous (by IP), so
 * made-up cookies cannot buy a fresh allowance each.
 */
export function createSessionStaffLookup(db: DbOrTrx, now: () => number = Date.now) {
  const cache = new Map<string, { staffId: string | null; until: number }>();
  return async function staffIdOf(sessionToken: string): Promise<string | null> {
    const sessionId = sessionIdFromToken(sessionToken);
    const cached = cache.get(sessionId);
    if (cached && cached.until > now()) return cached.staffId;
    const row = await findLiveSession(db, sessionId);
    if (cache.size >= SESSION_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(sessionId, { staffId: row?.staffId ?? null, until: now() + SESSION_CACHE_MS });
    return row?.staffId ?? null;
  };
}
