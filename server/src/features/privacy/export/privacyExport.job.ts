import { rename } from 'node:fs/promises';
import { z } from 'zod';
import type { AppDeps } from '../../../trpc/context.js';
import { defineJobKind, type JobContext, type JobKind } from '../../jobs/jobKind.js';
import { errorText, JobCancelled, JobTimedOut } from '../../jobs/jobOutcome.js';
import type { PrivacyRequestRow } from '../privacy.table.js';
import { findPrivacyRequest } from '../requests/privacyRequests.queries.js';
import { writeEntityFiles, type ManifestFile } from './exportEntities.js';
import { ensureExportDir, exportFilePath, partialExportPath, removeFile, removePartialExports } from './exportFiles.js';
import { MANIFEST_FORMAT, readmeText, type ExportManifest, type ExportSubject } from './exportManifest.js';
import { isWaitingForJob, recordExportCompleted, returnExportToApproved } from './exportOutcome.js';
import { findRequestIdsOfSubject, findSubjectEmails } from './exportRequests.queries.js';
import { exportEntitiesOf, type ExportSubjectRefs } from './exportSources.js';
import { createExportZip } from './exportZip.js';
import { refreshStripeCustomer, type StripeRefresh } from './stripeRefresh.js';

/**
 * The right of access as a durable job (docs/gdpr.md, "Export format"): refresh the
 * subject's Stripe customers into the mirror, then write the ZIP — README, one JSON and
 * one CSV file per entity, the manifest — from one read-only snapshot, under a temporary
 * name, renamed when whole, and record it on the request. After a crash it starts over
 * (the archive is written whole or not at all: the partial file is removed first); a
 * failure, a cancel or a timeout sends the request back to approved, to be started again.
 */
export const PRIVACY_EXPORT_JOB = { name: 'privacy.export', title: 'Privacy export (right of access)' } as const;
export const ZPrivacyExportJobParams = z.strictObject({ requestId: z.uuid() });
type ExportJobParams = z.infer<typeof ZPrivacyExportJobParams>;

export function privacyExportJob(deps: AppDeps): JobKind<ExportJobParams> {
  return defineJobKind({
    ...PRIVACY_EXPORT_JOB,
    params: ZPrivacyExportJobParams,
    timeoutMs: 60 * 60_000,
    retry: 'none',
    resumable: true,
    run: (job) => runExport(deps, job),
  });
}

const BACK_TO_APPROVED = 'The request is back to approved: start the export again from its page.';

async function runExport(deps: AppDeps, job: JobContext<ExportJobParams>): Promise<unknown> {
  const { requestId } = job.params;
  const request = await findPrivacyRequest(deps.db, requestId);
  if (!isWaitingForJob(request, job.jobId)) {
    await job.log('This request no longer waits for this job: nothing to do.');
    return { skipped: true };
  }
  if (job.resume) await job.log('Starting over after an interruption: an export is written whole or not at all.');
  // The engine records a cancel or a timeout at once; the request hears of it here (a stopping server is neither: the job resumes).
  job.signal.addEventListener(
    'abort',
    () => {
      const reason: unknown = job.signal.reason;
      if (reason instanceof JobCancelled || reason instanceof JobTimedOut) void giveBack(deps, job, errorText(reason));
    },
    { once: true },
  );
  try {
    return await buildExport(deps, job, request as PrivacyRequestRow);
  } catch (error) {
    if (!job.signal.aborted) await giveBack(deps, job, errorText(error));
    throw error;
  }
}

async function giveBack(deps: AppDeps, job: JobContext<ExportJobParams>, reason: string): Promise<void> {
  try {
    if (await returnExportToApproved(deps.db, job.params.requestId, job.jobId, reason)) await job.log(BACK_TO_APPROVED, 'warn');
  } catch (error) {
    deps.logger.error({ err: error, requestId: job.params.requestId }, 'returning a stopped export to approved failed');
  }
}

