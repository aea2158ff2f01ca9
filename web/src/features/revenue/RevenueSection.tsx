import { Alert, Card, CardContent, Skeleton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { errorMessage } from '../../app/trpcErrors';

/**
 * One card of the Revenue page: a titled region with a skeleton the shape of its chart
 * while loading, the server's message when loading failed, a sentence when there is
 * nothing to show, and its content otherwise; `action` sits beside the title (Export CSV).
 */
export function RevenueSection(props: { title: string; isPending: boolean; error: unknown; empty: boolean; emptyText: string; height?: number; action?: ReactNode; children: ReactNode }) {
  const { title, isPending, error, empty, emptyText, height = 260, action, children } = props;
  return (
    <Card component="section" aria-label={title} variant="outlined" sx={{ height: '100%', minWidth: 0 }}>
      <CardContent>
        <Stack direction="row" alignItems="center" justifyContent="space-between" flexWrap="wrap" columnGap={1} sx={{ mb: 1 }}>
          <Typography variant="h6" component="h2">
            {title}
          </Typography>
          {action}
        </Stack>
        {isPending ? (
          <Stack role="status" aria-label={`Loading ${title}`}>
            <Skeleton variant="rounded" height={height} />
          </Stack>
        ) : error ? (
          <Alert severity="error">{errorMessage(error)}</Alert>
        ) : empty ? (
          <Typography color="text.secondary">{emptyText}</Typography>
        ) : (
          children
        )}
      </CardContent>
    </Card>
  );
}
