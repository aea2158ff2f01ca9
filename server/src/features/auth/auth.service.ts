import { TRPCError } from '@trpc/server';
import type { Role, TLoginRequest, TLoginResponse } from '@opsdesk/shared';
import { isTotpRequiredFor } from '../security/security.queries.js';
import { claimTotpTimeStep, findStaffByEmail, storeFirstTotpSecret, updateStaff, type StaffRecord } from '../staff/staff.queries.js';
import type { AppDeps, Context, RequestInfo } from '../../trpc/context.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { RateLimitedError, type LoginAttempt } from './loginRateLimiter.js';
import { assertPasswordCheckRoom, verifyPassword } from './password.js';
import { decryptSecret, encryptSecret, signToken, verifyToken } from './secretBox.js';
import { insertSession } from './sessions.queries.js';
import { createSessionToken } from './sessionToken.js';
import { checkTotpCode, createTotpSecret } from './totp.js';

const ENROLLMENT_PURPOSE = 'totp-enrollment';
const ENROLLMENT_TTL_SECONDS = 10 * 60;
const WRONG_CREDENTIALS = 'Wrong email or password.';
const TOTP_ALREADY_ON = 'Two-factor authentication is already on. To replace it, give your password and a code from your current authenticator app.';

/** What sign-in learned before its transaction opened (trpc/signInGate.ts). */
export interface CheckedCredentials {
  attempt: LoginAttempt;
  staff: StaffRecord | undefined;
  passwordOk: boolean;
}

type LoginContext = Context & { audit: AuditRecorder; signIn: CheckedCredentials };

/**
 * Sign-in, first half, before any transaction: reserve the attempt (throws
 * RateLimitedError when the IP or the account has none left), then look the account up
 * and check the password. argon2 takes a good fraction of a second of a worker thread
 * (and queues behind others), and no pooled connection is held while it runs: the
 * lookup's connection is already back in the pool.
 */
export async function checkCredentials(deps: AppDeps, request: RequestInfo, input: TLoginRequest): Promise<CheckedCredentials> {
  const attempt = await deps.loginRateLimiter.reserve(request.ip ?? 'unknown', input.email);
  try {
    // Room and budget for a password check, before the database is touched.
    assertPasswordCheckRoom();
    await deps.loginRateLimiter.admitPasswordCheck();
    const staff = await findStaffByEmail(deps.db, input.email);
    return { attempt, staff, passwordOk: await verifyPassword(staff?.passwordHash, input.password) };
  } catch (error) {
    await attempt.release();
    throw error;
  }
}

/**
 * Sign-in, second half, in the audited transaction: TOTP (or enrollment when a role
 * requires it) → session. Every failure counts towards the lock-out and answers the
 * same way whether or not the account exists.
 */
export async function logIn(ctx: LoginContext, input: TLoginRequest): Promise<TLoginResponse> {
  const { staff, passwordOk, attempt } = ctx.signIn;
  if (staff) ctx.audit.actor(staff);
  ctx.audit.target('staff', staff?.id ?? input.email);
  if (!staff || !passwordOk || staff.status !== 'active') return failAttempt(ctx, input.email, WRONG_CREDENTIALS);

  const secret = ctx.deps.config.sessionSecret;
  if (staff.totpSecret) {
    if (!input.totpCode) {
      ctx.audit.action('staff.password_verified');
      return { status: 'totp_required' };
    }
    const timeStep = await checkTotpCode(decryptSecret(secret, staff.totpSecret), input.totpCode, staff.totpLastTimeStep === null ? null : Number(staff.totpLastTimeStep));
    // Claimed atomically: of two sign-ins racing with one code, only one moves the step on.
    if (timeStep === null || !(await claimTotpTimeStep(ctx.db, staff.id, timeStep))) return failAttempt(ctx, input.email, 'Wrong or already used authentication code.');
  } else if (await isTotpRequiredFor(ctx.db, staff.roles)) {
    if (!input.enrollmentToken || !input.totpCode) {
      ctx.audit.action('staff.totp_enrollment_offered');
      return offerEnrollment(secret, staff);
    }
    await completeEnrollment(ctx, staff, input.enrollmentToken, input.totpCode);
  }

  await attempt.succeeded();
  await updateStaff(ctx.db, staff.id, { lastLoginAt: new Date() });
  await startSession(ctx, staff.id);
  return {
    status: 'ok',
    staff: { id: staff.id, email: staff.email, name: staff.name, roles: staff.roles, totpEnrolled: staff.totpSecret !== null || input.enrollmentToken !== undefined },
  };
}

