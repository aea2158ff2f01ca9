import type { Permission, RiskTier } from '@opsdesk/shared';
import type { z } from 'zod';
import type { AppDeps } from '../../trpc/context.js';
import type { ActionActor } from '../actionRequests/staffAction.js';

/**
 * Runbook actions (docs/runbook.md), built once here like staff actions: each declares its
 * typed parameters (zod, shared with the web form), permission, risk tier, the target it
 * locks, a **plan** (dry run computed from live state) and an **execute** step. The
 * framework (runbooks.router.ts, runbookRun.job.ts) gives every action the same
 * guarantees: confirmation per risk tier, an audit row per run (parameters, plan,
 * outcome), one run at a time per target, a timeout, execution as a durable job with
 * streamed output, a plan hash that execute re-checks against live state (a stale plan
 * is refused: re-plan), and temporary changes that revert themselves at their expiry.
 *
 * Plans and results are shown by one generic renderer in the console, so an action never
 * needs its own page: facts (label → value), tables (typed columns) and plain steps.
 */

/** A value the console formats by kind: durations in words, timestamps as dates, money as money. */
export type RunbookCell = string | number | boolean | null;

export interface RunbookColumn {
  key: string;
  label: string;
  /** How the console shows it; `text` when absent. `ms` and `seconds` are durations; `cents` is money in the row's `currency`. */
  kind?: 'text' | 'number' | 'ms' | 'seconds' | 'datetime' | 'cents' | 'code';
}

export interface RunbookTable {
  title: string;
  columns: RunbookColumn[];
  rows: Array<Record<string, RunbookCell> & { /** Marks a row the plan acts on or warns about. */ highlight?: 'act' | 'warn' | 'danger' | null }>;
  /** Said when `rows` is empty, e.g. "No idle connections." */
  empty?: string;
  /** Rows left out to keep the plan bounded (the action acts on those shown only). */
  omitted?: number;
}

export interface RunbookFact {
  label: string;
  value: RunbookCell;
  kind?: RunbookColumn['kind'];
  /** A verdict colour, e.g. for health checks. */
  status?: 'ok' | 'warn' | 'fail' | null;
  /** Anchor of the docs/runbook.md entry to open next (health check verdicts). */
  runbookEntry?: string | null;
}

export interface RunbookReport {
  /** One line: the run list, the audit log and the page title of the result. */
  summary: string;
  facts?: RunbookFact[];
  tables?: RunbookTable[];
}

export interface RunbookPlan extends RunbookReport {
  /** What exactly Run would do, one line per effect ("Terminate pid 4242 (idle 12 min, app 'psql')"). */
  steps: string[];
  /**
   * The live state the plan rests on (e.g. the pids with their backend_start; the key
   * names): its hash is the plan hash. Execute re-plans and refuses when it differs.
   */
  state: unknown;
  /** Nothing to do: the console says so and offers no Run. */
  empty?: boolean;
}

export interface RunbookContext {
  deps: AppDeps;
  /** Who asked; null for the system (a temporary change reverting at its expiry). */
  actor: ActionActor | null;
}

export interface RunbookRunContext extends RunbookContext {
  runId: string;
  jobId: string;
  /** Aborted on cancel or timeout: stop promptly. */
  signal: AbortSignal;
  /** A line of streamed output (made safe and capped by the job log). */
  log(line: string, level?: 'info' | 'warn' | 'error'): Promise<void>;
  progress(done: number, total?: number | null): Promise<void>;
  /**
   * Makes this run's change temporary: the framework schedules the action's `revert` with
   * `revertParams` at `expiresAt` (a visible, cancellable job, audited when it fires) and
   * lists it under "active temporary changes" with a "revert now" button.
   */
  revertAt(expiresAt: Date, description: string, revertParams: unknown): Promise<void>;
}

export interface RunbookActionSpec<P, R extends RunbookReport = RunbookReport> {
  /** `area.verb`, e.g. `connections.terminate`; the job kind is `runbook.<name>`. */
  name: string;
  /** Button and page title, e.g. "Terminate idle connections". */
  title: string;
  /** One or two sentences: when to use it. */
  summary: string;
  /** Anchor of the entry in docs/runbook.md (e.g. `connection-pool-exhaustion`); the console links it. */
  runbookEntry: string;
  permission: Permission;
  /** low: confirm with a click; medium: a reason; high: a reason and the target typed. */
  risk: RiskTier;
  /** Read-only actions (health check): the plan is the answer; there is no Run. */
  readOnly?: boolean;
  params: z.ZodType<P, any>;
  /** What a run locks, e.g. `postgres:backends`: one run at a time per target. */
  target(params: P): string;
  timeoutMs: number;
  plan(ctx: RunbookContext, params: P): Promise<RunbookPlan>;
  execute(ctx: RunbookRunContext, params: P, plan: RunbookPlan): Promise<R>;
  /** Temporary changes only: undo what execute did, from what it gave `revertAt`. Must be idempotent. */
  revert?(ctx: RunbookContext & { log(line: string): Promise<void> }, revertParams: unknown): Promise<void>;
}

export type AnyRunbookAction = RunbookActionSpec<any, RunbookReport>;

export function defineRunbookAction<P, R extends RunbookReport = RunbookReport>(spec: RunbookActionSpec<P, R>): RunbookActionSpec<P, R> {
  if (!/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/.test(spec.name)) throw new Error(`runbook action name "${spec.name}" must look like area.verb`);
  if (spec.readOnly && spec.revert) throw new Error(`runbook action ${spec.name}: a read-only action has nothing to revert`);
  return spec;
}
