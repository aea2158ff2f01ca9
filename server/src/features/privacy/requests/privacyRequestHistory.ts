import { auditActionLabel, type TPrivacyRequestDetail } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import { findAuditEntries } from '../../audit/audit.queries.js';

/** Enough for any real request (a handful of steps); a runaway log cannot make `get` unbounded. */
const MAX_HISTORY = 1000;
const PAGE = 200;

/**
 * What happened to a request, oldest first, from the audit log through its reader (which
 * opens the sealed personal values of `privacy_request` rows): successful changes only,
 * with who did them and, in words, the status change and the reason given.
 */
export async function findPrivacyRequestHistory(db: DbOrTrx, requestId: string): Promise<TPrivacyRequestDetail['history']> {
  const entries = [];
  let cursor: string | undefined;
  do {
    const page = await findAuditEntries(db, { targetType: 'privacy_request', targetId: requestId, result: 'success', cursor, limit: PAGE });
    entries.push(...page.entries);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && entries.length < MAX_HISTORY);
  return entries.reverse().map((entry) => ({
    at: entry.occurredAt,
    action: entry.action,
    actorLabel: entry.actorEmail ?? 'System',
    summary: summaryOf(entry.action, entry.before, entry.after, entry.reason),
  }));
}

function statusOf(value: unknown): string | null {
  const status = (value as { status?: unknown } | null)?.status;
  return typeof status === 'string' ? status.replace(/_/g, ' ') : null;
}

function summaryOf(action: string, before: unknown, after: unknown, reason: string | null): string {
  const from = statusOf(before);
  const to = statusOf(after);
  const change = from && to && from !== to ? ` (${from} → ${to})` : !from && to ? ` (${to})` : '';
  return `${auditActionLabel(action)}${change}${reason ? `: ${reason}` : ''}`;
}