async function buildExport(deps: AppDeps, job: JobContext<ExportJobParams>, request: PrivacyRequestRow): Promise<unknown> {
  const { db, config } = deps;
  const dir = config.privacyExportDir;
  await ensureExportDir(dir);
  await removePartialExports(dir, request.id);
  const partial = partialExportPath(dir, request.id, job.jobId);

  const subject = await subjectOf(deps, request);
  const refs: ExportSubjectRefs = { userId: subject.userId, customerIds: subject.customerIds, emails: subject.emails, requestIds: await findRequestIdsOfSubject(db, request) };
  const entityCount = exportEntitiesOf(db, refs).length;
  const total = subject.customerIds.length + entityCount + 1;
  let done = 0;
  await job.progress(done, total);

  const stripe: StripeRefresh[] = [];
  for (const customerId of subject.customerIds) {
    const refreshed = await refreshStripeCustomer(db, deps.stripe, customerId, job.signal);
    stripe.push(refreshed);
    await job.log(refreshed.foundAtStripe ? `Refreshed Stripe customer ${customerId} (${refreshed.objects} objects).` : `Stripe has no customer ${customerId}: its mirror copy is exported as it is.`);
    await job.progress(++done, total);
  }

  const generatedAt = new Date();
  const zip = createExportZip(partial, generatedAt);
  let archive: { bytes: number; sha256: string };
  let manifest: ExportManifest;
  try {
    manifest = { format: MANIFEST_FORMAT, requestId: request.id, subject, generatedAt: generatedAt.toISOString(), stripe, files: [], emptyEntities: [] };
    const readme = zip.entry('README.txt');
    await readme.write(readmeText(manifest));
    await readme.end();
    // One snapshot for every file: JSON, CSV and manifest agree even while the product writes.
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        for (const entity of exportEntitiesOf(trx, refs)) {
          const files: ManifestFile[] = await writeEntityFiles(zip, entity, job.signal);
          if (files.length === 0) manifest.emptyEntities.push(entity.name);
          manifest.files.push(...files);
          await job.progress(++done, total);
        }
      });
    const manifestEntry = zip.entry('manifest.json');
    await manifestEntry.write(`${JSON.stringify(manifest, null, 2)}\n`);
    await manifestEntry.end();
    archive = await zip.finish();
  } catch (error) {
    zip.destroy();
    await removeFile(partial);
    throw error;
  }

  const final = exportFilePath(dir, request.id);
  await rename(partial, final);
  const recorded = await recordExportCompleted(db, request.id, job.jobId, { path: final, ...archive }, config.PRIVACY_EXPORT_TTL_HOURS);
  if (!recorded) {
    // The request moved on without this job (another run took it over): this file is nobody's.
    await removeFile(final);
    await job.log('The request no longer waits for this job: the archive was discarded.', 'warn');
    return { discarded: true };
  }
  await job.progress(total, total);
  const rows = manifest.files.filter((file) => file.format === 'json').reduce((sum, file) => sum + file.rows, 0);
  await job.log(`Wrote ${manifest.files.length} files (${rows} records) in ${archive.bytes} bytes; downloadable until ${recorded.expiresAt.toISOString()}.`);
  return { files: manifest.files.length, rows, bytes: archive.bytes, sha256: archive.sha256, expiresAt: recorded.expiresAt.toISOString() };
}

async function subjectOf(deps: AppDeps, request: PrivacyRequestRow): Promise<ExportSubject> {
  const found = await findSubjectEmails(deps.db, { userId: request.userId, customerIds: request.customerIds });
  const given = request.subjectKind === 'email' ? [request.subjectValue.toLowerCase()] : [];
  return {
    kind: request.subjectKind,
    value: request.subjectValue,
    label: request.subjectLabel,
    userId: request.userId,
    customerIds: request.customerIds,
    emails: [...new Set([...given, ...found])],
  };
}
