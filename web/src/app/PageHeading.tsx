import { Typography } from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import type { ReactNode } from 'react';

/**
 * The h1 of a react-admin list, show or form page. react-admin draws the page's title in
 * the app bar, outside <main>, and as no heading; this gives screen readers the page's one
 * h1 where its content starts, unseen (the title is on screen already). Pages of their own
 * use ConsolePage, whose h1 is visible.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <Typography component="h1" sx={visuallyHidden}>
      {children}
    </Typography>
  );
}
