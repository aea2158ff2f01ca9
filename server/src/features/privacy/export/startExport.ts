import { TRPCError } from '@trpc/server';
import { FINISHED_JOB_STATUSES, type TPrivacyRequestStatus } from '@opsdesk/shared';
import type { Trx } from '../../../db/database.js';
import type { AuditRecorder } from '../../../trpc/auditMutations.js';
import type { AppDeps } from '../../../trpc/context.js';
import { enqueueJob, JobEngineUnavailableError } from '../../jobs/enqueueJob.js';
import { findJob } from '../../jobs/jobs.queries.js';
import { lockPrivacyRequest, updatePrivacyRequest } from '../requests/privacyRequests.queries.js';
import { privacyExportJob } from './privacyExport.job.js';

/**
 * `privacy.startExport`: a privacy user approves an access request (no second person:
 * the export only hands the person their own data) and its export job is queued, in the
 * mutation's one transaction with the status change and the audit row — a request is
 * never in progress without its job, nor a job without its request. The request row is
 * locked, so two clicks start one job: the second finds it in progress (409). A request
 * whose export failed is back to approved and may be started again, and so may one whose
 * job ended without it (jobEndedWithoutIt).
 */
const STARTABLE: readonly TPrivacyRequestStatus[] = ['verified', 'approved'];

const REFUSALS: Partial<Record<TPrivacyRequestStatus, string>> = {
  received: "Verify the person's identity before exporting their data.",
  in_progress: 'An export is already running for this request; follow it on the request page.',
  completed: 'This request is completed: its export was already made.',
  rejected: 'This request was rejected; nothing is exported.',
};

export async function startExport(trx: Trx, deps: AppDeps, audit: AuditRecorder, staffId: string, requestId: string): Promise<{ requestId: string; jobId: string }> {
  audit.target('privacy_request', requestId);
  const request = await lockPrivacyRequest(trx, requestId);
  if (!request) throw new TRPCError({ code: 'NOT_FOUND', message: 'No privacy request with that id.' });
  if (request.kind !== 'access') throw new TRPCError({ code: 'CONFLICT', message: 'Only access requests are exported; this one asks for erasure.' });
  if (request.status === 'on_hold') throw new TRPCError({ code: 'CONFLICT', message: `This request is on hold (${request.holdReason}): lift the hold before starting the export.` });
  if (!STARTABLE.includes(request.status) && !(await jobEndedWithoutIt(trx, request))) {
    throw new TRPCError({ code: 'CONFLICT', message: REFUSALS[request.status] ?? `A request that is ${request.status} cannot be exported.` });
  }
  let jobId: string;
  try {
    // Enqueuing needs only the kind's name and parameters; the engine runs the kind main.ts built.
    jobId = (await enqueueJob(trx, privacyExportJob(deps), { requestId }, { startedBy: staffId })).id;
  } catch (error) {
    if (error instanceof JobEngineUnavailableError) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message });
    throw error;
  }
  await updatePrivacyRequest(trx, requestId, { status: 'in_progress', jobId });
  audit.change({ status: request.status }, { status: 'in_progress', approvedBy: staffId, jobId });
  return { requestId, jobId };
}

/**
 * In progress, but its job is over: cancelled from the console before it began (the job
 * never ran, so it could not send the request back) or ended by a crash it could not
 * resume from. Such a request may be started again.
 */
async function jobEndedWithoutIt(trx: Trx, request: { status: TPrivacyRequestStatus; jobId: string | null }): Promise<boolean> {
  if (request.status !== 'in_progress' || !request.jobId) return false;
  const job = await findJob(trx, request.jobId);
  return !job || FINISHED_JOB_STATUSES.includes(job.status);
}
