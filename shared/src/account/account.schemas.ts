import { z } from 'zod';
import { ZNewPassword, ZPassword, ZSignedToken, ZTotpCode } from '../auth/auth.schemas.js';
import { secretText } from '../text/safeText.js';

export const ZChangePasswordRequestSchema = z
  .strictObject({ currentPassword: secretText({ max: 256, min: 1, minMessage: 'Enter your current password' }), newPassword: ZNewPassword })
  .refine((v) => v.currentPassword !== v.newPassword, { message: 'The new password must differ from the current one', path: ['newPassword'] });

export const ZConfirmTotpRequestSchema = z.strictObject({ enrollmentToken: ZSignedToken, code: ZTotpCode });
export const ZDisableTotpRequestSchema = z.strictObject({ password: ZPassword });
