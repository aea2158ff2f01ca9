import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { moderationSyncJob } from './moderationSync.job.js';
import { syncOpenReports } from './moderationSync.queries.js';
import { syncProductAppeals } from './moderationSyncAppeals.service.js';

/**
 * Appeals filed in the product (`app.moderation_appeals`) taken by the sync through the
 * same openAppeal as staff entry, on a migrated PostgreSQL: opened once (a second sync
 * takes nothing), the first decider still cannot decide it, and every invalid one is
 * recorded as refused with why instead of stopping the sync.
 */
describe('appeals from the product', () => {
  let app: TestApp;
  type Caller = Awaited<ReturnType<TestApp['callerAs']>>;
  let first: Caller;
  let second: Caller;

  const newUser = async (label: string) =>
    (await app.db.insertInto('app.users').values({ email: `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`, name: label }).returning('id').executeTakeFirstOrThrow()).id;

  /** A content item by a fresh author, reported by a fresh reporter, hidden by `first`. */
  async function hiddenContent() {
    const authorId = await newUser('author');
    const reporterId = await newUser('reporter');
    const content = await sql<{ id: string }>`insert into app.content (user_id, kind, title, body) values (${authorId}::uuid, 'post', 'A post', 'Its body') returning id`.execute(app.db);
    await sql`insert into app.content_reports (content_id, reporter_user_id, reason_code) values (${content.rows[0]!.id}::uuid, ${reporterId}::uuid, 'harassment')`.execute(app.db);
    await syncOpenReports(app.db);
    const { entry } = await first.api.moderation.next({});
    const decision = await first.api.moderation.decide({ entryId: entry!.id, reasonCode: 'harassment', reason: 'Hidden in a product appeal test.' });
    return { authorId, reporterId, decisionId: decision.decisionId };
  }

  async function fileInProduct(decisionId: string, appellantUserId: string, statement: string, status = 'open') {
    const rows = await sql<{ id: string }>`
      insert into app.moderation_appeals (decision_id, appellant_user_id, statement, status) values (${decisionId}::uuid, ${appellantUserId}::uuid, ${statement}, ${status}) returning id`.execute(app.db);
    return rows.rows[0]!.id;
  }

  const importOf = async (productAppealId: string) =>
    (await sql<{ appealId: string | null; refusedReason: string | null }>`select appeal_id, refused_reason from ops.moderation_product_appeals where product_appeal_id = ${productAppealId}`.execute(app.db)).rows[0];

  beforeAll(async () => {
    app = await createTestApp();
    await migrateReferenceProductSchema(app.db);
    first = await app.callerAs(['moderator']);
    second = await app.callerAs(['moderator']);
  });
  afterAll(() => app?.close());

  /** The every-minute job as the engine runs it (the app's pool, a log that keeps its lines). */
  async function runSyncJob() {
    const lines: string[] = [];
    const result = await moderationSyncJob.run({
      jobId: 'test', params: {}, db: app.db, signal: new AbortController().signal, attempt: 1, resume: null,
      progress: async () => {}, log: async (line) => void lines.push(line), checkpoint: async () => {},
    });
    return { result, lines };
  }

  it('opens a product appeal once, through the same rules as staff entry', async () => {
    const { authorId, decisionId } = await hiddenContent();
    const productAppealId = await fileInProduct(decisionId, authorId, 'It was satire.');

    expect(await runSyncJob()).toEqual({ result: { queued: 0, appealsOpened: 1, appealsRefused: 0 }, lines: ['Took 1 appeal(s) from the product; refused 0.'] });
    const { appealId } = (await importOf(productAppealId))!;
    const appeal = await sql<Record<string, unknown>>`select appellant_role, channel, statement, status, entered_by, entered_by_label from ops.moderation_appeals where id = ${appealId}::uuid`.execute(app.db);
    expect(appeal.rows[0]).toEqual({ appellantRole: 'author', channel: 'product', statement: 'It was satire.', status: 'open', enteredBy: null, enteredByLabel: 'product appeal form' });
    const events = await sql<{ actorLabel: string; data: { appealId: string; channel: string } }>`select actor_label, data from ops.moderation_events where decision_id = ${decisionId}::uuid and kind = 'appeal_received'`.execute(app.db);
    expect(events.rows).toEqual([{ actorLabel: 'product appeal form', data: expect.objectContaining({ appealId, channel: 'product' }) }]);

    // Idempotent: the product row's id is kept, so a second sync takes nothing.
    expect(await syncProductAppeals(app.db)).toEqual({ opened: 0, refused: 0 });
    const count = await sql<{ n: string }>`select count(*) as n from ops.moderation_appeals where decision_id = ${decisionId}::uuid`.execute(app.db);
    expect(Number(count.rows[0]!.n)).toBe(1);

    // The first-decider rule holds for appeals from the product too.
    await expect(first.api.moderation.appeals.decide({ appealId: appealId!, outcome: 'reversed', reason: 'My own decision.' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await second.api.moderation.appeals.decide({ appealId: appealId!, outcome: 'upheld', reason: 'Not satire.' })).toMatchObject({ status: 'upheld' });
  });

  it('records invalid appeals as refused with why, takes the valid ones beside them, and leaves withdrawn ones alone', async () => {
    const { authorId, reporterId, decisionId } = await hiddenContent();
    const late = await hiddenContent();
    await sql`update ops.moderation_decisions set appeal_deadline = now() - interval '1 second' where id = ${late.decisionId}::uuid`.execute(app.db);
    const stranger = await newUser('stranger');
    await first.api.moderation.appeals.open({ decisionId, appellantUserId: authorId, statement: 'By mail.', reason: 'Received by mail.' });

    const refused = {
      unknownDecision: await fileInProduct('00000000-0000-4000-8000-000000000000', authorId, 'Which decision?'),
      stranger: await fileInProduct(decisionId, stranger, 'I just disagree.'),
      second: await fileInProduct(decisionId, authorId, 'Again, from the form.'),
      late: await fileInProduct(late.decisionId, late.authorId, 'Too late.'),
      blank: await fileInProduct(late.decisionId, late.reporterId, '   '),
      control: await fileInProduct(decisionId, reporterId, 'Bell \u0007 inside'),
    };
    const valid = await fileInProduct(decisionId, reporterId, 'Too lenient: hide is not enough.');
    const withdrawn = await fileInProduct(late.decisionId, late.reporterId, 'Never mind.', 'withdrawn');

    expect(await syncProductAppeals(app.db, { batch: 3 })).toEqual({ opened: 1, refused: 6 });
    const reasons = Object.fromEntries(await Promise.all(Object.entries(refused).map(async ([name, id]) => [name, await importOf(id)])));
    expect(reasons).toEqual({
      unknownDecision: { appealId: null, refusedReason: 'There is no such decision.' },
      stranger: { appealId: null, refusedReason: 'Only the author of the content or one of its reporters can appeal this decision.' },
      second: { appealId: null, refusedReason: 'This person has already appealed this decision.' },
      late: { appealId: null, refusedReason: expect.stringMatching(/^The appeal period of this decision ended on \d{4}-\d{2}-\d{2}/) },
      blank: { appealId: null, refusedReason: 'The statement is empty.' },
      control: { appealId: null, refusedReason: 'The statement must not contain control characters.' },
    });
    expect(await importOf(valid)).toEqual({ appealId: expect.any(String), refusedReason: null });
    // A refusal keeps the statement's first words for the customer page, unless the text itself was refused.
    const previews = await sql<{ productAppealId: string; statementPreview: string | null }>`
      select product_appeal_id, statement_preview from ops.moderation_product_appeals where product_appeal_id in (${refused.stranger}, ${refused.control})`.execute(app.db);
    expect(Object.fromEntries(previews.rows.map((r) => [r.productAppealId, r.statementPreview]))).toEqual({ [refused.stranger]: 'I just disagree.', [refused.control]: null });
    expect(await importOf(withdrawn)).toBeUndefined();
    expect(await syncProductAppeals(app.db)).toEqual({ opened: 0, refused: 0 });
  });
});
