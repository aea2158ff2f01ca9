import { TRPCError } from '@trpc/server';
import type { TActionOutcome } from '@opsdesk/shared';
import Stripe from 'stripe';
import { insertAuditEntry, type AuditEntryInput } from '../audit/audit.queries.js';
import { findStaffById } from '../staff/staff.queries.js';
import type { AppDeps, RequestInfo } from '../../trpc/context.js';
import { findStaffAction } from './staffAction.js';
import { completeActionRequest, failActionRequest, leaseExecutingRequest, outcomeOf, releaseLease, type ActionRequestRow } from './actionRequest.queries.js';

/**
 * Drives an `executing` request (its intent and "attempted" audit row already committed):
 * calls the outside world with the request's idempotency key, then records the outcome
 * and its audit row in one transaction. Used by a new request, an approval, a retry of
 * the same request and the reconciler, so all four end the same way:
 * - success → `succeeded` + a success row;
 * - a definite refusal (Stripe 4xx, a check in the action) → `failed` + a failure row;
 * - no answer (Stripe 5xx, network, or recording the outcome failed) → stays
 *   `executing`; the next retry or the reconciler sends the same call with the same
 *   key, which Stripe answers with the first result, so the effect happens once.
 */
export const EXECUTION_LEASE_SECONDS = 120;

export interface DriveOptions {
  /** The caller already holds the lease (it just claimed or approved the request). */
  leased: boolean;
  /** A retry or the reconciler waits this long after the last driver let go. */
  minIdleSeconds?: number;
}

export async function driveExecution<TResult>(deps: AppDeps, request: RequestInfo, row: ActionRequestRow, options: DriveOptions): Promise<TActionOutcome<TResult>> {
  const action = findStaffAction(row.action);
  if (!action) throw new Error(`Unknown staff action ${row.action} on request ${row.id}`);
  let current: ActionRequestRow | undefined = row;
  if (!options.leased) {
    current = await leaseExecutingRequest(deps.db, row.id, { leaseSeconds: EXECUTION_LEASE_SECONDS, minIdleSeconds: options.minIdleSeconds ?? 0 });
    if (!current) return outcomeOf<TResult>(row, true);
  }
  const requester = await findStaffById(deps.db, current.requesterId);
  if (!requester) throw new Error(`Requester of ${current.id} no longer exists`);
  const actor = { id: requester.id, email: requester.email, roles: requester.roles };
  const approver = current.approverId ? await findStaffById(deps.db, current.approverId) : undefined;
  const outcomeRow = (result: AuditEntryInput['result'], fields: Partial<AuditEntryInput>): AuditEntryInput => ({
    actor,
    action: action.audit,
    target: { type: current!.targetType, id: current!.targetId },
    reason: current!.reason,
    input: current!.input,
    before: current!.preview,
    result,
    request,
    ...fields,
  });

  let result: unknown;
  try {
    const input = action.input.parse(current.input);
    result = await action.execute({ db: deps.db, deps, actor, request }, input, { idempotencyKey: current.idempotencyKey, preview: current.preview });
  } catch (error) {
    const message = (error as Error).message;
    if (isDefiniteRefusal(error)) {
      await deps.db.transaction().execute(async (trx) => {
        if (await failActionRequest(trx, current!.id, message)) await insertAuditEntry(trx, outcomeRow('failure', { error: message, after: { requestId: current!.id } }));
      });
      throw error;
    }
    await releaseLease(deps.db, current.id, message);
    throw new TRPCError({
      code: 'BAD_GATEWAY',
      message: `${message.replace(/\.?$/, '.')} Opsdesk did not get a confirmation, so it will finish this request with the same idempotency key and record what happened; do not repeat it elsewhere.`,
      cause: error,
    });
  }

  const after = { result, requestId: current.id, ...(approver && { approvedBy: approver.email, approvalComment: current.decisionComment }) };
  try {
    const done = await deps.db.transaction().execute(async (trx) => {
      const { row: completed, completedNow } = await completeActionRequest(trx, current!.id, result);
      // A twin may have recorded it first: one success row per request.
      if (completedNow) await insertAuditEntry(trx, outcomeRow('success', { after }));
      return completed;
    });
    return outcomeOf<TResult>(done, !options.leased);
  } catch (error) {
    // The effect happened but is not recorded: the request stays executing, and the next
    // retry or the reconciler records it (Stripe answers the same key with the same result).
    deps.logger.error({ err: error, requestId: current.id }, 'recording a staff action outcome failed');
    await releaseLease(deps.db, current.id, `recording the outcome failed: ${(error as Error).message}`).catch(() => undefined);
    throw new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: `This was carried out, but recording its outcome failed. Opsdesk will record it (request ${current.id}); do not repeat it.`,
      cause: error,
    });
  }
}

/** Stripe said no (4xx) or the action refused: the effect did not happen, and retrying cannot change that. */
export function isDefiniteRefusal(error: unknown): boolean {
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  if (cause instanceof Stripe.errors.StripeError) {
    if (cause instanceof Stripe.errors.StripeConnectionError || cause instanceof Stripe.errors.StripeAPIError) return false;
    return cause.statusCode !== undefined && cause.statusCode >= 400 && cause.statusCode < 500 && cause.statusCode !== 409;
  }
  return error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR' && error.code !== 'BAD_GATEWAY' && error.code !== 'GATEWAY_TIMEOUT';
}

