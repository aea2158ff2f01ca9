import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { seedReportedContent } from './moderation.testFixtures.js';
import { syncOpenReports } from './moderationSync.queries.js';

const ENTRIES = 10_000;
const MODERATORS = 20;
/** Moderators who claim an item and walk away: their leases expire and others take the items. */
const WALKED_AWAY = 3;

/**
 * Issue 13 §5: 20 moderators, each with their own session, take "next item" and decide
 * until a queue of 10,000 is empty. Every entry is decided exactly once, the claim log
 * shows no entry held by two moderators at once, and leases that expired (three more
 * moderators claimed and walked away) returned their items to the others.
 *
 * Every step is a real audited router call (two per entry), so the run is bound by the
 * audit chain, which orders all mutations: ~90 s on a loaded 2-core machine. The fixture
 * spreads reports over 200 reporters per group, as real traffic does; with one reporter
 * per group every decision queued on that reporter's stats row (see the write order in
 * moderationDecide.service.ts).
 */
describe('moderation under 20 concurrent moderators', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
    await migrateReferenceProductSchema(app.db);
    await seedReportedContent(app.db, { items: ENTRIES / 2, reason: 'spam', reporters: 200 });
    await seedReportedContent(app.db, { items: ENTRIES / 2, reason: 'violence', reporters: 200 });
    expect(await syncOpenReports(app.db, { batch: 2_500 })).toBe(ENTRIES);
  });
  afterAll(() => app?.close());

  it(`empties a queue of ${ENTRIES} with every entry decided exactly once`, { timeout: 600_000 }, async () => {
    const walkedAway = await Promise.all(Array.from({ length: WALKED_AWAY }, () => app.callerAs(['moderator'])));
    const abandoned: string[] = [];
    for (const { api } of walkedAway) abandoned.push((await api.moderation.next({})).entry!.id);
    // Their five minutes pass (the lease is compared with the database clock).
    await sql`update ops.moderation_queue set lease_expires_at = now() - interval '1 second' where id = any(${abandoned}::bigint[])`.execute(app.db);

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
    const moderatorIds = new Set(moderators.map((m) => m.staff.id));
    for (const [index, entryId] of abandoned.entries()) {
      // Taken over by a working moderator; the one who walked away can no longer decide it.
      expect(moderatorIds.has(decidedBy.get(entryId)!)).toBe(true);
      await expect(walkedAway[index]!.api.moderation.decide({ entryId, reasonCode: 'no_violation', reason: 'Back from lunch.' })).rejects.toMatchObject({ code: 'CONFLICT' });
    }

    // Each entry has exactly one decision, by whoever held it last.
    const decisions = await sql<{ entries: string; decisions: string }>`select count(distinct queue_entry_id) as entries, count(*) as decisions from ops.moderation_decisions`.execute(app.db);
    expect(decisions.rows[0]).toEqual({ entries: String(ENTRIES), decisions: String(ENTRIES) });
    const perEntry = await sql<{ most: number }>`select coalesce(max(n), 0)::int as most from (select count(*) as n from ops.moderation_decisions group by queue_entry_id) x`.execute(app.db);
    expect(perEntry.rows[0]!.most).toBe(1);
    const live = await sql<{ n: string }>`select count(*) as n from ops.moderation_queue where status <> 'decided'`.execute(app.db);
    expect(live.rows[0]!.n).toBe('0');
    const open = await sql<{ n: string }>`select count(*) as n from app.content_reports where status = 'open'`.execute(app.db);
    expect(open.rows[0]!.n).toBe('0');

    // The claim log: per entry, a claim only ever follows nothing, an expiry or a release
    // (never another live claim), and the decider is the last claimant.
    const claimLog = await sql<{ overlapping: string; undecidedByLastClaimant: string; expired: string }>`
      with claim_events as (
        select queue_entry_id, kind, actor_id, lag(kind) over (partition by queue_entry_id order by id) as previous,
               row_number() over (partition by queue_entry_id order by id desc) as from_last
        from ops.moderation_events where kind in ('claimed', 'lease_expired', 'released')
      )
      select count(*) filter (where kind = 'claimed' and previous = 'claimed') as overlapping,
             count(*) filter (where c.from_last = 1 and (c.kind <> 'claimed' or c.actor_id is distinct from d.decided_by)) as undecided_by_last_claimant,
             count(*) filter (where kind = 'lease_expired') as expired
      from claim_events c left join ops.moderation_decisions d on d.queue_entry_id = c.queue_entry_id`.execute(app.db);
    expect(claimLog.rows[0]).toEqual({ overlapping: '0', undecidedByLastClaimant: '0', expired: String(WALKED_AWAY) });
    // Claimed twice: the abandoned entries (walked away, taken over); every other entry once.
    const claimCounts = await sql<{ claims: number; entries: string }>`
      select n::int as claims, count(*) as entries from (select count(*) as n from ops.moderation_events where kind = 'claimed' group by queue_entry_id) x group by n order by n`.execute(app.db);
    expect(claimCounts.rows).toEqual([{ claims: 1, entries: String(ENTRIES - WALKED_AWAY) }, { claims: 2, entries: String(WALKED_AWAY) }]);
    const audited = await sql<{ n: string }>`select count(*) as n from ops.audit_log where action = 'moderation.decided' and result = 'success'`.execute(app.db);
    expect(audited.rows[0]!.n).toBe(String(ENTRIES));
    const counters = await sql<{ n: string }>`select coalesce(sum(entries), 0) as n from ops.moderation_queue_counts`.execute(app.db);
    expect(counters.rows[0]!.n).toBe('0');
  });
});
