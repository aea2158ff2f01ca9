import { initTRPC, TRPCError } from '@trpc/server';
import type { AccessRule, RiskTier } from '@opsdesk/shared';
import { ZodError, type z } from 'zod';
import type { Context } from './context.js';
import type { RiskTargetResolver } from './enforceRiskTier.js';
import { RateLimitedError } from '../features/auth/loginRateLimiter.js';

/**
 * The only initTRPC in the codebase. Edit this file to change procedure metadata or how
 * errors reach clients; build procedures in procedures.ts.
 */
export interface ProcedureMeta {
  /** Who may call: a permission from the shared table, or `public` / `authenticated`. */
  permission?: AccessRule;
  /**
   * Every mutation declares what it is called on the audit log (past tense).
   * `intentFirst`: the procedure has an effect outside the database, so it is not run in
   * one transaction; it commits its intent and its outcome itself (features/actionRequests/staffAction.ts).
   */
  audit?: { action: string; targetType?: string; intentFirst?: boolean };
  /**
   * How risky the call is (low / medium / high): the enforceRiskTier middleware checks the
   * reason and confirmation the tier requires before the handler runs. Staff actions
   * (features/actionRequests/staffAction.ts) declare it.
   */
  risk?: RiskTier;
  /** With `risk`: the input schema (any: each procedure has its own) and how to find its target. None: refused. */
  riskTarget?: RiskTargetResolver<any>;
  /**
   * The procedure asks for the member's current password again: its input schema (any:
   * each procedure has its own) and where the password (and a new one to hash) is in it.
   * Checked before the transaction opens (reauthenticationGate.ts).
   */
  reauthenticate?: { input: z.ZodType<any>; passwords: (input: any) => { password: string; newPassword?: string } };
}

export const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const retryAfterSeconds = retryAfterSecondsOf(error.cause);
      // An unexpected error never shows its own message (it may be the database's): see translateErrors.ts.
      const message = isUnexpectedError(error) ? internalErrorMessage(ctx?.request.requestId) : shape.message;
      return {
        ...shape,
        // A readable message ("email: Enter a valid email address") instead of zod's JSON dump.
        message: zodError ? describeZodError(zodError) : message,
        data: {
          ...shape.data,
          // Never leak server stack traces to the browser.
          stack: undefined,
          fieldErrors: zodError ? fieldErrors(zodError) : undefined,
          retryAfterSeconds,
        },
      };
    },
  });

/**
 * Thrown by accident (tRPC wrapped it: its message is the cause's), not on purpose: a
 * deliberate INTERNAL_SERVER_ERROR ("carried out, but recording failed; do not repeat
 * it") keeps its message.
 */
export function isUnexpectedError(error: TRPCError): boolean {
  if (error.code !== 'INTERNAL_SERVER_ERROR') return false;
  return error.cause === undefined ? error.message === error.code : error.message === error.cause.message;
}

/** What a 500 says: nothing about the cause, the request id to find it in the logs. */
export function internalErrorMessage(requestId: string | undefined): string {
  return requestId ? `Something went wrong on our side. Request id: ${requestId}` : 'Something went wrong on our side.';
}

function retryAfterSecondsOf(cause: unknown): number | undefined {
  if (cause instanceof RateLimitedError) return cause.retryAfterSeconds;
  const seconds = (cause as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}

// A hostile input can carry thousands of problems or a megabyte-long unknown key; the answer stays small.
const MAX_ISSUES = 10;

function issueMessage(issue: ZodError['issues'][number]): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const keys = issue.keys.slice(0, 5).map((key) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key));
  const more = issue.keys.length > keys.length ? ` and ${issue.keys.length - keys.length} more` : '';
  return `unknown field${issue.keys.length === 1 ? '' : 's'} ${keys.join(', ')}${more} (not accepted)`;
}

export function describeZodError(error: ZodError): string {
  const shown = error.issues.slice(0, MAX_ISSUES).map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issueMessage(issue)}` : issueMessage(issue)));
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more problem${more === 1 ? '' : 's'}` : shown.join('; ');
}

function fieldErrors(error: ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues.slice(0, MAX_ISSUES)) result[issue.path.join('.') || '_'] ??= issueMessage(issue);
  return result;
}

export function isInputValidationError(error: TRPCError): boolean {
  return error.code === 'BAD_REQUEST' && error.cause instanceof ZodError;
}
