import { Card, CardContent, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * A titled card of a feature page: a named region, so people and tests find it by its
 * title; `action` sits beside the title; `fillHeight` for cards side by side in a grid row.
 */
export function SectionCard({ title, action, fillHeight, children }: { title: string; action?: ReactNode; fillHeight?: boolean; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-label={title} sx={{ minWidth: 0, height: fillHeight ? '100%' : undefined }}>
      <CardContent>
        <Stack direction="row" alignItems="center" justifyContent="space-between" flexWrap="wrap" columnGap={1} sx={{ mb: 1 }}>
          <Typography variant="h6" component="h2">
            {title}
          </Typography>
          {action}
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
}
