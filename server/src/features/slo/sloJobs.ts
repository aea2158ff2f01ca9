/** The SLO feature's job kinds and schedule, as builtInJobs.ts lists them. */
export { sloEvaluateJob, sloEvaluationSchedule } from './sloEvaluate.job.js';
export { sloNotifyJob } from './sloNotify.job.js';
