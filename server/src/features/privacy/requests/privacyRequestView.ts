import { daysLeft, type TPrivacyRequest } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import { CLOSED_STATUSES, findStaffLabels, type StoredPrivacyRequest } from './privacyRequests.queries.js';

/** Staff ids → emails (findStaffLabels); a missing id reads as "Unknown staff". */
export type StaffLabels = ReadonlyMap<string, string>;

const labelOf = (labels: StaffLabels, id: string | null) => (id && labels.get(id)) || 'Unknown staff';
const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * A stored request as every `privacy.*` procedure answers it (requests, export and
 * erasure alike), so the console reads one shape. Never exposes the export's path or
 * the receipt itself: downloads go through their own audited procedures.
 */
export function toPrivacyRequest(row: StoredPrivacyRequest, labels: StaffLabels, today: Date = new Date()): TPrivacyRequest {
  const open = !CLOSED_STATUSES.includes(row.status);
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    subject: { kind: row.subjectKind, value: row.subjectValue, label: row.subjectLabel, userId: row.userId, customerIds: row.customerIds },
    channel: row.channel,
    note: row.note,
    receivedAt: row.receivedAt.toISOString(),
    dueOn: row.dueOn,
    originalDueOn: row.originalDueOn,
    extension:
      row.extensionMonths !== null && row.extensionReason !== null
        ? { months: row.extensionMonths, reason: row.extensionReason, at: iso(row.extendedAt) ?? '', byLabel: labelOf(labels, row.extendedBy) }
        : null,
    daysLeft: open ? daysLeft(row.dueOn, today) : null,
    verification:
      row.verificationMethod && row.verificationNote !== null
        ? { method: row.verificationMethod, note: row.verificationNote, at: iso(row.verifiedAt) ?? '', byLabel: labelOf(labels, row.verifiedBy) }
        : null,
    hold:
      row.status === 'on_hold' && row.holdReason !== null
        ? { reason: row.holdReason, at: iso(row.heldAt) ?? '', byLabel: labelOf(labels, row.heldBy), statusBefore: row.statusBeforeHold ?? 'received' }
        : null,
    rejectedReason: row.rejectedReason,
    approvalRequestId: row.approvalRequestId,
    jobId: row.jobId,
    export:
      row.exportSha256 !== null && row.exportBytes !== null && row.exportExpiresAt !== null
        ? { bytes: Number(row.exportBytes), sha256: row.exportSha256, expiresAt: row.exportExpiresAt.toISOString(), deleted: row.exportDeletedAt !== null }
        : null,
    hasReceipt: row.receipt !== null,
    completedAt: iso(row.completedAt),
    createdByLabel: labelOf(labels, row.createdBy),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The staff ids a request names (for findStaffLabels). */
export function staffIdsOf(row: StoredPrivacyRequest): (string | null)[] {
  return [row.createdBy, row.verifiedBy, row.extendedBy, row.heldBy];
}

/** Rows with their staff labels looked up once: what list, get and every change answer. */
export async function viewPrivacyRequests(db: DbOrTrx, rows: StoredPrivacyRequest[], today: Date = new Date()): Promise<TPrivacyRequest[]> {
  const labels = await findStaffLabels(db, rows.flatMap(staffIdsOf));
  return rows.map((row) => toPrivacyRequest(row, labels, today));
}

export async function viewPrivacyRequest(db: DbOrTrx, row: StoredPrivacyRequest, today: Date = new Date()): Promise<TPrivacyRequest> {
  return (await viewPrivacyRequests(db, [row], today))[0]!;
}
