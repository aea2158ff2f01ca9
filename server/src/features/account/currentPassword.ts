import { TRPCError } from '@trpc/server';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import type { Context, StaffSession } from '../../trpc/context.js';
import { lockedOut, tooManyAttempts } from '../auth/auth.service.js';
import { RateLimitedError } from '../auth/loginRateLimiter.js';
import { assertPasswordCheckRoom, PasswordChecksBusyError, verifyPassword } from '../auth/password.js';
import { findStaffById, type StaffRecord } from '../staff/staff.queries.js';

type AccountContext = Context & { session: StaffSession; audit: AuditRecorder };

/**
 * A second current factor asked with the password (replacing TOTP): checked only once
 * the password is right, while the attempt still holds its point, so a wrong code
 * counts towards the lock-out as a wrong sign-in code does. `check` says whether the
 * code was right and, if so, has claimed it (replay guard).
 */
export interface CurrentCodeCheck {
  check(staff: StaffRecord): Promise<boolean>;
  wrongMessage: string;
}

/**
 * The signed-in member's password, asked again before it is changed or TOTP is turned
 * off or replaced. Checked as a sign-in checks it (auth.service.ts, checkCredentials): the attempt
 * takes its point from the sign-in limiter (per IP and per account) before argon2 runs,
 * and waits in the same short queue of password checks. Without that, a session left
 * open in someone else's hands could guess the password at argon2 speed with no
 * lock-out, and a stream of wrong guesses would fill the queue and turn every sign-in
 * away with 503. Returns the member's row when the password (and the code, when one is
 * asked) is right.
 */
export async function verifyCurrentPassword(ctx: AccountContext, password: string, wrongMessage: string, currentCode?: CurrentCodeCheck): Promise<StaffRecord> {
  const { email } = ctx.session.staff;
  const attempt = await ctx.deps.loginRateLimiter.reserve(ctx.request.ip ?? 'unknown', email).catch((error: unknown) => {
    throw error instanceof RateLimitedError ? tooManyAttempts(ctx, error.retryAfterSeconds) : error;
  });
  let staff: StaffRecord | undefined;
  let passwordOk: boolean;
  let codeOk = true;
  try {
    assertPasswordCheckRoom();
    await ctx.deps.loginRateLimiter.admitPasswordCheck();
    staff = await findStaffById(ctx.db, ctx.session.staff.id);
    passwordOk = await verifyPassword(staff?.passwordHash, password);
    if (staff && passwordOk && currentCode) codeOk = await currentCode.check(staff);
  } catch (error) {
    await attempt.release();
    throw error instanceof PasswordChecksBusyError ? passwordChecksBusy(ctx, error) : error;
  }
  if (staff && passwordOk && codeOk) {
    // Not a sign-in: the point is given back, and earlier failures still count.
    await attempt.release();
    return staff;
  }
  const { lockedOutNow, retryAfterSeconds } = await attempt.failed();
  if (lockedOutNow) throw lockedOut(ctx, staff, email, retryAfterSeconds);
  throw new TRPCError({ code: 'BAD_REQUEST', message: staff && passwordOk && currentCode ? currentCode.wrongMessage : wrongMessage });
}

function passwordChecksBusy(ctx: Context, error: PasswordChecksBusyError): TRPCError {
  ctx.response.setHeader('Retry-After', String(error.retryAfterSeconds));
  return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message, cause: error });
}
