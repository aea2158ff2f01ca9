import { randomBytes } from 'node:crypto';
import type { TDeletionReceipt, TErasurePlan } from '@opsdesk/shared';
import { isEnabled, type FlagContext, type FlagStrategy } from '@opsdesk/shared';
import type { TFlagChangePreview } from '@opsdesk/shared/flags/flagsApi.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { driveExecution, EXECUTION_LEASE_SECONDS } from '../../actionRequests/actionExecution.js';
import { approveForExecution, type ActionRequestRow } from '../../actionRequests/actionRequest.queries.js';
import { verifyAuditChain } from '../../audit/audit.verify.js';
import { migrateReferenceProductSchema } from '../../demo/appSchema/migrateReferenceProductSchema.js';
import { buildRuleset } from '../../flags/flagRuleset.service.js';
import { FLAG_CHANGE_REQUESTS } from '../../flags/flagSubjectErasure.service.js';
import type { JobEngine } from '../../jobs/jobEngine.js';
import { startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { FLAG_AUDIT_ROWS, sealFlagAuditRows } from './erasureFlagAudit.js';
import { eraseFlagTargeting } from './erasureFlags.js';
import { createErasureJobKinds } from './erasureJobs.js';
import { verifyReceipt } from './erasureReceipt.js';
import { receiptKeyFromConfig } from './receiptKey.js';
import { approvedErasure, auditRowsReadableWith, type PrivacyCaller } from './testing/erasureFlow.js';
import { scanForMarker } from './testing/residualScan.js';

/**
 * Flag change requests and flag history in an erasure, on a migrated PostgreSQL through
 * the real four-eyes flows and job. Requests naming the subject — one pending, one
 * approved the moment before the erasure, one executed earlier — and the plaintext audit
 * rows of flags quoting them. Afterwards the stored requests read without the subject, so
 * approving the pending one applies the rules without them, and so does executing the
 * one approved before (it reads the request as stored, not its old copy); the flag rows
 * that named them are sealed under their key and shredded, the audit chain still
 * verifies, and the plan and receipt count both.
 */
type Api = PrivacyCaller['api'];

describe('erasure: flag change requests and flag history naming the subject', () => {
  let app: TestApp;
  let engine: JobEngine | undefined;
  let requester: PrivacyCaller;
  let approver: PrivacyCaller;
  let flagRequester: Api;
  let flagApprover: PrivacyCaller;
  let pendingId: string;
  let racing: ActionRequestRow;
  const tag = randomBytes(4).toString('hex');
  const subject = { email: `asked-${tag}@example.test`, userId: '' };
  const other = { email: `colleague-${tag}@example.test`, userId: '' };
  const PRODUCTION = 'production';

  const contextOf = (person: { userId: string; email: string }): FlagContext => ({ userId: person.userId, properties: { email: person.email } });
  const servedTo = async (key: string, person: { userId: string; email: string }) => isEnabled((await buildRuleset(app.db, PRODUCTION))!.compiled, key, contextOf(person));
  const revision = async () => (await flagRequester.flags.environments()).find((env) => env.name === PRODUCTION)!.revision;
  const proposal = (people: { userId: string; email: string }[]): FlagStrategy[] => [
    { name: 'userWithId', parameters: { userIds: people.map((p) => p.userId).join(',') } },
    { name: 'default', constraints: [{ contextName: 'email', operator: 'IN', values: people.map((p, i) => (i === 0 ? p.email.toUpperCase() : p.email)) }] },
  ];
  const requestChange = (key: string, expectedRevision: number, reason: string) =>
    flagRequester.flags.requestChange({ key, environment: PRODUCTION, enabled: true, strategies: proposal([subject, other]), expectedRevision, reason });
  const storedRequestsText = async () =>
    JSON.stringify(await app.db.selectFrom('ops.actionRequests').select(['input', 'preview', 'result', 'reason', 'decisionComment']).where('action', '=', 'flags.changeEnvironment').execute()).toLowerCase();
  const liveRulesText = async () => JSON.stringify(await app.db.selectFrom('ops.flagEnvironmentStates').select(['strategies', 'variants']).execute()).toLowerCase();
  const frozenSubject = (requestId: string) => ({ userId: subject.userId, emails: [subject.email], customerIds: [], requestIds: [requestId] });

  beforeAll(async () => {
    app = await createTestApp();
    await migrateReferenceProductSchema(app.db);
    engine = await startTestEngine(app, createErasureJobKinds(app.deps));
    requester = await app.callerAs(['privacy']);
    approver = await app.callerAs(['privacy']);
    flagRequester = (await app.callerAs(['admin'])).api;
    flagApprover = await app.callerAs(['admin']);
    for (const person of [subject, other]) {
      person.userId = (await app.db.insertInto('app.users').values({ email: person.email, name: 'Asked-for person', country: 'NO' }).returning('id').executeTakeFirstOrThrow()).id;
    }
    // Kill-switches in production: every change is held for a second admin.
    for (const key of ['kill.done', 'kill.pending', 'kill.racing']) await flagRequester.flags.create({ key, type: 'kill-switch' });

    // Executed before the erasure: its rules are served, its request and history quote them.
    const done = await requestChange('kill.done', await revision(), 'Both of them need it');
    await flagApprover.api.approvals.approve({ id: done.requestId, comment: 'Fine' });
    // Waiting for a decision when the erasure runs; its reason names the subject too.
    pendingId = (await requestChange('kill.pending', await revision(), `Let ${subject.email} and a colleague in`)).requestId;
    // Approved the moment before the erasure: the approval's copy of the request is the one it read then.
    const racingId = (await requestChange('kill.racing', await revision(), 'For the two of them')).requestId;
    racing = await approveForExecution(app.db, racingId, { approverId: flagApprover.staff.id, comment: 'Go', leaseSeconds: EXECUTION_LEASE_SECONDS });
  });
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  it('rewrites the stored requests as the live rules, seals the flag history that named them, and an approval afterwards cannot bring them back', async () => {
    expect(await storedRequestsText()).toContain(subject.email);
    expect(await storedRequestsText()).toContain(subject.userId);
    expect(await servedTo('kill.done', subject)).toBe(true);
    // The flag's audit rows have no data subject: plaintext, readable with the subject's address.
    expect(await auditRowsReadableWith(app, subject.email)).toBeGreaterThan(0);
    const [applied] = (await flagRequester.flags.history({ key: 'kill.done', environment: PRODUCTION })).entries;
    expect(JSON.stringify(applied!.after)).toContain(subject.userId);

    const approved = await approvedErasure(app, { requester, approver }, subject.email);
    // The approver saw both in the plan.
    const plan = (await approver.api.approvals.get({ id: approved.approvalId })).preview as TErasurePlan;
    const planned = plan.steps.filter((step) => step.table === FLAG_CHANGE_REQUESTS || step.table === FLAG_AUDIT_ROWS);
    expect(planned).toEqual([
      expect.objectContaining({ table: FLAG_CHANGE_REQUESTS, action: 'keep', rows: 3 }),
      expect.objectContaining({ table: FLAG_AUDIT_ROWS, action: 'keep', rows: expect.any(Number), columns: expect.arrayContaining([{ column: 'input', strategy: 'crypto_shred' }]) }),
    ]);
    // The three requests' `approval.requested` rows and the executed change's row.
    const historyRows = planned[1]!.rows;
    expect(historyRows).toBe(4);
    expect(await waitForJob(app.db, approved.jobId, undefined, 60_000)).toMatchObject({ status: 'succeeded' });
    const { requestId } = approved;

    // Stored requests: no trace of them, however written; the colleague stays.
    const stored = await storedRequestsText();
    expect(stored).not.toContain(subject.email);
    expect(stored).not.toContain(subject.userId);
    expect(stored).toContain(other.email);
    expect(stored).toContain(other.userId);
    // The approver decides on what the request now does: the colleague only, the sample without them, the reason erased.
    const pending = await flagApprover.api.approvals.get({ id: pendingId });
    const preview = pending.preview as TFlagChangePreview;
    expect(pending).toMatchObject({ status: 'pending_approval', stale: null, reason: '[erased]', input: { reason: '[erased]' } });
    expect(preview.after.strategies).toEqual([
      { name: 'userWithId', parameters: { userIds: other.userId } },
      { name: 'default', constraints: [{ contextName: 'email', operator: 'IN', values: [other.email] }] },
    ]);
    expect(preview.impact.sample.map((account) => account.userId)).toEqual([other.userId]);

    // Flag history: the rows that named them are sealed and their key shredded; the chain verifies.
    expect(await auditRowsReadableWith(app, subject.email)).toBe(0);
    expect(await auditRowsReadableWith(app, subject.userId)).toBe(0);
    expect(await scanForMarker(app.db, subject.email)).toEqual({});
    const history = (await flagRequester.flags.history({ key: 'kill.done', environment: PRODUCTION })).entries;
    expect(history.map((entry) => entry.action)).toEqual(['flags.subject_erased', 'flags.environment_changed', 'approval.requested']);
    // The whole row goes (a row is rewritten once): who changed what, and when, stays; the link to its approver was in the row's values.
    expect(applied!.approver).toEqual({ name: expect.any(String), email: flagApprover.staff.email });
    expect(history[1]).toMatchObject({ id: applied!.id, actor: applied!.actor, at: applied!.at, approver: null, before: null, after: null });
    await expect(verifyAuditChain(app.db, { anchorFile: app.deps.config.auditAnchorFile })).resolves.toMatchObject({ ok: true });

    // On the receipt as the other flag steps are.
    const receipt = (await app.db.selectFrom('ops.privacyRequests').select('receipt').where('id', '=', requestId).executeTakeFirstOrThrow()).receipt as TDeletionReceipt;
    expect(receipt.receipt.tables.filter((t) => t.table === FLAG_CHANGE_REQUESTS || t.table === FLAG_AUDIT_ROWS).map((t) => [t.table, t.rows])).toEqual([
      [FLAG_CHANGE_REQUESTS, 3],
      [FLAG_AUDIT_ROWS, historyRows],
    ]);
    expect(receipt.receipt.audit.rowsCovered).toBeGreaterThanOrEqual(historyRows);
    expect(verifyReceipt(receipt, receiptKeyFromConfig(app.deps.config).publicKey)).toMatchObject({ valid: true });

    // Approved now, the pending request serves the colleague and not them.
    await expect(flagApprover.api.approvals.approve({ id: pendingId, comment: 'Still wanted' })).resolves.toMatchObject({ status: 'succeeded' });
    expect([await servedTo('kill.pending', subject), await servedTo('kill.pending', other)]).toEqual([false, true]);
    expect([await servedTo('kill.done', subject), await servedTo('kill.done', other)]).toEqual([false, true]);
    expect(await liveRulesText()).not.toContain(subject.userId);
    expect(await auditRowsReadableWith(app, subject.email)).toBe(0);

    // Again: both steps find nothing.
    const again = await app.db.transaction().execute((trx) => eraseFlagTargeting(trx, FLAG_CHANGE_REQUESTS, frozenSubject(requestId), requestId));
    expect(again.result).toEqual({ rows: 0, valuesRemoved: 0, listsEmptied: 0 });
    const resealed = await app.db.transaction().execute((trx) => sealFlagAuditRows(trx, frozenSubject(requestId), requestId));
    expect(resealed.result).toEqual({ rows: 0 });
  }, 120_000);

  it('an approval that read the request before the erasure applies it as stored now, without them', async () => {
    // Its execution runs only now (the erasure committed meanwhile), with the copy read at approval.
    expect(JSON.stringify(racing.input)).toContain(subject.userId);
    const outcome = await driveExecution(app.deps, { requestId: `test-${tag}`, ip: null, userAgent: null, sessionToken: null }, racing, { leased: true });
    expect(outcome).toMatchObject({ status: 'done' });
    expect([await servedTo('kill.racing', subject), await servedTo('kill.racing', other)]).toEqual([false, true]);
    expect(await liveRulesText()).not.toContain(subject.userId);
    expect(await liveRulesText()).not.toContain(subject.email);
  });
});
