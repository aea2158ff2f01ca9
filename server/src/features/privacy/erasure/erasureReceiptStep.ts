import type { TErasurePlan } from '@opsdesk/shared';
import type { Db } from '../../../db/database.js';
import type { AppDeps } from '../../../trpc/context.js';
import { insertAuditEntry } from '../../audit/audit.queries.js';
import { auditSubjectRefs, countAuditRowsOfSubjects } from '../../audit/auditSubjects.js';
import { verifyAuditChain } from '../../audit/audit.verify.js';
import { maskingKeyFromConfig, type ErasureSubject } from '../dataMap/subjectRows.queries.js';
import { maskedIdentifier, maskedIdentifierPattern } from '../dataMap/masking.js';
import { lockPrivacyRequest, updatePrivacyRequest } from '../requests/privacyRequests.queries.js';
import { unplannedFlagAuditSteps } from './erasureFlagAudit.js';
import { unplannedTargetingSteps } from './erasureFlags.js';
import { AUDIT_LOG_TABLE } from './erasurePlan.service.js';
import { signReceipt, type TReceiptBody } from './erasureReceipt.js';
import { AUDIT_SHRED_STEP, claimStep, findApproverEmail, findErasureSteps, recordStepDone, SUBJECT_STEP, type ErasureStepRow } from './erasureSteps.queries.js';
import type { StripeDeletion } from './erasureStripe.js';
import { receiptKeyFromConfig } from './receiptKey.js';

/**
 * The erasure's last step: checks the audit chain (after the shredding), then, in one
 * transaction, signs the receipt from the ledger's counts and Stripe's answers, stores
 * it on the request, completes the request and forgets the frozen subject's addresses
 * (the ledger keeps ids and counts only from here on).
 */
export async function writeErasureReceipt(deps: AppDeps, db: Db, requestId: string): Promise<string> {
  const chain = await verifyAuditChain(db);
  return db.transaction().execute(async (trx) => {
    const request = await lockPrivacyRequest(trx, requestId);
    if (!request) throw new Error(`There is no privacy request ${requestId}.`);
    if (!(await claimStep(trx, requestId, 'receipt'))) return 'receipt: already written';
    const steps = new Map((await findErasureSteps(trx, requestId)).map((step) => [step.stepKey, step]));
    const subjectStep = steps.get(SUBJECT_STEP)!;
    const subject = subjectStep.result as ErasureSubject;
    const plan = request.plan as TErasurePlan;
    const masking = maskingKeyFromConfig(deps.config);
    // The request's own value is masked by then (ops.privacy_requests step); hashed here otherwise.
    const subjectHash = new RegExp(maskedIdentifierPattern()).test(request.subjectValue) ? request.subjectValue : maskedIdentifier(masking, request.subjectValue);
    const completedAt = new Date();
    const body: TReceiptBody = {
      version: 1,
      requestId,
      subjectHash,
      receivedAt: request.receivedAt.toISOString(),
      approvedBy: (await findApproverEmail(trx, request.approvalRequestId)) ?? 'unknown',
      startedAt: subjectStep.startedAt.toISOString(),
      completedAt: completedAt.toISOString(),
      planHash: request.planHash ?? plan.hash,
      tables: [...plan.steps, ...unplannedTargetingSteps(plan, steps), ...unplannedFlagAuditSteps(plan, steps)].map((step) => ({
        table: step.table,
        action: step.action,
        rows: step.table === AUDIT_LOG_TABLE ? step.rows : rowsDone(steps.get(`table:${step.table}`), step.rows),
        columns: step.columns.map((c) => `${c.column} (${c.strategy})`),
        basis: step.basis,
        retention: step.retention,
      })),
      stripe: plan.stripe.customerIds.map((id) => (steps.get(`stripe:${id}`)?.result as StripeDeletion | undefined) ?? { customerId: id, deleted: false, response: null }),
      audit: {
        subjectKeysShredded: ((steps.get(AUDIT_SHRED_STEP)?.result as { keysShredded?: number } | undefined)?.keysShredded ?? 0),
        rowsCovered: await countAuditRowsOfSubjects(trx, auditSubjectRefs(subject)),
        chainVerified: chain.ok,
      },
    };
    const receipt = signReceipt(body, receiptKeyFromConfig(deps.config));
    await updatePrivacyRequest(trx, requestId, { status: 'completed', receipt: JSON.stringify(receipt), completedAt });
    await recordStepDone(trx, requestId, 'receipt', { keyId: receipt.signature.keyId, chainVerified: chain.ok });
    await recordStepDone(trx, requestId, SUBJECT_STEP, { userId: subject.userId, customerIds: subject.customerIds, requestIds: subject.requestIds, emails: subject.emails.length });
    await insertAuditEntry(trx, {
      actor: null,
      action: 'privacy.erasure_completed',
      target: { type: 'privacy_request', id: requestId },
      // Ids and counts only, so a plain row: the subject's key is already shredded.
      subject: null,
      after: { planHash: body.planHash, tables: body.tables.length, stripeCustomersDeleted: body.stripe.filter((s) => s.deleted).length, keysShredded: body.audit.subjectKeysShredded, chainVerified: chain.ok, keyId: receipt.signature.keyId },
      result: 'success',
      request: { requestId: `job:privacy.erase:${requestId}`, ip: null, userAgent: 'opsdesk-jobs' },
    });
    return `receipt signed (${receipt.signature.keyId}); audit chain ${chain.ok ? 'verified' : 'NOT verified'}`;
  });
}

function rowsDone(step: ErasureStepRow | undefined, planned: number): number {
  const rows = (step?.result as { rows?: number } | null | undefined)?.rows;
  return typeof rows === 'number' ? rows : planned;
}
