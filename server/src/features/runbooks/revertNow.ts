import { TRPCError } from '@trpc/server';
import type { Trx } from '../../db/database.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { requirePermission } from '../../trpc/authorize.js';
import type { Context, StaffSession } from '../../trpc/context.js';
import { errorText } from '../jobs/jobOutcome.js';
import type { AnyRunbookAction } from './runbookAction.js';
import { revertChange } from './revertChange.js';

/**
 * "Revert now" from the console: the same revert as at expiry, early, in the mutation's
 * transaction with its `runbooks.change_reverted` audit row naming the staff member; the
 * scheduled revert job is cancelled. A change already reverted answers as such (a double
 * click is harmless). The change's action is only known from its row, so its own
 * permission is checked here, with the shared check, once the row is read.
 */
export async function revertNow(ctx: Context & { session: StaffSession; audit: AuditRecorder }, actions: ReadonlyMap<string, AnyRunbookAction>, changeId: string) {
  const trx = ctx.db as Trx;
  ctx.audit.target('runbook_change', changeId);
  const row = await trx.selectFrom('ops.runbookTemporaryChanges').select('action').where('id', '=', changeId).executeTakeFirst();
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No temporary change with that id.' });
  const spec = actions.get(row.action);
  if (spec) await requirePermission(ctx, ctx.session, spec.permission, { audited: true, action: 'runbooks.change_reverted', name: 'runbooks.revertNow' });
  const lines: string[] = [];
  try {
    const outcome = await revertChange(trx, ctx.deps, actions, changeId, { actor: ctx.session.staff, log: async (line) => void lines.push(line), byJobId: null });
    if (!outcome?.reverted) return { id: changeId, status: outcome?.status ?? 'reverted', alreadyDone: true, log: lines };
    ctx.audit.change({ status: 'active' }, { status: 'reverted', action: outcome.change.action, description: outcome.change.description, runId: outcome.change.runId, trigger: 'revert_now' });
    return { id: changeId, status: 'reverted', alreadyDone: false, log: lines };
  } catch (error) {
    if (error instanceof TRPCError) throw error;
    // The action's own failure (Redis away…): said plainly; the scheduled revert is still there.
    throw new TRPCError({ code: 'CONFLICT', message: `The revert failed: ${errorText(error)} The automatic revert at expiry still stands.`, cause: error });
  }
}
