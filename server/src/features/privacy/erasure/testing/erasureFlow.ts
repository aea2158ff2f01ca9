import type { TestApp } from '../../../../testing/testApp.js';
import { openAuditRows } from '../../../audit/auditOpen.js';
import { findErasureSteps, type ErasureStepRow } from '../erasureSteps.queries.js';

/**
 * The erasure as people run it (docs/gdpr.md): a privacy user records the request,
 * verifies identity and requests the erasure (the staff action `privacy.erase`); a second
 * privacy user approves it in the approvals inbox, which enqueues the `privacy.erase` job.
 * Returns the request and its job; running the job is the caller's (an in-process engine
 * or a server process).
 */
export type PrivacyCaller = Awaited<ReturnType<TestApp['callerAs']>>;

export async function approvedErasure(app: TestApp, people: { requester: PrivacyCaller; approver: PrivacyCaller }, email: string): Promise<{ requestId: string; jobId: string; approvalId: string }> {
  const { requester, approver } = people;
  const request = await requester.api.privacy.create({ kind: 'erasure', subject: { kind: 'email', value: email }, channel: 'email', note: 'Please delete my account and everything about me.' });
  await requester.api.privacy.verifyIdentity({ requestId: request.id, method: 'email_confirmation', note: 'Confirmed from the account address.' });
  const requested = await requester.api.privacy.requestErasure({ requestId: request.id, reason: 'Erasure request by the data subject' });
  const approvalId = (requested as { requestId: string }).requestId;
  await approver.api.approvals.approve({ id: approvalId, comment: 'Plan checked' });
  const row = await app.db.selectFrom('ops.privacyRequests').select(['jobId', 'status']).where('id', '=', request.id).executeTakeFirstOrThrow();
  if (!row.jobId) throw new Error(`the approved erasure ${request.id} has no job (status ${row.status})`);
  return { requestId: request.id, jobId: row.jobId, approvalId };
}

/** Audit rows whose values, read through the app's decrypting reader, still contain the marker. */
export async function auditRowsReadableWith(app: TestApp, marker: string): Promise<number> {
  let found = 0;
  for (let after = '0'; ; ) {
    const rows = await app.db.selectFrom('ops.auditLog').select(['id', 'input', 'before', 'after', 'reason', 'error']).where('id', '>', after).orderBy('id').limit(500).execute();
    if (rows.length === 0) return found;
    for (const row of await openAuditRows(app.db, rows)) if (JSON.stringify(row).includes(marker)) found++;
    after = rows[rows.length - 1]!.id;
  }
}

export const erasureSteps = (app: TestApp, requestId: string) => findErasureSteps(app.db, requestId);

/** Waits until one of the request's step rows matches (read again every 10 ms: a condition, not a duration); fails after the bound. */
export async function waitForErasureStep(app: TestApp, requestId: string, matches: (step: ErasureStepRow) => boolean, boundMs: number): Promise<ErasureStepRow[]> {
  for (const deadline = Date.now() + boundMs; ; ) {
    const steps = await erasureSteps(app, requestId);
    if (steps.some(matches)) return steps;
    if (Date.now() > deadline) throw new Error(`no erasure step matched within ${boundMs / 1000} s; steps so far: ${steps.map((s) => `${s.stepKey}=${s.state}`).join(', ') || 'none'}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
