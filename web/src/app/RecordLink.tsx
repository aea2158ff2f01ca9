import { Link } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';

/**
 * A list row's way into its record for the keyboard and the mouse alike: react-admin's
 * clickable rows cannot be reached with Tab, a link in the row's first column can. The
 * click stops at the link, so the row's own click does not navigate a second time.
 */
export function RecordLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link component={RouterLink} to={to} onClick={(event) => event.stopPropagation()} sx={{ overflowWrap: 'anywhere' }}>
      {children}
    </Link>
  );
}
