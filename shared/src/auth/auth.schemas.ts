import { z } from 'zod';
import { secretText } from '../text/safeText.js';
import { ZRole } from './roles.js';

export const ZEmail = z
  .string()
  .max(254, { error: 'Use at most 254 characters', abort: true })
  .pipe(z.email('Enter a valid email address'))
  .transform((email) => email.toLowerCase());
export const ZTotpCode = z.string().max(32, { error: 'The code is the 6 digits shown by your authenticator app', abort: true }).trim().regex(/^\d{6}$/, 'The code is the 6 digits shown by your authenticator app');
/** Passwords: long beats complex (NIST 800-63B); the upper bound keeps hashing cheap. */
export const ZNewPassword = secretText({ max: 256, maxMessage: 'Use at most 256 characters', min: 12, minMessage: 'Use at least 12 characters' });
/** The password being checked: never trimmed or normalised, only bounded. */
export const ZPassword = secretText({ max: 256, min: 1, minMessage: 'Enter your password' });
/** A signed token the server handed out (`body.signature`, base64url). */
export const ZSignedToken = z
  .string()
  .max(512, { error: 'This link is not valid; start again.', abort: true })
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'This link is not valid; start again.');

export const ZLoginRequestSchema = z.strictObject({
  email: ZEmail,
  password: ZPassword,
  totpCode: ZTotpCode.optional(),
  /** Present when finishing a TOTP enrollment that a role requires at login. */
  enrollmentToken: ZSignedToken.optional(),
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
