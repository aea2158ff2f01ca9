import { z } from 'zod';
import { ZRole } from '../auth/roles.js';

export const ZSecuritySettingsSchema = z.strictObject({
  /** Roles whose members must enroll TOTP before they can use the console. */
  totpRequiredRoles: z.array(ZRole).max(20, 'Pick each role at most once').transform((roles) => [...new Set(roles)]),
});
export type TSecuritySettings = z.infer<typeof ZSecuritySettingsSchema>;
