import { LinearProgress, Stack, Typography } from '@mui/material';
import type { TCustomerRecord } from './customersDataHandler';
import { Empty, Section } from './Section';

/** Usage against the plan's limits; unlimited metrics show the count only. */
export function CustomerUsage({ customer }: { customer: TCustomerRecord }) {
  return (
    <Section title="Usage">
      {customer.usage.length === 0 && <Empty>No usage recorded.</Empty>}
      <Stack spacing={1.5}>
        {customer.usage.map((metric) => {
          const share = metric.limit ? Math.min(100, (metric.used / metric.limit) * 100) : null;
          return (
            <div key={metric.metric}>
              <Typography variant="body2">
                {metric.metric}: {metric.used.toLocaleString('en-US')}
                {metric.limit === null ? ' (no limit)' : ` of ${metric.limit.toLocaleString('en-US')}`}
              </Typography>
              {share !== null && <LinearProgress variant="determinate" value={share} color={share >= 100 ? 'error' : share >= 80 ? 'warning' : 'primary'} aria-label={`${metric.metric} usage`} />}
            </div>
          );
        })}
      </Stack>
    </Section>
  );
}
