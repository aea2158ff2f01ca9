import { TRPCError } from '@trpc/server';
import { ZModerationQueueRequestSchema } from '@opsdesk/shared';
import type { z } from 'zod';
import type { Db, DbOrTrx } from '../../db/database.js';
import { findDecisionsByAuthor, findDecisionsBySubject } from './moderationDecision.queries.js';
import { findSubjectEvents, findSubjectNotes } from './moderationEvents.queries.js';
import { findAuthorContext, findAuthorHistory, findContent, findEntryReports } from './moderationItem.queries.js';
import { scoreNow } from './moderationPriority.js';
import { findEntry, findQueueCounts, findQueuePage, type QueueEntryRow } from './moderationQueue.queries.js';

type QueueRequest = z.output<typeof ZModerationQueueRequestSchema>;

/** An entry as the console shows it (dates as ISO strings, the score as of now). */
export function entryView(entry: QueueEntryRow) {
  return {
    id: entry.id,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    authorUserId: entry.authorUserId,
    reasonGroup: entry.reasonGroup,
    reasonCodes: entry.reasonCodes,
    severity: entry.severity,
    reportCount: entry.reportCount,
    reliability: Math.round(entry.reliability * 1000) / 1000,
    score: Math.round(scoreNow(entry.priority) * 10) / 10,
    bucket: entry.bucket,
    status: entry.status,
    claimedBy: entry.claimedBy,
    leaseExpiresAt: entry.leaseExpiresAt?.toISOString() ?? null,
    firstReportedAt: entry.firstReportedAt.toISOString(),
    lastReportedAt: entry.lastReportedAt.toISOString(),
  };
}

const encodeCursor = (entry: QueueEntryRow) => Buffer.from(`${entry.priority}|${entry.id}`).toString('base64url');

function decodeCursor(cursor: string): { priority: number; id: string } {
  const [priority, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!priority || !id || !Number.isFinite(Number(priority)) || !/^[1-9][0-9]{0,17}$/.test(id)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is not valid; start from the first page.' });
  }
  return { priority: Number(priority), id };
}

/** One keyset page plus the live counts per reason group and bucket (maintained counters, not a count). */
export async function loadQueuePage(db: DbOrTrx, input: QueueRequest) {
  const [rows, counts] = await Promise.all([
    findQueuePage(db, { reasonGroup: input.reasonGroup, status: input.status, search: input.search, after: input.cursor ? decodeCursor(input.cursor) : undefined, limit: input.limit + 1 }),
    findQueueCounts(db),
  ]);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({ ...entryView(row), title: row.title, excerpt: row.excerpt, contentStatus: row.contentStatus })),
    nextCursor: rows.length > input.limit ? encodeCursor(page.at(-1)!) : null,
    counts,
  };
}

/**
 * The item page in one round: entry, content, author context and history, reports,
 * decisions, events, notes. For an account subject there is no content: the reported
 * account is `account` (the same view as the author, who is that account).
 */
export async function loadItem(pool: Db, entryId: string) {
  return pool.connection().execute(async (db) => {
    const entry = await findEntry(db, entryId);
    if (!entry) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such queue entry.' });
    const subject = { subjectType: entry.subjectType, subjectId: entry.subjectId };
    const content = entry.subjectType === 'content' ? await findContent(db, entry.subjectId) : undefined;
    const authorId = entry.authorUserId ?? content?.userId ?? (entry.subjectType === 'account' ? entry.subjectId : null);
    const [author, history, authorDecisions, reports, decisions, events, notes] = await Promise.all([
      authorId ? findAuthorContext(db, authorId) : undefined,
      authorId ? findAuthorHistory(db, authorId) : undefined,
      authorId ? findDecisionsByAuthor(db, authorId, 20) : [],
      findEntryReports(db, entry),
      findDecisionsBySubject(db, subject),
      findSubjectEvents(db, subject),
      findSubjectNotes(db, subject),
    ]);
    const authorView = author
      ? {
          id: author.id,
          email: author.email,
          name: author.name,
          status: author.status,
          suspendedUntil: author.suspendedUntil?.toISOString() ?? null,
          createdAt: author.createdAt.toISOString(),
          accountAgeDays: Math.floor((Date.now() - author.createdAt.getTime()) / 86_400_000),
          plans: author.plans,
          paying: author.paying,
          history: { ...history!, recentDecisions: authorDecisions.map(decisionView) },
        }
      : null;
    return {
      entry: entryView(entry),
      content: content ? { ...content, createdAt: content.createdAt.toISOString() } : null,
      account: entry.subjectType === 'account' ? authorView : null,
      author: authorView,
      reports: reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
      decisions: decisions.map(decisionView),
      events: events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
      notes: notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
    };
  });
}

function decisionView(d: Awaited<ReturnType<typeof findDecisionsBySubject>>[number]) {
  return {
    id: d.id,
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    decisionType: d.decisionType,
    reasonCode: d.reasonCode,
    statement: d.statement,
    decidedBy: d.decidedByLabel,
    appealDeadline: d.appealDeadline.toISOString(),
    reversedAt: d.reversedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
