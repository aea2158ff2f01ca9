import { z } from 'zod';
import { insertAuditEntry } from '../../audit/audit.queries.js';
import type { JobSchedule } from '../../jobs/jobEngine.js';
import { defineJobKind } from '../../jobs/jobKind.js';
import { updatePrivacyRequest } from '../requests/privacyRequests.queries.js';
import { isExportFileName, removeFile } from './exportFiles.js';
import { findExpiredExports } from './exportRequests.queries.js';

/**
 * Deletes export archives whose download window has closed (docs/gdpr.md, "Export
 * format"): the file first, then `export_deleted_at` with an audit row, as the system.
 * A crash in between leaves the file gone and the row unmarked: the next run marks it
 * (deleting a missing file is no error). Running it twice is harmless.
 */
export const EXPORT_DELETED_AUDIT = 'privacy.export_deleted';
const BATCH = 100;

export const privacyExportExpiryJob = defineJobKind({
  name: 'privacy.expireExports',
  title: 'Delete expired privacy exports',
  params: z.strictObject({}),
  timeoutMs: 10 * 60_000,
  retry: { limit: 3, backoff: { initialMs: 60_000, maxMs: 600_000 } },
  resumable: true,
  async run({ db, jobId, log, signal }) {
    let deleted = 0;
    for (;;) {
      signal.throwIfAborted();
      const expired = await findExpiredExports(db, new Date(), BATCH);
      for (const row of expired) {
        // Only a file this feature wrote: a path edited in the database never makes the job delete something else.
        if (row.exportPath && isExportFileName(row.exportPath)) await removeFile(row.exportPath);
        await db.transaction().execute(async (trx) => {
          await updatePrivacyRequest(trx, row.id, { exportDeletedAt: new Date() });
          await insertAuditEntry(trx, {
            actor: null,
            action: EXPORT_DELETED_AUDIT,
            target: { type: 'privacy_request', id: row.id },
            after: { reason: 'The download window closed.' },
            result: 'success',
            request: { requestId: `job-${jobId}`, ip: null, userAgent: null },
          });
        });
        deleted += 1;
      }
      if (expired.length < BATCH) break;
    }
    await log(`Deleted ${deleted} expired export${deleted === 1 ? '' : 's'}.`);
    return { deleted };
  },
});

/** Hourly: an archive outlives its window by an hour at most. */
export const privacyExportExpirySchedule: JobSchedule = { kind: privacyExportExpiryJob, match: '41 * * * *' };
