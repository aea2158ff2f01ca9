import { ROLE_LABELS, type Role } from '@opsdesk/shared';
import { Chip, Stack } from '@mui/material';
import { useRecordContext } from 'react-admin';

/** A staff member's roles as chips ("Support", "Admin"). */
export function RolesField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<{ roles: Role[] }>();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
      {record.roles.map((role) => (
        <Chip key={role} size="small" label={ROLE_LABELS[role] ?? role} />
      ))}
    </Stack>
  );
}
