import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { auditActionLabel } from './auditActionLabel';
import type { TAuditEntry } from './auditTypes';

/** The action in words, with its key underneath for those who search or filter by it. */
export function AuditActionField(_props: { label?: string }) {
  const entry = useRecordContext<TAuditEntry>();
  if (!entry) return null;
  return (
    <>
      <Typography variant="body2">{auditActionLabel(entry.action)}</Typography>
      <Typography variant="caption" component="div" color="text.secondary" fontFamily="monospace">
        {entry.action}
      </Typography>
    </>
  );
}
