import { useQuery } from '@tanstack/react-query';
import { useCanAccess, useGetIdentity } from 'react-admin';
import { trpc } from '../../app/trpcClient';
import { useFlagList } from './useFlags';

export interface OwnerOption {
  id: string;
  name: string;
}

/**
 * Who can own a flag, for the owner selects. The staff directory (staff.find) is for
 * admins only, so others choose among themselves and the owners flags already have;
 * admins see every active staff member.
 */
export function useOwnerOptions(): { options: OwnerOption[]; meId: string | null; isPending: boolean } {
  const identity = useGetIdentity();
  const { canAccess: canListStaff } = useCanAccess({ resource: 'staff', action: 'list' });
  const staff = useQuery({ ...trpc.staff.find.queryOptions({ status: 'active' }), enabled: canListStaff === true });
  const flags = useFlagList({ limit: 500, includeArchived: true });
  const byId = new Map<string, string>();
  if (identity.data) byId.set(String(identity.data.id), `${identity.data.fullName ?? 'Me'} (me)`);
  for (const member of staff.data ?? []) if (!byId.has(member.id)) byId.set(member.id, member.name);
  for (const flag of flags.data ?? []) if (flag.ownerId && !byId.has(flag.ownerId)) byId.set(flag.ownerId, flag.ownerName ?? 'Former staff member');
  const options = [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  return { options, meId: identity.data ? String(identity.data.id) : null, isPending: identity.isPending || flags.isPending };
}
