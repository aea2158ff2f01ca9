import AddIcon from '@mui/icons-material/Add';
import { Alert, Box, Button, Card, CardContent, Link, Skeleton, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { SloSummary } from '@opsdesk/shared';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { SloAlertStates } from './SloAlertStates';
import { budgetText, burnNowText, exhaustionText, objectiveLabel, shownStatus, sloSliLabel, sloTitle } from './sloText';
import { useSlos } from './useSlos';

/** Every SLO with where its budget stands; on-call and admin may define new ones. */
export default function SloList() {
  const slos = useSlos();
  const { canAccess: canCreate } = useCanAccess({ resource: 'slos', action: 'create' });
  return (
    <ConsolePage
      title="SLOs"
      actions={
        <>
          <Button component={RouterLink} to="/slo-alerts" variant="outlined" size="small">
            Alerts
          </Button>
          {canCreate && (
            <Button component={RouterLink} to="/slos/create" variant="contained" size="small" startIcon={<AddIcon />}>
              New SLO
            </Button>
          )}
        </>
      }
    >
      {slos.isPending && <Skeleton variant="rounded" height={160} role="status" aria-label="Loading the SLOs" />}
      {slos.error && <Alert severity="error">{errorMessage(slos.error)}</Alert>}
      {slos.data?.length === 0 && <Typography color="text.secondary">No SLO is defined yet.</Typography>}
      {slos.data && slos.data.length > 0 && <SloListContent slos={slos.data} />}
    </ConsolePage>
  );
}

const COLUMNS = ['SLI', 'Objective', 'Budget remaining', 'Burn rate now', 'Time to exhaustion'] as const;
const cellsOf = (slo: SloSummary): Record<(typeof COLUMNS)[number], string> => ({
  SLI: sloSliLabel(slo),
  Objective: objectiveLabel(slo),
  'Budget remaining': budgetText(shownStatus(slo)),
  'Burn rate now': burnNowText(shownStatus(slo)),
  'Time to exhaustion': exhaustionText(shownStatus(slo)),
});

/** A table on wide screens; on a phone, one stacked entry per SLO (no sideways scroll). */
function SloListContent({ slos }: { slos: SloSummary[] }) {
  const phone = usePhoneLayout();
  if (phone) {
    return (
      <Stack spacing={1} aria-label="SLOs">
        {slos.map((slo) => (
          <Card key={slo.id} variant="outlined" component="article" aria-label={sloTitle(slo)}>
            <CardContent>
              <Link component={RouterLink} to={`/slos/${slo.id}/show`} variant="subtitle1">
                {sloTitle(slo)}
              </Link>
              {Object.entries(cellsOf(slo)).map(([label, value]) => (
                <Typography key={label} variant="body2">
                  <Box component="span" color="text.secondary">{label}:</Box> {value}
                </Typography>
              ))}
              <Box mt={1}>
                <SloAlertStates status={shownStatus(slo)} />
              </Box>
            </CardContent>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="SLOs">
        <TableHead>
          <TableRow>
            {['SLO', ...COLUMNS, 'Alerts'].map((label) => (
              <TableCell key={label}>{label}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {slos.map((slo) => (
            <TableRow key={slo.id}>
              <TableCell>
                <Link component={RouterLink} to={`/slos/${slo.id}/show`}>
                  {sloTitle(slo)}
                </Link>
              </TableCell>
              {COLUMNS.map((column) => (
                <TableCell key={column}>{cellsOf(slo)[column]}</TableCell>
              ))}
              <TableCell>
                <SloAlertStates status={shownStatus(slo)} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
