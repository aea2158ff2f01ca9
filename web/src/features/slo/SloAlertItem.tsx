import { Box, Button, Card, CardContent, Chip, Link, Stack, Typography } from '@mui/material';
import { formatBudgetRemaining, formatBurnRate, type SloActiveAlert, type SloAlertEventView } from '@opsdesk/shared';
import { Link as RouterLink } from 'react-router-dom';
import { RunbookEntryLink } from '../runbooks/entry/RunbookEntryLink';
import { formatDateTime } from '../../app/formatDateTime';
import { ALERT_STATE_LABELS, DELIVERY_LABELS } from './sloText';

/**
 * One alert event: which SLO and rule, how bad, when, whether the webhook got it, and the
 * way out: the runbook entry to read and the runbook action with its parameters already
 * filled from the alert.
 */
export function SloAlertItem({ alert }: { alert: SloAlertEventView | SloActiveAlert }) {
  const since = 'firingSince' in alert ? alert.firingSince : alert.at;
  const facts = [
    ['When', formatDateTime(since)],
    ['Burn rate (long / short)', `${formatBurnRate(alert.longBurnRate)} / ${formatBurnRate(alert.shortBurnRate)}`],
    ['Budget remaining', formatBudgetRemaining(alert.budgetRemaining)],
    ['Delivery', `${DELIVERY_LABELS[alert.delivery.status]}${alert.delivery.attempts > 1 ? ` (${alert.delivery.attempts} attempts)` : ''}`],
  ];
  return (
    <Card variant="outlined" component="article" aria-label={`${alert.service}/${alert.sloName} ${alert.rule} ${alert.state}`}>
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap mb={1}>
          <Link component={RouterLink} to={`/slos/${alert.sloId}/show`} variant="subtitle1" fontWeight={600}>
            {alert.service} / {alert.sloName}
          </Link>
          <Chip size="small" label={alert.rule} variant="outlined" />
          <Chip size="small" label={alert.severity === 'page' ? 'Page' : 'Ticket'} color={alert.severity === 'page' ? 'error' : 'warning'} variant={alert.state === 'firing' ? 'filled' : 'outlined'} />
          <Chip size="small" label={ALERT_STATE_LABELS[alert.state]} color={alert.state === 'firing' ? 'error' : 'success'} variant="outlined" />
        </Stack>
        <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(4, minmax(0, 1fr))' } }}>
          {facts.map(([label, value]) => (
            <div key={label}>
              <Typography variant="caption" color="text.secondary" component="p">
                {label}
              </Typography>
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                {value}
              </Typography>
            </div>
          ))}
        </Box>
        {alert.delivery.status === 'failed' && alert.delivery.lastError && (
          <Typography variant="caption" color="error" component="p" mt={1} sx={{ overflowWrap: 'anywhere' }}>
            {alert.delivery.lastError}
          </Typography>
        )}
        {alert.runbook ? (
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap mt={2}>
            <Button component={RouterLink} to={alert.runbook.href} variant="contained" size="small">
              Open runbook action
            </Button>
            <Typography variant="body2" color="text.secondary">
              {alert.runbook.title}
            </Typography>
            {alert.runbook.entry && <RunbookEntryLink anchor={alert.runbook.entry} />}
          </Stack>
        ) : (
          <Typography variant="body2" color="text.secondary" mt={2}>
            No runbook action is linked to this SLO.
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
