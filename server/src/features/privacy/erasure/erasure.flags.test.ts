import { randomBytes } from 'node:crypto';
import type { TDeletionReceipt, TErasurePlan } from '@opsdesk/shared';
import { isEnabled, type FlagContext } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../../testing/testApp.js';
import { verifyAuditChain } from '../../audit/audit.verify.js';
import { migrateReferenceProductSchema } from '../../demo/appSchema/migrateReferenceProductSchema.js';
import { buildRuleset } from '../../flags/flagRuleset.service.js';
import { enqueueJob } from '../../jobs/enqueueJob.js';
import type { JobEngine } from '../../jobs/jobEngine.js';
import { startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { FLAG_AUDIT_ROWS } from './erasureFlagAudit.js';
import { eraseFlagTargeting, FLAG_TARGETING_TABLES } from './erasureFlags.js';
import { createErasureJobKinds, erasureJobKind } from './erasureJobs.js';
import { verifyReceipt } from './erasureReceipt.js';
import { receiptKeyFromConfig } from './receiptKey.js';
import { approvedErasure, auditRowsReadableWith, type PrivacyCaller } from './testing/erasureFlow.js';

/**
 * Flag targeting in an erasure, on a migrated PostgreSQL through the real four-eyes flow
 * and job: a subject named by user id and by email in strategy constraints, a
 * userWithId list, a variant override, segments and a pending schedule. Afterwards no
 * rule, segment or schedule names them; the other values of the same lists stay; every
 * flag answers everyone else as before, and a list only they were on matches no one (not
 * everyone); the plan, the receipt and the flag's history say what changed in counts
 * only; running it again changes nothing.
 */
type Api = PrivacyCaller['api'];

describe('erasure: flag targeting naming the subject', () => {
  let app: TestApp;
  let engine: JobEngine | undefined;
  let admin: Api;
  let requester: PrivacyCaller;
  let approver: PrivacyCaller;
  const tag = randomBytes(4).toString('hex');
  const subject = { email: `flagged-${tag}@example.test`, userId: '' };
  const other = { email: `kept-${tag}@example.test`, userId: '' };
  const STAGING = 'staging';
  const segmentIds: string[] = [];

  const contextOf = (person: { userId: string; email: string }): FlagContext => ({ userId: person.userId, properties: { email: person.email } });
  const stranger: FlagContext = { userId: '7d4a3c59-0000-4000-8000-000000000001', properties: { email: 'stranger@example.test' } };
  const FLAGS = ['beta.checkout', 'only.them', 'everyone.but.them'];
  const answers = async (context: FlagContext) => {
    const ruleset = (await buildRuleset(app.db, STAGING))!;
    return Object.fromEntries(FLAGS.map((flag) => [flag, isEnabled(ruleset.compiled, flag, context)]));
  };
  const targetingText = async () =>
    JSON.stringify([
      await app.db.selectFrom('ops.flagEnvironmentStates').select(['strategies', 'variants']).execute(),
      await app.db.selectFrom('ops.flagSegments').select('constraints').execute(),
      await app.db.selectFrom('ops.flagSchedules').select(['strategies', 'variants']).execute(),
    ]).toLowerCase();
  const revisionOf = async (environment: string) => (await admin.flags.environments()).find((env) => env.name === environment)!.revision;

  beforeAll(async () => {
    app = await createTestApp();
    await migrateReferenceProductSchema(app.db);
    engine = await startTestEngine(app, createErasureJobKinds(app.deps));
    admin = (await app.callerAs(['admin'])).api;
    requester = await app.callerAs(['privacy']);
    approver = await app.callerAs(['privacy']);
    for (const person of [subject, other]) {
      person.userId = (await app.db.insertInto('app.users').values({ email: person.email, name: 'Flagged person', country: 'NO' }).returning('id').executeTakeFirstOrThrow()).id;
    }

    // Segments: one shared with someone else (the subject's email written in capitals), one naming only the subject.
    const beta = await admin.flags.segments.upsert({
      name: `beta-${tag}`,
      constraints: [
        { contextName: 'userId', operator: 'IN', values: [subject.userId, other.userId] },
        { contextName: 'email', operator: 'IN', values: [subject.email.toUpperCase(), other.email] },
      ],
    });
    const onlyThem = await admin.flags.segments.upsert({ name: `only-${tag}`, constraints: [{ contextName: 'email', operator: 'IN', values: [` ${subject.email} `] }] });
    segmentIds.push(String(beta.id), String(onlyThem.id));

    for (const key of FLAGS) await admin.flags.create({ key, type: 'release' });
    await admin.flags.setEnvironment({
      key: 'beta.checkout',
      environment: STAGING,
      enabled: true,
      strategies: [
        { name: 'default', constraints: [{ contextName: 'email', operator: 'IN', values: [subject.email] }] },
        { name: 'default', constraints: [{ contextName: 'userId', operator: 'IN', values: [subject.userId, 'someone-else'] }] },
        { name: 'userWithId', parameters: { userIds: `${subject.userId},${other.userId}` } },
        { name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'userId' }, segments: [beta.id] },
      ],
      variants: [{ name: 'blue', weight: 1000, overrides: [{ contextName: 'userId', values: [subject.userId, other.userId] }] }],
    });
    await admin.flags.setEnvironment({ key: 'only.them', environment: STAGING, enabled: true, strategies: [{ name: 'default', segments: [onlyThem.id] }] });
    await admin.flags.setEnvironment({
      key: 'everyone.but.them',
      environment: STAGING,
      enabled: true,
      strategies: [{ name: 'default', constraints: [{ contextName: 'userId', operator: 'NOT_IN', values: [subject.userId] }] }],
    });
    // A ramp planned for later that would write the subject back in.
    await admin.flags.schedules.create({
      key: 'beta.checkout',
      environment: STAGING,
      enabled: true,
      strategies: [{ name: 'default', constraints: [{ contextName: 'email', operator: 'IN', values: [subject.email, other.email] }] }],
      runAt: new Date(Date.now() + 3_600_000),
    });
  });
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  it('removes the subject from every rule, segment and schedule, keeps the other values, and answers everyone else as before', async () => {
    const before = { other: await answers(contextOf(other)), stranger: await answers(stranger), subject: await answers(contextOf(subject)) };
    expect(before).toEqual({
      other: { 'beta.checkout': true, 'only.them': false, 'everyone.but.them': true },
      stranger: { 'beta.checkout': false, 'only.them': false, 'everyone.but.them': true },
      subject: { 'beta.checkout': true, 'only.them': true, 'everyone.but.them': false },
    });
    expect(await targetingText()).toContain(subject.email);
    expect(await targetingText()).toContain(subject.userId);
    // The edits that wrote them in are on the flags' history, in plaintext (flag rows have no data subject).
    expect(await auditRowsReadableWith(app, subject.userId)).toBeGreaterThan(0);
    const revision = await revisionOf(STAGING);

    const approved = await approvedErasure(app, { requester, approver }, subject.email);
    // The approver saw the flag rules in the plan.
    const plan = (await approver.api.approvals.get({ id: approved.approvalId })).preview as TErasurePlan;
    expect(plan.steps.filter((step) => step.table.startsWith('ops.flag_'))).toEqual([
      expect.objectContaining({ table: 'ops.flag_schedules', action: 'keep', rows: 1 }),
      expect.objectContaining({ table: 'ops.flag_segments', action: 'keep', rows: 2 }),
      expect.objectContaining({ table: 'ops.flag_environment_states', action: 'keep', rows: 2 }),
    ]);
    // The two segment edits, the two rule edits and the schedule that named them.
    expect(plan.steps.find((step) => step.table === FLAG_AUDIT_ROWS)).toMatchObject({ action: 'keep', rows: 5 });
    expect(await waitForJob(app.db, approved.jobId, undefined, 60_000)).toMatchObject({ status: 'succeeded' });
    const { requestId } = approved;

    // Nothing names them any more, however it was written.
    const after = await targetingText();
    expect(after).not.toContain(subject.email);
    expect(after).not.toContain(subject.userId);
    // Nor does the history of those edits: sealed under their key, which is shredded.
    expect(await auditRowsReadableWith(app, subject.userId)).toBe(0);
    expect(await auditRowsReadableWith(app, subject.email)).toBe(0);
    // The rest of each list is kept; lists only they were on stay, empty.
    const beta = await admin.flags.get({ key: 'beta.checkout' });
    const staging = beta.environments.find((env) => env.environment === STAGING)!;
    expect(staging.strategies.map((s) => s.constraints?.[0]?.values ?? s.parameters?.userIds)).toEqual([[], ['someone-else'], other.userId, undefined]);
    expect(staging.variants[0]!.overrides).toEqual([{ contextName: 'userId', values: [other.userId] }]);
    const segments = await admin.flags.segments.list();
    expect(segments.find((s) => s.name === `beta-${tag}`)!.constraints.map((c) => c.values)).toEqual([[other.userId], [other.email]]);
    expect(segments.find((s) => s.name === `only-${tag}`)!.constraints).toEqual([{ contextName: 'email', operator: 'IN', values: [] }]);
    const [schedule] = await admin.flags.schedules.list({ key: 'beta.checkout' });
    expect(schedule).toMatchObject({ status: 'pending', strategies: [{ constraints: [{ values: [other.email] }] }] });

    // Everyone else gets the same answers; the lists only they were on match no one, not everyone.
    expect(await answers(contextOf(other))).toEqual(before.other);
    expect(await answers(stranger)).toEqual(before.stranger);
    expect(await answers(contextOf(subject))).toEqual({ 'beta.checkout': false, 'only.them': false, 'everyone.but.them': true });
    // SDKs fetch the new rules: the served revision moved.
    expect(await revisionOf(STAGING)).toBeGreaterThan(revision);

    // Recorded as the erasure records its steps: the receipt per table, the flag's history in counts only.
    const request = await app.db.selectFrom('ops.privacyRequests').select(['status', 'receipt']).where('id', '=', requestId).executeTakeFirstOrThrow();
    expect(request.status).toBe('completed');
    const receipt = request.receipt as TDeletionReceipt;
    expect(receipt.receipt.tables.filter((t) => t.table.startsWith('ops.flag_')).map((t) => [t.table, t.action, t.rows])).toEqual([
      ['ops.flag_schedules', 'keep', 1],
      ['ops.flag_segments', 'keep', 2],
      ['ops.flag_environment_states', 'keep', 2],
    ]);
    expect(verifyReceipt(receipt, receiptKeyFromConfig(app.deps.config).publicKey)).toMatchObject({ valid: true });
    const history = await admin.flags.history({ key: 'beta.checkout', environment: STAGING });
    expect(history.entries[0]).toMatchObject({ action: 'flags.subject_erased', actor: null, after: { valuesRemoved: 4, listsEmptied: 1 } });
    const erasureRows = (await auditRows(app, 'flags.subject_erased')).map((row) => row.targetId).sort();
    expect(erasureRows).toEqual(['beta.checkout@staging', 'everyone.but.them@staging', ...segmentIds, schedule!.id].sort());
    expect(JSON.stringify(await auditRows(app, 'flags.subject_erased')).toLowerCase()).not.toContain(subject.email);
    expect(JSON.stringify(receipt).toLowerCase()).not.toContain(subject.email);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: true });

    // Again: a step run once more (a resume that lost its ledger row) finds nothing; the finished job does nothing.
    const steps = await app.db.selectFrom('ops.privacyErasureSteps').selectAll().where('requestId', '=', requestId).orderBy('stepKey').execute();
    const revisionAfter = await revisionOf(STAGING);
    const frozenSubject = { userId: subject.userId, emails: [subject.email], customerIds: [], requestIds: [requestId] };
    for (const table of FLAG_TARGETING_TABLES) {
      const again = await app.db.transaction().execute((trx) => eraseFlagTargeting(trx, table, frozenSubject, requestId));
      expect(again.result).toEqual({ rows: 0, valuesRemoved: 0, listsEmptied: 0 });
    }
    const rerun = await enqueueJob(app.db, erasureJobKind(app.deps), { requestId }, { startedBy: null });
    expect(await waitForJob(app.db, rerun.id)).toMatchObject({ status: 'succeeded', result: { requestId, steps: 0 } });
    expect(await app.db.selectFrom('ops.privacyErasureSteps').selectAll().where('requestId', '=', requestId).orderBy('stepKey').execute()).toEqual(steps);
    expect(await revisionOf(STAGING)).toBe(revisionAfter);
    expect(await auditRows(app, 'flags.subject_erased')).toHaveLength(5);
  }, 120_000);
});
