import { Link, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Title } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';

export interface ConsolePageProps {
  /** The app bar's title (react-admin's `<Title>`), and the heading unless `heading` is given. */
  title: string;
  /** The page's one h1, when it is not the title (an item's id, a request's subject). */
  heading?: ReactNode;
  /** A link back to the list the page belongs to, above the heading. */
  back?: { to: string; label: string };
  /** Chips beside the heading (a status, a type). */
  badges?: ReactNode;
  /** Buttons at the heading's right; they wrap under it on a phone. */
  actions?: ReactNode;
  /** Forms read best narrower than the screen. */
  maxWidth?: number;
  spacing?: number;
  children: ReactNode;
}

/**
 * The frame every feature page shares: its title, an optional way back, the h1 with its
 * badges, the actions at the right, then the page's sections in one column. Written once
 * so every page's header wraps the same way at 390 px (long headings break anywhere, the
 * actions go under the heading) and has exactly one h1 for screen readers.
 * `alignItems="flex-start"`: an action may grow a message under its button ("Next item"
 * says when the queue is empty) without pulling the heading down.
 */
export function ConsolePage({ title, heading, back, badges, actions, maxWidth, spacing = 2, children }: ConsolePageProps) {
  const h1 = (
    <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere' }}>
      {heading ?? title}
    </Typography>
  );
  const headingWithBadges = badges ? (
    <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} alignItems="center" sx={{ minWidth: 0 }}>
      {h1}
      {badges}
    </Stack>
  ) : (
    h1
  );
  return (
    <Stack spacing={spacing} mt={2} mb={4} sx={{ minWidth: 0, maxWidth }}>
      <Title title={title} />
      {back && (
        <Link component={RouterLink} to={back.to} variant="body2" sx={{ alignSelf: 'flex-start' }}>
          ← {back.label}
        </Link>
      )}
      {actions ? (
        <Stack direction="row" alignItems="flex-start" justifyContent="space-between" flexWrap="wrap" useFlexGap gap={1}>
          {headingWithBadges}
          <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} alignItems="flex-start">
            {actions}
          </Stack>
        </Stack>
      ) : (
        headingWithBadges
      )}
      {children}
    </Stack>
  );
}
