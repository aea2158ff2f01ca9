import { Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatBurnRate, type SloStatusView } from '@opsdesk/shared';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { ALERT_STATE_LABELS, ruleLabel } from './sloText';

/** The four multiwindow burn-rate alerts, each with both windows' burn rate and its state (fires only when both exceed the factor). */
export function SloAlertRules({ status }: { status: SloStatusView | null }) {
  const phone = usePhoneLayout();
  if (!status) return <Typography color="text.secondary">The alerts are evaluated once a minute; this SLO has not been evaluated yet.</Typography>;
  if (phone) {
    return (
      <Stack spacing={1.5} aria-label="Alert rules">
        {status.alerts.map((alert) => (
          <Box key={alert.rule} aria-label={alert.rule}>
            <Typography variant="body2" fontWeight={600}>
              {ruleLabel(alert)} <StateChip alert={alert} />
            </Typography>
            <Typography variant="body2" color="text.secondary">{`${alert.longWindow}: ${formatBurnRate(alert.longBurnRate)} · ${alert.shortWindow}: ${formatBurnRate(alert.shortBurnRate)}`}</Typography>
          </Box>
        ))}
      </Stack>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Alert rules">
        <TableHead>
          <TableRow>
            <TableCell>Rule</TableCell>
            <TableCell>Long window</TableCell>
            <TableCell>Short window</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {status.alerts.map((alert) => (
            <TableRow key={alert.rule} aria-label={alert.rule}>
              <TableCell>{ruleLabel(alert)}</TableCell>
              <TableCell>{`${alert.longWindow}: ${formatBurnRate(alert.longBurnRate)}`}</TableCell>
              <TableCell>{`${alert.shortWindow}: ${formatBurnRate(alert.shortBurnRate)}`}</TableCell>
              <TableCell>
                <StateChip alert={alert} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function StateChip({ alert }: { alert: SloStatusView['alerts'][number] }) {
  const firing = alert.state === 'firing';
  return <Chip size="small" variant={firing ? 'filled' : 'outlined'} color={firing ? (alert.severity === 'page' ? 'error' : 'warning') : 'default'} label={ALERT_STATE_LABELS[alert.state]} />;
}
