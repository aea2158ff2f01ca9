import { z } from 'zod';

/** Staff roles. A staff member may hold several; access is the union of their roles. */
export const ROLES = ['support', 'moderator', 'finance', 'oncall', 'privacy', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ZRole = z.enum(ROLES);

export const ROLE_LABELS: Record<Role, string> = {
  support: 'Support',
  moderator: 'Moderator',
  finance: 'Finance',
  oncall: 'On-call',
  privacy: 'Privacy',
  admin: 'Admin',
};
