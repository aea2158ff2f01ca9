import { Button, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';

/** Step one. The browser's own required-field checks keep empty submits off the server. */
export function CredentialsForm({ pending, onSubmit }: { pending: boolean; onSubmit: (values: { email: string; password: string }) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ email: email.trim(), password });
  };
  return (
    <Stack component="form" spacing={2} onSubmit={submit}>
      <TextField label="Email" type="email" autoComplete="username" required autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Button type="submit" variant="contained" size="large" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </Stack>
  );
}
