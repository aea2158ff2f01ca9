import { Alert, Typography } from '@mui/material';
import { Loading } from 'react-admin';
import { ConsolePage } from '../../app/ConsolePage';
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
    <ConsolePage title="My account" maxWidth={720}>
      <Typography color="text.secondary">
        {account.name} · {account.email}
      </Typography>
      <ChangePasswordCard changePassword={hooks.changePassword} />
      <TwoFactorCard hooks={hooks} />
    </ConsolePage>
  );
}
