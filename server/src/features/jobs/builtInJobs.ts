import { approvalExpiryJob, approvalExpirySchedule } from '../approvals/approvalExpiry.job.js';
import { flagApplyScheduleJob } from '../flags/flagSchedules.job.js';
import { liftSuspensionsJob, suspensionLiftingSchedule } from '../../jobs/liftExpiredSuspensions.js';
import { revenueRebuildJob } from '../revenue/jobs/revenueRebuild.job.js';
import type { JobSchedule } from './jobEngine.js';
import type { JobKind } from './jobKind.js';
import { jobPruningSchedule, pruneJobsJob } from './kinds/pruneJobs.job.js';
import { moderationSyncJob, moderationSyncSchedule } from '../moderation/moderationSync.job.js';
import { moderationBulkJob } from '../moderation/moderationBulk.job.js';
import { moderationRulesJob, moderationRulesSchedule } from '../moderation/moderationRules.job.js';
import { selfCheckJob } from './kinds/selfCheck.job.js';
import { pruneSignalsJob, signalPruningSchedule } from '../signals/signalRetention.job.js';
import { privacyExportExpiryJob, privacyExportExpirySchedule } from '../privacy/export/exportExpiry.job.js';
import { sloEvaluateJob, sloEvaluationSchedule, sloNotifyJob } from '../slo/sloJobs.js';

/** Every kind the server runs and every schedule it keeps. A new kind is one line here. */
export const BUILT_IN_JOB_KINDS: readonly JobKind<any>[] = [selfCheckJob, liftSuspensionsJob, pruneJobsJob, revenueRebuildJob, pruneSignalsJob, sloEvaluateJob, sloNotifyJob, flagApplyScheduleJob, moderationSyncJob, moderationBulkJob, moderationRulesJob, privacyExportExpiryJob, approvalExpiryJob];
export const BUILT_IN_JOB_SCHEDULES: readonly JobSchedule[] = [suspensionLiftingSchedule, jobPruningSchedule, signalPruningSchedule, sloEvaluationSchedule, moderationSyncSchedule, moderationRulesSchedule, privacyExportExpirySchedule, approvalExpirySchedule];
