import { createHash } from 'node:crypto';
import type { TPrivacyCreateRequest } from '@opsdesk/shared';
import type { Trx } from '../../../db/database.js';
import { EXECUTION_LEASE_SECONDS } from '../../actionRequests/actionExecution.js';
import { claimActionRequest, completeActionRequest } from '../../actionRequests/actionRequest.queries.js';
import { findPrivacyRequest, type StoredPrivacyRequest } from './privacyRequests.queries.js';
import { recordRequest } from './privacyRequests.service.js';

/**
 * `privacy.create` made safe to retry, on the staff actions' idempotency keys
 * (ops.action_requests, actionRequest.queries.ts) rather than a second mechanism. The
 * key is claimed, the request recorded and the claim completed in the mutation's one
 * transaction: a twin sent at the same moment waits on the key's unique index and then
 * finds the first request; if the first call fails, its claim rolls back with it and
 * the key is free again. A recording has no outside effect, so unlike a staff action it
 * needs no intent committed first and is never left `executing` for the reconciler.
 */
const ACTION = 'privacy.create';

/**
 * The client's key, scoped to the staff member who sent it and named as staffAction.ts
 * names its keys. The client only picks a uuid; the same key from someone else is theirs.
 */
function recordingKeyOf(staffId: string, clientKey: string): string {
  return `opsdesk-${ACTION}-${createHash('sha256').update(JSON.stringify([staffId, clientKey])).digest('hex').slice(0, 40)}`;
}

export interface Recording {
  row: StoredPrivacyRequest;
  /** Set when the key had recorded a request already: this call is its retry. */
  retryOf: { actionRequestId: string } | null;
}

/** `id` is chosen by the caller (see recordRequest); a retry answers the first call's request, with another id. */
export async function recordRequestOnce(trx: Trx, staffId: string, id: string, input: TPrivacyCreateRequest, now: Date): Promise<Recording> {
  const { idempotencyKey, ...request } = input;
  if (!idempotencyKey) return { row: await recordRequest(trx, staffId, id, request, now), retryOf: null };
  const claim = await claimActionRequest(trx, {
    action: ACTION,
    idempotencyKey: recordingKeyOf(staffId, idempotencyKey),
    requesterId: staffId,
    target: { type: 'privacy_request', id },
    // Not the subject: this table is not sealed like the audit log (the request row has them).
    input: { kind: request.kind, channel: request.channel },
    preview: undefined,
    reason: null,
    money: null,
    leaseSeconds: EXECUTION_LEASE_SECONDS,
  });
  if (!claim.claimed) {
    // Requests are never deleted, so the first call's request is there.
    const first = await findPrivacyRequest(trx, claim.row.targetId);
    if (!first) throw new Error(`Idempotency key of ${ACTION} ${claim.row.id} names no privacy request`);
    return { row: first, retryOf: { actionRequestId: claim.row.id } };
  }
  const row = await recordRequest(trx, staffId, id, request, now);
  await completeActionRequest(trx, claim.row.id, { requestId: row.id });
  return { row, retryOf: null };
}
