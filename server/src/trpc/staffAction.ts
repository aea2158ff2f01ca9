import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { Permission, RiskTier, TActionOutcome } from '@opsdesk/shared';
import type { z } from 'zod';
import type { DbOrTrx } from '../db/database.js';
import type { AuditRecorder } from './auditMutations.js';
import type { AppDeps, RequestInfo } from './context.js';
import { staffProcedure } from './procedures.js';
import { claimActionRequest, completeActionRequest, holdForApproval, outcomeOf } from './staffAction.queries.js';

/**
 * Staff actions on customers (refund, ban, change plan…), built once here like the base
 * procedures, so no handler decides for itself how risky it is. Each action declares:
 * its permission, audit action and **risk tier** (low: reason optional; medium: reason
 * required; high: reason + the customer's email typed to confirm), when it needs a
 * second person (four-eyes), what it would do (preview), and an **idempotency key**
 * derived from the action and the state it acts on — so a double click, a retry or a
 * second tab finds the first request instead of acting twice, and the same key goes to
 * Stripe. An approved request executes through the same `execute`, once.
 */
export interface ActionActor {
  id: string;
  email: string;
  roles: readonly string[];
}

export interface ActionContext {
  db: DbOrTrx;
  deps: AppDeps;
  actor: ActionActor;
  request: RequestInfo;
}

export interface ActionTarget {
  type: string;
  id: string;
  /** What a `high` tier action must be confirmed with (the customer's email). */
  confirmText?: string | null;
}

type ActionFields = { reason?: string; confirmation?: string };

export interface StaffActionSpec<TSchema extends z.ZodType<ActionFields>, TPreview, TResult, TInput extends ActionFields = z.output<TSchema>> {
  name: string;
  permission: Permission;
  /** Past tense, e.g. `customer.refunded`. */
  audit: string;
  risk: RiskTier;
  input: TSchema;
  target(ctx: ActionContext, input: TInput): Promise<ActionTarget>;
  /** Receives the target already resolved by `target`, so a preview never looks it up again. */
  preview(ctx: ActionContext, input: TInput, target: ActionTarget): Promise<TPreview>;
  /** Why a second person must approve, or null when one is enough. */
  needsApproval?(ctx: ActionContext, input: TInput, preview: TPreview): Promise<string | null> | string | null;
  /** The parts of the request and of the current state that make two requests "the same". */
  idempotencyParts(input: TInput, preview: TPreview): unknown[];
  execute(ctx: ActionContext, input: TInput, options: { idempotencyKey: string; preview: TPreview }): Promise<TResult>;
}

export type AnyStaffAction = StaffActionSpec<z.ZodType<ActionFields>, any, any, any>;
const registry = new Map<string, AnyStaffAction>();

export function findStaffAction(name: string): AnyStaffAction | undefined {
  return registry.get(name);
}

export function listStaffActions(): AnyStaffAction[] {
  return [...registry.values()];
}

export const APPROVAL_TTL_HOURS = 72;

export function checkRiskTier(risk: RiskTier, input: { reason?: string; confirmation?: string }, target: ActionTarget): void {
  if (risk !== 'low' && !input.reason?.trim()) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'reason: A reason is required for this action.' });
  }
  if (risk === 'high') {
    const expected = target.confirmText?.trim().toLowerCase();
    if (!expected || input.confirmation?.trim().toLowerCase() !== expected) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `confirmation: Type ${target.confirmText ?? 'the customer’s email'} to confirm.` });
    }
  }
}

function idempotencyKeyOf(name: string, parts: unknown[]): string {
  return `opsdesk-${name}-${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40)}`;
}

function actionContext(ctx: { db: DbOrTrx; deps: AppDeps; request: RequestInfo; session: { staff: ActionActor } }): ActionContext {
  return { db: ctx.db, deps: ctx.deps, actor: ctx.session.staff, request: ctx.request };
}

export function defineStaffAction<TSchema extends z.ZodType<ActionFields>, TPreview, TResult>(spec: StaffActionSpec<TSchema, TPreview, TResult>) {
  type TInput = z.output<TSchema>;
  if (registry.has(spec.name)) throw new Error(`Staff action ${spec.name} is defined twice`);
  registry.set(spec.name, spec as unknown as AnyStaffAction);

  const preview = staffProcedure
    .meta({ permission: spec.permission })
    .input(spec.input)
    .query(async ({ ctx, input: parsed }) => {
      // tRPC cannot narrow a generic input type; the schema has validated it.
      const input = parsed as TInput;
      const actx = actionContext(ctx as never);
      const target = await spec.target(actx, input);
      const result = await spec.preview(actx, input, target);
      return { target, risk: spec.risk, preview: result, approvalReason: (await spec.needsApproval?.(actx, input, result)) ?? null };
    });

  const request = staffProcedure
    .meta({ permission: spec.permission, audit: { action: spec.audit }, risk: spec.risk })
    .input(spec.input)
    .mutation(async ({ ctx, input: parsed }): Promise<TActionOutcome<TResult>> => {
      const input = parsed as TInput;
      const actx = actionContext(ctx as never);
      const audit = (ctx as unknown as { audit: AuditRecorder }).audit;
      const target = await spec.target(actx, input);
      audit.target(target.type, target.id);
      checkRiskTier(spec.risk, input, target);
      const previewed = await spec.preview(actx, input, target);
      const idempotencyKey = idempotencyKeyOf(spec.name, spec.idempotencyParts(input, previewed));

      const claim = await claimActionRequest(actx.db, { action: spec.name, idempotencyKey, requesterId: actx.actor.id, target, input, preview: previewed, reason: input.reason ?? null });
      if (!claim.claimed) {
        audit.action('action_request.deduplicated');
        audit.change(null, { requestId: claim.row.id, action: spec.name, status: claim.row.status });
        return outcomeOf<TResult>(claim.row, true);
      }

      const approvalReason = await spec.needsApproval?.(actx, input, previewed);
      if (approvalReason) {
        const held = await holdForApproval(actx.db, claim.row.id, approvalReason, APPROVAL_TTL_HOURS);
        audit.action('approval.requested');
        audit.change(null, { requestId: held.id, action: spec.name, preview: previewed, approvalReason });
        return outcomeOf<TResult>(held, false);
      }

      const result = await spec.execute(actx, input, { idempotencyKey, preview: previewed });
      const done = await completeActionRequest(actx.db, claim.row.id, { result, approverId: null, comment: null });
      audit.change(previewed, result);
      return outcomeOf<TResult>(done, false);
    });

  return { preview, request };
}
