import { z } from 'zod';
import { ZNewPassword, ZTotpCode } from '../auth/auth.schemas.js';

export const ZChangePasswordRequestSchema = z
  .object({ currentPassword: z.string().min(1, 'Enter your current password').max(256), newPassword: ZNewPassword })
  .refine((v) => v.currentPassword !== v.newPassword, { message: 'The new password must differ from the current one', path: ['newPassword'] });

export const ZConfirmTotpRequestSchema = z.object({ enrollmentToken: z.string().min(1).max(512), code: ZTotpCode });
export const ZDisableTotpRequestSchema = z.object({ password: z.string().min(1).max(256) });
