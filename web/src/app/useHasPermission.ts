import { hasPermission, type Role } from '@opsdesk/shared';
import { usePermissions } from 'react-admin';

/**
 * Whether the signed-in staff member holds a permission of the shared table the server
 * enforces (`customers.notes`, `staff.read`…). Fails closed: a permission with no row in
 * the table, or roles not loaded yet, is denied.
 */
export function useHasPermission(): (permission: string) => boolean {
  const { permissions } = usePermissions<Role[]>();
  return (permission) => hasPermission(permissions ?? [], permission);
}
