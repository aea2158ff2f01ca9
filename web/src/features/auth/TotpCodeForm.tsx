import { ZTotpCode } from '@opsdesk/shared';
import { Button, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import type { LoginStep } from './loginSteps';
import { TotpSecretDisplay } from './TotpSecretDisplay';

/** Step two: the 6-digit code, preceded by the QR code when two-factor is being set up. */
export function TotpCodeForm(props: { step: LoginStep; pending: boolean; onSubmit: (code: string) => void; onCancel: () => void }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ZTotpCode.safeParse(code);
    setProblem(parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Invalid code'));
    if (parsed.success) props.onSubmit(parsed.data);
  };
  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate>
      {props.step.kind === 'enrollment' ? (
        <>
          <Typography>Your role requires two-factor authentication. Scan this code with an authenticator app, then enter the code it shows.</Typography>
          <TotpSecretDisplay secret={props.step.secret} otpauthUri={props.step.otpauthUri} />
        </>
      ) : (
        <Typography>Enter the 6-digit code from your authenticator app.</Typography>
      )}
      <TextField
        label="Authentication code"
        autoFocus
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={problem !== null}
        helperText={problem ?? ' '}
      />
      <Button type="submit" variant="contained" size="large" disabled={props.pending}>
        {props.pending ? 'Checking…' : 'Verify'}
      </Button>
      <Button onClick={props.onCancel}>Use a different account</Button>
    </Stack>
  );
}
