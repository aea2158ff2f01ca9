import FactCheckIcon from '@mui/icons-material/FactCheck';
import { Badge } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../../app/trpcClient';

/**
 * The Approvals menu icon with the number of requests waiting for this staff member's
 * decision. Rendered only when the menu shows Approvals (canAccess), so the query is
 * never made for someone who may not read the inbox.
 */
export function ApprovalsMenuIcon() {
  const toDecide = useQuery(trpc.approvals.countToDecide.queryOptions(undefined, { refetchInterval: 60_000 }));
  const count = toDecide.data ?? 0;
  return (
    <Badge badgeContent={count} color="error" max={99} slotProps={{ badge: { 'aria-label': `${count} waiting for your decision` } as object }}>
      <FactCheckIcon />
    </Badge>
  );
}
