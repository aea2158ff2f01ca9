import { Box, Divider, Stack } from '@mui/material';
import { Fragment, type ReactNode } from 'react';

/**
 * A table's rows as small stacked cards, for a phone: each entry has a heading line,
 * label/value pairs (a description list, so screen readers pair them) and its
 * actions on their own line, where a thumb reaches them without scrolling sideways.
 */
export function StackedEntries({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack component="ul" aria-label={label} divider={<Divider component="li" aria-hidden />} sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {children}
    </Stack>
  );
}

/** `highlight`: a theme colour (e.g. 'warning.main') for a left rule marking the entry, as a table marks its row. */
export function StackedEntry({ heading, facts, actions, highlight }: { heading: ReactNode; facts: [label: string, value: ReactNode][]; actions?: ReactNode; highlight?: string }) {
  return (
    <Box component="li" sx={{ py: 1.5, minWidth: 0, overflowWrap: 'anywhere', ...(highlight ? { borderLeft: 3, borderLeftColor: highlight, pl: 1 } : {}) }}>
      <Box sx={{ mb: 0.5 }}>{heading}</Box>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', columnGap: 2, rowGap: 0.25, m: 0, typography: 'body2' }}>
        {facts.map(([label, value]) => (
          <Fragment key={label}>
            <Box component="dt" sx={{ color: 'text.secondary' }}>
              {label}
            </Box>
            <Box component="dd" sx={{ m: 0 }}>
              {value}
            </Box>
          </Fragment>
        ))}
      </Box>
      {actions && <Box sx={{ mt: 1 }}>{actions}</Box>}
    </Box>
  );
}
