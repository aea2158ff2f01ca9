import { createHash } from 'node:crypto';
import type { Permission, RiskTier, TActionOutcome } from '@opsdesk/shared';
import type { z } from 'zod';
import type { DbOrTrx } from '../../db/database.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import type { AppDeps, RequestInfo } from '../../trpc/context.js';
import type { RiskTarget } from '../../trpc/enforceRiskTier.js';
import { staffProcedure } from '../../trpc/procedures.js';
import { driveExecution, EXECUTION_LEASE_SECONDS } from './actionExecution.js';
import { moneyApprovalReason, type MoneyMoved } from './moneyPolicy.js';
import { claimActionRequest, holdForApproval, lockMoneyOfTarget, outcomeOf } from './actionRequest.queries.js';
import { expireOverdueRequests } from './requestExpiry.js';

/**
 * Staff actions on customers (refund, ban, change plan…), built once here like the base
 * procedures, so no handler decides for itself how risky it is. Each action declares:
 * its permission, audit action and **risk tier** (low: reason optional; medium: reason
 * required; high: reason + the customer's email typed to confirm; enforced by the
 * enforceRiskTier middleware from meta, with the target found here), when it needs a
 * second person (four-eyes), what it would do (preview), and an **idempotency key**
 * derived from the action and the state it acts on — so a double click, a retry or a
 * second tab finds the first request instead of acting twice, and the same key goes to
 * Stripe. An approved request executes through the same `execute`, once.
 *
 * Every action is intent-first (its effects reach Stripe or the product): the request
 * and an `attempted` audit row commit before `execute` runs, and the outcome is recorded
 * after it (actionExecution.ts); a request whose outcome was never recorded is
 * finished by the reconciler (actionReconciler.ts). No path leaves an effect with
 * the log silent.
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

/** What an action acts on; a `high` tier action is confirmed with its `confirmText` (the customer's email). */
export type ActionTarget = RiskTarget;

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
  /** Why a second person must approve beyond the money policy (fraud, a paying customer), or null. */
  needsApproval?(ctx: ActionContext, input: TInput, preview: TPreview): Promise<string | null> | string | null;
  /** The money this action moves or promises, from its preview: the money policy decides four-eyes on it. */
  money?(preview: TPreview): MoneyMoved | null;
  /** The parts of the request and of the current state that make two requests "the same". */
  idempotencyParts(input: TInput, preview: TPreview): unknown[];
  execute(ctx: ActionContext, input: TInput, options: { idempotencyKey: string; preview: TPreview }): Promise<TResult>;
  /** Called in the transaction that holds a request for approval (e.g. to link the held request from what it acts on). */
  onHeld?(trx: DbOrTrx, input: TInput, held: { id: string }): Promise<void>;
  /** Why a held request can no longer apply as stored (what it acts on changed since), shown on the approval; null while it still can. */
  staleReason?(db: DbOrTrx, preview: TPreview): Promise<string | null>;
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
      return { target, risk: spec.risk, preview: result, approvalReason: await approvalReasonFor(actx, spec, input, result, target) };
    });

  const request = staffProcedure
    .meta({
      permission: spec.permission,
      audit: { action: spec.audit, intentFirst: true },
      risk: spec.risk,
      riskTarget: { input: spec.input, find: (ctx, input) => spec.target(actionContext(ctx), input as TInput) },
    })
    .input(spec.input)
    .mutation(async ({ ctx, input: parsed }): Promise<TActionOutcome<TResult>> => {
      const input = parsed as TInput;
      const actx = actionContext(ctx as never);
      const audit = (ctx as unknown as { audit: AuditRecorder }).audit;
      // Found (and checked against the risk tier) by the enforceRiskTier middleware.
      const target = ctx.riskTarget;
      if (!target) throw new Error(`Staff action ${spec.name} ran without its risk check`);
      const previewed = await spec.preview(actx, input, target);
      const idempotencyKey = idempotencyKeyOf(spec.name, spec.idempotencyParts(input, previewed));
      const money = spec.money?.(previewed) ?? null;

      // 1. The intent: request row and "attempted" audit row, committed before any outside call.
      const step = await actx.deps.db.transaction().execute(async (trx) => {
        const tctx = { ...actx, db: trx };
        if (money) await lockMoneyOfTarget(trx, target);
        // An earlier request for the same thing that nobody decided in time holds the key (and counts in the money window) until it is expired, audited.
        await expireOverdueRequests(trx, { idempotencyKey }, actx.request.requestId);
        const approvalReason = await approvalReasonFor(tctx, spec, input, previewed, target);
        const claim = await claimActionRequest(trx, {
          action: spec.name,
          idempotencyKey,
          requesterId: actx.actor.id,
          target,
          input,
          preview: previewed,
          reason: input.reason ?? null,
          money: money && { amount: money.amount, currency: money.currency },
          leaseSeconds: EXECUTION_LEASE_SECONDS,
        });
        if (!claim.claimed) {
          await audit.writeNow(trx, 'success', { action: 'action_request.deduplicated', before: null, after: { requestId: claim.row.id, action: spec.name, status: claim.row.status } });
          return { kind: 'duplicate' as const, row: claim.row };
        }
        if (approvalReason) {
          const held = await holdForApproval(trx, claim.row.id, approvalReason, APPROVAL_TTL_HOURS);
          await spec.onHeld?.(trx, input, held);
          await audit.writeNow(trx, 'success', { action: 'approval.requested', before: null, after: { requestId: held.id, action: spec.name, preview: previewed, approvalReason } });
          return { kind: 'held' as const, row: held };
        }
        await audit.writeNow(trx, 'attempted', { before: previewed, after: { requestId: claim.row.id } });
        return { kind: 'execute' as const, row: claim.row };
      });

      // 2. The effect and its outcome. A twin of a request still executing (a retry after
      //    Stripe gave no answer) drives it again with the same key instead of acting anew.
      if (step.kind === 'held') return outcomeOf<TResult>(step.row, false);
      if (step.kind === 'duplicate') {
        return step.row.status === 'executing' ? driveExecution<TResult>(actx.deps, actx.request, step.row, { leased: false }) : outcomeOf<TResult>(step.row, true);
      }
      return driveExecution<TResult>(actx.deps, actx.request, step.row, { leased: true });
    });

  return { preview, request };
}

/** Four-eyes: the action's own rule first (e.g. fraud, a paying customer), then the one money policy. */
async function approvalReasonFor<TInput extends ActionFields, TPreview>(ctx: ActionContext, spec: StaffActionSpec<z.ZodType<ActionFields>, TPreview, unknown, TInput>, input: TInput, preview: TPreview, target: ActionTarget): Promise<string | null> {
  const own = await spec.needsApproval?.(ctx, input, preview);
  if (own) return own;
  return moneyApprovalReason(ctx.db, ctx.deps.config, target, spec.money?.(preview) ?? null);
}
