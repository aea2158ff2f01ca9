import { randomBytes } from 'node:crypto';
import type { Role, TErasurePlan } from '@opsdesk/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { createCustomer, prepareCustomerTests, type TestCustomer } from '../../customers/testing/customerFixtures.js';
import type { JobEngine } from '../../jobs/jobEngine.js';
import { startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { createErasureJobKinds } from './erasureJobs.js';
import { EXCERPT_LENGTH, excerptOf, MENTIONS_LIMIT, nameNeedles } from './erasureMentions.js';
import { erasurePlanHash } from './erasurePlan.service.js';

/**
 * The plan's "Mentions elsewhere" on a migrated PostgreSQL (docs/gdpr.md): staff free
 * text on someone else's record quoting the subject is listed with an excerpt and a link,
 * matched as a literal in any case, capped with its total, and never part of the hash
 * the approval binds, so removing a mention by hand after the request keeps it valid.
 */
type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];

describe('erasure plan: mentions elsewhere', () => {
  let app: TestApp;
  let officer: Api;
  let approver: Api;
  let support: Awaited<ReturnType<TestApp['callerAs']>>;
  let engine: JobEngine | undefined;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    await prepareCustomerTests(app);
    engine = await startTestEngine(app, createErasureJobKinds(app.deps));
    officer = (await app.callerAs(['privacy'])).api;
    approver = (await app.callerAs(['privacy'])).api;
    support = await app.callerAs(['support']);
  }, 60_000);
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  const unique = () => randomBytes(4).toString('hex');
  /** A product user without Stripe, its erasure request verified (by user id: any address the product holds). */
  async function verifiedErasureOf(customer: TestCustomer): Promise<string> {
    const created = await officer.privacy.create({ kind: 'erasure', subject: { kind: 'user_id', value: customer.userId }, channel: 'email' });
    await officer.privacy.verifyIdentity({ requestId: created.id, method: 'email_confirmation', note: 'Replied from the account address' });
    return created.id;
  }
  const previewOf = async (requestId: string) => (await officer.privacy.previewErasure({ requestId, reason: 'look first' })).preview;
  const noteOn = (customer: TestCustomer, body: string) => support.api.customers.addNote({ userId: customer.userId, body });
  /** A moderator's note on the customer's account (ops.moderation_notes is not in the typed schema). */
  const moderatorNote = (customer: TestCustomer, body: string, at = new Date()) =>
    sql`insert into ops.moderation_notes (subject_type, subject_id, author_id, author_label, body, created_at)
      values ('account', ${customer.userId}, ${support.staff.id}, ${support.staff.email}, ${body}, ${at})`.execute(app.db);

  it('lists a note, a staff action’s reason and a request note on others quoting the address in another case, with excerpt, date and link; not the subject’s own notes', async () => {
    const subject = await createCustomer(app, { price: null });
    const other = await createCustomer(app, { price: null });
    const requestId = await verifiedErasureOf(subject);
    const quoted = subject.email.toUpperCase();
    const long = 'The customer called about their invoices and the export they asked for last week. '.repeat(3);
    const note = await noteOn(other, `${long}Her partner ${quoted} uses the same card; ${long}`);
    await noteOn(subject, `Asked by ${subject.email} to close the account`);
    // Another request's note (the console's privacy page) quotes them too.
    const otherRequest = await officer.privacy.create({ kind: 'access', subject: { kind: 'email', value: other.email }, channel: 'email', note: `Also asked about ${subject.email}` });

    // A staff action's reason about another customer (it ran at once: its customer's page shows it).
    const moderator = await app.callerAs(['moderator']);
    const suspended = await moderator.api.customers.suspend({ userId: other.userId, days: 3, reason: `Shares a login with ${subject.email}` });

    const { mentions } = await previewOf(requestId);
    expect(mentions).toMatchObject({ total: 3, limit: MENTIONS_LIMIT });
    expect(mentions!.items.find((m) => m.table === 'ops.action_requests')).toMatchObject({
      column: 'reason',
      recordId: suspended.requestId,
      kind: `Reason of the staff action customers.suspend on customer ${other.userId}`,
      link: { resource: 'customers', id: other.userId },
      excerpt: { before: 'Shares a login with ', match: subject.email, after: '' },
    });
    const onNote = mentions!.items.find((m) => m.table === 'ops.staff_notes');
    expect(onNote).toEqual({
      table: 'ops.staff_notes',
      column: 'body',
      recordId: note.id,
      kind: `Staff note on customer ${other.userId}`,
      link: { resource: 'customers', id: other.userId },
      writtenAt: note.updatedAt,
      matched: 'email',
      excerpt: { before: expect.stringMatching(/^….*Her partner $/), match: quoted, after: expect.stringMatching(/^ uses the same card; .*…$/) },
    });
    const { before, match, after } = onNote!.excerpt;
    expect((before + match + after).length).toBeLessThanOrEqual(EXCERPT_LENGTH + 2);
    expect(mentions!.items.find((m) => m.table === 'ops.privacy_requests')).toMatchObject({
      column: 'note',
      recordId: otherRequest.id,
      kind: `Note of the access request ${otherRequest.id}`,
      link: { resource: 'privacy', id: otherRequest.id },
      excerpt: { before: 'Also asked about ', match: subject.email, after: '' },
    });
  });

  it('matches the address as a literal: a text that % or _ would match as wildcards is not listed', async () => {
    const tag = unique();
    const subject = await createCustomer(app, { price: null, email: `ann_lee%${tag}@example.test` });
    const other = await createCustomer(app, { price: null });
    const requestId = await verifiedErasureOf(subject);
    await noteOn(other, `Spoke to annXlee${tag}@example.test and to annXleeZZ${tag}@example.test about the refund`);
    expect((await previewOf(requestId)).mentions).toEqual({ items: [], total: 0, limit: MENTIONS_LIMIT });

    await noteOn(other, `Forwarded to ANN_LEE%${tag}@EXAMPLE.TEST`);
    const { mentions } = await previewOf(requestId);
    expect(mentions).toMatchObject({ total: 1, items: [{ excerpt: { match: `ANN_LEE%${tag}@EXAMPLE.TEST` } }] });
  });

  it('finds the full name too, on a moderator’s note about another account', async () => {
    const subject = await createCustomer(app, { price: null });
    const other = await createCustomer(app, { price: null });
    const name = `Ada Quill${unique()}`;
    await app.db.updateTable('app.users').set({ name }).where('id', '=', subject.userId).execute();
    const requestId = await verifiedErasureOf(subject);
    await moderatorNote(other, `Reported by ${name.toLowerCase()} twice`);

    const { mentions } = await previewOf(requestId);
    expect(mentions).toMatchObject({
      total: 1,
      items: [{ table: 'ops.moderation_notes', kind: `Moderator's note on account ${other.userId}`, link: { resource: 'customers', id: other.userId }, matched: 'name', excerpt: { before: 'Reported by ', match: name.toLowerCase(), after: ' twice' } }],
    });
  });

  it('caps the list at the limit, newest first across tables, with the total', async () => {
    const subject = await createCustomer(app, { price: null });
    const other = await createCustomer(app, { price: null });
    const requestId = await verifiedErasureOf(subject);
    const at = (i: number) => new Date(Date.UTC(2025, 0, 1, 0, i));
    await app.db
      .insertInto('ops.staffNotes')
      .values(Array.from({ length: 40 }, (_, i) => ({ subjectType: 'customer', subjectId: other.userId, authorId: support.staff.id, body: `Note ${i} about ${subject.email}`, createdAt: at(2 * i), updatedAt: at(2 * i), deletedAt: null })))
      .execute();
    for (let i = 0; i < 15; i++) await moderatorNote(other, `Mod ${i}: ${subject.email}`, at(2 * i + 1));

    const { mentions } = await previewOf(requestId);
    expect(mentions!.total).toBe(55);
    expect(mentions!.items).toHaveLength(MENTIONS_LIMIT);
    const times = mentions!.items.map((m) => m.writtenAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(times[0]).toBe(at(78).toISOString());
    // The five oldest (notes at 0, 2 and 4 minutes, moderator's notes at 1 and 3) are counted, not listed.
    expect(times.at(-1)).toBe(at(5).toISOString());
    expect(mentions!.items.filter((m) => m.table === 'ops.moderation_notes')).toHaveLength(13);
  });

  it('leaves mentions out of the hash: the plan hashes alike with and without one, and an approval outlives its removal by hand', async () => {
    const subject = await createCustomer(app, { price: null });
    const other = await createCustomer(app, { price: null });
    const requestId = await verifiedErasureOf(subject);
    const without = await previewOf(requestId);
    expect(without.mentions).toMatchObject({ total: 0 });

    const note = await noteOn(other, `Refund went to ${subject.email} by mistake`);
    const withMention = await previewOf(requestId);
    expect(withMention.mentions).toMatchObject({ total: 1 });
    expect(withMention.hash).toBe(without.hash);
    const { hash: _hash, plannedAt: _plannedAt, ...unhashed } = withMention;
    expect(erasurePlanHash(unhashed)).toBe(erasurePlanHash({ ...unhashed, mentions: undefined }));

    // Requested with the mention; the approver sees it, support removes it, the approval still applies.
    const requested = await officer.privacy.requestErasure({ requestId, reason: 'The person asked by email' });
    expect(((await approver.approvals.get({ id: requested.requestId })).preview as TErasurePlan).mentions).toMatchObject({ total: 1 });
    await support.api.customers.editNote({ id: note.id, body: 'Refund went to the wrong customer by mistake' });
    expect((await previewOf(requestId)).mentions).toMatchObject({ total: 0 });
    expect(await approver.approvals.get({ id: requested.requestId })).toMatchObject({ stale: null });
    const approved = await approver.approvals.approve({ id: requested.requestId, comment: 'Mention removed, plan checked' });
    expect(approved).toMatchObject({ status: 'succeeded', result: { requestId, planHash: without.hash } });
    // The plan the erasure starts with is stored without the mentions; the erasure runs.
    const started = await app.db.selectFrom('ops.privacyRequests').select('plan').where('id', '=', requestId).executeTakeFirstOrThrow();
    expect(started.plan).not.toHaveProperty('mentions');
    expect(await waitForJob(app.db, (approved.result as { jobId: string }).jobId)).toMatchObject({ status: 'succeeded' });
  });

  it('shows plans, and with them the mentions, only to those who may erase', async () => {
    const subject = await createCustomer(app, { price: null });
    const requestId = await verifiedErasureOf(subject);
    const requested = await officer.privacy.requestErasure({ requestId, reason: 'The person asked by post' });
    for (const role of ['support', 'finance', 'oncall', 'moderator'] satisfies Role[]) {
      const { api } = await app.callerAs([role]);
      await expect(api.privacy.previewErasure({ requestId, reason: 'curious' }), role).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.privacy.get({ requestId }), role).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // Approvals are read by support, finance and moderators, but not an erasure's (it needs privacy.erase).
      await expect(api.approvals.get({ id: requested.requestId }), role).rejects.toMatchObject({ code: role === 'oncall' ? 'FORBIDDEN' : 'NOT_FOUND' });
    }
  });
});

