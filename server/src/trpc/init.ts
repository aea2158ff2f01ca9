import { initTRPC, TRPCError } from '@trpc/server';
import type { AccessRule, RiskTier } from '@opsdesk/shared';
import { ZodError } from 'zod';
import type { Context } from './context.js';
import { RateLimitedError } from '../features/auth/loginRateLimiter.js';

/**
 * The only initTRPC in the codebase. Edit this file to change procedure metadata or how
 * errors reach clients; build procedures in procedures.ts.
 */
export interface ProcedureMeta {
  /** Who may call: a permission from the shared table, or `public` / `authenticated`. */
  permission?: AccessRule;
  /** Every mutation declares what it is called on the audit log (past tense). */
  audit?: { action: string; targetType?: string };
  /** Staff actions on customers (trpc/staffAction.ts): the tier their builder enforces. */
  risk?: RiskTier;
}

export const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const retryAfterSeconds = error.cause instanceof RateLimitedError ? error.cause.retryAfterSeconds : undefined;
      return {
        ...shape,
        // A readable message ("email: Enter a valid email address") instead of zod's JSON dump.
        message: zodError ? describeZodError(zodError) : shape.message,
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

export function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

function fieldErrors(error: ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) result[issue.path.join('.') || '_'] ??= issue.message;
  return result;
}

export function isInputValidationError(error: TRPCError): boolean {
  return error.code === 'BAD_REQUEST' && error.cause instanceof ZodError;
}
