import { TRPCError } from '@trpc/server';
import { insertAuditEntry, type AuditEntryInput } from '../features/audit/audit.queries.js';
import type { DbOrTrx } from '../db/database.js';
import type { Context, StaffSession } from './context.js';
import { isInputValidationError, t } from './init.js';

/** What a mutation tells the audit log about itself; the middleware fills in the rest. */
export interface AuditRecorder {
  /** For procedures without a session (sign-in): who acted. */
  actor(staff: { id: string; email: string; roles: readonly string[] }): void;
  /** When the outcome is not what meta.audit names (a sign-in that stopped at the TOTP step). */
  action(name: string): void;
  target(type: string, id: string): void;
  /**
   * The data subject the row is about when the target does not say it (auditSubjects.ts):
   * their personal values in the row are sealed under the subject's key; null: none.
   */
  subject(ref: string | null): void;
  change(before: unknown, after: unknown): void;
  /**
   * Another row this call must leave on the log whatever its outcome (a lock-out that a
   * failed sign-in started): written in the mutation's transaction when it commits, or
   * on its own after the rollback when it fails, never on a second connection while the
   * transaction still holds one.
   */
  alsoRecord(entry: Omit<AuditEntryInput, 'request'>): void;
  /**
   * Intent-first procedures only: writes a row now, on `db` (the handler's own
   * transaction), with what was collected so far; the middleware then leaves the log to
   * the handler (it records the outcome itself, see features/actionRequests/actionExecution.ts).
   */
  writeNow(db: DbOrTrx, result: AuditEntryInput['result'], row?: Partial<Pick<AuditEntryInput, 'action' | 'before' | 'after' | 'error'>>): Promise<void>;
}

/** Queries change nothing, so there is nothing to record; using the recorder in one is a bug. */
const queriesAreNotAudited: AuditRecorder = new Proxy({} as AuditRecorder, {
  get: () => () => {
    throw new Error('Only mutations are audited; declare this procedure as a mutation.');
  },
});

type Collected = Pick<AuditEntryInput, 'actor' | 'target' | 'subject' | 'before' | 'after'> & { action?: string };

/**
 * Step 3 of every procedure: a mutation runs inside one transaction together with its
 * audit row (unless it declares `intentFirst`, see ProcedureMeta). If the handler fails, the transaction rolls back (no change, no success
 * row) and a `failure` row is written on its own; if the audit insert fails, the
 * change rolls back with it. Queries pass straight through.
 */
export const auditMutations = t.middleware(async ({ ctx, meta, type, path, getRawInput, next }) => {
  if (type !== 'mutation') return next({ ctx: { audit: queriesAreNotAudited } });
  const action = meta?.audit?.action;
  if (!action) throw new TRPCError({ code: 'FORBIDDEN', message: `Mutation ${path} declares no audit action.` });

  const session = (ctx as Context & { session?: StaffSession }).session;
  const collected: Collected = { actor: session?.staff ?? null, target: null };
  const extraRows: AuditEntryInput[] = [];
  let handlerRecorded = false;
  const recorder: AuditRecorder = {
    alsoRecord: (extra) => extraRows.push({ ...extra, request: ctx.request }),
    writeNow: async (db, result, row = {}) => {
      handlerRecorded = true;
      await insertAuditEntry(db, { ...entry(result, row.error ?? undefined), ...row });
    },
    actor: (staff) => (collected.actor = staff),
    action: (name) => (collected.action = name),
    target: (targetType, id) => (collected.target = { type: targetType, id }),
    subject: (ref) => (collected.subject = ref),
    change: (before, after) => Object.assign(collected, { before, after }),
  };
  const rawInput = await getRawInput().catch(() => undefined);
  const reason = typeof (rawInput as { reason?: unknown })?.reason === 'string' ? (rawInput as { reason: string }).reason : null;
  const entry = (result: AuditEntryInput['result'], error?: string): AuditEntryInput => ({
    ...collected,
    action: collected.action ?? action,
    target: collected.target ?? (meta?.audit?.targetType ? { type: meta.audit.targetType, id: '' } : null),
    reason,
    input: rawInput,
    result,
    error: error ?? null,
    request: ctx.request,
  });

  if (meta.audit?.intentFirst) {
    // No surrounding transaction: the intent must be committed before the outside call.
    const outcome = await next({ ctx: { db: ctx.deps.db, audit: recorder } });
    if (!outcome.ok && !handlerRecorded && !isInputValidationError(outcome.error)) {
      await insertAuditEntry(ctx.deps.db, entry('failure', outcome.error.message));
    }
    return outcome;
  }

  const failed = Symbol('failed');
  let outcome: Awaited<ReturnType<typeof next>> | undefined;
  try {
    return await ctx.deps.db.transaction().execute(async (trx) => {
      outcome = await next({ ctx: { db: trx, audit: recorder } });
      if (!outcome.ok) throw failed;
      await insertAuditEntry(trx, entry('success'));
      for (const extra of extraRows) await insertAuditEntry(trx, extra);
      return outcome;
    });
  } catch (thrown) {
    if (thrown !== failed || !outcome || outcome.ok) throw thrown;
    if (!isInputValidationError(outcome.error)) {
      await insertAuditEntry(ctx.deps.db, entry('failure', outcome.error.message));
    }
    for (const extra of extraRows) await insertAuditEntry(ctx.deps.db, extra);
    return outcome;
  }
});
