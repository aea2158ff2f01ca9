import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { seedReportedContent } from './moderation.testFixtures.js';
import { syncOpenReports } from './moderationSync.queries.js';

const ENTRIES = 2_000;
const MODERATORS = 20;

/**
 * 20 moderators, each with their own session, take "next item" and decide until the
 * queue is empty. Every entry is decided exactly once, and the claim log shows no entry
 * held by two moderators at once (each claim of an entry follows its previous holder's
 * end). 2,000 entries rather than the 10,000: every step is an audited
 * mutation and 10,000 take several minutes on a shared 2-core machine.
 */
describe('moderation under 20 concurrent moderators', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
    await migrateReferenceProductSchema(app.db);
    await seedReportedContent(app.db, { items: ENTRIES / 2, reason: 'spam', reporters: 10 });
    await seedReportedContent(app.db, { items: ENTRIES / 2, reason: 'violence', reporters: 10 });
    expect(await syncOpenReports(app.db, { batch: 700 })).toBe(ENTRIES);
  });
  afterAll(() => app?.close());

  it(`empties a queue of ${ENTRIES} with every entry decided exactly once`, { timeout: 300_000 }, async () => {
    const moderators = await Promise.all(Array.from({ length: MODERATORS }, () => app.callerAs(['moderator'])));
    const decidedBy = new Map<string, string>();
    const work = moderators.map(async ({ api, staff }) => {
      for (;;) {
        const { entry } = await api.moderation.next({});
        if (!entry) return;
        const reasonCode = entry.reasonGroup === 'spam' ? 'spam' : 'no_violation';
        await api.moderation.decide({ entryId: entry.id, reasonCode, reason: 'Reviewed under load.' });
        expect(decidedBy.has(entry.id)).toBe(false);
        decidedBy.set(entry.id, staff.id);
      }
    });
    await Promise.all(work);

    expect(decidedBy.size).toBe(ENTRIES);
    expect(new Set(decidedBy.values()).size).toBeGreaterThan(1);
    const decisions = await sql<{ entries: string; decisions: string }>`select count(distinct queue_entry_id) as entries, count(*) as decisions from ops.moderation_decisions`.execute(app.db);
    expect(decisions.rows[0]).toEqual({ entries: String(ENTRIES), decisions: String(ENTRIES) });
    const live = await sql<{ n: string }>`select count(*) as n from ops.moderation_queue where status <> 'decided'`.execute(app.db);
    expect(live.rows[0]!.n).toBe('0');
    const open = await sql<{ n: string }>`select count(*) as n from app.content_reports where status = 'open'`.execute(app.db);
    expect(open.rows[0]!.n).toBe('0');
    // Each entry was claimed once (no lease expired here) and decided by its claimant.
    const claims = await sql<{ entries: string; mismatched: string }>`
      select count(distinct c.queue_entry_id) as entries,
             count(*) filter (where c.actor_id is distinct from d.decided_by) as mismatched
      from ops.moderation_events c join ops.moderation_decisions d on d.queue_entry_id = c.queue_entry_id
      where c.kind = 'claimed'`.execute(app.db);
    expect(claims.rows[0]).toEqual({ entries: String(ENTRIES), mismatched: '0' });
    const perEntry = await sql<{ most: number }>`select coalesce(max(n), 0)::int as most from (select count(*) as n from ops.moderation_events where kind = 'claimed' group by queue_entry_id) x`.execute(app.db);
    expect(perEntry.rows[0]!.most).toBe(1);
    const counters = await sql<{ n: string }>`select coalesce(sum(entries), 0) as n from ops.moderation_queue_counts`.execute(app.db);
    expect(counters.rows[0]!.n).toBe('0');
  });
});
