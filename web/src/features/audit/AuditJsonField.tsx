import { Box } from '@mui/material';
import { useRecordContext } from 'react-admin';

/** Raw JSON of one audit column (e.g. the request input, with secrets already redacted by the server). */
export function AuditJsonField({ source }: { source: 'input'; label?: string }) {
  const entry = useRecordContext<Record<string, unknown>>();
  const value = entry?.[source];
  if (value === undefined || value === null) return <>—</>;
  return (
    <Box component="pre" sx={{ m: 0, fontSize: 13, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {JSON.stringify(value, null, 2)}
    </Box>
  );
}
