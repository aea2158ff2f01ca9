import { useQuery } from '@tanstack/react-query';
import { useGetIdentity } from 'react-admin';
import { trpc } from '../../app/trpcClient';

export interface OwnerOption {
  id: string;
  name: string;
}

/**
 * Who can own a flag, for the owner selects: every active staff member (`flags.owners`,
 * readable by anyone who reads flags), the signed-in one marked "(me)".
 */
export function useOwnerOptions(): { options: OwnerOption[]; meId: string | null; isPending: boolean } {
  const identity = useGetIdentity();
  const owners = useQuery({ ...trpc.flags.owners.queryOptions(), staleTime: 60_000 });
  const meId = identity.data ? String(identity.data.id) : null;
  const options = (owners.data ?? []).map((member) => ({ id: member.id, name: member.id === meId ? `${member.name} (me)` : member.name }));
  if (meId && !options.some((option) => option.id === meId)) options.push({ id: meId, name: `${identity.data?.fullName ?? 'Me'} (me)` });
  return { options: options.sort((a, b) => a.name.localeCompare(b.name)), meId, isPending: identity.isPending || owners.isPending };
}
