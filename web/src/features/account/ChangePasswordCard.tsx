import { ZChangePasswordRequestSchema } from '@opsdesk/shared';
import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { errorData, errorMessage } from '../../app/trpcErrors';
import type { useAccount } from './useAccount';

type ChangePassword = ReturnType<typeof useAccount>['changePassword'];

export function ChangePasswordCard({ changePassword }: { changePassword: ChangePassword }) {
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ZChangePasswordRequestSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message])));
      return;
    }
    setErrors({});
    changePassword.mutate(parsed.data, {
      onSuccess: () => setValues({ currentPassword: '', newPassword: '' }),
      onError: (error) => setErrors(errorData(error).fieldErrors ?? {}),
    });
  };
  const field = (name: keyof typeof values, label: string, autoComplete: string) => (
    <TextField
      label={label}
      type="password"
      autoComplete={autoComplete}
      value={values[name]}
      onChange={(event) => setValues({ ...values, [name]: event.target.value })}
      error={Boolean(errors[name])}
      helperText={errors[name] ?? (name === 'newPassword' ? 'At least 12 characters. A long phrase is best.' : ' ')}
    />
  );

  return (
    <Card component="section" aria-labelledby="change-password-title">
      <CardContent>
        <Typography variant="h6" component="h2" id="change-password-title" gutterBottom>
          Password
        </Typography>
        <Stack component="form" spacing={2} onSubmit={submit} noValidate maxWidth={420}>
          {field('currentPassword', 'Current password', 'current-password')}
          {field('newPassword', 'New password', 'new-password')}
          {changePassword.isSuccess && (
            <Alert severity="success">
              Password changed.{' '}
              {changePassword.data.otherSessionsRevoked > 0 ? 'Your other sessions were signed out.' : ''}
            </Alert>
          )}
          {changePassword.error && <Alert severity="error">{errorMessage(changePassword.error)}</Alert>}
          <Button type="submit" variant="contained" disabled={changePassword.isPending} sx={{ alignSelf: 'flex-start' }}>
            Change password
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
