import { Card, CardContent, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** One golden signal: a titled region with its headline figure beside the title and its charts below. */
export function SignalSection({ title, figure, children }: { title: string; figure?: string; children: ReactNode }) {
  return (
    <Card component="section" aria-label={title} variant="outlined" sx={{ height: '100%', minWidth: 0 }}>
      <CardContent>
        <Stack direction="row" alignItems="baseline" justifyContent="space-between" flexWrap="wrap" columnGap={1} sx={{ mb: 1 }}>
          <Typography variant="h6" component="h2">
            {title}
          </Typography>
          {figure && (
            <Typography color="text.secondary" variant="body2">
              {figure}
            </Typography>
          )}
        </Stack>
        <Stack spacing={2}>{children}</Stack>
      </CardContent>
    </Card>
  );
}

export function ChartCaption({ children }: { children: ReactNode }) {
  return (
    <Typography variant="subtitle2" component="h3" color="text.secondary">
      {children}
    </Typography>
  );
}
