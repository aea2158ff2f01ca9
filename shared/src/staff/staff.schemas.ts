import { z } from 'zod';
import { ZEmail, ZNewPassword } from '../auth/auth.schemas.js';
import { ZRole } from '../auth/roles.js';
import { safeText } from '../text/safeText.js';

export const STAFF_STATUSES = ['active', 'disabled'] as const;
export const ZStaffStatus = z.enum(STAFF_STATUSES);

export const ZRoleList = z
  .array(ZRole)
  .min(1, 'Pick at least one role')
  .max(20, 'Pick each role at most once')
  .transform((roles) => [...new Set(roles)]);

export const ZReason = safeText({ max: 1000, min: 3, minMessage: 'Give a reason of at least 3 characters', multiline: true });
const ZStaffName = safeText({ max: 200, min: 1, minMessage: 'Enter a name' });

export const ZFindStaffRequestSchema = z.strictObject({
  q: safeText({ max: 200 }).optional(),
  status: ZStaffStatus.optional(),
  role: ZRole.optional(),
});

export const ZGetStaffRequestSchema = z.strictObject({ id: z.uuid() });

export const ZCreateStaffRequestSchema = z.strictObject({
  email: ZEmail,
  name: ZStaffName,
  roles: ZRoleList,
  password: ZNewPassword,
});
export type TCreateStaffRequest = z.infer<typeof ZCreateStaffRequestSchema>;

export const ZUpdateStaffRequestSchema = z.strictObject({
  id: z.uuid(),
  name: ZStaffName,
  roles: ZRoleList,
});

export const ZSetStaffStatusRequestSchema = z.strictObject({
  id: z.uuid(),
  reason: ZReason,
});

export const ZResetStaffPasswordRequestSchema = z.strictObject({ id: z.uuid(), password: ZNewPassword });
export const ZResetStaffTotpRequestSchema = z.strictObject({ id: z.uuid(), reason: ZReason });

export interface TStaff {
  id: string;
  email: string;
  name: string;
  roles: z.infer<typeof ZRole>[];
  status: z.infer<typeof ZStaffStatus>;
  totpEnrolled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}
