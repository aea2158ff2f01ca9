import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext } from 'react-admin';
import type { TAuditEntry } from './auditTypes';

/**
 * An entry's result in words and in a colour a scan of the log catches: a refusal or a
 * failure among hundreds of successes is what an auditor looks for. "Attempted" is an
 * intent recorded before an outside call whose outcome is not written yet (intent-first).
 */
export const AUDIT_RESULT_LOOK: Record<TAuditEntry['result'], { label: string; color: ChipProps['color'] }> = {
  success: { label: 'Success', color: 'default' },
  failure: { label: 'Failed', color: 'error' },
  denied: { label: 'Denied', color: 'warning' },
  attempted: { label: 'Attempted', color: 'info' },
};

export function AuditResultChip({ result }: { result: TAuditEntry['result'] }) {
  const look = AUDIT_RESULT_LOOK[result] ?? { label: result, color: 'default' };
  return <Chip size="small" label={look.label} color={look.color} variant={look.color === 'default' ? 'outlined' : 'filled'} />;
}

/** The chip as a react-admin field, reading the entry from the record context. */
export function AuditResultField(_props: { label?: string }) {
  const entry = useRecordContext<TAuditEntry>();
  return entry ? <AuditResultChip result={entry.result} /> : null;
}
