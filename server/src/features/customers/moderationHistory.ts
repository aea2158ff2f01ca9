import type { DbOrTrx } from '../../db/database.js';
import { findDecisionsByAuthor } from '../moderation/moderationDecision.queries.js';
import { findAppealsByAppellant, findReportsAgainstAuthor } from './moderationHistory.queries.js';

/**
 * The customer page's moderation section (docs/moderation.md): decisions on the user's
 * content, the user's appeals (as author or reporter; product appeals refused at intake
 * too, with why) and reports filed against their content; each newest first, the latest
 * 50 like invoices. The timeline's `moderation` source is still to be added beside
 * billing and audit in customerTimeline.queries.ts.
 */
const LATEST = 50;

export interface ModerationHistoryEntry {
  id: string;
  at: string;
  decision: string;
  reasonCode: string | null;
  contentId: string | null;
  decidedBy: string | null;
}

export interface ModerationAppealEntry {
  id: string;
  at: string;
  decisionId: string;
  appellantRole: 'author' | 'reporter' | null;
  channel: 'staff_on_behalf' | 'product';
  status: 'open' | 'upheld' | 'reversed' | 'refused';
  /** The first 300 characters. */
  statement: string;
  refusedReason: string | null;
  decidedAt: string | null;
}

export interface ModerationReportEntry {
  id: string;
  at: string;
  contentId: string;
  reasonCode: string;
  status: string;
}

export type ModerationHistorySection =
  | { available: true; entries: ModerationHistoryEntry[]; appeals: ModerationAppealEntry[]; reportsAgainst: ModerationReportEntry[] }
  | { available: false; reason: string };

export async function loadModerationHistory(db: DbOrTrx, userId: string): Promise<ModerationHistorySection> {
  const decisions = await findDecisionsByAuthor(db, userId, LATEST);
  const appeals = await findAppealsByAppellant(db, userId, LATEST);
  const reports = await findReportsAgainstAuthor(db, userId, LATEST);
  return {
    available: true,
    entries: decisions.map((d) => ({
      id: d.id,
      at: d.createdAt.toISOString(),
      decision: d.reversedAt ? `${d.decisionType} (reversed)` : d.decisionType,
      reasonCode: d.reasonCode,
      contentId: d.subjectType === 'content' ? d.subjectId : null,
      decidedBy: d.decidedByLabel,
    })),
    appeals: appeals.map((a) => ({
      id: a.id,
      at: a.createdAt.toISOString(),
      decisionId: a.decisionId,
      appellantRole: a.appellantRole,
      channel: a.channel,
      status: a.status,
      statement: a.statement,
      refusedReason: a.refusedReason,
      decidedAt: a.decidedAt?.toISOString() ?? null,
    })),
    reportsAgainst: reports.map((r) => ({ id: r.id, at: r.createdAt.toISOString(), contentId: r.contentId, reasonCode: r.reasonCode, status: r.status })),
  };
}