export async function startSession(ctx: Context, staffId: string): Promise<void> {
  const { token, id } = createSessionToken();
  const expiresAt = await insertSession(ctx.db, { id, staffId, ip: ctx.request.ip, userAgent: ctx.request.userAgent });
  ctx.response.setSessionCookie(token, expiresAt);
}

/** Begins a TOTP enrollment: a fresh secret, handed to the browser in a signed, short-lived token. */
export function beginTotpEnrollment(sessionSecret: string, staff: { id: string; email: string }) {
  const { secret, otpauthUri } = createTotpSecret(staff.email);
  const enrollmentToken = signToken(sessionSecret, ENROLLMENT_PURPOSE, { staffId: staff.id, secret }, ENROLLMENT_TTL_SECONDS);
  return { secret, otpauthUri, enrollmentToken };
}

/**
 * Checks the first code against the secret in an enrollment token handed to this member.
 * Returns the secret and the code's time step (the replay guard's starting point).
 */
export async function checkEnrollmentCode(
  sessionSecret: string,
  staffId: string,
  enrollmentToken: string,
  code: string,
  wrongCodeMessage = 'That code does not match. Check the time on your device and try again.',
): Promise<{ secret: string; timeStep: number }> {
  const payload = verifyToken<{ staffId: string; secret: string }>(sessionSecret, ENROLLMENT_PURPOSE, enrollmentToken);
  if (!payload || payload.staffId !== staffId) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The enrollment has expired. Start again.' });
  const timeStep = await checkTotpCode(payload.secret, code, null);
  if (timeStep === null) throw new TRPCError({ code: 'BAD_REQUEST', message: wrongCodeMessage });
  return { secret: payload.secret, timeStep };
}

/**
 * First-time enrollment (the account page, or sign-in when a role requires TOTP): checks
 * the first code and stores the secret encrypted. It asks for no current factor, so it
 * refuses a member who already has one; replacing needs both (account/replaceTotp.ts).
 */
export async function confirmTotpEnrollment(ctx: Context, staffId: string, enrollmentToken: string, code: string): Promise<StaffRecord> {
  const sessionSecret = ctx.deps.config.sessionSecret;
  const { secret, timeStep } = await checkEnrollmentCode(sessionSecret, staffId, enrollmentToken, code);
  const staff = await storeFirstTotpSecret(ctx.db, staffId, { totpSecret: encryptSecret(sessionSecret, secret), totpLastTimeStep: timeStep });
  if (!staff) throw new TRPCError({ code: 'CONFLICT', message: TOTP_ALREADY_ON });
  return staff;
}

async function completeEnrollment(ctx: LoginContext, staff: StaffRecord, enrollmentToken: string, code: string): Promise<void> {
  try {
    await confirmTotpEnrollment(ctx, staff.id, enrollmentToken, code);
  } catch (error) {
    if (error instanceof TRPCError) await failAttempt(ctx, staff.email, error.message);
    throw error;
  }
}

function offerEnrollment(sessionSecret: string, staff: StaffRecord): TLoginResponse {
  return { status: 'totp_enrollment_required', ...beginTotpEnrollment(sessionSecret, staff) };
}

async function failAttempt(ctx: LoginContext, email: string, message: string): Promise<never> {
  const { lockedOutNow, retryAfterSeconds } = await ctx.signIn.attempt.failed();
  if (!lockedOutNow) throw new TRPCError({ code: 'UNAUTHORIZED', message });
  throw lockedOut(ctx, ctx.signIn.staff, email, retryAfterSeconds);
}

/**
 * The failure that started a lock-out: one `staff.locked_out` row, then 429. The row is
 * left on the log whatever happens to the caller's transaction (which is about to roll
 * back), without asking the pool for a second connection while it holds one.
 */
export function lockedOut(ctx: Context & { audit: AuditRecorder }, staff: Pick<StaffRecord, 'id' | 'email' | 'roles'> | undefined, email: string, retryAfterSeconds: number): TRPCError {
  ctx.audit.alsoRecord({
    actor: staff ? { id: staff.id, email: staff.email, roles: staff.roles as Role[] } : null,
    action: 'staff.locked_out',
    target: { type: 'staff', id: staff?.id ?? email },
    input: { email, ip: ctx.request.ip ?? 'unknown' },
    result: 'success',
    reason: `${retryAfterSeconds / 60} minute lock-out after repeated failed sign-ins`,
  });
  return tooManyAttempts(ctx, retryAfterSeconds);
}

/** 429 with Retry-After; the error formatter adds retryAfterSeconds to the body. */
export function tooManyAttempts(ctx: Context, retryAfterSeconds: number): TRPCError {
  ctx.response.setHeader('Retry-After', String(retryAfterSeconds));
  const cause = new RateLimitedError(retryAfterSeconds);
  return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: cause.message, cause });
}
