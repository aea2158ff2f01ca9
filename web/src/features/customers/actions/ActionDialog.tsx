import { ZActionFields } from '@opsdesk/shared';
import { Alert, Box, Button, Chip, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { LimitedTextField } from '../../../app/LimitedTextField';
import { checkText } from '../../../app/textCheck';
import { useDialogLayout } from '../../../app/useDialogLayout';
import { errorMessage } from '../../../app/trpcErrors';
import { ActionOutcomeAlert } from './ActionOutcomeAlert';
import type { ActionName, ActionParams, TActionPreview } from './customerActions';
import { PreviewFacts } from './PreviewFacts';
import { useCustomerAction } from './useCustomerAction';

/**
 * The one dialog every customer action goes through. It loads the server's preview and
 * shows it, asks for a reason from medium risk up and for the customer's email typed by
 * hand at high risk, says before submitting when a second person must approve, submits
 * once (the button stays disabled while the request is in flight), then shows the
 * outcome or Stripe's own error message.
 */
export interface ActionDialogProps<N extends ActionName> {
  open: boolean;
  onClose: () => void;
  action: N;
  title: string;
  description?: ReactNode;
  /** null while the action-specific fields are incomplete: no preview is asked for yet. */
  params: ActionParams<N> | null;
  /** Action-specific inputs (amount, days…), controlled by the caller. */
  fields?: ReactNode;
  confirmLabel: string;
  /** Used for high-risk confirmation when the server's target carries no confirm text. */
  customerEmail?: string;
}

const RISK_COLORS = { low: 'default', medium: 'warning', high: 'error' } as const;

export function ActionDialog<N extends ActionName>(props: ActionDialogProps<N>) {
  const titleId = useId();
  const dialogLayout = useDialogLayout();
  const [reason, setReason] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [touched, setTouched] = useState(false);
  const { preview, request, previewIsCurrent } = useCustomerAction(props.action, props.params, props.open);

  useEffect(() => {
    if (!props.open) return;
    setReason('');
    setConfirmation('');
    setTouched(false);
    request.reset();
    // Reset once per opening only; `request` changes identity on every state change.
  }, [props.open]);

  const answer = preview.data as TActionPreview | undefined;
  const confirmText = answer?.target.confirmText ?? props.customerEmail ?? '';
  const needsReason = answer !== undefined && answer.risk !== 'low';
  const needsConfirmation = answer?.risk === 'high';
  const reasonCheck = checkText(reason, ZActionFields.shape.reason, { requiredMessage: needsReason ? 'A reason is required for this action.' : undefined });
  const reasonProblem = reasonCheck.error;
  const confirmationProblem = needsConfirmation && confirmation.trim().toLowerCase() !== confirmText.trim().toLowerCase() ? `Type ${confirmText} to confirm.` : null;
  const outcome = request.data;
  const canSubmit = props.params !== null && answer !== undefined && previewIsCurrent && !preview.isError && !request.isPending && !outcome;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!canSubmit || reasonProblem || confirmationProblem) return;
    request.mutate({ reason: reason.trim() || undefined, confirmation: needsConfirmation ? confirmation.trim() : undefined });
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby={titleId} {...dialogLayout} maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {props.description && <Typography color="text.secondary">{props.description}</Typography>}
            {!outcome && props.fields}
            <PreviewSection preview={preview} answer={answer} current={previewIsCurrent} waitingForFields={props.params === null} />
            {/* Only for the values now in the fields: an invalid amount has no preview, so no warning either. */}
            {answer?.approvalReason && props.params !== null && !outcome && (
              <Alert severity="warning" sx={{ opacity: previewIsCurrent ? 1 : 0.5 }}>A second person must approve this: {answer.approvalReason} Submitting sends it to the Approvals inbox.</Alert>
            )}
            {answer && !outcome && (
              <LimitedTextField
                label={needsReason ? 'Reason (internal note, required)' : 'Reason (internal note, optional)'}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                multiline
                minRows={2}
                required={needsReason}
                check={reasonCheck}
                showError={touched || reason !== ''}
                hint="Kept in the audit log with this action."
              />
            )}
            {needsConfirmation && !outcome && (
              <TextField
                label="Type the customer's email to confirm"
                value={confirmation}
                onChange={(event) => setConfirmation(event.target.value)}
                placeholder={confirmText}
                autoComplete="off"
                error={touched && confirmationProblem !== null}
                helperText={(touched && confirmationProblem) || `Type ${confirmText}`}
              />
            )}
            {request.error && <Alert severity="error">{errorMessage(request.error)}</Alert>}
            {outcome && <ActionOutcomeAlert outcome={outcome} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{outcome ? 'Close' : 'Cancel'}</Button>
          {!outcome && (
            <Button type="submit" variant="contained" color={answer?.risk === 'high' ? 'error' : 'primary'} disabled={!canSubmit}>
              {request.isPending ? 'Working…' : answer?.approvalReason && props.params !== null ? 'Request approval' : props.confirmLabel}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}

function PreviewSection(props: { preview: ReturnType<typeof useCustomerAction>['preview']; answer: TActionPreview | undefined; current: boolean; waitingForFields: boolean }) {
  if (props.waitingForFields) return null;
  if (props.preview.isError) return <Alert severity="error">{errorMessage(props.preview.error)}</Alert>;
  if (!props.answer) {
    return (
      <Stack direction="row" spacing={1} alignItems="center" role="status">
        <CircularProgress size={16} />
        <Typography>Loading the preview…</Typography>
      </Stack>
    );
  }
  return (
    <Box sx={{ opacity: props.current ? 1 : 0.5 }} aria-busy={!props.current}>
      <Stack direction="row" spacing={1} alignItems="center" mb={1}>
        <Typography variant="subtitle2">What will happen</Typography>
        <Chip size="small" color={RISK_COLORS[props.answer.risk]} label={`${props.answer.risk} risk`} />
      </Stack>
      <PreviewFacts value={props.answer.preview} />
    </Box>
  );
}
