import { z } from 'zod';
import { opaqueCursor } from '../text/safeText.js';

/**
 * Durable jobs (docs/architecture.md, "Jobs"): what the console asks of the jobs router
 * and what it gets back. Zod only, so the console reuses it for its filters and forms.
 */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
/** A job in one of these will not change again. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out'];

/** Kind names: `feature.verb` in lower case (`revenue.rebuild`, `suspensions.lift`). */
export const ZJobKind = z.string().max(60, { error: 'Unknown job kind', abort: true }).regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/, 'Unknown job kind');

export const ZJobListRequestSchema = z
  .strictObject({
    status: z.enum(JOB_STATUSES).optional(),
    kind: ZJobKind.optional(),
    /** A staff id; `staff` for jobs anyone on the staff started; `system` for jobs nobody started (scheduled ones). */
    startedBy: z.union([z.uuid(), z.literal('staff'), z.literal('system')]).optional(),
    /** Leave out scheduled runs that succeeded: the housekeeping runs several times a minute and buries what people ran and what failed. */
    hideRoutine: z.boolean().optional(),
    /** Opaque: where the previous page ended. */
    cursor: opaqueCursor(200).optional(),
    limit: z.number().int().min(1).max(100).default(25),
  })
  .default({ limit: 25 });
export type TJobListRequest = z.infer<typeof ZJobListRequestSchema>;

export const ZJobGetRequestSchema = z.strictObject({ id: z.uuid() });
export type TJobGetRequest = z.infer<typeof ZJobGetRequestSchema>;

export const ZJobLogRequestSchema = z.strictObject({
  id: z.uuid(),
  /** Lines after this sequence number (0: from the start): the console's live tail. */
  afterSeq: z.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});
export type TJobLogRequest = z.infer<typeof ZJobLogRequestSchema>;

export const ZJobCancelRequestSchema = z.strictObject({ id: z.uuid() });
export type TJobCancelRequest = z.infer<typeof ZJobCancelRequestSchema>;

/** The built-in, harmless kind anyone with jobs.manage may start: it counts steps, checking the database at each. */
export const ZSelfCheckParamsSchema = z.strictObject({
  steps: z.number().int().min(1).max(1000).default(10),
  /** Pause between steps, so a run can be watched (and cancelled, or killed mid-way in a crash test). */
  stepMs: z.number().int().min(0).max(10_000).default(500),
  /** After a crash: carry on from the last step (true), or be failed with the reason (false). */
  resumable: z.boolean().default(true),
});
export type TSelfCheckParams = z.infer<typeof ZSelfCheckParamsSchema>;

export const ZJobStartSelfCheckRequestSchema = ZSelfCheckParamsSchema;

/** Rebuilds every customer's MRR timeline and the rollups with the settings in force; nothing to choose. */
export const ZJobStartRevenueRebuildRequestSchema = z.strictObject({}).default({});
export type TJobStartRevenueRebuildRequest = z.infer<typeof ZJobStartRevenueRebuildRequestSchema>;

// ── Answers ──

export interface JobSummary {
  id: string;
  kind: string;
  status: JobStatus;
  startedBy: { id: string; name: string } | null;
  progressDone: number;
  progressTotal: number | null;
  attempts: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface JobDetail extends JobSummary {
  parameters: unknown;
  result: unknown;
  runAt: string;
  cancelRequestedAt: string | null;
  /** Lines written in all, and how many of them were dropped to keep the log bounded. */
  logLines: number;
  logDropped: number;
}

export interface JobLogLine {
  seq: number;
  at: string;
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface JobListPage {
  jobs: JobSummary[];
  nextCursor: string | null;
}

export interface JobLogPage {
  lines: JobLogLine[];
  /** The job's status when the lines were read: the console stops polling once it is finished. */
  status: JobStatus;
  logDropped: number;
}
