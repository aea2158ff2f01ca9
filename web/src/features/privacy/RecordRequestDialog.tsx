import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { PRIVACY_REQUEST_CHANNELS, PRIVACY_REQUEST_KINDS, PRIVACY_SUBJECT_KINDS, ZPrivacyCreateRequestSchema } from '@opsdesk/shared';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { LimitedTextField } from '../../app/LimitedTextField';
import { checkText } from '../../app/textCheck';
import { errorMessage } from '../../app/trpcErrors';
import { useDialogLayout } from '../../app/useDialogLayout';
import { CHANNEL_LABELS, KIND_LABELS, requestHref, SUBJECT_KIND_LABELS } from './privacyText';
import { buildCreateRequest, EMPTY_RECORD_REQUEST, newIdempotencyKey, type RecordRequestValues } from './recordRequestForm';
import { useCreatePrivacyRequest } from './usePrivacy';

const NOTE_SCHEMA = ZPrivacyCreateRequestSchema.shape.note;
const SUBJECT_HINTS = { email: 'The address the person wrote from or gave', user_id: 'The product user id (a uuid)', stripe_customer_id: 'cus_…' } as const;

/** Records a request as received (the deadline runs from the receipt time); opens the new request. */
export function RecordRequestDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [values, setValues] = useState<RecordRequestValues>(EMPTY_RECORD_REQUEST);
  const [submitted, setSubmitted] = useState(false);
  // One key per opening of the dialog: a second click, or a retry after an answer that was
  // lost, gets the request the first call recorded instead of recording it twice.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const create = useCreatePrivacyRequest();
  const navigate = useNavigate();
  const layout = useDialogLayout();
  const titleId = useId();
  const { request, errors } = buildCreateRequest(values);
  const set = <K extends keyof RecordRequestValues>(key: K, value: RecordRequestValues[K]) => setValues((previous) => ({ ...previous, [key]: value }));
  const show = (field: keyof typeof errors) => (submitted || values[field] !== '' ? errors[field] : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!request || create.isPending) return;
    create.mutate({ ...request, idempotencyKey }, { onSuccess: (created) => navigate(requestHref(created.id)) });
  };
  const close = () => {
    setValues(EMPTY_RECORD_REQUEST);
    setSubmitted(false);
    setIdempotencyKey(newIdempotencyKey());
    create.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} maxWidth="sm" {...layout}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Record a privacy request</DialogTitle>
        <DialogContent>
          <Stack spacing={2} mt={1}>
            <TextField select label="Kind" value={values.kind} onChange={(event) => set('kind', event.target.value as RecordRequestValues['kind'])}>
              {PRIVACY_REQUEST_KINDS.map((kind) => (
                <MenuItem key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </MenuItem>
              ))}
            </TextField>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField select label="Subject found by" value={values.subjectKind} onChange={(event) => set('subjectKind', event.target.value as RecordRequestValues['subjectKind'])} sx={{ minWidth: 200 }}>
                {PRIVACY_SUBJECT_KINDS.map((kind) => (
                  <MenuItem key={kind} value={kind}>
                    {SUBJECT_KIND_LABELS[kind]}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                autoFocus
                fullWidth
                label={SUBJECT_KIND_LABELS[values.subjectKind]}
                value={values.subjectValue}
                onChange={(event) => set('subjectValue', event.target.value)}
                error={Boolean(show('subjectValue'))}
                helperText={show('subjectValue') ?? SUBJECT_HINTS[values.subjectKind]}
                autoComplete="off"
              />
            </Stack>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField select label="Channel" value={values.channel} onChange={(event) => set('channel', event.target.value as RecordRequestValues['channel'])} sx={{ minWidth: 200 }}>
                {PRIVACY_REQUEST_CHANNELS.map((channel) => (
                  <MenuItem key={channel} value={channel}>
                    {CHANNEL_LABELS[channel]}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                fullWidth
                type="datetime-local"
                label="Received at"
                value={values.receivedAt}
                onChange={(event) => set('receivedAt', event.target.value)}
                error={Boolean(show('receivedAt'))}
                helperText={show('receivedAt') ?? 'Empty: now. The one-month deadline runs from here.'}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            </Stack>
            <LimitedTextField
              label="Note (what the person asked)"
              multiline
              minRows={2}
              value={values.note}
              onChange={(event) => set('note', event.target.value)}
              check={checkText(values.note, NOTE_SCHEMA)}
              showError
            />
            {create.error && <Alert severity="error">{errorMessage(create.error)}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={create.isPending}>
            {create.isPending ? 'Recording…' : 'Record request'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
