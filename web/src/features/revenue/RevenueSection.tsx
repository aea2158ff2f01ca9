import { Alert, Skeleton, Stack, Typography } from '@mui/material';
import { SectionCard } from '../../app/SectionCard';
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
    <SectionCard title={title} action={action} fillHeight>
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
    </SectionCard>
  );
}
