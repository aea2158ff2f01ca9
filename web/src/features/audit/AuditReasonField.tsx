import { FunctionField } from 'react-admin';
import type { SxProps } from '@mui/material';
import type { TAuditEntry } from './auditTypes';

export const PERSONAL_DATA_ERASED = 'Personal data erased';

/**
 * A row's reason; for a row about an erased data subject (its personal values were sealed
 * under a key that erasure destroyed, docs/gdpr.md) says so instead of showing nothing.
 */
export function AuditReasonField({ label = 'Reason', emptyText = '—', sx }: { label?: string; emptyText?: string; sx?: SxProps; sortable?: boolean }) {
  return (
    <FunctionField<TAuditEntry>
      label={label}
      sortable={false}
      sx={sx}
      render={(entry) => (entry.personalDataErased ? <em>{PERSONAL_DATA_ERASED}</em> : (entry.reason ?? emptyText))}
    />
  );
}
