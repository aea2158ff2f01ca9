import type { DbOrTrx } from '../../db/database.js';
import { findDecisionsByAuthor } from '../moderation/moderationDecision.queries.js';

/**
 * The customer page's moderation section: decisions on the user's content (newest first,
 * the latest 50 like invoices), from Opsdesk's moderation decisions (docs/moderation.md).
 * The timeline's `moderation` source is still to be added beside billing and audit in
 * customerTimeline.queries.ts.
 */
export interface ModerationHistoryEntry {
  id: string;
  at: string;
  decision: string;
  reasonCode: string | null;
  contentId: string | null;
  decidedBy: string | null;
}

export type ModerationHistorySection =
  | { available: true; entries: ModerationHistoryEntry[] }
  | { available: false; reason: string };

export async function loadModerationHistory(db: DbOrTrx, userId: string): Promise<ModerationHistorySection> {
  const decisions = await findDecisionsByAuthor(db, userId, 50);
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
  };
}
