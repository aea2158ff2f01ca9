import { z } from 'zod';
import type { RiskTier } from '../customers/actions.schemas.js';
import type { JobLogLine, JobStatus } from '../jobs/jobs.schemas.js';
import { safeText } from '../text/safeText.js';

/**
 * Runbook actions in the console (docs/runbook.md): what the console asks of the
 * runbooks router and what it gets back. Zod only, so the console reuses it for its forms.
 * Each action's own parameter schema lives beside it (connections.schemas.ts…); here the
 * parameters are an object the router hands to that schema.
 */
export const ZRunbookActionName = z
  .string()
  .max(60, { error: 'Unknown runbook action', abort: true })
  .regex(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/, 'Unknown runbook action');

/** Checked again by the action's own schema; bounded here so nothing huge reaches it. */
export const ZRunbookParams = z.record(z.string().max(100), z.unknown()).default({});

export const ZRunbookPlanHash = z.string().regex(/^[0-9a-f]{64}$/, 'Plan again: this plan hash is not valid');

export const ZRunbookPlanRequestSchema = z.strictObject({ action: ZRunbookActionName, params: ZRunbookParams });
export type TRunbookPlanRequest = z.infer<typeof ZRunbookPlanRequestSchema>;

export const ZRunbookRunRequestSchema = z.strictObject({
  action: ZRunbookActionName,
  params: ZRunbookParams,
  /** From the plan the staff member saw: the run refuses a plan the live state no longer matches. */
  planHash: ZRunbookPlanHash,
  /** Every tier is confirmed in a dialog; low needs only this. */
  confirmed: z.literal(true, 'Confirm the run first'),
  /** Medium and high tiers. */
  reason: safeText({ max: 1000, multiline: true }).optional(),
  /** High tier: the run's target typed out. */
  confirmation: safeText({ max: 200 }).optional(),
});
export type TRunbookRunRequest = z.infer<typeof ZRunbookRunRequestSchema>;

export const ZRunbookRunsRequestSchema = z
  .strictObject({
    action: ZRunbookActionName.optional(),
    /** Only queued and running runs (the home page's card). */
    active: z.boolean().default(false),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .default({ active: false, limit: 20 });
export type TRunbookRunsRequest = z.infer<typeof ZRunbookRunsRequestSchema>;

export const ZRunbookRunGetRequestSchema = z.strictObject({ id: z.uuid() });

export const ZRunbookRunLogRequestSchema = z.strictObject({
  id: z.uuid(),
  afterSeq: z.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});
export type TRunbookRunLogRequest = z.infer<typeof ZRunbookRunLogRequestSchema>;

export const RUNBOOK_CHANGE_STATUSES = ['active', 'reverted', 'cancelled'] as const;
export type RunbookChangeStatus = (typeof RUNBOOK_CHANGE_STATUSES)[number];

export const ZRunbookChangesRequestSchema = z
  .strictObject({ status: z.enum(RUNBOOK_CHANGE_STATUSES).optional(), limit: z.number().int().min(1).max(100).default(50) })
  .default({ limit: 50 });
export type TRunbookChangesRequest = z.infer<typeof ZRunbookChangesRequestSchema>;

export const ZRunbookRevertNowRequestSchema = z.strictObject({ id: z.uuid(), reason: safeText({ max: 1000, multiline: true }).optional() });
export type TRunbookRevertNowRequest = z.infer<typeof ZRunbookRevertNowRequestSchema>;

// ── Answers ──

/** How the console formats a value: durations in words, timestamps as dates, money as money. */
export type RunbookValueKind = 'text' | 'number' | 'ms' | 'seconds' | 'datetime' | 'cents' | 'code';
export type RunbookCellValue = string | number | boolean | null;

/** The shapes of server/src/features/runbooks/runbookAction.ts, as the console receives them. */
export interface RunbookReportView {
  summary: string;
  facts?: Array<{ label: string; value: RunbookCellValue; kind?: RunbookValueKind; status?: 'ok' | 'warn' | 'fail' | null; runbookEntry?: string | null }>;
  tables?: Array<{
    title: string;
    columns: Array<{ key: string; label: string; kind?: RunbookValueKind }>;
    rows: Array<Record<string, RunbookCellValue> & { highlight?: 'act' | 'warn' | 'danger' | null }>;
    empty?: string;
    omitted?: number;
  }>;
}

export interface RunbookPlanView extends RunbookReportView {
  steps: string[];
  empty?: boolean;
}

export interface RunbookActionInfo {
  name: string;
  title: string;
  summary: string;
  runbookEntry: string;
  risk: RiskTier;
  readOnly: boolean;
  /** The action makes temporary changes that revert themselves. */
  reverts: boolean;
  timeoutMs: number;
  /** The parameters as JSON Schema (z.toJSONSchema of the action's schema): the console builds its form from it. */
  params: Record<string, unknown>;
}

export interface RunbookPlanAnswer {
  action: string;
  target: string;
  risk: RiskTier;
  plan: RunbookPlanView;
  planHash: string;
  plannedAt: string;
}

export type RunbookRunStatus = JobStatus;

export interface RunbookRunSummary {
  id: string;
  action: string;
  title: string;
  target: string;
  status: RunbookRunStatus;
  requestedBy: { id: string; email: string } | null;
  reason: string | null;
  /** The plan's one-line summary. */
  planSummary: string;
  /** The result's one-line summary, once it succeeded. */
  resultSummary: string | null;
  error: string | null;
  jobId: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunbookRunDetail extends RunbookRunSummary {
  params: unknown;
  plan: RunbookPlanView;
  planHash: string;
  result: RunbookReportView | null;
  progress: { done: number; total: number | null } | null;
}

export interface RunbookRunLog {
  lines: JobLogLine[];
  status: RunbookRunStatus;
  logDropped: number;
}

export interface RunbookTemporaryChange {
  id: string;
  runId: string;
  action: string;
  title: string;
  description: string;
  status: RunbookChangeStatus;
  expiresAt: string;
  createdAt: string;
  revertedAt: string | null;
  revertedBy: { id: string; email: string } | null;
  /** The scheduled revert on the Jobs page. */
  revertJobId: string | null;
}
