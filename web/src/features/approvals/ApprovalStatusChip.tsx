import { Chip, type ChipProps } from '@mui/material';
import type { TApprovalRecord } from './approvalTypes';

const LOOK: Record<TApprovalRecord['status'], { label: string; color: ChipProps['color'] }> = {
  pending_approval: { label: 'waiting for approval', color: 'warning' },
  succeeded: { label: 'approved and done', color: 'success' },
  rejected: { label: 'rejected', color: 'error' },
  expired: { label: 'expired', color: 'default' },
};

export function ApprovalStatusChip({ status }: { status: TApprovalRecord['status'] }) {
  const look = LOOK[status] ?? { label: status, color: 'default' };
  return <Chip size="small" color={look.color} label={look.label} />;
}
