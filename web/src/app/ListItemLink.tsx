import { ListItem, ListItemButton, type SxProps, type Theme } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';

/**
 * An entry of a list that leads to a page: the list item (`<li>`) a list must hold, so
 * screen readers announce "list, 5 items" and step through them, with the link filling it.
 * A bare ListItemButton as the link put `<a>` straight into the `<ul>`.
 */
export function ListItemLink({ to, sx, children }: { to: string; sx?: SxProps<Theme>; children: ReactNode }) {
  return (
    <ListItem disablePadding>
      <ListItemButton component={RouterLink} to={to} sx={sx}>
        {children}
      </ListItemButton>
    </ListItem>
  );
}
