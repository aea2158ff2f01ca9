import { ZNewPassword, ZReason, type TStaff } from '@opsdesk/shared';
import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import KeyIcon from '@mui/icons-material/Key';
import PhonelinkEraseIcon from '@mui/icons-material/PhonelinkErase';
import { Button } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { TopToolbar, useRecordContext } from 'react-admin';
import type { z } from 'zod';
import { errorMessage } from '../../app/trpcErrors';
import { ConfirmWithInputDialog } from '../../app/ConfirmWithInputDialog';
import { useStaffActions } from './useStaffActions';

/** Edit-page toolbar: disable/enable, reset password, reset two-factor. */
export function StaffActions() {
  const staff = useRecordContext<TStaff>();
  const actions = useStaffActions();
  if (!staff) return null;
  const id = staff.id;
  const statusAction = staff.status === 'active' ? actions.disable : actions.enable;
  return (
    <TopToolbar>
      <ActionWithDialog
        icon={staff.status === 'active' ? <BlockIcon /> : <CheckCircleIcon />}
        label={staff.status === 'active' ? 'Disable' : 'Enable'}
        title={`${staff.status === 'active' ? 'Disable' : 'Enable'} ${staff.name}`}
        description={
          staff.status === 'active' ? 'They are signed out everywhere and cannot sign in until enabled again.' : 'They will be able to sign in again.'
        }
        inputLabel="Reason"
        schema={ZReason}
        mutation={statusAction}
        run={(reason) => statusAction.mutateAsync({ id, reason })}
      />
      <ActionWithDialog
        icon={<KeyIcon />}
        label="Reset password"
        title={`Reset the password of ${staff.name}`}
        description="Their sessions end; give them the new password through a secure channel."
        inputLabel="New password"
        inputType="password"
        schema={ZNewPassword}
        mutation={actions.resetPassword}
        run={(password) => actions.resetPassword.mutateAsync({ id, password })}
      />
      {staff.totpEnrolled && (
        <ActionWithDialog
          icon={<PhonelinkEraseIcon />}
          label="Reset two-factor"
          title={`Reset two-factor authentication of ${staff.name}`}
          description="Use when they lost their authenticator, or someone else may have it. Their sessions end; they set it up again at their next sign-in if their role requires it."
          inputLabel="Reason"
          schema={ZReason}
          mutation={actions.resetTotp}
          run={(reason) => actions.resetTotp.mutateAsync({ id, reason })}
        />
      )}
    </TopToolbar>
  );
}

function ActionWithDialog(props: {
  icon: ReactNode;
  label: string;
  title: string;
  description: string;
  inputLabel: string;
  inputType?: 'text' | 'password';
  schema: z.ZodType;
  mutation: { isPending: boolean; error: unknown; reset: () => void };
  run: (value: string) => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const close = () => {
    props.mutation.reset();
    setOpen(false);
  };
  return (
    <>
      <Button startIcon={props.icon} onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      <ConfirmWithInputDialog
        open={open}
        title={props.title}
        description={props.description}
        inputLabel={props.inputLabel}
        inputType={props.inputType}
        confirmLabel={props.label}
        pending={props.mutation.isPending}
        error={props.mutation.error ? errorMessage(props.mutation.error) : null}
        schema={props.schema}
        onConfirm={(value) => void props.run(value).then(close, () => undefined)}
        onClose={close}
      />
    </>
  );
}
