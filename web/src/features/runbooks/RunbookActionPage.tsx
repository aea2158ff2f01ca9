import { Alert, Box, Button, Card, CardContent, Chip, Skeleton, Stack, Typography } from '@mui/material';
import type { RunbookActionInfo, RunbookPlanAnswer } from '@opsdesk/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorData, errorMessage } from '../../app/trpcErrors';
import { formatTime } from '../../app/formatDateTime';
import { RunbookEntryLink } from './entry/RunbookEntryLink';
import { fieldsOf, paramsOf, prefilledValues, type FormValues, type JsonSchema } from './paramsForm';
import { ParamsFields } from './ParamsFields';
import { RISK_LABELS } from './riskLabels';
import { RunbookReport } from './RunbookReport';
import { RunConfirmDialog } from './RunConfirmDialog';
import { RunHistory } from './RunHistory';
import { RunOutput } from './RunOutput';
import { TemporaryChangesList } from './TemporaryChanges';
import { usePlan, useRunAction, useRunbookActions, useRuns, useTemporaryChanges } from './useRunbooks';

/**
 * One action: its parameter form, Plan (the dry run against live state), then Run with
 * the confirmation its tier asks for, the run's live output and result, its temporary
 * changes still in place, and its history. Changing a parameter drops the plan: a run
 * always matches the plan on screen.
 */
export default function RunbookActionPage() {
  const { id = '' } = useParams();
  const actions = useRunbookActions();
  if (actions.isPending) return <Skeleton variant="rectangular" height={240} aria-label="Loading the action" sx={{ mt: 1 }} />;
  if (actions.error) return <Alert severity="error" sx={{ mt: 1 }}>{errorMessage(actions.error)}</Alert>;
  const action = actions.data.find((candidate) => candidate.name === decodeURIComponent(id));
  if (!action) return <Alert severity="warning" sx={{ mt: 1 }}>There is no runbook action “{id}” on this server.</Alert>;
  return <ActionPage key={action.name} action={action} />;
}