describe('mention excerpts', () => {
  const email = { value: 'ann@example.test', kind: 'email' as const };
  const name = { value: 'Ann Lee', kind: 'name' as const };

  it('keeps about 120 characters around the first match, whitespace collapsed, whole characters, "…" where the text goes on', () => {
    const text = `${'🙂'.repeat(100)}\n\nwrote to  ANN@example.test\tyesterday ${'x'.repeat(200)}`;
    const { matched, excerpt } = excerptOf(text, [name, email]);
    expect(matched).toBe('email');
    expect(excerpt.match).toBe('ANN@example.test');
    expect(excerpt.before).toMatch(/^…🙂+ wrote to $/u);
    expect(excerpt.after).toMatch(/^ yesterday x+…$/);
    expect(Array.from(excerpt.before + excerpt.match + excerpt.after)).toHaveLength(EXCERPT_LENGTH + 2);
  });

  it('gives the room a short side leaves to the other, and prefers an address to a name', () => {
    expect(excerptOf('Ann Lee is ann@example.test', [name, email])).toEqual({ matched: 'email', excerpt: { before: 'Ann Lee is ', match: 'ann@example.test', after: '' } });
    expect(excerptOf(`ann lee: ${'y'.repeat(300)}`, [name, email]).excerpt).toEqual({ before: '', match: 'ann lee', after: `: ${'y'.repeat(111)}…` });
  });

  it('matches names of two words or more only', () => {
    expect(nameNeedles(['  Ann   Lee ', 'Cher', 'A B', 'ann@example.test', 'Ann Lee'])).toEqual(['Ann Lee']);
  });
});
