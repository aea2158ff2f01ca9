import { Link } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';

/**
 * A named target (a customer, a staff member, a job…) linking to its page from inside a
 * list row: the click does not reach the row underneath (which would open the entry
 * instead), and an email address, one long word, breaks rather than widening the column
 * (an inline style: a table cell's theme keeps words whole in its Typography, and a Link is
 * one). Without `to`, or `plain` (inside something that is already a link, such as a phone
 * list's row), the name alone; `title` keeps the id at hand either way.
 */
export function TargetAnchor({ to, title, plain = false, children }: { to: string | null; title: string; plain?: boolean; children: ReactNode }) {
  if (plain || to === null) return <span title={title}>{children}</span>;
  return (
    <Link component={RouterLink} to={to} onClick={(event) => event.stopPropagation()} title={title} style={{ overflowWrap: 'anywhere' }}>
      {children}
    </Link>
  );
}
