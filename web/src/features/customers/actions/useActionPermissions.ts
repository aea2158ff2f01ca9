import { hasPermission, type Role } from '@opsdesk/shared';
import { usePermissions } from 'react-admin';
import { ACTION_PERMISSIONS, type ActionName } from './customerActions';

/**
 * Which actions this staff member may take, from the shared permission table the
 * server enforces: an action they may not take has no button at all.
 */
export function useActionPermissions(): (action: ActionName) => boolean {
  const { permissions } = usePermissions<Role[]>();
  return (action) => hasPermission(permissions ?? [], ACTION_PERMISSIONS[action]);
}
