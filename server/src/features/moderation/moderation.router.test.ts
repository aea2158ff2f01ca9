import { sql } from 'kysely';
import { ZDsaStatementSchema, type Role } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { seedReportedContent } from './moderation.testFixtures.js';
import { syncOpenReports } from './moderationSync.queries.js';

/**
 * The moderation router against a migrated PostgreSQL through createCaller: the queue
 * synced from product reports and ordered by priority, leases (renew, release, expiry),
 * decisions only by the holder with a valid DSA statement and their product effects,
 * the item page, notes, the customer page's section, and support refused.
 */
describe('moderation router', () => {
  let app: TestApp;
  const as = async (roles: Role[]) => (await app.callerAs(roles)).api;
  /** Every live entry decided and every report resolved, so each test starts from an empty queue. */
  const emptyQueue = async () => {
    await sql`update app.content_reports set status = 'resolved' where status = 'open'`.execute(app.db);
    await sql`update ops.moderation_queue set status = 'decided', claimed_by = null, claimed_at = null, lease_expires_at = null where status <> 'decided'`.execute(app.db);
  };

  beforeAll(async () => {
    app = await createTestApp();
    await migrateReferenceProductSchema(app.db);
  });
  afterAll(() => app?.close());

  it('groups open reports per item and puts violence and illegal content above spam, whatever the report counts', async () => {
    await emptyQueue();
    await seedReportedContent(app.db, { items: 3, reason: 'spam', reportsPerItem: 6, reporters: 6 });
    await seedReportedContent(app.db, { items: 1, reason: 'violence' });
    await seedReportedContent(app.db, { items: 1, reason: 'illegal' });
    expect(await syncOpenReports(app.db)).toBe(3 * 6 + 2);
    expect(await syncOpenReports(app.db)).toBe(0);

    const moderator = await as(['moderator']);
    const page = await moderator.moderation.queue({});
    expect(page.items.map((i) => i.reasonGroup)).toEqual(['violence', 'illegal', 'spam', 'spam', 'spam']);
    expect(page.items[2]).toMatchObject({ reportCount: 6, bucket: 'normal' });
    expect(page.items[0]).toMatchObject({ reportCount: 1, bucket: 'urgent' });
    expect(page.counts).toEqual(expect.arrayContaining([{ reasonGroup: 'spam', bucket: 'normal', entries: 3 }, { reasonGroup: 'violence', bucket: 'urgent', entries: 1 }]));

    const first = await moderator.moderation.next({});
    expect(first.entry).toMatchObject({ reasonGroup: 'violence', status: 'claimed' });
    // One item at a time: asking again answers the held item.
    expect((await moderator.moderation.next({})).entry?.id).toBe(first.entry!.id);
    const other = await as(['moderator']);
    expect((await other.moderation.next({})).entry).toMatchObject({ reasonGroup: 'illegal' });
    const second = await moderator.moderation.queue({ limit: 2 });
    expect(second.items.map((i) => i.reasonGroup)).toEqual(['spam', 'spam']);
    expect((await moderator.moderation.queue({ limit: 2, cursor: second.nextCursor! })).items).toHaveLength(1);
    expect((await moderator.moderation.queue({ status: 'claimed' })).items).toHaveLength(2);
  });

  it('decides only by the holder with a valid lease; the decision hides the content, resolves reports, writes a DSA statement, outcomes and events', async () => {
    await emptyQueue();
    const seeded = await seedReportedContent(app.db, { items: 1, reason: 'harassment', reportsPerItem: 2, reporters: 2 });
    await syncOpenReports(app.db);
    const holder = await app.callerAs(['moderator']);
    const stranger = await as(['moderator']);
    const { entry } = await holder.api.moderation.next({});
    const decision = { entryId: entry!.id, reasonCode: 'harassment', reason: 'Repeated insults aimed at one user.' };

    await expect(stranger.moderation.decide(decision)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(holder.api.moderation.decide({ ...decision, reasonCode: 'made_up' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // A ban goes through customers.ban, a high-risk action: without the author's email typed it is refused.
    await expect(holder.api.moderation.decide({ ...decision, reasonCode: 'severe_violation' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('confirmation') });
    await expect(holder.api.moderation.decide({ ...decision, reason: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const result = await holder.api.moderation.decide(decision);
    expect(result).toMatchObject({ decisionType: 'hide', reportsResolved: 2, outcomes: 3, contentStatus: { before: 'visible', after: 'hidden' } });
    expect(ZDsaStatementSchema.safeParse(result.statement).success).toBe(true);
    expect(result.statement).toMatchObject({ decision_visibility: ['DECISION_VISIBILITY_CONTENT_DISABLED'], decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH', automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED', source_type: 'SOURCE_ARTICLE_16', puid: result.decisionId });
    const monthsToAppeal = (Date.parse(result.appealDeadline) - Date.now()) / (30.44 * 86_400_000);
    expect(monthsToAppeal).toBeGreaterThan(5.9);
    expect(monthsToAppeal).toBeLessThan(6.1);

    const content = await app.db.selectFrom('app.content').select('status').where('id', '=', seeded.contentIds[0]!).executeTakeFirstOrThrow();
    expect(content.status).toBe('hidden');
    const reports = await app.db.selectFrom('app.contentReports').select('status').where('contentId', '=', seeded.contentIds[0]!).execute();
    expect(reports.map((r) => r.status)).toEqual(['resolved', 'resolved']);
    const outcomes = await sql<{ recipientRole: string; howToAppeal: string }>`select recipient_role, how_to_appeal from ops.moderation_outcomes where decision_id = ${result.decisionId}`.execute(app.db);
    expect(outcomes.rows.map((o) => o.recipientRole).sort()).toEqual(['author', 'reporter', 'reporter']);
    expect(outcomes.rows[0]!.howToAppeal).toContain('6 months');
    const stats = await sql<{ reports: number; upheld: number }>`select reports, upheld from ops.moderation_reporter_stats where reporter_user_id = any(${seeded.reporterIds}::text[])`.execute(app.db);
    expect(stats.rows).toEqual([{ reports: 1, upheld: 1 }, { reports: 1, upheld: 1 }]);

    // Decided once: the holder cannot decide again, and the audit log has the refusals and the success.
    await expect(holder.api.moderation.decide(decision)).rejects.toMatchObject({ code: 'CONFLICT' });
    const audited = (await auditRows(app, 'moderation.decided')).filter((row) => row.targetId === entry!.id);
    expect(audited.filter((row) => row.result === 'success')).toHaveLength(1);
    expect(audited.find((row) => row.result === 'success')?.reason).toBe(decision.reason);
    // The reason code is what the statement of reasons rests on: the audit log keeps it (it was hidden as a "code" once).
    expect(audited.find((row) => row.result === 'success')?.input).toMatchObject({ reasonCode: 'harassment' });

    const item = await holder.api.moderation.item({ entryId: entry!.id });
    expect(item.events.map((e) => e.kind)).toEqual(['decided', 'claimed', 'report_received', 'report_received']);
    expect(item.reports).toHaveLength(2);
    expect(item.author).toMatchObject({ id: seeded.authorId, paying: false, history: { decisions: 1, upheldDecisions: 1 } });
    await expect(sql`delete from ops.moderation_events`.execute(app.db)).rejects.toThrow(/append-only/);

    // The customer page's moderation section shows the decision.
    const support = await as(['support']);
    const page = await support.customers.get({ userId: seeded.authorId });
    expect(page.moderation).toEqual({
      available: true,
      entries: [expect.objectContaining({ decision: 'hide', reasonCode: 'harassment', contentId: seeded.contentIds[0] })],
      appeals: [],
      reportsAgainst: expect.arrayContaining([expect.objectContaining({ contentId: seeded.contentIds[0], status: 'resolved' })]),
    });
  });

  it('an expired lease returns the item: someone else claims it and the first holder can no longer renew or decide', async () => {
    await emptyQueue();
    await seedReportedContent(app.db, { items: 1, reason: 'sexual' });
    await syncOpenReports(app.db);
    const first = await as(['moderator']);
    const second = await as(['moderator']);
    const { entry } = await first.moderation.next({});
    await expect(first.moderation.renew({ entryId: entry!.id })).resolves.toMatchObject({ entryId: entry!.id });
    expect((await second.moderation.next({})).entry).toBeNull();

    await sql`update ops.moderation_queue set lease_expires_at = now() - interval '1 second' where id = ${entry!.id}`.execute(app.db);
    const taken = await second.moderation.next({});
    expect(taken.entry?.id).toBe(entry!.id);
    await expect(first.moderation.renew({ entryId: entry!.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(first.moderation.decide({ entryId: entry!.id, reasonCode: 'no_violation', reason: 'Fine.' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const released = await second.moderation.release({ entryId: entry!.id });
    expect(released.status).toBe('open');
    const item = await second.moderation.item({ entryId: entry!.id });
    expect(item.events.map((e) => e.kind)).toEqual(['released', 'claimed', 'lease_expired', 'claimed', 'report_received']);
    const dismissed = await first.moderation.next({}).then((r) => first.moderation.decide({ entryId: r.entry!.id, reasonCode: 'no_violation', reason: 'Not sexual content.' }));
    expect(dismissed).toMatchObject({ decisionType: 'dismiss', statement: null, outcomes: 1 });
  });

  it('notes are appended to the log; support is refused every call; hostile input is a 4xx', async () => {
    await emptyQueue();
    await seedReportedContent(app.db, { items: 1, reason: 'other' });
    await syncOpenReports(app.db);
    const moderator = await as(['moderator']);
    const { entry } = await moderator.moderation.next({});
    await moderator.moderation.addNote({ entryId: entry!.id, body: 'Checked the author\u2019s other posts.' });
    expect((await moderator.moderation.item({ entryId: entry!.id })).notes).toEqual([expect.objectContaining({ body: 'Checked the author\u2019s other posts.' })]);

    const support = await as(['support']);
    await expect(support.moderation.queue({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(support.moderation.item({ entryId: entry!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(support.moderation.next({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(moderator.moderation.addNote({ entryId: entry!.id, body: 'nul \u0000 byte' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(moderator.moderation.item({ entryId: '1; drop table ops.staff' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(moderator.moderation.queue({ cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(moderator.moderation.item({ entryId: '999999999' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
