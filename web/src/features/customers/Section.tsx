import { Box, Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** One block of the customer page, with an h2 so screen readers and tests can find it. */
export function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    // Focusable from script (the page's "jump to" buttons), and clear of the app bar when scrolled to.
    <Card component="section" aria-label={title} variant="outlined" tabIndex={-1} sx={{ scrollMarginTop: 72 }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          {title}
          {action}
        </Typography>
        {/*
          Wide tables scroll inside their card instead of pushing buttons off screen.
          `contain: inline-size` keeps a table's minimum width from propagating up and
          widening the whole page on a phone: the card sets the width, the table scrolls.
        */}
        <Box sx={{ overflowX: 'auto', contain: 'inline-size' }}>{children}</Box>
      </CardContent>
    </Card>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <Typography color="text.secondary">{children}</Typography>;
}

/** A second line under a table cell's value (a date under an id, "refunded" under an amount). */
export function Caption({ children, color = 'text.secondary', monospace = false }: { children: ReactNode; color?: string; monospace?: boolean }) {
  return (
    <Typography variant="caption" component="div" color={color} fontFamily={monospace ? 'monospace' : undefined}>
      {children}
    </Typography>
  );
}
