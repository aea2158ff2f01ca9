import { ZSuspendRequestSchema, type TCustomerPage } from '@opsdesk/shared';
import { Checkbox, FormControlLabel, TextField } from '@mui/material';
import { useState } from 'react';
import { ActionDialog } from './ActionDialog';
import { ActionMenuButton } from './ActionMenuButton';
import { checkCount } from './countInput';
import { useActionPermissions } from './useActionPermissions';

type User = TCustomerPage['user'];
type AccountAction = 'suspend' | 'ban' | 'unban';

/** The account actions (suspend, ban, unban) this staff member may take on `user` now: permitted and meaningful. */
export function useAccountActions(user: User | undefined): { action: AccountAction; label: string }[] {
  const may = useActionPermissions();
  if (!user) return [];
  return [
    ...(may('suspend') && user.status === 'active' ? [{ action: 'suspend' as const, label: 'Suspend…' }] : []),
    ...(may('ban') && user.status !== 'banned' && user.status !== 'deleted' ? [{ action: 'ban' as const, label: 'Ban…' }] : []),
    ...(may('unban') && (user.status === 'banned' || user.status === 'suspended') ? [{ action: 'unban' as const, label: 'Unban…' }] : []),
  ];
}

/** Header menu of account actions, showing only those permitted and meaningful. */
export function AccountActionsMenu({ user }: { user: User }) {
  const available = useAccountActions(user);
  const [open, setOpen] = useState<AccountAction | null>(null);
  if (available.length === 0) return null;
  const close = () => setOpen(null);
  return (
    <>
      <ActionMenuButton label="Account actions" items={available} onPick={setOpen} buttonProps={{ variant: 'outlined' }} />
      <SuspendDialog user={user} open={open === 'suspend'} onClose={close} />
      <BanDialog user={user} open={open === 'ban'} onClose={close} />
      <ActionDialog
        open={open === 'unban'}
        onClose={close}
        action="unban"
        title={`Unban ${user.email}`}
        description="They can sign in to the product again."
        params={{ userId: user.id }}
        confirmLabel="Unban"
        customerEmail={user.email}
      />
    </>
  );
}

function SuspendDialog({ user, open, onClose }: { user: User; open: boolean; onClose: () => void }) {
  const [days, setDays] = useState('7');
  const [cancelSubscriptions, setCancelSubscriptions] = useState(false);
  const daysCheck = checkCount(days, ZSuspendRequestSchema.shape.days, 'days');
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      action="suspend"
      title={`Suspend ${user.email}`}
      description="Their product sessions end now and they cannot sign in until the suspension lifts by itself."
      params={daysCheck.value !== undefined ? { userId: user.id, days: daysCheck.value, cancelSubscriptions } : null}
      confirmLabel="Suspend"
      customerEmail={user.email}
      fields={
        <>
          <TextField label="Days" type="number" value={days} onChange={(event) => setDays(event.target.value)} error={daysCheck.error !== null} helperText={daysCheck.error ?? ' '} />
          <CancelSubscriptionsBox checked={cancelSubscriptions} onChange={setCancelSubscriptions} />
        </>
      }
    />
  );
}

function BanDialog({ user, open, onClose }: { user: User; open: boolean; onClose: () => void }) {
  const [cancelSubscriptions, setCancelSubscriptions] = useState(false);
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      action="ban"
      title={`Ban ${user.email}`}
      description="Their product sessions end now and they cannot sign in again until unbanned."
      params={{ userId: user.id, cancelSubscriptions }}
      confirmLabel="Ban"
      customerEmail={user.email}
      fields={<CancelSubscriptionsBox checked={cancelSubscriptions} onChange={setCancelSubscriptions} />}
    />
  );
}

function CancelSubscriptionsBox({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return <FormControlLabel control={<Checkbox checked={checked} onChange={(event) => onChange(event.target.checked)} />} label="Also cancel their subscriptions now" />;
}
