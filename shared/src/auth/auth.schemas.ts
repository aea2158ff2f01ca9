import { z } from 'zod';
import { ZRole } from './roles.js';

export const ZEmail = z.email('Enter a valid email address').max(254).transform((email) => email.toLowerCase());
export const ZTotpCode = z.string().trim().regex(/^\d{6}$/, 'The code is the 6 digits shown by your authenticator app');
/** Passwords: long beats complex (NIST 800-63B); the upper bound keeps hashing cheap. */
export const ZNewPassword = z.string().min(12, 'Use at least 12 characters').max(256, 'Use at most 256 characters');

export const ZLoginRequestSchema = z.object({
  email: ZEmail,
  password: z.string().min(1, 'Enter your password').max(256),
  totpCode: ZTotpCode.optional(),
  /** Present when finishing a TOTP enrollment that a role requires at login. */
  enrollmentToken: z.string().max(512).optional(),
});
export type TLoginRequest = z.infer<typeof ZLoginRequestSchema>;

export const ZSessionStaffSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(ZRole),
  totpEnrolled: z.boolean(),
});
export type TSessionStaff = z.infer<typeof ZSessionStaffSchema>;

export type TLoginResponse =
  | { status: 'ok'; staff: TSessionStaff }
  | { status: 'totp_required' }
  | { status: 'totp_enrollment_required'; secret: string; otpauthUri: string; enrollmentToken: string };
