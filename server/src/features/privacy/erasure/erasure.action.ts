import { TRPCError } from '@trpc/server';
import { ZPrivacyErasureRequestSchema, type TErasurePlan } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import { defineStaffAction } from '../../actionRequests/staffAction.js';
import { enqueueJob } from '../../jobs/enqueueJob.js';
import type { PrivacyRequestRow } from '../privacy.table.js';
import { findPrivacyRequest, lockPrivacyRequest, updatePrivacyRequest } from '../requests/privacyRequests.queries.js';
import { erasureJobKind } from './erasureJobs.js';
import { planErasure, planErasureForReview, planErasureWithSubject } from './erasurePlan.service.js';
import { findActionRequestIdByKey, recordStepDone, SUBJECT_STEP } from './erasureSteps.queries.js';

const APPROVAL_REASON = 'An erasure cannot be undone: a second person approves its plan.';
const CHANGED = 'the data changed since the plan was approved: request the erasure again';

type Request = Pick<PrivacyRequestRow, 'id' | 'kind' | 'status'>;

/** Why this request cannot be erased now, or null: identity verified, no legal hold, not started. */
function notErasable(request: Request | undefined): { code: 'NOT_FOUND' | 'CONFLICT'; message: string } | null {
  if (!request || request.kind !== 'erasure') return { code: 'NOT_FOUND', message: 'No erasure request with that id.' };
  if (request.status === 'on_hold') return { code: 'CONFLICT', message: 'This request is on legal hold: lift the hold first.' };
  if (request.status === 'received') return { code: 'CONFLICT', message: "Verify the person's identity before planning the erasure." };
  if (request.status !== 'verified' && request.status !== 'approved') return { code: 'CONFLICT', message: `This request is ${request.status.replace('_', ' ')}: it cannot be erased again.` };
  return null;
}

function refuseUnlessErasable(request: Request | undefined): asserts request is Request & PrivacyRequestRow {
  const why = notErasable(request);
  if (why) throw new TRPCError(why);
}

/** Why a held plan no longer applies: the request changed state, or its data changed (the hash the approval binds differs). */
async function staleReason(db: DbOrTrx, preview: TErasurePlan): Promise<string | null> {
  const request = await findPrivacyRequest(db, preview.requestId);
  const why = notErasable(request);
  if (why) return `This request is stale: ${why.message}`;
  const now = await planErasure(db, request!);
  return now.hash === preview.hash ? null : `This request is stale: ${CHANGED}.`;
}

/**
 * An erasure (docs/gdpr.md, "The erasure plan") as a staff action on the four-eyes
 * machinery: the requester sees the plan, a second person with privacy.erase approves
 * that plan in the approvals inbox (never its requester), and the approval binds the
 * plan's hash. Executing, once: under the request's lock, the data are planned again and
 * a different hash refuses (the approver saw other data); otherwise the request goes
 * in_progress with the plan and the job is queued in the same transaction.
 */
export const erasureAction = defineStaffAction({
  name: 'privacy.erase',
  permission: 'privacy.erase',
  audit: 'privacy.erasure_started',
  risk: 'medium',
  input: ZPrivacyErasureRequestSchema,
  target: async (_ctx, input) => ({ type: 'privacy_request', id: input.requestId }),
  async preview(ctx, input) {
    const request = await findPrivacyRequest(ctx.db, input.requestId);
    refuseUnlessErasable(request);
    // With the mentions elsewhere: the requester and the approver both read them (not hashed).
    return planErasureForReview(ctx.db, request);
  },
  needsApproval: () => APPROVAL_REASON,
  // Linked at once, so the request's page (and a reload of it) shows the approval it waits for.
  async onHeld(trx, input, held) {
    await updatePrivacyRequest(trx, input.requestId, { approvalRequestId: held.id });
  },
  idempotencyParts: (input, plan) => [input.requestId, plan.hash],
  staleReason,
  async execute(ctx, input, { idempotencyKey, preview }) {
    return ctx.deps.db.transaction().execute(async (trx) => {
      const request = await lockPrivacyRequest(trx, input.requestId);
      // Executed already (its outcome was not recorded, and this is the retry): the same answer.
      if (request?.status === 'in_progress' && request.planHash === preview.hash && request.jobId) {
        return { requestId: request.id, jobId: request.jobId, planHash: request.planHash };
      }
      refuseUnlessErasable(request);
      const { plan, subject } = await planErasureWithSubject(trx, request);
      if (plan.hash !== preview.hash) throw new TRPCError({ code: 'CONFLICT', message: `Not erased: ${CHANGED}.` });
      const job = await enqueueJob(trx, erasureJobKind(ctx.deps), { requestId: request.id }, { startedBy: ctx.actor.id });
      await recordStepDone(trx, request.id, SUBJECT_STEP, subject);
      const approvalRequestId = await findActionRequestIdByKey(trx, idempotencyKey);
      await updatePrivacyRequest(trx, request.id, { status: 'in_progress', plan: JSON.stringify(plan), planHash: plan.hash, approvalRequestId, jobId: job.id });
      return { requestId: request.id, jobId: job.id, planHash: plan.hash };
    });
  },
});
