import { ZTotpCode } from '@opsdesk/shared';
import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../app/trpcErrors';
import { TotpSecretDisplay } from '../auth/TotpSecretDisplay';
import type { useAccount } from './useAccount';

type AccountHooks = ReturnType<typeof useAccount>;

export function EnrollTotpForm(props: {
  enrollment: NonNullable<AccountHooks['beginTotp']['data']>;
  confirmTotp: AccountHooks['confirmTotp'];
}) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ZTotpCode.safeParse(code);
    setProblem(parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Invalid code'));
    if (parsed.success) props.confirmTotp.mutate({ enrollmentToken: props.enrollment.enrollmentToken, code: parsed.data });
  };
  return (
    <Stack component="form" onSubmit={submit} noValidate spacing={2} maxWidth={420}>
      <Typography>Scan this code with your authenticator app, then enter the 6-digit code it shows.</Typography>
      <TotpSecretDisplay secret={props.enrollment.secret} otpauthUri={props.enrollment.otpauthUri} />
      <TextField
        label="Authentication code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        inputMode="numeric"
        autoComplete="one-time-code"
        error={problem !== null}
        helperText={problem ?? ' '}
      />
      {props.confirmTotp.error && <Alert severity="error">{errorMessage(props.confirmTotp.error)}</Alert>}
      <Button type="submit" variant="contained" disabled={props.confirmTotp.isPending} sx={{ alignSelf: 'flex-start' }}>
        Turn on two-factor authentication
      </Button>
    </Stack>
  );
}
