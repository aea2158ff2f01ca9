import { TRPCError } from '@trpc/server';
import { checkCurrentPassword, type CurrentPasswordCheck } from '../features/account/currentPassword.js';
import { reportedAttempt } from '../features/auth/loginRateLimiter.js';
import type { StaffSession } from './context.js';
import { t } from './init.js';

/**
 * Between authorize and audit in staffProcedure: a procedure that asks for the member's
 * current password again (meta.reauthenticate) has it checked here, before its audited
 * transaction opens (features/account/currentPassword.ts says why), as signInGate.ts does
 * for sign-in. The input is validated first with the procedure's own schema (400, no
 * argon2 for a malformed request). The handler finishes the check in its transaction
 * (`finishCurrentPassword`); an attempt it did not finish (it failed earlier, e.g. a
 * mistyped new TOTP code) gives its point back.
 */
export const gateReauthentication = t.middleware(async ({ ctx, meta, getRawInput, next }) => {
  const rule = meta?.reauthenticate;
  if (!rule) return next({ ctx: { currentPassword: undefined as CurrentPasswordCheck | undefined } });
  const session = (ctx as { session?: StaffSession }).session;
  if (!session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
  const parsed = rule.input.safeParse(await getRawInput());
  if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error });

  const { password, newPassword } = rule.passwords(parsed.data);
  const checked = await checkCurrentPassword({ ...ctx, session }, password, newPassword);
  const reported = reportedAttempt(checked.attempt);
  const currentPassword: CurrentPasswordCheck = { ...checked, attempt: reported.attempt };
  try {
    return await next({ ctx: { currentPassword: currentPassword as CurrentPasswordCheck | undefined } });
  } finally {
    await reported.settleIfUnreported();
  }
});
