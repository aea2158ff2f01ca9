import { TRPCError } from '@trpc/server';
import { ZLoginRequestSchema } from '@opsdesk/shared';
import { checkCredentials, tooManyAttempts } from '../features/auth/auth.service.js';
import { RateLimitedError, reportedAttempt } from '../features/auth/loginRateLimiter.js';
import { PasswordChecksBusyError } from '../features/auth/password.js';
import { delayRefusal } from '../http/refusalDelay.js';
import { t } from './init.js';

/**
 * Step 2 of signInProcedure, before its audited transaction opens, so an unauthenticated
 * caller cannot hold a database connection for longer than one lookup:
 * 1. the input is validated (400, no transaction);
 * 2. the attempt is reserved against the IP's and the account's allowance: refused
 *    attempts answer 429 without touching the database or the audit log (the
 *    `staff.locked_out` row records the lock-out once; Prometheus counts the refusals);
 * 3. the account is looked up and the password checked (argon2 holds no connection, and
 *    checks beyond a short queue are refused with 503 so a flood cannot take the CPU).
 * The handler finishes in the transaction and reports the attempt's outcome; an attempt
 * it did not report (a TOTP step offered, a server error) gives its point back.
 */
export const gateSignIn = t.middleware(async ({ ctx, getRawInput, next }) => {
  const parsed = ZLoginRequestSchema.safeParse(await getRawInput());
  if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error });

  const signIn = await checkCredentials(ctx.deps, ctx.request, parsed.data).catch(async (error: unknown) => {
    // A refused attempt waits on a timer before its answer (http/refusalDelay.ts): a flood slows itself down.
    if (error instanceof RateLimitedError || error instanceof PasswordChecksBusyError) await delayRefusal(ctx.deps.config.SIGN_IN_REFUSAL_DELAY_MS);
    if (error instanceof RateLimitedError) throw tooManyAttempts(ctx, error.retryAfterSeconds);
    if (error instanceof PasswordChecksBusyError) {
      ctx.response.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message, cause: error });
    }
    throw error;
  });
  const reported = reportedAttempt(signIn.attempt);
  const result = await next({ ctx: { signIn: { ...signIn, attempt: reported.attempt } } });
  await reported.settleIfUnreported();
  return result;
});
