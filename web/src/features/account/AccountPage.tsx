import { Alert, Stack, Typography } from '@mui/material';
import { Loading, Title } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import { ChangePasswordCard } from './ChangePasswordCard';
import { TwoFactorCard } from './TwoFactorCard';
import { useAccount } from './useAccount';

/** My account: every signed-in staff member, whatever their roles. */
export default function AccountPage() {
  const hooks = useAccount();
  const { data: account, error, isPending } = hooks.account;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{errorMessage(error)}</Alert>;
  return (
    <Stack spacing={2} mt={2} maxWidth={720}>
      <Title title="My account" />
      <Typography variant="h5" component="h1">
        My account
      </Typography>
      <Typography color="text.secondary">
        {account.name} · {account.email}
      </Typography>
      <ChangePasswordCard changePassword={hooks.changePassword} />
      <TwoFactorCard hooks={hooks} />
    </Stack>
  );
}
