import { ZReplaceTotpRequestSchema, type TReplaceTotpRequest } from '@opsdesk/shared';
import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { errorData, errorMessage } from '../../app/trpcErrors';
import { TotpSecretDisplay } from '../auth/TotpSecretDisplay';
import type { useAccount } from './useAccount';

type AccountHooks = ReturnType<typeof useAccount>;
type Fields = Omit<TReplaceTotpRequest, 'enrollmentToken'>;

const FIELDS: { name: keyof Fields; label: string; autoComplete: string; password?: boolean }[] = [
  { name: 'code', label: 'Code from the new app', autoComplete: 'one-time-code' },
  { name: 'currentPassword', label: 'Your password', autoComplete: 'current-password', password: true },
  { name: 'currentCode', label: 'Code from your current app', autoComplete: 'off' },
];

/**
 * Moving two-factor to a new authenticator app. Both current factors are asked: an open
 * session alone must not be enough to swap the second factor for someone else's.
 */
export function ReplaceTotpForm(props: {
  enrollment: NonNullable<AccountHooks['beginTotp']['data']>;
  replaceTotp: AccountHooks['replaceTotp'];
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Fields>({ code: '', currentPassword: '', currentCode: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ZReplaceTotpRequestSchema.safeParse({ ...values, enrollmentToken: props.enrollment.enrollmentToken });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message])));
      return;
    }
    setErrors({});
    props.replaceTotp.mutate(parsed.data, {
      onError: (error) => setErrors(errorData(error).fieldErrors ?? {}),
    });
  };
  return (
    <Stack component="form" onSubmit={submit} noValidate spacing={2} maxWidth={420} aria-label="Replace authenticator app">
      <Typography>Scan this code with your new authenticator app, then confirm with codes from both apps and your password.</Typography>
      <TotpSecretDisplay secret={props.enrollment.secret} otpauthUri={props.enrollment.otpauthUri} />
      {FIELDS.map(({ name, label, autoComplete, password }) => (
        <TextField
          key={name}
          label={label}
          type={password ? 'password' : 'text'}
          inputMode={password ? undefined : 'numeric'}
          autoComplete={autoComplete}
          value={values[name]}
          onChange={(event) => setValues({ ...values, [name]: event.target.value })}
          error={Boolean(errors[name])}
          helperText={errors[name] ?? ' '}
        />
      ))}
      {props.replaceTotp.error && <Alert severity="error">{errorMessage(props.replaceTotp.error)}</Alert>}
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" disabled={props.replaceTotp.isPending}>
          Replace authenticator app
        </Button>
        <Button
          onClick={() => {
            props.replaceTotp.reset();
            props.onCancel();
          }}
          disabled={props.replaceTotp.isPending}
        >
          Cancel
        </Button>
      </Stack>
    </Stack>
  );
}
