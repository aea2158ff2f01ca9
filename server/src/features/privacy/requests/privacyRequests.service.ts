import { TRPCError } from '@trpc/server';
import {
  dueDateOf,
  extendedDueDate,
  mayExtend,
  type TPrivacyCreateRequest,
  type TPrivacyExtendRequest,
  type TPrivacyReasonRequest,
  type TPrivacyRequestStatus,
  type TPrivacyVerifyRequest,
} from '@opsdesk/shared';
import type { Trx } from '../../../db/database.js';
import { CLOSED_STATUSES, findOpenErasure, insertPrivacyRequest, lockPrivacyRequest, updatePrivacyRequest, type StoredPrivacyRequest } from './privacyRequests.queries.js';
import { resolveSubject } from './subjectResolution.queries.js';

/**
 * The request lifecycle before export or erasure (docs/gdpr.md, "Requests, statuses and
 * deadlines"). Every change locks the row first, so two staff members acting at once are
 * ordered and the second sees the first's outcome. A legal hold blocks verifying and
 * rejecting (and, in the export and erasure parts, approving and running); extending the
 * deadline stays possible, since the one-month window to extend keeps running.
 */
const conflict = (message: string) => new TRPCError({ code: 'CONFLICT', message });

/** A second open erasure for one subject; names the open request, so its audit row can be filed under it. */
export class DuplicateErasureError extends TRPCError {
  constructor(readonly openRequestId: string, message: string) {
    super({ code: 'CONFLICT', message });
  }
}
const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

const STATUS_WORDS: Record<TPrivacyRequestStatus, string> = {
  received: 'received',
  verified: 'verified',
  approved: 'approved',
  in_progress: 'in progress',
  completed: 'completed',
  rejected: 'rejected',
  on_hold: 'on legal hold',
};

async function lockOrThrow(trx: Trx, id: string): Promise<StoredPrivacyRequest> {
  const row = await lockPrivacyRequest(trx, id);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No privacy request with that id.' });
  return row;
}

function refuseClosedOrHeld(row: StoredPrivacyRequest): void {
  if (row.status === 'on_hold') throw conflict('This request is on legal hold: lift the hold first.');
  if (CLOSED_STATUSES.includes(row.status)) throw conflict(`This request is already ${STATUS_WORDS[row.status]}.`);
}

/** `id` is chosen by the caller, so the audit row names the request even when recording fails. */
export async function recordRequest(trx: Trx, staffId: string, id: string, input: TPrivacyCreateRequest, now: Date): Promise<StoredPrivacyRequest> {
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (input.kind === 'erasure') await refuseSecondErasure(trx, input.subject);
  const subject = await resolveSubject(trx, input.subject);
  const dueOn = dueDateOf(receivedAt);
  const row = await insertPrivacyRequest(trx, {
    id,
    kind: input.kind,
    subjectKind: input.subject.kind,
    subjectValue: input.subject.value,
    subjectLabel: subject.label,
    userId: subject.userId,
    customerIds: subject.customerIds,
    channel: input.channel,
    note: input.note ?? null,
    receivedAt,
    originalDueOn: dueOn,
    dueOn,
    createdBy: staffId,
  });
  if (!row) {
    // Another erasure for the same subject committed between the check and the insert: name it.
    await refuseSecondErasure(trx, input.subject);
    throw conflict('This subject already has an open erasure request.');
  }
  return row;
}

async function refuseSecondErasure(trx: Trx, subject: TPrivacyCreateRequest['subject']): Promise<void> {
  const open = await findOpenErasure(trx, subject);
  if (open) throw new DuplicateErasureError(open.id, `This subject already has an open erasure request (${open.id}, ${STATUS_WORDS[open.status]}, received ${open.receivedAt.toISOString().slice(0, 10)}).`);
}

export async function verifyIdentity(trx: Trx, staffId: string, input: TPrivacyVerifyRequest, now: Date) {
  const before = await lockOrThrow(trx, input.requestId);
  refuseClosedOrHeld(before);
  if (before.status !== 'received') throw conflict(`Identity was already verified: this request is ${STATUS_WORDS[before.status]}.`);
  await updatePrivacyRequest(trx, before.id, { status: 'verified', verificationMethod: input.method, verificationNote: input.note, verifiedAt: now, verifiedBy: staffId });
  return before;
}

export async function extendDeadline(trx: Trx, staffId: string, input: TPrivacyExtendRequest, now: Date) {
  const before = await lockOrThrow(trx, input.requestId);
  if (CLOSED_STATUSES.includes(before.status)) throw conflict(`This request is already ${STATUS_WORDS[before.status]}.`);
  if (before.extensionMonths !== null) {
    throw badRequest(`The deadline was already extended once (by ${before.extensionMonths} month${before.extensionMonths === 1 ? '' : 's'}, to ${before.dueOn}); it cannot be extended again.`);
  }
  if (!mayExtend(before.receivedAt, now)) {
    throw badRequest(`The deadline can only be extended within the first month, which ended on ${before.originalDueOn}.`);
  }
  const dueOn = extendedDueDate(before.receivedAt, input.months);
  await updatePrivacyRequest(trx, before.id, { dueOn, extensionMonths: input.months, extensionReason: input.reason, extendedAt: now, extendedBy: staffId });
  return before;
}

export async function placeHold(trx: Trx, staffId: string, input: TPrivacyReasonRequest, now: Date) {
  const before = await lockOrThrow(trx, input.requestId);
  if (before.status === 'on_hold') throw conflict('This request is already on legal hold.');
  if (CLOSED_STATUSES.includes(before.status)) throw conflict(`This request is already ${STATUS_WORDS[before.status]}.`);
  if (before.status === 'in_progress') throw conflict('This request is being carried out: a legal hold can only be placed before it starts.');
  await updatePrivacyRequest(trx, before.id, { status: 'on_hold', holdReason: input.reason, heldAt: now, heldBy: staffId, statusBeforeHold: before.status });
  return before;
}

export async function liftHold(trx: Trx, input: TPrivacyReasonRequest) {
  const before = await lockOrThrow(trx, input.requestId);
  if (before.status !== 'on_hold') throw conflict(`This request is not on legal hold (it is ${STATUS_WORDS[before.status]}).`);
  await updatePrivacyRequest(trx, before.id, { status: before.statusBeforeHold ?? 'received', holdReason: null, heldAt: null, heldBy: null, statusBeforeHold: null });
  return before;
}

export async function rejectRequest(trx: Trx, input: TPrivacyReasonRequest) {
  const before = await lockOrThrow(trx, input.requestId);
  refuseClosedOrHeld(before);
  if (before.status === 'in_progress') throw conflict('This request is being carried out: it can no longer be rejected.');
  await updatePrivacyRequest(trx, before.id, { status: 'rejected', rejectedReason: input.reason });
  return before;
}
