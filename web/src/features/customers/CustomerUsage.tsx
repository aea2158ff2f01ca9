import { LinearProgress, Stack, Typography } from '@mui/material';
import { formatDate } from '../../app/formatDateTime';
import type { TCustomerRecord } from './customersDataHandler';
import { Caption, Empty, Section } from './Section';
import { usageLine, usageMetricWords } from './usageText';

/**
 * Usage against the plan's limits, in words ("API calls: 6,735 of 10,000"), since the
 * start of the current billing period (seats: the members now); unlimited metrics show
 * the count only. A customer owning several workspaces sees each one's usage under its name.
 */
export function CustomerUsage({ customer }: { customer: TCustomerRecord }) {
  const periods = [...new Set(customer.usage.map((metric) => metric.since))];
  const countsSeats = customer.usage.some((metric) => metric.metric === 'seats');
  return (
    <Section title="Usage">
      {customer.usage.length === 0 && <Empty>No usage recorded.</Empty>}
      {periods.length === 1 && (
        <Caption>
          Since {formatDate(periods[0]!)}, the start of the current billing period (or month){countsSeats ? '; seats count the members now' : ''}.
        </Caption>
      )}
      <Stack spacing={1.5} mt={periods.length === 1 ? 1 : 0}>
        {customer.usage.map((metric) => {
          const share = metric.limit ? Math.min(100, (metric.used / metric.limit) * 100) : null;
          const label = usageMetricWords(metric.metric).label;
          const line = usageLine(metric.metric, metric.used, metric.limit);
          return (
            <div key={`${metric.workspace ?? ''}\u0000${metric.metric}`}>
              <Typography variant="body2">
                {metric.workspace ? `${metric.workspace} · ${line}` : line}
                {periods.length > 1 && <Typography component="span" variant="caption" color="text.secondary">{` since ${formatDate(metric.since)}`}</Typography>}
              </Typography>
              {share !== null && (
                <LinearProgress
                  variant="determinate"
                  value={share}
                  color={share >= 100 ? 'error' : share >= 80 ? 'warning' : 'primary'}
                  aria-label={`${metric.workspace ? `${metric.workspace} ` : ''}${label} usage`}
                />
              )}
            </div>
          );
        })}
      </Stack>
    </Section>
  );
}
