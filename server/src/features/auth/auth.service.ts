import { TRPCError } from '@trpc/server';
import type { Role, TLoginRequest, TLoginResponse } from '@opsdesk/shared';
import { insertAuditEntry } from '../audit/audit.queries.js';
import { isTotpRequiredFor } from '../security/security.queries.js';
import { findStaffByEmail, updateStaff, type StaffRecord } from '../staff/staff.queries.js';
import type { Context } from '../../trpc/context.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { RateLimitedError } from './loginRateLimiter.js';
import { verifyPassword } from './password.js';
import { decryptSecret, encryptSecret, signToken, verifyToken } from './secretBox.js';
import { insertSession } from './sessions.queries.js';
import { createSessionToken } from './sessionToken.js';
import { checkTotpCode, createTotpSecret } from './totp.js';

const ENROLLMENT_PURPOSE = 'totp-enrollment';
const ENROLLMENT_TTL_SECONDS = 10 * 60;
const WRONG_CREDENTIALS = 'Wrong email or password.';

type LoginContext = Context & { audit: AuditRecorder };

/**
 * Sign-in: rate limit → password → TOTP (or enrollment when a role requires it) →
 * session. Every failure counts towards the lock-out and answers the same way whether
 * or not the account exists.
 */
export async function logIn(ctx: LoginContext, input: TLoginRequest): Promise<TLoginResponse> {
  const ip = ctx.request.ip ?? 'unknown';
  const limiter = ctx.deps.loginRateLimiter;
  const lockedFor = await limiter.lockedFor(ip, input.email);
  if (lockedFor > 0) throw tooManyAttempts(ctx, lockedFor);

  const staff = await findStaffByEmail(ctx.db, input.email);
  if (staff) ctx.audit.actor(staff);
  ctx.audit.target('staff', staff?.id ?? input.email);
  const passwordOk = await verifyPassword(staff?.passwordHash, input.password);
  if (!staff || !passwordOk || staff.status !== 'active') return failAttempt(ctx, input.email, WRONG_CREDENTIALS);

  const secret = ctx.deps.config.sessionSecret;
  if (staff.totpSecret) {
    if (!input.totpCode) {
      ctx.audit.action('staff.password_verified');
      return { status: 'totp_required' };
    }
    const timeStep = await checkTotpCode(decryptSecret(secret, staff.totpSecret), input.totpCode, staff.totpLastTimeStep === null ? null : Number(staff.totpLastTimeStep));
    if (timeStep === null) return failAttempt(ctx, input.email, 'Wrong or already used authentication code.');
    await updateStaff(ctx.db, staff.id, { totpLastTimeStep: timeStep });
  } else if (await isTotpRequiredFor(ctx.db, staff.roles)) {
    if (!input.enrollmentToken || !input.totpCode) {
      ctx.audit.action('staff.totp_enrollment_offered');
      return offerEnrollment(secret, staff);
    }
    await completeEnrollment(ctx, staff, input.enrollmentToken, input.totpCode);
  }

  await limiter.recordSuccess(input.email);
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

/** Checks the first code against the secret in the token and stores the secret encrypted. */
export async function confirmTotpEnrollment(ctx: Context, staffId: string, enrollmentToken: string, code: string): Promise<StaffRecord> {
  const secret = ctx.deps.config.sessionSecret;
  const payload = verifyToken<{ staffId: string; secret: string }>(secret, ENROLLMENT_PURPOSE, enrollmentToken);
  if (!payload || payload.staffId !== staffId) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The enrollment has expired. Start again.' });
  const timeStep = await checkTotpCode(payload.secret, code, null);
  if (timeStep === null) throw new TRPCError({ code: 'BAD_REQUEST', message: 'That code does not match. Check the time on your device and try again.' });
  return updateStaff(ctx.db, staffId, { totpSecret: encryptSecret(secret, payload.secret), totpEnrolledAt: new Date(), totpLastTimeStep: timeStep });
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
  const ip = ctx.request.ip ?? 'unknown';
  const { lockedOutNow, retryAfterSeconds } = await ctx.deps.loginRateLimiter.recordFailure(ip, email);
  if (!lockedOutNow) throw new TRPCError({ code: 'UNAUTHORIZED', message });
  const staff = await findStaffByEmail(ctx.deps.db, email);
  // Written outside the sign-in transaction, which is about to roll back.
  await insertAuditEntry(ctx.deps.db, {
    actor: staff ? { id: staff.id, email: staff.email, roles: staff.roles as Role[] } : null,
    action: 'staff.locked_out',
    target: { type: 'staff', id: staff?.id ?? email },
    input: { email, ip },
    result: 'success',
    reason: `${retryAfterSeconds / 60} minute lock-out after repeated failed sign-ins`,
    request: ctx.request,
  });
  throw tooManyAttempts(ctx, retryAfterSeconds);
}

function tooManyAttempts(ctx: Context, retryAfterSeconds: number): TRPCError {
  ctx.response.setHeader('Retry-After', String(retryAfterSeconds));
  const cause = new RateLimitedError(retryAfterSeconds);
  return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: cause.message, cause });
}
