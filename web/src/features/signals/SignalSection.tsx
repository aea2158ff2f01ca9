import { Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { ChartViewScope, ChartViewSwitch } from '../../app/ChartOrTable';
import { SectionCard } from '../../app/SectionCard';

/**
 * One golden signal: a titled region with its headline figure beside the title, its
 * charts below, and one switch to read them all as tables.
 */
export function SignalSection({ title, figure, children }: { title: string; figure?: string; children: ReactNode }) {
  const action = (
    <Stack direction="row" alignItems="center" flexWrap="wrap" columnGap={1.5} rowGap={0.5}>
      {figure && (
        <Typography color="text.secondary" variant="body2">
          {figure}
        </Typography>
      )}
      <ChartViewSwitch />
    </Stack>
  );
  return (
    <ChartViewScope storeKey={`signals.${title}`} title={title}>
      <SectionCard title={title} action={action} fillHeight>
        <Stack spacing={2}>{children}</Stack>
      </SectionCard>
    </ChartViewScope>
  );
}

export function ChartCaption({ children }: { children: ReactNode }) {
  return (
    <Typography variant="subtitle2" component="h3" color="text.secondary">
      {children}
    </Typography>
  );
}
