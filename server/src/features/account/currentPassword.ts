import { TRPCError } from '@trpc/server';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import type { Context, StaffSession } from '../../trpc/context.js';
import { lockedOut, tooManyAttempts } from '../auth/auth.service.js';
import { RateLimitedError, type LoginAttempt } from '../auth/loginRateLimiter.js';
import { assertPasswordCheckRoom, hashPassword, PasswordChecksBusyError, verifyPassword } from '../auth/password.js';
import { findStaffById, type StaffRecord } from '../staff/staff.queries.js';

type AccountContext = Context & { session: StaffSession; audit: AuditRecorder };

/**
 * What the reauthentication gate (trpc/reauthenticationGate.ts) found before the
 * procedure's transaction opened: argon2 takes a good fraction of a second and waits in
 * a queue of checks, and a transaction open meanwhile would hold one of the pool's few
 * connections for all of it — a handful of wrong guesses at once would starve every
 * other request. The handler finishes the check in its transaction (`finishCurrentPassword`).
 */
export interface CurrentPasswordCheck {
  staff: StaffRecord | undefined;
  passwordOk: boolean;
  /** The new password's hash, when the procedure asked for one and the current password was right. */
  newPasswordHash: string | null;
  attempt: LoginAttempt;
}

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
 * away with 503. No transaction is open: this runs in the gate.
 */
export async function checkCurrentPassword(ctx: Context & { session: StaffSession }, password: string, newPassword?: string): Promise<CurrentPasswordCheck> {
  const { email } = ctx.session.staff;
  const attempt = await ctx.deps.loginRateLimiter.reserve(ctx.request.ip ?? 'unknown', email).catch((error: unknown) => {
    throw error instanceof RateLimitedError ? tooManyAttempts(ctx, error.retryAfterSeconds) : error;
  });
  try {
    assertPasswordCheckRoom();
    await ctx.deps.loginRateLimiter.admitPasswordCheck();
    const staff = await findStaffById(ctx.deps.db, ctx.session.staff.id);
    const passwordOk = await verifyPassword(staff?.passwordHash, password);
    const newPasswordHash = passwordOk && newPassword !== undefined ? await hashPassword(newPassword) : null;
    return { staff, passwordOk, newPasswordHash, attempt };
  } catch (error) {
    await attempt.release();
    throw error instanceof PasswordChecksBusyError ? passwordChecksBusy(ctx, error) : error;
  }
}

/**
 * In the procedure's transaction: the current code when one is asked, then the attempt's
 * outcome. Returns the member's row when the password (and the code) is right; a wrong
 * one counts towards the lock-out and answers 400 (429 once locked out, audited).
 */
export async function finishCurrentPassword(ctx: AccountContext & { currentPassword?: CurrentPasswordCheck }, wrongMessage: string, currentCode?: CurrentCodeCheck): Promise<StaffRecord> {
  const checked = ctx.currentPassword;
  // A procedure that finishes a check must declare meta.reauthenticate, or nothing was checked.
  if (!checked) throw new Error('This procedure asks for the current password but declares no meta.reauthenticate');
  const { staff, passwordOk, attempt } = checked;
  let codeOk = true;
  try {
    if (staff && passwordOk && currentCode) codeOk = await currentCode.check(staff);
  } catch (error) {
    await attempt.release();
    throw error;
  }
  if (staff && passwordOk && codeOk) {
    // Not a sign-in: the point is given back, and earlier failures still count.
    await attempt.release();
    return staff;
  }
  const { lockedOutNow, retryAfterSeconds } = await attempt.failed();
  if (lockedOutNow) throw lockedOut(ctx, staff, ctx.session.staff.email, retryAfterSeconds);
  throw new TRPCError({ code: 'BAD_REQUEST', message: staff && passwordOk && currentCode ? currentCode.wrongMessage : wrongMessage });
}

function passwordChecksBusy(ctx: Context, error: PasswordChecksBusyError): TRPCError {
  ctx.response.setHeader('Retry-After', String(error.retryAfterSeconds));
  return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message, cause: error });
}
