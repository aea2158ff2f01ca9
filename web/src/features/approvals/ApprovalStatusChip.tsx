import { Chip, type ChipProps } from '@mui/material';
import type { TApprovalRecord } from './approvalTypes';

const LOOK: Record<TApprovalRecord['status'], { label: string; color: ChipProps['color'] }> = {
  pending_approval: { label: 'waiting for approval', color: 'warning' },
  executing: { label: 'approved, in progress', color: 'info' },
  succeeded: { label: 'approved and done', color: 'success' },
  failed: { label: 'failed', color: 'error' },
  void: { label: 'void (requester disabled)', color: 'default' },
  rejected: { label: 'rejected', color: 'error' },
  expired: { label: 'expired', color: 'default' },
};

export function ApprovalStatusChip({ status }: { status: TApprovalRecord['status'] }) {
  const look = LOOK[status] ?? { label: status, color: 'default' };
  return <Chip size="small" color={look.color} label={look.label} />;
}
