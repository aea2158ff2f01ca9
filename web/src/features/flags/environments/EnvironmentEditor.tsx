import type { TFlagChangeRequest, TFlagEnvironmentRules } from '@opsdesk/shared/flags/flagsApi.schemas';
import { Alert, Button, Chip, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import { useEffect, useMemo, useState } from 'react';
import { useNotify } from 'react-admin';
import { errorCode, errorMessage } from '../../../app/trpcErrors';
import { ChangeRequestDialog, ConflictAlert } from './ChangeRequestDialog';
import { draftFromRules, draftProblems, draftToRules, sameRules, type TEnvironmentDraft } from './environmentDraft';
import { ImpactPreviewPanel } from './ImpactPreviewPanel';
import { ScheduleDialog } from './ScheduleDialog';
import type { SegmentOption } from './StrategyEditor';
import { StrategyList } from './StrategyList';
import { useImpactPreview, useSaveEnvironment } from './useEnvironmentChange';
import { VariantsEditor } from './VariantsEditor';

export interface EnvironmentState extends TFlagEnvironmentRules {
  environment: string;
  protected: boolean;
  revision: number;
}

/**
 * One environment of a flag, edited as a draft: on/off, strategies, variants; the impact
 * of the draft before saving; then Save (unprotected), a change request (protected:
 * applied at once or held for a second admin), or a schedule. When the saved state moves
 * underneath (someone else, or our own save), an untouched draft follows it; an edited
 * one is kept and the editor says so.
 */
export function EnvironmentEditor(props: { flagKey: string; state: EnvironmentState; segments: SegmentOption[]; onReload: () => Promise<EnvironmentState | undefined> }) {
  const { flagKey, state, segments } = props;
  const notify = useNotify();
  const saved = useMemo(() => draftToRules(draftFromRules(state, flagKey)), [state, flagKey]);
  const [base, setBase] = useState(saved);
  const [draft, setDraft] = useState<TEnvironmentDraft>(() => draftFromRules(state, flagKey));
  const [previewRequests, setPreviewRequests] = useState(0);
  const [requesting, setRequesting] = useState<Omit<TFlagChangeRequest, 'reason'> | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const save = useSaveEnvironment();

  const rules = useMemo(() => draftToRules(draft), [draft]);
  const changed = !sameRules(rules, base);
  const movedUnderneath = !sameRules(saved, base);
  // Runs when the saved state changes only: an edit of the draft must never be replaced by it.
  useEffect(() => {
    if (!movedUnderneath) return;
    if (!changed || sameRules(rules, saved)) {
      setBase(saved);
      setDraft(draftFromRules(saved, flagKey));
    }
  }, [saved]);

  const problems = draftProblems(draft);
  const previewable = problems.length === 0 && (changed || previewRequests > 0);
  const impact = useImpactPreview({ key: flagKey, environment: state.environment }, previewable ? rules : null, previewRequests);
  const waiting = problems.length > 0 ? 'Fix the problems above to preview the impact.' : !previewable ? 'Change something to see which accounts it would flip.' : null;
  const conflict = errorCode(save.error) === 'CONFLICT';
  const reset = () => {
    setBase(saved);
    setDraft(draftFromRules(saved, flagKey));
    save.reset();
  };
  /** After a conflict: the current state replaces the draft if this flag changed; if only the revision moved, the draft is kept and can be saved again. */
  const reload = async () => {
    save.reset();
    const fresh = await props.onReload();
    if (!fresh) return;
    const freshRules = draftToRules(draftFromRules(fresh, flagKey));
    if (sameRules(freshRules, base)) return;
    setBase(freshRules);
    setDraft(draftFromRules(fresh, flagKey));
  };

  const submit = () => {
    if (state.protected) {
      setRequesting({ key: flagKey, environment: state.environment, ...rules, expectedRevision: state.revision });
      return;
    }
    save.mutate({ key: flagKey, environment: state.environment, ...rules, expectedRevision: state.revision }, { onSuccess: () => notify(`Saved: ${flagKey} in ${state.environment}.`, { type: 'success' }) });
  };

  return (
    <Stack spacing={3}>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <FormControlLabel
          control={<Switch checked={draft.enabled} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} />}
          label={`${draft.enabled ? 'On' : 'Off'} in ${state.environment}`}
        />
        {state.protected && <Chip icon={<LockIcon />} label="Changes need an admin; risky ones a second admin" variant="outlined" />}
        {changed && <Chip color="warning" label="Unsaved changes" />}
      </Stack>
      {movedUnderneath && changed && (
        <Alert severity="warning" action={<Button onClick={reset}>Reload</Button>}>
          Someone changed this flag in {state.environment} while you were editing; reload to start from their version.
        </Alert>
      )}
      <StrategyList environment={state.environment} flagKey={flagKey} strategies={draft.strategies} segments={segments} onChange={(strategies) => setDraft({ ...draft, strategies })} />
      <VariantsEditor environment={state.environment} variants={draft.variants} onChange={(variants) => setDraft({ ...draft, variants })} />
      {problems.length > 0 && (
        <Alert severity="error" role="alert">
          <Typography fontWeight={600}>Not ready to save:</Typography>
          {problems.map((problem) => (
            <div key={problem}>{problem}</div>
          ))}
        </Alert>
      )}
      <ImpactPreviewPanel environment={state.environment} query={impact.query} current={impact.current} waiting={waiting} onRefresh={() => setPreviewRequests((n) => n + 1)} />
      {conflict && <ConflictAlert onReload={() => void reload()} />}
      {save.isError && !conflict && <Alert severity="error">{errorMessage(save.error)}</Alert>}
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        <Button variant="contained" disabled={!changed || problems.length > 0 || save.isPending} onClick={submit}>
          {state.protected ? 'Review and save…' : save.isPending ? 'Saving…' : 'Save'}
        </Button>
        <Button disabled={!changed || problems.length > 0} onClick={() => setScheduling(true)}>
          Schedule instead
        </Button>
        <Button disabled={!changed} onClick={reset}>
          Discard changes
        </Button>
      </Stack>
      {requesting && (
        <ChangeRequestDialog
          open
          change={requesting}
          onClose={() => setRequesting(null)}
          onReload={() => {
            setRequesting(null);
            void reload();
          }}
        />
      )}
      <ScheduleDialog
        open={scheduling}
        onClose={() => setScheduling(false)}
        flagKey={flagKey}
        environment={state.environment}
        before={base}
        after={rules}
        onScheduled={() => notify(`Scheduled: ${flagKey} in ${state.environment}.`, { type: 'success' })}
      />
    </Stack>
  );
}
