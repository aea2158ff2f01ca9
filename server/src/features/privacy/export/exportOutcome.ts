import type { Db } from '../../../db/database.js';
import { insertAuditEntry } from '../../audit/audit.queries.js';
import type { PrivacyRequestRow } from '../privacy.table.js';
import { lockPrivacyRequest, updatePrivacyRequest } from '../requests/privacyRequests.queries.js';

/**
 * How an export job's end shows on its request, each in one transaction with its audit
 * row (the system acting, on the job's behalf): done → completed with the file's path,
 * checksum, size and the end of its download window; failed, cancelled or timed out →
 * back to approved, so a privacy user can start it again. Only the job the request names
 * may do either; a request put on hold meanwhile keeps its hold and returns to the new
 * status when it is lifted.
 */
export const EXPORT_COMPLETED_AUDIT = 'privacy.export_completed';
export const EXPORT_FAILED_AUDIT = 'privacy.export_failed';

type RequestAsLocked = Pick<PrivacyRequestRow, 'status' | 'statusBeforeHold' | 'jobId'>;

/** The request is this job's and still waits for it (possibly under a hold placed meanwhile). */
export function isWaitingForJob(request: RequestAsLocked | undefined, jobId: string): request is RequestAsLocked {
  if (!request || request.jobId !== jobId) return false;
  return request.status === 'in_progress' || (request.status === 'on_hold' && request.statusBeforeHold === 'in_progress');
}

const systemRequest = (jobId: string) => ({ requestId: `job-${jobId}`, ip: null, userAgent: null });

export async function recordExportCompleted(db: Db, requestId: string, jobId: string, file: { path: string; sha256: string; bytes: number }, ttlHours: number): Promise<{ expiresAt: Date } | null> {
  return db.transaction().execute(async (trx) => {
    const request = await lockPrivacyRequest(trx, requestId);
    if (!isWaitingForJob(request, jobId)) return null;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
    const status = request.status === 'on_hold' ? { statusBeforeHold: 'completed' as const } : { status: 'completed' as const };
    await updatePrivacyRequest(trx, requestId, { ...status, exportPath: file.path, exportSha256: file.sha256, exportBytes: file.bytes, exportExpiresAt: expiresAt, exportDeletedAt: null, completedAt: now });
    await insertAuditEntry(trx, {
      actor: null,
      action: EXPORT_COMPLETED_AUDIT,
      target: { type: 'privacy_request', id: requestId },
      after: { bytes: file.bytes, sha256: file.sha256, expiresAt: expiresAt.toISOString(), jobId },
      result: 'success',
      request: systemRequest(jobId),
    });
    return { expiresAt };
  });
}

export async function returnExportToApproved(db: Db, requestId: string, jobId: string, reason: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const request = await lockPrivacyRequest(trx, requestId);
    if (!isWaitingForJob(request, jobId)) return false;
    await updatePrivacyRequest(trx, requestId, request.status === 'on_hold' ? { statusBeforeHold: 'approved' } : { status: 'approved' });
    await insertAuditEntry(trx, {
      actor: null,
      action: EXPORT_FAILED_AUDIT,
      target: { type: 'privacy_request', id: requestId },
      after: { status: 'approved', jobId },
      result: 'failure',
      error: reason,
      request: systemRequest(jobId),
    });
    return true;
  });
}
