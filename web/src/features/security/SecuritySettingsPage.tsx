import { ROLE_LABELS, ROLES, type Role } from '@opsdesk/shared';
import { Alert, Button, Card, CardContent, Checkbox, FormControlLabel, FormGroup, FormLabel, Stack, Typography } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { Loading, Title } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import { useSecuritySettings } from './useSecuritySettings';

function savedMessage(membersSignedOut: number): string {
  if (membersSignedOut === 0) return 'Security settings saved.';
  const who = membersSignedOut === 1 ? '1 member who had' : `${membersSignedOut.toLocaleString('en-US')} members who had`;
  return `Security settings saved. ${who} not set up two-factor authentication ${membersSignedOut === 1 ? 'was' : 'were'} signed out and will set it up at the next sign-in.`;
}

/** Admin-only: which roles must use two-factor authentication to sign in. */
export default function SecuritySettingsPage() {
  const { settings, save } = useSecuritySettings();
  const [selected, setSelected] = useState<Role[]>([]);
  useEffect(() => {
    if (settings.data) setSelected(settings.data.totpRequiredRoles);
  }, [settings.data]);

  if (settings.isPending) return <Loading />;
  if (settings.error) return <Alert severity="error">{errorMessage(settings.error)}</Alert>;

  const toggle = (role: Role, on: boolean) => setSelected(on ? [...selected, role] : selected.filter((r) => r !== role));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ totpRequiredRoles: selected });
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <Title title="Security settings" />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          Security settings
        </Typography>
        <Stack component="form" onSubmit={submit} spacing={2}>
          <FormGroup aria-labelledby="totp-roles-label">
            <FormLabel id="totp-roles-label">Roles that must use two-factor authentication</FormLabel>
            {ROLES.map((role) => (
              <FormControlLabel
                key={role}
                control={<Checkbox checked={selected.includes(role)} onChange={(event) => toggle(role, event.target.checked)} />}
                label={ROLE_LABELS[role]}
              />
            ))}
          </FormGroup>
          <Typography variant="body2" color="text.secondary">
            Members of these roles who have not set it up are signed out when you save, and set it up at their next sign-in.
            Set it up on your own account first if you require it of your own role.
          </Typography>
          {save.data && <Alert severity="success">{savedMessage(save.data.membersSignedOut)}</Alert>}
          {save.error && <Alert severity="error">{errorMessage(save.error)}</Alert>}
          <Button type="submit" variant="contained" disabled={save.isPending} sx={{ alignSelf: 'flex-start' }}>
            Save
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