function ActionPage({ action }: { action: RunbookActionInfo }) {
  const fields = useMemo(() => fieldsOf(action.params as JsonSchema), [action.params]);
  const [searchParams, setSearchParams] = useSearchParams();
  // Read once: a link (an SLO alert's) may bring the parameters; later URL changes are the page's own.
  const [prefill] = useState(() => prefilledValues(fields, searchParams.get('params')));
  const [values, setValues] = useState<FormValues>(prefill.values);
  const [plan, setPlan] = useState<{ answer: RunbookPlanAnswer; params: Record<string, unknown> } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const runId = searchParams.get('run');
  const planning = usePlan();
  const running = useRunAction();
  const fieldErrors = (errorData(planning.error).fieldErrors ?? {}) as Record<string, string>;

  const askPlan = (event: FormEvent) => {
    event.preventDefault();
    const params = paramsOf(fields, values);
    setPlan(null);
    planning.mutate({ action: action.name, params }, { onSuccess: (answer) => setPlan({ answer, params }) });
  };
  const changeValues = (next: FormValues) => {
    setValues(next);
    setPlan(null);
  };
  const run = (confirm: { reason?: string; confirmation?: string }) => {
    if (!plan) return;
    running.mutate(
      { action: action.name, params: plan.params, planHash: plan.answer.planHash, confirmed: true, ...confirm },
      {
        onSuccess: (started) => {
          setConfirming(false);
          setPlan(null);
          setSearchParams({ run: started.runId });
        },
      },
    );
  };

  return (
    <ConsolePage
      title={action.title}
      badges={action.readOnly ? <Chip size="small" label="Read-only" /> : <Chip size="small" label={RISK_LABELS[action.risk]} color={action.risk === 'low' ? 'default' : 'warning'} variant="outlined" />}
    >
      <Typography>{action.summary}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        Symptom, where to look and rollback: <RunbookEntryLink anchor={action.runbookEntry} />
      </Typography>

      <Card variant="outlined" component="section" aria-label="Plan">
        <CardContent>
          <Box component="form" onSubmit={askPlan} noValidate aria-label="Parameters">
            <Stack spacing={2}>
              {prefill.notice && <Alert severity="info">{prefill.notice}</Alert>}
              <ParamsFields fields={fields} values={values} errors={fieldErrors} onChange={changeValues} />
              {planning.error && Object.keys(fieldErrors).length === 0 && <Alert severity="error">{errorMessage(planning.error)}</Alert>}
              <Stack direction="row" spacing={1}>
                <Button type="submit" variant={plan ? 'outlined' : 'contained'} disabled={planning.isPending}>
                  {planButtonText(action.readOnly, planning.isPending, plan !== null)}
                </Button>
                {plan && !action.readOnly && !plan.answer.plan.empty && (
                  <Button variant="contained" color={action.risk === 'low' ? 'primary' : 'warning'} onClick={() => setConfirming(true)}>
                    Run…
                  </Button>
                )}
              </Stack>
            </Stack>
          </Box>
          {plan && (
            <Box mt={3}>
              <Typography variant="overline" component="p" color="text.secondary">
                {action.readOnly ? 'Result' : 'Plan'} · {formatTime(plan.answer.plannedAt)} · target {plan.answer.target}
              </Typography>
              <RunbookReport report={plan.answer.plan} heading={action.readOnly ? 'Result' : 'Plan'} />
              {plan.answer.plan.empty && !action.readOnly && <Alert severity="info" sx={{ mt: 2 }}>Nothing to do, so there is nothing to run.</Alert>}
            </Box>
          )}
        </CardContent>
      </Card>

      {plan && (
        <RunConfirmDialog
          open={confirming}
          title={action.title}
          target={plan.answer.target}
          risk={action.risk}
          steps={plan.answer.plan.steps.length}
          pending={running.isPending}
          error={running.error ? errorMessage(running.error) : null}
          onConfirm={run}
          onClose={() => {
            setConfirming(false);
            running.reset();
          }}
        />
      )}

      {runId && <RunOutput runId={runId} />}
      {action.reverts && <ActionChanges action={action.name} />}
      <ActionHistory action={action.name} selectedId={runId} onSelect={(id) => setSearchParams({ run: id })} />
    </ConsolePage>
  );
}

function ActionChanges({ action }: { action: string }) {
  const changes = useTemporaryChanges();
  return (
    <Card variant="outlined" component="section" aria-label="Temporary changes">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Active temporary changes
        </Typography>
        {changes.isPending && <Skeleton variant="rectangular" height={48} aria-label="Loading temporary changes" />}
        {changes.error && <Alert severity="error">{errorMessage(changes.error)}</Alert>}
        {changes.data && <TemporaryChangesList changes={changes.data.filter((change) => change.action === action)} emptyText="None of this action’s changes is in place." />}
      </CardContent>
    </Card>
  );
}

function ActionHistory({ action, selectedId, onSelect }: { action: string; selectedId: string | null; onSelect: (id: string) => void }) {
  const runs = useRuns({ action, limit: 20 });
  return (
    <Card variant="outlined" component="section" aria-label="History">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          History
        </Typography>
        {runs.isPending && <Skeleton variant="rectangular" height={80} aria-label="Loading the history" />}
        {runs.error && <Alert severity="error">{errorMessage(runs.error)}</Alert>}
        {runs.data?.length === 0 && <Typography color="text.secondary">This action has not run yet.</Typography>}
        {runs.data && runs.data.length > 0 && <RunHistory runs={runs.data} selectedId={selectedId} onSelect={(run) => onSelect(run.id)} />}
      </CardContent>
    </Card>
  );
}

/** A read-only action's dry run is the answer itself: it is a check, not a plan of something to run. */
function planButtonText(readOnly: boolean, pending: boolean, planned: boolean): string {
  if (readOnly) return pending ? 'Checking…' : planned ? 'Check again' : 'Check';
  return pending ? 'Planning…' : planned ? 'Plan again' : 'Plan';
}
