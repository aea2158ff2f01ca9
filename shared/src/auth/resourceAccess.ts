import { hasPermission, type Permission } from './permissions.js';
import type { Role } from './roles.js';

/**
 * How console resources and their react-admin actions map onto the permission table.
 * Only features that exist are listed: the menu is built from this, so a feature that
 * is not built yet cannot show up as an empty entry.
 */
export const RESOURCE_ACCESS = {
  staff: { list: 'staff.read', show: 'staff.read', create: 'staff.create', edit: 'staff.update' },
  audit: { list: 'audit.read', show: 'audit.read' },
  security: { list: 'security.read', edit: 'security.update' },
  customers: { list: 'customers.read', show: 'customers.read', export: 'customers.export' },
  approvals: { list: 'approvals.read', show: 'approvals.read' },
  revenue: { list: 'revenue.read', export: 'revenue.export', reconcile: 'revenue.reconcile' },
  jobs: { list: 'jobs.read', show: 'jobs.read', create: 'jobs.manage', cancel: 'jobs.manage' },
  runbooks: { list: 'runbooks.read', show: 'runbooks.read', run: 'runbooks.run' },
  signals: { list: 'signals.read' },
  slos: { list: 'slo.read', show: 'slo.read', create: 'slo.edit', edit: 'slo.edit' },
  flags: { list: 'flags.read', show: 'flags.read', create: 'flags.edit', edit: 'flags.edit', editProduction: 'flags.editProduction', keys: 'flags.keys' },
  moderation: { list: 'moderation.read', show: 'moderation.read', decide: 'moderation.decide', rules: 'moderation.rules' },
  privacy: { list: 'privacy.read', show: 'privacy.read', manage: 'privacy.manage', erase: 'privacy.erase', download: 'privacy.download' },
} as const satisfies Record<string, Record<string, Permission>>;

export type ConsoleResource = keyof typeof RESOURCE_ACCESS;

export function canAccessResource(roles: readonly Role[], resource: string, action: string): boolean {
  const actions: Record<string, Permission> | undefined = (RESOURCE_ACCESS as Record<string, Record<string, Permission>>)[resource];
  const permission = actions?.[action];
  return permission !== undefined && hasPermission(roles, permission);
}
