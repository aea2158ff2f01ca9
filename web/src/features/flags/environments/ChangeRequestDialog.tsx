import { ZActionFields, type TActionOutcome } from '@opsdesk/shared';
import type { TFlagChangeRequest } from '@opsdesk/shared/flags/flagsApi.schemas';
import { Alert, AlertTitle, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Link, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { LimitedTextField } from '../../../app/LimitedTextField';
import { checkText } from '../../../app/textCheck';
import { errorCode, errorMessage } from '../../../app/trpcErrors';
import { useDialogLayout } from '../../../app/useDialogLayout';
import { ImpactSummary } from '../changes/ImpactSummary';
import { RulesDiff } from '../changes/RulesDiff';
import { formatDateTime } from '../../../app/formatDateTime';
import { useChangePreview, useRequestChange } from './useEnvironmentChange';

/**
 * Changing a protected environment: the server's own preview of the request (the exact
 * diff in words and its impact, and whether a second admin must approve), a required
 * reason, then the request. It applies at once, or waits in the Approvals inbox.
 */
export function ChangeRequestDialog(props: { open: boolean; onClose: () => void; change: Omit<TFlagChangeRequest, 'reason' | 'confirmation'>; onReload: () => void }) {
  const titleId = useId();
  const layout = useDialogLayout();
  const [reason, setReason] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [touched, setTouched] = useState(false);
  const preview = useChangePreview(props.open ? props.change : null);
  const request = useRequestChange();
  useEffect(() => {
    if (!props.open) return;
    setReason('');
    setConfirmation('');
    setTouched(false);
    request.reset();
    // Once per opening; `request` changes identity on every state change.
  }, [props.open]);

  const answer = preview.data;
  const reasonCheck = checkText(reason, ZActionFields.shape.reason, { requiredMessage: 'Say why: the reason is kept with the change and shown to the approver.' });
  const confirmText = answer?.target.confirmText ?? null;
  const confirmationProblem = answer?.risk === 'high' && confirmText && confirmation.trim() !== confirmText ? `Type ${confirmText} to confirm.` : null;
  const outcome = request.data as TActionOutcome<unknown> | undefined;
  // Once answered, a refreshed preview may well conflict (the change itself moved the revision): the outcome is what counts.
  const conflict = !outcome && (errorCode(preview.error) === 'CONFLICT' || errorCode(request.error) === 'CONFLICT');
  const canSubmit = !!answer && !request.isPending && !outcome && !conflict;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!canSubmit || reasonCheck.error || confirmationProblem) return;
    request.mutate({ ...props.change, reason: reason.trim(), ...(answer?.risk === 'high' ? { confirmation: confirmation.trim() } : {}) });
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby={titleId} maxWidth="md" {...layout}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>
          Change {props.change.key} in {props.change.environment}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {preview.isLoading && (
              <Stack direction="row" spacing={1} alignItems="center" role="status">
                <CircularProgress size={16} />
                <Typography>Loading the change and its impact…</Typography>
              </Stack>
            )}
            {conflict ? (
              <ConflictAlert onReload={props.onReload} />
            ) : (
              preview.isError && !outcome && <Alert severity="error">{errorMessage(preview.error)}</Alert>
            )}
            {answer && (
              <>
                <RulesDiff before={answer.preview.before} after={answer.preview.after} />
                <ImpactSummary impact={answer.preview.impact} />
                {answer.approvalReason && !outcome && <Alert severity="warning">A second admin must approve this: {answer.approvalReason}</Alert>}
              </>
            )}
            {answer && !outcome && (
              <LimitedTextField
                label="Reason (required)"
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                multiline
                minRows={2}
                required
                check={reasonCheck}
                showError={touched || reason !== ''}
                hint="Kept in the audit log; the approver reads it."
              />
            )}
            {answer?.risk === 'high' && confirmText && !outcome && (
              <TextField label={`Type ${confirmText} to confirm`} value={confirmation} onChange={(event) => setConfirmation(event.target.value)} error={touched && !!confirmationProblem} helperText={touched && confirmationProblem} autoComplete="off" />
            )}
            {request.isError && !conflict && <Alert severity="error">{errorMessage(request.error)}</Alert>}
            {outcome && <ChangeOutcome outcome={outcome} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{outcome ? 'Close' : 'Cancel'}</Button>
          {!outcome && (
            <Button type="submit" variant="contained" disabled={!canSubmit}>
              {request.isPending ? 'Working…' : answer?.approvalReason ? 'Request approval' : 'Apply change'}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function ConflictAlert({ onReload }: { onReload: () => void }) {
  return (
    <Alert severity="warning" action={<Button onClick={onReload}>Reload</Button>}>
      Someone changed this flag meanwhile; reload to see their change, then make yours again.
    </Alert>
  );
}

function ChangeOutcome({ outcome }: { outcome: TActionOutcome<unknown> }) {
  if (outcome.status === 'approval_requested') {
    return (
      <Alert severity="info" role="status">
        <AlertTitle>Waiting for a second admin</AlertTitle>
        {outcome.duplicate ? 'An identical request was already waiting; no second one was made. ' : ''}
        {outcome.approvalReason} It must be approved before {formatDateTime(outcome.expiresAt)}.{' '}
        <Link component={RouterLink} to={`/approvals/${outcome.requestId}/show`}>
          Open the request
        </Link>
      </Alert>
    );
  }
  if (outcome.status === 'in_progress') {
    return (
      <Alert severity="info" role="status">
        <AlertTitle>In progress</AlertTitle>
        An identical change is being applied right now; it will not be applied twice.
      </Alert>
    );
  }
  return (
    <Alert severity="success" role="status">
      <AlertTitle>Applied</AlertTitle>
      {outcome.duplicate ? 'An identical change had already been applied; nothing was done twice.' : 'The change is live in this environment.'}
    </Alert>
  );
}
