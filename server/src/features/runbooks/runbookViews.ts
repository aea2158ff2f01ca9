import { z } from 'zod';
import type { RunbookActionInfo, RunbookPlanView, RunbookReportView, RunbookRunDetail, RunbookRunSummary, RunbookTemporaryChange } from '@opsdesk/shared';
import type { AnyRunbookAction, RunbookPlan, RunbookReport } from './runbookAction.js';
import type { findRunDetail, RunListRow } from './runbookRuns.queries.js';
import type { findChanges } from './temporaryChanges.queries.js';

/** Rows and specs as the console receives them: explicit fields, so nothing extra (a plan's raw state) leaks. */

// The console's copies of the report shapes must keep accepting what actions produce.
const reportFits = (report: RunbookReport): RunbookReportView => report;
void reportFits;

export function describeAction(spec: AnyRunbookAction): RunbookActionInfo {
  return {
    name: spec.name,
    title: spec.title,
    summary: spec.summary,
    runbookEntry: spec.runbookEntry,
    risk: spec.risk,
    readOnly: spec.readOnly ?? false,
    reverts: typeof spec.revert === 'function',
    timeoutMs: spec.timeoutMs,
    params: paramsDescription(spec.params),
  };
}

/** JSON Schema of what the form sends (defaults filled in by the server); anything zod cannot express is left open. */
function paramsDescription(schema: z.ZodType): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return { type: 'object' };
  }
}

export function planView(plan: RunbookPlan): RunbookPlanView {
  return { summary: plan.summary, facts: plan.facts ?? [], tables: plan.tables ?? [], steps: plan.steps, empty: plan.empty ?? false };
}

export function runSummaryView(row: RunListRow, titleOf: (action: string) => string): RunbookRunSummary {
  return {
    id: row.id,
    action: row.action,
    title: titleOf(row.action),
    target: row.target,
    status: row.status,
    requestedBy: row.requestedBy ? { id: row.requestedBy, email: row.requestedByEmail ?? 'unknown staff' } : null,
    reason: row.reason,
    planSummary: row.planSummary ?? '',
    resultSummary: row.resultSummary,
    error: row.error,
    jobId: row.jobId,
    queuedAt: row.queuedAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export function runDetailView(row: NonNullable<Awaited<ReturnType<typeof findRunDetail>>>, titleOf: (action: string) => string): RunbookRunDetail {
  const result = row.result as RunbookReport | null;
  return {
    ...runSummaryView(row, titleOf),
    params: row.params,
    plan: planView(row.plan as RunbookPlan),
    planHash: row.planHash,
    result: result ? { summary: result.summary, facts: result.facts ?? [], tables: result.tables ?? [] } : null,
    progress: row.progressDone === null ? null : { done: row.progressDone, total: row.progressTotal },
  };
}

export function changeView(row: Awaited<ReturnType<typeof findChanges>>[number], titleOf: (action: string) => string): RunbookTemporaryChange {
  return {
    id: row.id,
    runId: row.runId,
    action: row.action,
    title: titleOf(row.action),
    description: row.description,
    status: row.status,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    revertedAt: row.revertedAt?.toISOString() ?? null,
    revertedBy: row.revertedBy ? { id: row.revertedBy, email: row.revertedByEmail ?? 'unknown staff' } : null,
    revertJobId: row.revertJobId,
  };
}
