import FactCheckIcon from '@mui/icons-material/FactCheck';
import { Badge } from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { useQuery } from '@tanstack/react-query';
import { Menu, useCanAccess } from 'react-admin';
import { trpc } from '../../app/trpcClient';

/**
 * "Approvals" in the main menu, with the number of requests waiting for this staff
 * member's decision. Read as "Approvals (2 waiting)" (as "Approvals" when none: never
 * "0 Approvals"): the count is said in words only screen readers get, after the visible
 * name, not by an `aria-label` that replaced the item's words (WCAG 2.5.3: the spoken name
 * holds the visible one, for those who click by voice). The count is asked for only of
 * those who may read the inbox, again whenever the window regains focus, and at once
 * after a decision (useApprovalDecision invalidates every approvals query).
 */
export function ApprovalsMenuItem() {
  const { canAccess } = useCanAccess({ action: 'list', resource: 'approvals' });
  const toDecide = useQuery(
    trpc.approvals.countToDecide.queryOptions(undefined, { enabled: canAccess === true, staleTime: 0, refetchOnWindowFocus: 'always', refetchInterval: 60_000 }),
  );
  const count = toDecide.data ?? 0;
  return (
    <Menu.ResourceItem
      name="approvals"
      primaryText={
        <>
          Approvals
          {count > 0 && <span style={visuallyHidden}> ({count} waiting)</span>}
        </>
      }
      leftIcon={
        // Hidden from screen readers: the item's words say the count (the badge keeps an old one while it fades out).
        <Badge badgeContent={count} color="error" max={99} aria-hidden>
          <FactCheckIcon />
        </Badge>
      }
    />
  );
}
