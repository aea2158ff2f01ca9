import { sql } from 'kysely';
import { ZDsaStatementSchema } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { createCustomer, prepareCustomerTests, userRow } from '../customers/testing/customerFixtures.js';
import { seedReportedContent } from './moderation.testFixtures.js';
import { syncOpenReports } from './moderationSync.queries.js';

/**
 * Reports about an account (app.account_reports) on a migrated PostgreSQL through
 * createCaller: grouped per reported user into one queue entry that ranks among content
 * entries by the same priority, shown on the item page as the account, and decided with
 * a suspension through customers.suspend (hide and remove refused), its reports resolved.
 */
describe('moderation of reported accounts', () => {
  let app: TestApp;
  type Caller = Awaited<ReturnType<TestApp['callerAs']>>;
  let first: Caller;
  let second: Caller;

  const reportAccount = async (reportedUserId: string, reason: string, details: string) => {
    const reporter = await app.db.insertInto('app.users').values({ email: `reporter-${Math.random().toString(36).slice(2, 8)}@example.test`, name: 'Reporter' }).returning('id').executeTakeFirstOrThrow();
    await app.db.insertInto('app.accountReports').values({ reportedUserId, reporterUserId: reporter.id, reasonCode: reason as 'harassment', details }).execute();
    return reporter.id;
  };

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    await prepareCustomerTests(app);
    first = await app.callerAs(['moderator']);
    second = await app.callerAs(['moderator']);
  });
  afterAll(() => app?.close());

  it('groups an account reported twice into one entry, ranked among content by priority, and suspends it through the account action', async () => {
    const account = await createCustomer(app, { price: null });
    const reporters = [await reportAccount(account.userId, 'harassment', 'Messages me from every new post.'), await reportAccount(account.userId, 'harassment', 'Same person, new insults.')];
    const violent = await seedReportedContent(app.db, { items: 1, reason: 'violence' });
    await seedReportedContent(app.db, { items: 1, reason: 'spam' });
    expect(await syncOpenReports(app.db)).toBe(4);
    expect(await syncOpenReports(app.db)).toBe(0);

    // Violence (90) above the account's harassment (60) above spam (20), whatever the report counts.
    const page = await first.api.moderation.queue({});
    expect(page.items.map((i) => [i.subjectType, i.reasonGroup])).toEqual([['content', 'violence'], ['account', 'abuse'], ['content', 'spam']]);
    expect(page.items[1]).toMatchObject({ subjectId: account.userId, authorUserId: account.userId, reportCount: 2, reasonCodes: ['harassment'], title: expect.stringMatching(/^Account: /), excerpt: expect.stringContaining('@') });

    expect((await first.api.moderation.next({})).entry).toMatchObject({ subjectId: violent.contentIds[0] });
    const { entry } = await second.api.moderation.next({});
    expect(entry).toMatchObject({ subjectType: 'account', subjectId: account.userId, status: 'claimed' });

    const item = await second.api.moderation.item({ entryId: entry!.id });
    expect(item.content).toBeNull();
    expect(item.account).toMatchObject({ id: account.userId, status: 'active', paying: false, accountAgeDays: 0 });
    expect(item.account!.email).toContain('@');
    expect(item.reports.map((r) => [r.details, r.status])).toEqual([['Messages me from every new post.', 'open'], ['Same person, new insults.', 'open']]);
    expect(item.events.map((e) => e.kind)).toEqual(['claimed', 'report_received', 'report_received']);

    const base = { entryId: entry!.id, reason: 'Harassed two users across many posts.' };
    // Harassment's policy hides content: an account cannot be hidden.
    await expect(second.api.moderation.decide({ ...base, reasonCode: 'harassment' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('cannot be hidden') });
    await expect(second.api.moderation.decide({ ...base, reasonCode: 'spam' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('cannot be removed') });

    const decision = await second.api.moderation.decide({ ...base, reasonCode: 'repeat_offender', suspendDays: 7 });
    expect(decision).toMatchObject({ decisionType: 'suspend_author', reportsResolved: 2, outcomes: 3, contentStatus: { before: null, after: null } });
    expect(decision.accountAction).toMatchObject({ action: 'customers.suspend', status: 'done', duplicate: false });
    expect(ZDsaStatementSchema.safeParse(decision.statement).success).toBe(true);
    expect(decision.statement).toMatchObject({ decision_account: 'DECISION_ACCOUNT_SUSPENDED', content_type: ['CONTENT_TYPE_OTHER'], source_type: 'SOURCE_ARTICLE_16', puid: decision.decisionId });
    expect(decision.statement?.decision_visibility).toBeUndefined();
    expect((await userRow(app, account.userId)).status).toBe('suspended');

    const reports = await app.db.selectFrom('app.accountReports').select('status').where('reportedUserId', '=', account.userId).execute();
    expect(reports.map((r) => r.status)).toEqual(['resolved', 'resolved']);
    const outcomes = await sql<{ recipientRole: string; recipientUserId: string; message: string }>`
      select recipient_role, recipient_user_id, message from ops.moderation_outcomes where decision_id = ${decision.decisionId}::uuid order by recipient_role, recipient_user_id`.execute(app.db);
    expect(outcomes.rows.map((o) => [o.recipientRole, o.recipientUserId])).toEqual([['author', account.userId], ...reporters.sort().map((id) => ['reporter', id])]);
    expect(outcomes.rows[0]!.message).toContain('Your account was reviewed');
    const decided = await sql<{ subjectType: string; subjectId: string; authorUserId: string }>`select subject_type, subject_id, author_user_id from ops.moderation_decisions where id = ${decision.decisionId}::uuid`.execute(app.db);
    expect(decided.rows).toEqual([{ subjectType: 'account', subjectId: account.userId, authorUserId: account.userId }]);
    expect((await second.api.moderation.item({ entryId: entry!.id })).events.map((e) => e.kind)).toEqual(['decided', 'claimed', 'report_received', 'report_received']);

    // A new report on the decided account opens a new entry rather than reviving the old one.
    await reportAccount(account.userId, 'spam', 'Now it posts links.');
    expect(await syncOpenReports(app.db)).toBe(1);
    const live = await first.api.moderation.queue({});
    expect(live.items.filter((i) => i.subjectType === 'account')).toEqual([expect.objectContaining({ subjectId: account.userId, reportCount: 1, status: 'open' })]);
    expect(live.items.find((i) => i.subjectType === 'account')!.id).not.toBe(entry!.id);
  });
});
