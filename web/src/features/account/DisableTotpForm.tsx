import { Alert, Button, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../app/trpcErrors';
import type { useAccount } from './useAccount';

/** Turning two-factor off asks for the password again: a stolen open session is not enough. */
export function DisableTotpForm({ disableTotp }: { disableTotp: ReturnType<typeof useAccount>['disableTotp'] }) {
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password) disableTotp.mutate({ password });
  };
  return (
    <Stack component="form" onSubmit={submit} noValidate spacing={2} maxWidth={420}>
      <TextField label="Password to turn off two-factor" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
      {disableTotp.error && <Alert severity="error">{errorMessage(disableTotp.error)}</Alert>}
      <Button type="submit" color="warning" variant="outlined" disabled={disableTotp.isPending || !password} sx={{ alignSelf: 'flex-start' }}>
        Turn off two-factor authentication
      </Button>
    </Stack>
  );
}
