import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../../trpc/context.js';
import type { ActionActor } from '../../actionRequests/staffAction.js';
import type { RunbookContext, RunbookRunContext } from '../runbookAction.js';

/**
 * Calls an action's plan/execute/revert directly, outside the framework's router and job,
 * for an action's own integration tests (the framework has its own tests). The run
 * context keeps what the framework would stream or schedule, so tests can read it.
 */
export interface RecordedRun extends RunbookRunContext {
  lines: Array<{ line: string; level: string }>;
  progressSeen: Array<{ done: number; total: number | null }>;
  reverts: Array<{ expiresAt: Date; description: string; revertParams: unknown }>;
}

export const TEST_ONCALL: ActionActor = { id: '00000000-0000-4000-8000-00000000ca11', email: 'oncall@opsdesk.test', roles: ['oncall'] };

export function runbookContext(deps: AppDeps, actor: ActionActor | null = TEST_ONCALL): RunbookContext {
  return { deps, actor };
}

export function recordedRun(deps: AppDeps, options: { actor?: ActionActor | null; signal?: AbortSignal } = {}): RecordedRun {
  const lines: RecordedRun['lines'] = [];
  const progressSeen: RecordedRun['progressSeen'] = [];
  const reverts: RecordedRun['reverts'] = [];
  return {
    deps,
    actor: options.actor === undefined ? TEST_ONCALL : options.actor,
    runId: randomUUID(),
    jobId: randomUUID(),
    signal: options.signal ?? new AbortController().signal,
    lines,
    progressSeen,
    reverts,
    async log(line, level = 'info') {
      lines.push({ line, level });
    },
    async progress(done, total = null) {
      progressSeen.push({ done, total });
    },
    async revertAt(expiresAt, description, revertParams) {
      reverts.push({ expiresAt, description, revertParams });
    },
  };
}
