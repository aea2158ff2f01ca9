import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import {
  addDays,
  DUE_THIS_WEEK_DAYS,
  utcDateOf,
  ZPrivacyCreateRequestSchema,
  ZPrivacyExtendRequestSchema,
  ZPrivacyIdRequestSchema,
  ZPrivacyListRequestSchema,
  ZPrivacyReasonRequestSchema,
  ZPrivacyVerifyRequestSchema,
  type TErasurePlan,
  type TPrivacyRequest,
  type TPrivacyRequestDetail,
} from '@opsdesk/shared';
import type { z } from 'zod';
import type { Trx } from '../../../db/database.js';
import type { AuditRecorder } from '../../../trpc/auditMutations.js';
import { staffProcedure } from '../../../trpc/procedures.js';
import { findJob } from '../../jobs/jobs.queries.js';
import { decodePrivacyCursor, encodePrivacyCursor } from './privacyRequestCursor.js';
import { findPrivacyRequestHistory } from './privacyRequestHistory.js';
import { countPrivacyDeadlines, findPrivacyRequest, findPrivacyRequestsPage, listsByDeadline, type StoredPrivacyRequest } from './privacyRequests.queries.js';
import { DuplicateErasureError, extendDeadline, liftHold, placeHold, rejectRequest, verifyIdentity } from './privacyRequests.service.js';
import { viewPrivacyRequest, viewPrivacyRequests } from './privacyRequestView.js';
import { recordRequestOnce } from './recordRequestOnce.js';

/**
 * `privacy.*` procedures of requests and deadlines (docs/gdpr.md); contracts in
 * shared/src/privacy/privacy.schemas.ts, dates from shared/src/privacy/deadlines.ts.
 *
 * - list (query, privacy.read): ZPrivacyListRequestSchema → { items: TPrivacyRequest[], nextCursor } (newest first)
 * - get (query, privacy.read): { requestId } → TPrivacyRequestDetail (404 unknown)
 * - deadlines (query, privacy.read): → TPrivacyDeadlineCounts (open requests)
 * - create, verifyIdentity, extend, hold, liftHold, reject (mutations, privacy.manage, audited
 *   `privacy.*` on target privacy_request) → TPrivacyRequest; 400 / 409 in words (privacyRequests.service.ts).
 *   A create retried with its idempotency key answers the first request (recordRequestOnce.ts).
 *
 * The audit rows carry the input (the subject's email with it): the audit log seals rows
 * whose target is a privacy_request, so the before/after written here hold no subject value.
 */
const read = staffProcedure.meta({ permission: 'privacy.read' });
/** A receipt in the future is refused with the input (400, before anything is recorded). */
const ZRecordRequestSchema = ZPrivacyCreateRequestSchema.refine((input) => !input.receivedAt || new Date(input.receivedAt).getTime() <= Date.now(), {
  path: ['receivedAt'],
  message: 'The date of receipt cannot be in the future.',
});
const change = (action: string) => staffProcedure.meta({ permission: 'privacy.manage', audit: { action, targetType: 'privacy_request' } });

/**
 * A status change of one request (privacyRequests.service.ts does the step under the
 * row's lock): audited against the request, answered with the request as it is now.
 */
function statusChange<TInput extends { requestId: string }>(
  action: string,
  schema: z.ZodType<TInput, any>,
  step: (trx: Trx, staffId: string, input: TInput, now: Date) => Promise<StoredPrivacyRequest>,
) {
  return change(action)
    .input(schema)
    .mutation(async ({ ctx, input: parsed }) => {
      // tRPC cannot narrow a generic input type; the schema has validated it.
      const input = parsed as TInput;
      ctx.audit.target('privacy_request', input.requestId);
      const before = await step(ctx.db as Trx, ctx.session.staff.id, input, new Date());
      return answer(ctx.db as Trx, ctx.audit, before, before.id);
    });
}

/** Today's deadline window in UTC dates. */
function deadlineWindow(now: Date) {
  const today = utcDateOf(now);
  return { today, weekEnd: addDays(today, DUE_THIS_WEEK_DAYS) };
}

