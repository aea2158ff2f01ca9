import { Alert, Box, Button, Card, CardContent, Stack } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { useCanAccess } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorData, errorMessage } from '../../app/trpcErrors';
import { checkFlagForm, serverFieldErrors, type FlagFormErrors, type FlagFormValues } from './flagForm';
import { FlagFormFields } from './FlagFormFields';
import { flagHref } from './flagLinks';
import { useCreateFlag } from './useFlags';
import { useOwnerOptions } from './useOwnerOptions';

const INITIAL: FlagFormValues = { key: '', description: '', type: 'release', ownerId: '', tags: '' };

/**
 * A new flag (flags.edit: on-call and admin), off in every environment until someone
 * switches it on. Checked with the shared schema first; the server's refusals (a taken
 * key, an unknown owner) land under their field.
 */
export default function FlagCreate() {
  const { canAccess, isPending } = useCanAccess({ resource: 'flags', action: 'create' });
  const owners = useOwnerOptions();
  const [values, setValues] = useState(INITIAL);
  const [ownerTouched, setOwnerTouched] = useState(false);
  const [errors, setErrors] = useState<FlagFormErrors>({});
  const create = useCreateFlag();
  const navigate = useNavigate();
  // The owner defaults to whoever creates the flag, once their identity is known.
  useEffect(() => {
    if (!ownerTouched && owners.meId) setValues((current) => ({ ...current, ownerId: owners.meId ?? '' }));
  }, [owners.meId, ownerTouched]);
  if (isPending) return null;
  if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>You do not have permission to create flags. On-call and admin staff can.</Alert>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkFlagForm(values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    create.mutate(checked.request, {
      onSuccess: (flag) => navigate(flagHref(flag.key)),
      onError: (error) => setErrors(serverFieldErrors(errorData(error), errorMessage(error))),
    });
  };
  const onChange = (next: FlagFormValues) => {
    if (next.ownerId !== values.ownerId) setOwnerTouched(true);
    setValues(next);
  };
  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <ConsolePage title="Create flag" maxWidth={800}>
      <Card variant="outlined">
        <CardContent>
          <Box component="form" aria-label="Create flag" noValidate onSubmit={submit}>
            <Stack spacing={2}>
              <FlagFormFields values={values} errors={errors} owners={owners.options} creating onChange={onChange} />
              {hasFieldErrors && <Alert severity="error">Some fields need a change; each says why.</Alert>}
              {create.error && !hasFieldErrors && <Alert severity="error">{errorMessage(create.error)}</Alert>}
              <Stack direction="row" spacing={1}>
                <Button type="submit" variant="contained" disabled={create.isPending}>
                  {create.isPending ? 'Creating…' : 'Create flag'}
                </Button>
                <Button onClick={() => navigate('/flags')}>Cancel</Button>
              </Stack>
            </Stack>
          </Box>
        </CardContent>
      </Card>
    </ConsolePage>
  );
}
