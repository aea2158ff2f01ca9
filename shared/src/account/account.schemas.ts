import { z } from 'zod';
import { ZNewPassword, ZPassword, ZSignedToken, ZTotpCode } from '../auth/auth.schemas.js';
import { secretText } from '../text/safeText.js';

const ZCurrentPassword = secretText({ max: 256, min: 1, minMessage: 'Enter your current password' });

export const ZChangePasswordRequestSchema = z
  .strictObject({ currentPassword: ZCurrentPassword, newPassword: ZNewPassword })
  .refine((v) => v.currentPassword !== v.newPassword, { message: 'The new password must differ from the current one', path: ['newPassword'] });

/** First-time enrollment: the new secret's token and its first code. */
export const ZConfirmTotpRequestSchema = z.strictObject({ enrollmentToken: ZSignedToken, code: ZTotpCode });

/**
 * Replacing a TOTP the member already has: the new secret's token and first code, and
 * both current factors, so an open session alone cannot swap the second factor.
 */
export const ZReplaceTotpRequestSchema = z.strictObject({
  enrollmentToken: ZSignedToken,
  code: ZTotpCode,
  currentPassword: ZCurrentPassword,
  currentCode: ZTotpCode,
});
export type TReplaceTotpRequest = z.infer<typeof ZReplaceTotpRequestSchema>;

export const ZDisableTotpRequestSchema = z.strictObject({ password: ZPassword });
