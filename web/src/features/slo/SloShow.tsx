import EditIcon from '@mui/icons-material/Edit';
import { Alert, Button, Chip, Link, Skeleton, Typography } from '@mui/material';
import { fillRunbookParams, runbookActionHref, type SloDetail, type TSloRunbookLink } from '@opsdesk/shared';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { SectionCard } from '../../app/SectionCard';
import { formatDateTime } from '../../app/formatDateTime';
import { SloAlertRules } from './SloAlertRules';
import { ChartViewScope, ChartViewSwitch } from '../../app/ChartOrTable';
import { SloBudgetChart } from './SloBudgetChart';
import { SloFacts } from './SloFacts';
import { shownStatus, sloTitle } from './sloText';
import { useSlo } from './useSlos';

/** One SLO: its figures, the budget over the window, the four alert rules, and the runbook action its alerts open. */
export default function SloShow() {
  const { id = '' } = useParams();
  const slo = useSlo(id);
  if (slo.isPending) return <Skeleton variant="rounded" height={320} role="status" aria-label="Loading the SLO" sx={{ mt: 2 }} />;
  if (slo.error) return <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(slo.error)}</Alert>;
  return <SloPage slo={slo.data} />;
}

function SloPage({ slo }: { slo: SloDetail }) {
  const { canAccess: canEdit } = useCanAccess({ resource: 'slos', action: 'edit' });
  return (
    <ConsolePage
      title={`SLO ${sloTitle(slo)}`}
      heading={sloTitle(slo)}
      badges={<Chip size="small" variant="outlined" label={`Source: ${slo.source === 'prometheus' ? 'Prometheus' : 'Built-in'}`} />}
      actions={
        <>
          {canEdit && (
            <Button component={RouterLink} to={`/slos/${slo.id}`} size="small" startIcon={<EditIcon />}>
              Edit
            </Button>
          )}
          <Button component={RouterLink} to={`/slo-alerts?sloId=${slo.id}`} size="small">
            Alert history
          </Button>
        </>
      }
    >
      {slo.definition?.description && <Typography>{slo.definition.description}</Typography>}
      {slo.definitionProblem && (
        // Stored by an older version or by hand: the pass skips it (every other SLO is evaluated); saving it again repairs it.
        <Alert severity="error" role="status" sx={{ overflowWrap: 'anywhere' }}>
          This SLO is not evaluated: {slo.definitionProblem}. Its alerts keep their last state until it is.
        </Alert>
      )}
      {slo.definition && slo.status?.error && (
        // Prometheus did not answer the last pass: the figures below are the last ones read, alerts unchanged.
        <Alert severity="warning" role="status" sx={{ overflowWrap: 'anywhere' }}>
          The last evaluation could not read its samples: {slo.status.error}. The figures below are from {formatDateTime(slo.status.at)}; alerts keep their state until the samples can be read again.
        </Alert>
      )}
      <SloFacts slo={slo} />
      <ChartViewScope storeKey="slo.budget" title="Error budget">
        <SectionCard title="Error budget" action={slo.budgetChart.length > 0 && <ChartViewSwitch />}>
          {slo.budgetChart.length === 0 ? <Typography color="text.secondary">No budget history yet: it is drawn from the evaluations, once a minute.</Typography> : <SloBudgetChart points={slo.budgetChart} />}
        </SectionCard>
      </ChartViewScope>
      <SectionCard title="Burn-rate alerts">
        <SloAlertRules status={shownStatus(slo)} />
      </SectionCard>
      <SectionCard title="Runbook">
        {slo.runbook ? (
          <Typography sx={{ overflowWrap: 'anywhere' }}>
            Its alerts open{' '}
            <Link component={RouterLink} to={pageAlertHref(slo, slo.runbook)}>
              {slo.runbook.action}
            </Link>{' '}
            with {Object.keys(slo.runbook.params).length === 0 ? 'no parameters' : <code>{JSON.stringify(slo.runbook.params)}</code>} (placeholders filled from each alert).
          </Typography>
        ) : (
          <Typography color="text.secondary">No runbook action is linked: its alerts say what burns but not what to run.</Typography>
        )}
      </SectionCard>
      <Typography variant="caption" color="text.secondary">
        Last changed {formatDateTime(slo.updatedAt)}
        {slo.updatedBy ? ` by ${slo.updatedBy}` : ''}.
      </Typography>
    </ConsolePage>
  );
}

/** The action as this SLO's fast-burn page would open it (each alert fills the placeholders from its own labels). */
function pageAlertHref(slo: SloDetail, link: TSloRunbookLink): string {
  return runbookActionHref(link.action, fillRunbookParams(link.params, { service: slo.service, slo: slo.name, alert: 'page-1h', severity: 'page' }));
}
