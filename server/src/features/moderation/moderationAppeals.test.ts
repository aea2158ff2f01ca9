import { sql } from 'kysely';
import { ZDsaStatementSchema } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { createCustomer, prepareCustomerTests, userRow, type Catalog } from '../customers/testing/customerFixtures.js';
import { liftExpiredSuspensions } from '../../jobs/liftExpiredSuspensions.js';
import { syncOpenReports } from './moderationSync.queries.js';

/**
 * Appeals, reversals and account measures through createCaller on a migrated PostgreSQL
 * with the Stripe emulator: the first decider is refused, another moderator upholds or
 * reverses, a reversal restores the content and lifts a suspension through
 * customers.unban, the 6-month deadline holds (service and trigger), and suspend / ban
 * decisions go through the customer actions (a paying customer's ban held for approval).
 */
describe('moderation appeals and account measures', () => {
  let app: TestApp;
  let catalog: Catalog;
  type Caller = Awaited<ReturnType<TestApp['callerAs']>>;
  let first: Caller;
  let second: Caller;

  /** One content item by `authorId` with one open report by a fresh reporter, queued; the queue emptied of everything else. */
  async function reportedContentBy(authorId: string, reason: string) {
    await sql`update app.content_reports set status = 'resolved' where status = 'open'`.execute(app.db);
    await sql`update ops.moderation_queue set status = 'decided', claimed_by = null, claimed_at = null, lease_expires_at = null where status <> 'decided'`.execute(app.db);
    const reporter = await app.db.insertInto('app.users').values({ email: `reporter-${Math.random().toString(36).slice(2, 8)}@example.test`, name: 'Reporter' }).returning('id').executeTakeFirstOrThrow();
    const content = await sql<{ id: string }>`insert into app.content (user_id, kind, title, body) values (${authorId}::uuid, 'post', 'A post', 'Its body') returning id`.execute(app.db);
    const contentId = content.rows[0]!.id;
    await sql`insert into app.content_reports (content_id, reporter_user_id, reason_code, details) values (${contentId}::uuid, ${reporter.id}::uuid, ${reason}, 'reported in a test')`.execute(app.db);
    await syncOpenReports(app.db);
    return { contentId, reporterId: reporter.id };
  }

  async function decideAsFirst(authorId: string, reasonCode: string, extra: Record<string, unknown> = {}) {
    const seeded = await reportedContentBy(authorId, 'harassment');
    const { entry } = await first.api.moderation.next({});
    const decision = await first.api.moderation.decide({ entryId: entry!.id, reasonCode, reason: `Decided as ${reasonCode} in a test.`, ...extra });
    return { ...seeded, entryId: entry!.id, decision };
  }

  const contentStatus = async (id: string) => (await sql<{ status: string }>`select status from app.content where id = ${id}::uuid`.execute(app.db)).rows[0]!.status;
  const eventKinds = async (decisionId: string) => (await sql<{ kind: string }>`select kind from ops.moderation_events where decision_id = ${decisionId}::uuid order by id`.execute(app.db)).rows.map((r) => r.kind);

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    catalog = await prepareCustomerTests(app);
    first = await app.callerAs(['moderator']);
    second = await app.callerAs(['moderator']);
  });
  afterAll(() => app?.close());

  it('refuses the first decider, lists the appeal only for others, and lets another moderator uphold it', async () => {
    const author = await createCustomer(app, { price: null });
    const decided = await decideAsFirst(author.userId, 'harassment');
    const { decision, contentId, reporterId } = decided;
    const appeal = { decisionId: decision.decisionId, appellantUserId: author.userId, statement: 'I was quoting someone else.', reason: 'Received by mail.' };

    await expect(first.api.moderation.appeals.open({ ...appeal, appellantUserId: author.workspaceId })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const opened = await first.api.moderation.appeals.open(appeal);
    expect(opened).toMatchObject({ appellantRole: 'author', status: 'open', appealDeadline: decision.appealDeadline });
    await expect(first.api.moderation.appeals.open(appeal)).rejects.toMatchObject({ code: 'CONFLICT' });
    // A reporter may appeal too (against a decision they find too lenient).
    const byReporter = await second.api.moderation.appeals.open({ ...appeal, appellantUserId: reporterId, channel: 'product' });
    expect(byReporter).toMatchObject({ appellantRole: 'reporter' });
    // The first test: these two are the only open appeals; pages of one, oldest first.
    const page1 = await second.api.moderation.appeals.list({ limit: 1 });
    const page2 = await second.api.moderation.appeals.list({ limit: 1, cursor: page1.nextCursor! });
    expect([...page1.items, ...page2.items].map((a) => a.id)).toEqual([opened.appealId, byReporter.appealId]);
    expect(page2.nextCursor).toBeNull();

    const mine = await first.api.moderation.appeals.list({ forMe: true });
    expect(mine.items.map((a) => a.id)).not.toContain(opened.appealId);
    const theirs = await second.api.moderation.appeals.list({ forMe: true });
    expect(theirs.items.find((a) => a.id === opened.appealId)).toMatchObject({ mayDecide: true, firstDeciderLabel: first.staff.email, decisionType: 'hide', entryId: decided.entryId });

    await expect(first.api.moderation.appeals.decide({ appealId: opened.appealId, outcome: 'reversed', reason: 'I changed my mind.' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await contentStatus(contentId)).toBe('hidden');
    const upheld = await second.api.moderation.appeals.decide({ appealId: opened.appealId, outcome: 'upheld', reason: 'The quote was used to insult.' });
    expect(upheld).toMatchObject({ status: 'upheld', reversal: null });
    await expect(second.api.moderation.appeals.decide({ appealId: opened.appealId, outcome: 'reversed', reason: 'Again.' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await contentStatus(contentId)).toBe('hidden');

    expect(await eventKinds(decision.decisionId)).toEqual(['decided', 'appeal_received', 'appeal_received', 'appeal_decided']);
    const outcome = await sql<{ message: string }>`select message from ops.moderation_outcomes where decision_id = ${decision.decisionId}::uuid and recipient_role = 'appellant'`.execute(app.db);
    expect(outcome.rows).toEqual([{ message: expect.stringContaining('upheld our decision: The quote was used to insult.') }]);
    expect((await auditRows(app, 'moderation.appeal_decided')).filter((r) => r.targetId === opened.appealId)).toMatchObject([
      { result: 'failure', actorId: first.staff.id },
      { result: 'success', actorId: second.staff.id, reason: 'The quote was used to insult.' },
      { result: 'failure', actorId: second.staff.id },
    ]);
    expect((await second.api.moderation.appeals.list({ status: 'upheld' })).items.map((a) => a.id)).toContain(opened.appealId);
    // Where its audit entries link: the one appeal, as the list shows it, whatever its status.
    const listed = (await second.api.moderation.appeals.list({ status: 'upheld' })).items.find((a) => a.id === opened.appealId);
    expect(await second.api.moderation.appeals.get({ appealId: opened.appealId })).toEqual(listed);
    expect(await first.api.moderation.appeals.get({ appealId: opened.appealId })).toMatchObject({ id: opened.appealId, mayDecide: false, status: 'upheld', decidedByLabel: second.staff.email });
    await expect(second.api.moderation.appeals.get({ appealId: '00000000-0000-4000-8000-000000000001' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(second.api.moderation.appeals.get({ appealId: 'not-an-id' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('reverses a removal in one step: the content is visible again, the decision marked, and it cannot be appealed again', async () => {
    const author = await createCustomer(app, { price: null });
    const { decision, contentId } = await decideAsFirst(author.userId, 'spam');
    expect(await contentStatus(contentId)).toBe('removed');
    const opened = await first.api.moderation.appeals.open({ decisionId: decision.decisionId, appellantUserId: author.userId, statement: 'Not spam.', reason: 'Phone call.' });
    const reversed = await second.api.moderation.appeals.decide({ appealId: opened.appealId, outcome: 'reversed', reason: 'A one-off announcement, not spam.' });
    expect(reversed.reversal).toEqual({ content: { restored: true, from: 'removed', to: 'visible' } });
    expect(await contentStatus(contentId)).toBe('visible');
    const row = await sql<{ reversedBy: string; reversalReason: string; reversalAppealId: string }>`select reversed_by, reversal_reason, reversal_appeal_id from ops.moderation_decisions where id = ${decision.decisionId}::uuid`.execute(app.db);
    expect(row.rows[0]).toEqual({ reversedBy: second.staff.id, reversalReason: 'A one-off announcement, not spam.', reversalAppealId: opened.appealId });
    expect(await eventKinds(decision.decisionId)).toEqual(['decided', 'appeal_received', 'reversal', 'appeal_decided']);
    const reporterAppeal = { decisionId: decision.decisionId, appellantUserId: author.userId, statement: 'Again.', reason: 'Again.' };
    await expect(first.api.moderation.appeals.open(reporterAppeal)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('reversed') });
  });

  it('refuses an appeal after the 6 months, in the service and in the database', async () => {
    const author = await createCustomer(app, { price: null });
    const { decision } = await decideAsFirst(author.userId, 'harassment');
    await sql`update ops.moderation_decisions set appeal_deadline = now() - interval '1 second' where id = ${decision.decisionId}::uuid`.execute(app.db);
    await expect(first.api.moderation.appeals.open({ decisionId: decision.decisionId, appellantUserId: author.userId, statement: 'Late.', reason: 'Late mail.' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('appeal period') });
    await expect(
      sql`insert into ops.moderation_appeals (decision_id, appellant_user_id, appellant_role, channel, statement, entered_by_label) values (${decision.decisionId}::uuid, ${author.userId}, 'author', 'product', 'Late.', 'test')`.execute(app.db),
    ).rejects.toThrow(/appeal deadline/);
  });

  it('suspends the author through customers.suspend, and a reversal lifts the suspension through customers.unban', async () => {
    const author = await createCustomer(app, { price: null, sessions: 1 });
    const seeded = await reportedContentBy(author.userId, 'harassment');
    const { entry } = await first.api.moderation.next({});
    const base = { entryId: entry!.id, reasonCode: 'repeat_offender', reason: 'Third harassment decision this month.' };
    await expect(first.api.moderation.decide(base)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('suspendDays') });

    const decision = await first.api.moderation.decide({ ...base, suspendDays: 7 });
    expect(decision.accountAction).toMatchObject({ action: 'customers.suspend', status: 'done', duplicate: false });
    expect(decision.statement).toMatchObject({ decision_account: 'DECISION_ACCOUNT_SUSPENDED', end_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(ZDsaStatementSchema.safeParse(decision.statement).success).toBe(true);
    expect((await userRow(app, author.userId)).status).toBe('suspended');
    expect(await contentStatus(seeded.contentId)).toBe('visible');
    const request = await sql<{ action: string; status: string; requesterId: string }>`select action, status, requester_id from ops.action_requests where id = ${decision.accountAction!.requestId}::uuid`.execute(app.db);
    expect(request.rows).toEqual([{ action: 'customers.suspend', status: 'succeeded', requesterId: first.staff.id }]);
    expect((await auditRows(app, 'customer.suspended')).filter((r) => r.targetId === author.userId).map((r) => r.result)).toEqual(['attempted', 'success']);

    const opened = await first.api.moderation.appeals.open({ decisionId: decision.decisionId, appellantUserId: author.userId, statement: 'Those were jokes between friends.', reason: 'Support ticket 4411.' });
    const reversed = await second.api.moderation.appeals.decide({ appealId: opened.appealId, outcome: 'reversed', reason: 'The earlier decisions were reversed too.' });
    expect(reversed.reversal).toMatchObject({ account: { lifted: true, status: 'done' } });
    expect(await userRow(app, author.userId)).toEqual({ status: 'active', suspendedUntil: null });
    expect((await auditRows(app, 'customer.unbanned')).filter((r) => r.targetId === author.userId)).toMatchObject([{ result: 'attempted', actorId: second.staff.id }, { result: 'success' }]);
  });

  it('lets the suspension-lifting job end a timed suspension; a later reversal then has nothing to lift', async () => {
    const author = await createCustomer(app, { price: null });
    const { decision } = await decideAsFirst(author.userId, 'repeat_offender', { suspendDays: 1 });
    expect((await userRow(app, author.userId)).status).toBe('suspended');
    await app.db.updateTable('app.users').set({ suspendedUntil: new Date(Date.now() - 1000) }).where('id', '=', author.userId).execute();
    expect((await liftExpiredSuspensions(app.db)).lifted).toContain(author.userId);
    expect((await userRow(app, author.userId)).status).toBe('active');

    const opened = await first.api.moderation.appeals.open({ decisionId: decision.decisionId, appellantUserId: author.userId, statement: 'Unfair.', reason: 'Mail.' });
    const reversed = await second.api.moderation.appeals.decide({ appealId: opened.appealId, outcome: 'reversed', reason: 'Not repeated after all.' });
    expect(reversed.reversal).toMatchObject({ account: { lifted: false, requestId: null, status: 'active' } });
    expect((await auditRows(app, 'customer.unbanned')).filter((r) => r.targetId === author.userId)).toEqual([]);
  });

  it("holds a paying customer's ban for a second person's approval and records the request on the decision", async () => {
    const author = await createCustomer(app, { price: catalog.pro });
    await reportedContentBy(author.userId, 'violence');
    const { entry } = await first.api.moderation.next({});
    const base = { entryId: entry!.id, reasonCode: 'severe_violation', reason: 'Credible threats against a named person.' };
    // customers.ban is high risk: the author's email must be typed, also from a moderation decision.
    await expect(first.api.moderation.decide(base)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('confirmation') });

    const decision = await first.api.moderation.decide({ ...base, confirmation: author.email });
    expect(decision.accountAction).toMatchObject({ action: 'customers.ban', status: 'pending_approval' });
    expect(decision.statement).toMatchObject({ decision_account: 'DECISION_ACCOUNT_TERMINATED' });
    expect((await userRow(app, author.userId)).status).toBe('active');
    const stored = await sql<{ accountActionRequestId: string; accountActionStatus: string }>`select account_action_request_id, account_action_status from ops.moderation_decisions where id = ${decision.decisionId}::uuid`.execute(app.db);
    expect(stored.rows[0]).toEqual({ accountActionRequestId: decision.accountAction!.requestId, accountActionStatus: 'pending_approval' });
    const request = await sql<{ status: string; approvalReason: string }>`select status, approval_reason from ops.action_requests where id = ${decision.accountAction!.requestId}::uuid`.execute(app.db);
    expect(request.rows[0]).toEqual({ status: 'pending_approval', approvalReason: expect.stringContaining('paying customer') });

    // Reversed before anyone approved it: nothing ran, so nothing is lifted and the account stays as it was.
    const opened = await first.api.moderation.appeals.open({ decisionId: decision.decisionId, appellantUserId: author.userId, statement: 'It was a film quote.', reason: 'Mail.' });
    const reversed = await second.api.moderation.appeals.decide({ appealId: opened.appealId, outcome: 'reversed', reason: 'A quote from a film, in context.' });
    expect(reversed.reversal).toMatchObject({ account: { lifted: false, status: 'pending_approval' } });
    expect((await userRow(app, author.userId)).status).toBe('active');
  });

  it('a held ban approved by a second person is lifted by a later reversal', async () => {
    const author = await createCustomer(app, { price: catalog.pro });
    await reportedContentBy(author.userId, 'violence');
    const { entry } = await first.api.moderation.next({});
    const decision = await first.api.moderation.decide({ entryId: entry!.id, reasonCode: 'severe_violation', reason: 'Credible threats.', confirmation: author.email });
    expect(decision.accountAction).toMatchObject({ status: 'pending_approval' });
    await expect(first.api.approvals.approve({ id: decision.accountAction!.requestId, comment: 'Mine.' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await second.api.approvals.approve({ id: decision.accountAction!.requestId, comment: 'Threats confirmed.' })).toMatchObject({ status: 'succeeded' });
    expect((await userRow(app, author.userId)).status).toBe('banned');

    const opened = await first.api.moderation.appeals.open({ decisionId: decision.decisionId, appellantUserId: author.userId, statement: 'Hacked account.', reason: 'Support ticket.' });
    const reversed = await second.api.moderation.appeals.decide({ appealId: opened.appealId, outcome: 'reversed', reason: 'The account was compromised at the time.' });
    expect(reversed.reversal).toMatchObject({ account: { lifted: true, status: 'done' } });
    expect((await userRow(app, author.userId)).status).toBe('active');
  });

  it('refuses support every appeals call', async () => {
    const support = await app.callerAs(['support']);
    await expect(support.api.moderation.appeals.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(support.api.moderation.appeals.get({ appealId: '00000000-0000-4000-8000-000000000001' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(support.api.moderation.appeals.decide({ appealId: '00000000-0000-4000-8000-000000000001', outcome: 'upheld', reason: 'No.' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
