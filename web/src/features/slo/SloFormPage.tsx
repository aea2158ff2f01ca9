import { Alert, Box, Button, Card, CardContent, Stack } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useCanAccess } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorData, errorMessage } from '../../app/trpcErrors';
import { formErrorsOf, sloWriteOf, type SloFormErrors, type SloFormValues } from './sloForm';
import { SloFormFields } from './SloFormFields';
import { useSaveSlo } from './useSlos';

/**
 * Create or edit an SLO (slo.edit: on-call and admin). Checked with the shared schema
 * before sending; the server checks again, audits the change and its messages land
 * under the same fields.
 */
export function SloFormPage({ id, initial, title }: { id?: string; initial: SloFormValues; title: string }) {
  const { canAccess, isPending } = useCanAccess({ resource: 'slos', action: id ? 'edit' : 'create' });
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<SloFormErrors>({});
  const save = useSaveSlo();
  const navigate = useNavigate();
  if (isPending) return null;
  if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>You do not have permission to change SLOs. On-call and admin staff can.</Alert>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = sloWriteOf(values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    save.mutate(
      { id, write: checked.write },
      {
        onSuccess: (saved) => navigate(`/slos/${saved.id}/show`),
        onError: (error) => setErrors(formErrorsOf((errorData(error).fieldErrors ?? {}) as Record<string, string>)),
      },
    );
  };
  const serverFieldErrors = Object.keys(errorData(save.error).fieldErrors ?? {}).length > 0;
  return (
    <ConsolePage title={title} maxWidth={900}>
      <Card variant="outlined">
        <CardContent>
          <Box component="form" aria-label={title} noValidate onSubmit={submit}>
            <Stack spacing={2}>
              <SloFormFields values={values} errors={errors} editing={Boolean(id)} onChange={setValues} />
              {Object.keys(errors).length > 0 && <Alert severity="error">Some fields need a change; each says why.</Alert>}
              {save.error && !serverFieldErrors && <Alert severity="error">{errorMessage(save.error)}</Alert>}
              <Stack direction="row" spacing={1}>
                <Button type="submit" variant="contained" disabled={save.isPending}>
                  {save.isPending ? 'Saving…' : 'Save'}
                </Button>
                <Button onClick={() => navigate(id ? `/slos/${id}/show` : '/slos')}>Cancel</Button>
              </Stack>
            </Stack>
          </Box>
        </CardContent>
      </Card>
    </ConsolePage>
  );
}
