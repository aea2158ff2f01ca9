import type { TActionOutcome } from '@opsdesk/shared';
import { createContext, type Context } from '../../trpc/context.js';
import { customersRouter } from '../customers/customers.router.js';

/**
 * Suspending, banning and lifting go through the customer account actions' own request
 * path (customers.suspend / ban / unban, features/actionRequests/staffAction.ts), called
 * as the moderator: their permission, risk tier (a ban's typed email), four-eyes rules,
 * idempotency key and intent-first recording all apply, and there is no second path to
 * an account's status. The caller gets a fresh context on the app's pool, never the
 * moderation mutation's transaction: an intent-first action commits its request and its
 * `attempted` row before it acts, on its own connections.
 */
export interface AccountActions {
  suspend(input: { userId: string; days: number; reason: string }): Promise<TActionOutcome<unknown>>;
  ban(input: { userId: string; reason: string; confirmation?: string }): Promise<TActionOutcome<unknown>>;
  unban(input: { userId: string; reason: string }): Promise<TActionOutcome<unknown>>;
}

export function accountActionsFor(ctx: Pick<Context, 'deps' | 'request' | 'response'>): AccountActions {
  const customers = customersRouter.createCaller(createContext(ctx.deps, ctx.request, ctx.response));
  return {
    suspend: (input) => customers.suspend({ ...input, cancelSubscriptions: false }),
    ban: (input) => customers.ban({ ...input, cancelSubscriptions: false }),
    unban: (input) => customers.unban(input),
  };
}

/** Where a suspend or ban decision's account action stands, as the decision records it. */
export function accountActionStatusOf(outcome: TActionOutcome<unknown>): 'done' | 'in_progress' | 'pending_approval' {
  return outcome.status === 'approval_requested' ? 'pending_approval' : outcome.status;
}
