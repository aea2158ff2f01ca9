import { z } from 'zod';
import { ZRole } from '../auth/roles.js';

export const ZSecuritySettingsSchema = z.object({
  /** Roles whose members must enroll TOTP before they can use the console. */
  totpRequiredRoles: z.array(ZRole).transform((roles) => [...new Set(roles)]),
});
export type TSecuritySettings = z.infer<typeof ZSecuritySettingsSchema>;
