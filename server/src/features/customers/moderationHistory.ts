import type { DbOrTrx } from '../../db/database.js';

/**
 * Extension point for the customer page's moderation history (capability 6, not built
 * yet). When moderation lands, implement `loadModerationHistory` over its decisions
 * and reports (`app.content_reports` joined to the moderation decisions, newest first,
 * limited like invoices) and set `available: true`; loadCustomerPage already calls it
 * in parallel with the other sections, and the timeline's `moderation` source should
 * be added beside the billing and audit sources in customerTimeline.queries.ts.
 * Until then the page says so instead of showing an empty tab.
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

export async function loadModerationHistory(_db: DbOrTrx, _userId: string): Promise<ModerationHistorySection> {
  return { available: false, reason: 'Moderation decisions are not recorded in Opsdesk yet.' };
}
