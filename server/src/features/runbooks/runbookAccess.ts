import { TRPCError } from '@trpc/server';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { requirePermission } from '../../trpc/authorize.js';
import type { Context, StaffSession } from '../../trpc/context.js';
import { checkRiskTier, type RiskFields } from '../../trpc/enforceRiskTier.js';
import { describeZodError, t } from '../../trpc/init.js';
import type { AnyRunbookAction } from './runbookAction.js';

/**
 * The runbooks router's policy, attached once like the base procedures' (never inside a
 * handler): after the procedure's own permission (runbooks.read / runbooks.run), the
 * action named in the input is found, its own permission checked, its parameters parsed
 * by its own schema (400 with the field), and for a run its risk tier enforced with
 * the shared rule (enforceRiskTier.ts): low, the confirm flag; medium, a reason; high, a
 * reason and the run's target typed out. The handler receives `ctx.runbook`.
 */
export interface ResolvedRunbook {
  spec: AnyRunbookAction;
  params: unknown;
  target: string;
}

type RunbookInput = { action: string; params: unknown } & RiskFields;

export function withRunbookAction(actions: ReadonlyMap<string, AnyRunbookAction>, options: { run: boolean }) {
  return t.middleware(async ({ ctx, meta, type, path, input, next }) => {
    const staffCtx = ctx as Context & { session: StaffSession; audit: AuditRecorder };
    const { action, params: rawParams, ...risk } = input as RunbookInput;
    const spec = actions.get(action);
    if (!spec) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no runbook action "${action}".` });
    await requirePermission(staffCtx, staffCtx.session, spec.permission, { audited: type === 'mutation', action: meta?.audit?.action ?? path, name: path });
    if (options.run && spec.readOnly) throw new TRPCError({ code: 'BAD_REQUEST', message: `${spec.title} is read-only: its plan is the answer, there is nothing to run.` });
    const parsed = spec.params.safeParse(rawParams ?? {});
    if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', message: describeZodError(prefixed(parsed.error)), cause: parsed.error });
    const target = spec.target(parsed.data);
    if (options.run) {
      staffCtx.audit.target('runbook_target', target);
      checkRiskTier(spec.risk, risk, { type: 'runbook_target', id: target, confirmText: target });
    }
    const runbook: ResolvedRunbook = { spec, params: parsed.data, target };
    return next({ ctx: { runbook } });
  });
}

/** The action's field errors read as `params.<field>`, like the form's field names. */
function prefixed<E extends { issues: Array<{ path: PropertyKey[] }> }>(error: E): E {
  for (const issue of error.issues) issue.path = ['params', ...issue.path];
  return error;
}
