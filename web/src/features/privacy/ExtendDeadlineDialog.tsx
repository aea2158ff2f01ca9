import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, Radio, RadioGroup } from '@mui/material';
import { ZPrivacyExtendRequestSchema, type TPrivacyRequest } from '@opsdesk/shared';
import { useId, useState, type FormEvent } from 'react';
import { LimitedTextField } from '../../app/LimitedTextField';
import { checkText } from '../../app/textCheck';
import { errorMessage } from '../../app/trpcErrors';
import { useDialogLayout } from '../../app/useDialogLayout';
import { extensionChoices, formatDay } from './privacyText';
import { useExtendDeadline } from './usePrivacy';

const REASON_SCHEMA = ZPrivacyExtendRequestSchema.shape.reason;

/** Extends the deadline by one or two months in all (from the original due date), with the reason the person will be told. */
export function ExtendDeadlineDialog({ request, open, onClose }: { request: TPrivacyRequest; open: boolean; onClose: () => void }) {
  const choices = extensionChoices(request);
  const [months, setMonths] = useState<1 | 2>(choices[0] ?? 2);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const extend = useExtendDeadline();
  const layout = useDialogLayout();
  const titleId = useId();
  const check = checkText(reason, REASON_SCHEMA);
  const close = () => {
    setReason('');
    setSubmitted(false);
    extend.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (check.error || extend.isPending) return;
    extend.mutate({ requestId: request.id, months, reason }, { onSuccess: close });
  };
  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} maxWidth="sm" {...layout}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Extend the deadline</DialogTitle>
        <DialogContent>
          <DialogContentText gutterBottom>
            The GDPR allows up to two more months when a request is complex or one of many, if the person is told why within the first month. The original due date is {formatDay(request.originalDueOn)}.
          </DialogContentText>
          <RadioGroup value={String(months)} onChange={(event) => setMonths(Number(event.target.value) as 1 | 2)} aria-label="Months in all">
            {choices.map((choice) => (
              <FormControlLabel key={choice} value={String(choice)} control={<Radio />} label={choice === 1 ? 'One month in all' : 'Two months in all'} />
            ))}
          </RadioGroup>
          <LimitedTextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            label="Reason the person will be told"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            check={check}
            showError={submitted || reason !== ''}
          />
          {extend.error && <Alert severity="error">{errorMessage(extend.error)}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={extend.isPending}>
            Extend
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
