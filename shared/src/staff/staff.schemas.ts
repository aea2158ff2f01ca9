import { z } from 'zod';
import { ZEmail, ZNewPassword } from '../auth/auth.schemas.js';
import { ZRole } from '../auth/roles.js';

export const STAFF_STATUSES = ['active', 'disabled'] as const;
export const ZStaffStatus = z.enum(STAFF_STATUSES);

export const ZRoleList = z
  .array(ZRole)
  .min(1, 'Pick at least one role')
  .transform((roles) => [...new Set(roles)]);

export const ZReason = z.string().trim().min(3, 'Give a reason of at least 3 characters').max(1000);

export const ZFindStaffRequestSchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: ZStaffStatus.optional(),
  role: ZRole.optional(),
});

export const ZGetStaffRequestSchema = z.object({ id: z.uuid() });

export const ZCreateStaffRequestSchema = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, 'Enter a name').max(200),
  roles: ZRoleList,
  password: ZNewPassword,
});
export type TCreateStaffRequest = z.infer<typeof ZCreateStaffRequestSchema>;

export const ZUpdateStaffRequestSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1, 'Enter a name').max(200),
  roles: ZRoleList,
});

export const ZSetStaffStatusRequestSchema = z.object({
  id: z.uuid(),
  reason: ZReason,
});

export const ZResetStaffPasswordRequestSchema = z.object({ id: z.uuid(), password: ZNewPassword });
export const ZResetStaffTotpRequestSchema = z.object({ id: z.uuid(), reason: ZReason });

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
