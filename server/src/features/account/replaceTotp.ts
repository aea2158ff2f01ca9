import { TRPCError } from '@trpc/server';
import type { TReplaceTotpRequest } from '@opsdesk/shared';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import type { Context, StaffSession } from '../../trpc/context.js';
import { checkEnrollmentCode } from '../auth/auth.service.js';
import { decryptSecret, encryptSecret } from '../auth/secretBox.js';
import { revokeStaffSessions } from '../auth/sessions.queries.js';
import { checkTotpCode } from '../auth/totp.js';
import { claimTotpTimeStep, lockStaffById, updateStaff, type StaffRecord } from '../staff/staff.queries.js';
import { finishCurrentPassword, type CurrentPasswordCheck } from './currentPassword.js';

type AccountContext = Context & { session: StaffSession; audit: AuditRecorder; currentPassword?: CurrentPasswordCheck };

const WRONG_CURRENT_CODE = 'That is not the current code from your current authenticator app, or it was already used: wait for the next one.';
const WRONG_NEW_CODE = 'The code from your new authenticator app does not match. Check the time on your device and try again.';

/**
 * Replaces the TOTP secret of a member who already has one. An open session is not
 * enough: whoever holds it could swap the member's second factor for their own, lock
 * the member out and keep the account. So both current factors are asked, exactly as a
 * sign-in asks them: the password (counted by the sign-in limiter) and a code from the
 * current secret (a wrong one counts too; an accepted one is claimed, so it cannot be
 * replayed, nor reused at sign-in). The member's other sessions end, as they do when
 * the password changes: they may have been opened with the old factor.
 */
export async function replaceTotp(ctx: AccountContext, input: TReplaceTotpRequest) {
  const sessionSecret = ctx.deps.config.sessionSecret;
  const staffId = ctx.session.staff.id;
  // The new secret first: a mistyped new code costs no password attempt.
  const next = await checkEnrollmentCode(sessionSecret, staffId, input.enrollmentToken, input.code, WRONG_NEW_CODE);
  const current: { row?: StaffRecord } = {};
  await finishCurrentPassword(ctx, 'Your password is not correct.', {
    wrongMessage: WRONG_CURRENT_CODE,
    check: async () => {
      // Locked until commit: a concurrent replacement or reset waits, then sees this one.
      const row = (current.row = await lockStaffById(ctx.db, staffId));
      if (!row?.totpSecret) throw new TRPCError({ code: 'CONFLICT', message: 'Two-factor authentication is off. Set it up instead.' });
      const lastTimeStep = row.totpLastTimeStep === null ? null : Number(row.totpLastTimeStep);
      const timeStep = await checkTotpCode(decryptSecret(sessionSecret, row.totpSecret), input.currentCode, lastTimeStep);
      return timeStep !== null && (await claimTotpTimeStep(ctx.db, staffId, timeStep));
    },
  });
  const after = await updateStaff(ctx.db, staffId, { totpSecret: encryptSecret(sessionSecret, next.secret), totpEnrolledAt: new Date(), totpLastTimeStep: next.timeStep });
  const otherSessionsRevoked = await revokeStaffSessions(ctx.db, staffId, ctx.session.id);
  return { before: current.row!, after, otherSessionsRevoked };
}