/** What the audit row records of a request: its state, never who it is about. */
function auditedState(row: StoredPrivacyRequest) {
  return { status: row.status, kind: row.kind, dueOn: row.dueOn, extensionMonths: row.extensionMonths, statusBeforeHold: row.statusBeforeHold };
}

/** Re-reads the changed request in the mutation's transaction and records the change. */
async function answer(trx: Trx, audit: AuditRecorder, before: StoredPrivacyRequest | null, id: string): Promise<TPrivacyRequest> {
  const after = (await findPrivacyRequest(trx, id))!;
  audit.target('privacy_request', id);
  audit.change(before && auditedState(before), auditedState(after));
  return viewPrivacyRequest(trx, after);
}

export const privacyRequestProcedures = {
  list: read.input(ZPrivacyListRequestSchema).query(async ({ ctx, input }) => {
    const now = new Date();
    const rows = await findPrivacyRequestsPage(ctx.db, {
      ...input,
      after: input.cursor ? decodePrivacyCursor(input.cursor, listsByDeadline(input)) : undefined,
      ...deadlineWindow(now),
    });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    const items = await viewPrivacyRequests(ctx.db, page, now);
    const byDeadline = listsByDeadline(input);
    return { items, nextCursor: rows.length > input.limit && last ? encodePrivacyCursor({ createdAt: last.cursorKey, id: last.id, ...(byDeadline && { dueOn: last.dueOn }) }) : null };
  }),

  get: read.input(ZPrivacyIdRequestSchema).query(async ({ ctx, input }): Promise<TPrivacyRequestDetail> => {
    const row = await findPrivacyRequest(ctx.db, input.requestId);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No privacy request with that id.' });
    const request = await viewPrivacyRequest(ctx.db, row);
    const job = row.jobId ? await findJob(ctx.db, row.jobId) : undefined;
    return {
      ...request,
      plan: (row.plan as TErasurePlan | null) ?? null,
      history: await findPrivacyRequestHistory(ctx.db, row.id),
      job: job ? { status: job.status, progressDone: job.progressDone, progressTotal: job.progressTotal } : null,
    };
  }),

  deadlines: read.query(({ ctx }) => countPrivacyDeadlines(ctx.db, deadlineWindow(new Date()))),

  create: change('privacy.request_received')
    .input(ZRecordRequestSchema)
    .mutation(async ({ ctx, input }) => {
      // The audit row carries the input (the subject's value): naming the request from the
      // start seals even a failed attempt under a request's key, never in plain text.
      const id = randomUUID();
      ctx.audit.target('privacy_request', id);
      try {
        const { row, retryOf } = await recordRequestOnce(ctx.db as Trx, ctx.session.staff.id, id, input, new Date());
        if (!retryOf) return await answer(ctx.db as Trx, ctx.audit, null, row.id);
        // A retry changes nothing: logged as the staff actions log theirs, under the first request.
        ctx.audit.action('action_request.deduplicated');
        ctx.audit.target('privacy_request', row.id);
        ctx.audit.change(null, { actionRequestId: retryOf.actionRequestId, action: 'privacy.create' });
        return await viewPrivacyRequest(ctx.db as Trx, row);
      } catch (error) {
        // Filed under the open erasure: erasing that subject shreds it with the rest.
        if (error instanceof DuplicateErasureError) ctx.audit.target('privacy_request', error.openRequestId);
        throw error;
      }
    }),

  verifyIdentity: statusChange('privacy.identity_verified', ZPrivacyVerifyRequestSchema, verifyIdentity),
  extend: statusChange('privacy.deadline_extended', ZPrivacyExtendRequestSchema, extendDeadline),
  hold: statusChange('privacy.hold_placed', ZPrivacyReasonRequestSchema, placeHold),
  liftHold: statusChange('privacy.hold_lifted', ZPrivacyReasonRequestSchema, (trx, _staffId, input) => liftHold(trx, input)),
  reject: statusChange('privacy.request_rejected', ZPrivacyReasonRequestSchema, (trx, _staffId, input) => rejectRequest(trx, input)),
};
